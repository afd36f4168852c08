"""Queueing theory: the sales team against Erlang C (M/M/c) and Little's law."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.special import gammaln

from ..experiment import confidence_interval
from ..presets import load_preset
from ..scenario import Scenario
from .core import (
    Verdict,
    _ci,
    _ci_text,
    _compare,
    _g,
    _reps,
    _run,
    _scenario,
    _worst,
    cached,
    check,
    check_alpha,
)

ERLANG_REPS = 10  # c servers
ERLANG_RHO = 0.8  # utilisation the test queue is designed for


def erlang_c(c: int, a: float) -> float:
    """Probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu (Erlang C)."""
    if a >= c:
        return 1.0
    if a <= 0:
        return 0.0
    k = np.arange(c)
    head = np.exp(k * np.log(a) - gammaln(k + 1)).sum()
    tail = math.exp(c * math.log(a) - gammaln(c + 1)) * c / (c - a)
    return float(tail / (head + tail))


def mmc_mean_wait(lam: float, mu: float, c: int) -> float:
    """Mean wait in queue of an M/M/c queue: C(c, a) / (c mu - lambda); infinite when unstable."""
    if lam >= c * mu:
        return math.inf
    return erlang_c(c, lam / mu) / (c * mu - lam)


def erlang_scenario() -> Scenario:
    """A world where the rep queue is M/M/c.

    - zmot_nurture with no prospecting: no premature contact, no outbound call; a rep meets a buyer
      only when it raises its hand past its ZMOT;
    - everyone disqualified after qualification (fit is always below 1): qualification is the only task;
    - exponential task times (cv 1); patience of 1e9 hours: nobody reneges;
    - every buyer reaches its ZMOT with us on its shortlist (no group-size attrition, brand affinity 10),
      so nearly every arrival joins the queue and the run simulates few buyers for nothing;
    - no dormant spells and short research (two touchpoints at five a week): the hand-raises, a Poisson
      process delayed by independent research times, reach their stationary rate within days, well inside
      the warm-up.

    The hand-raise rate is then about arrivals_per_week / hours_per_week, and the qualification time
    is set so that the reps are about 80% busy. The statistics are taken on the buyers that arrive
    after the warm-up (the cohort), so the empty queue at the start does not bias them.
    """
    arrivals, week, admin = 100.0, 40.0, 0.2
    lam = arrivals / week  # hand-raises per clock hour
    clock_hours = ERLANG_RHO * ERLANG_REPS / lam  # mean clock time a task holds a rep: rho = lam x that / c
    return _scenario(
        "zmot_nurture",
        "sales.task_time_cv=1", "research.patience_hours_mean=1e9", "sales.unqualified_fit_below=1",
        "sales.prospecting_share=0", "sales.prospect_hits_per_hour=0",
        f"market.arrivals_per_week={arrivals}", f"sales.hours_per_week={week}", f"sales.admin_share={admin}",
        f"sales.qualification_hours={clock_hours * (1 - admin):.6g}",
        "research.need_mean_touchpoints=2", "research.need_dispersion=100",
        "research.pace_mean_per_week=5", "research.pace_shape=20",
        "research.purchase_likelihood_one=1", "research.purchase_likelihood_six=1", "research.dormant_share=0",
        "marketing.shortlist_max_probability=1", "marketing.brand_affinity=10",
        "budget.gtm_budget_eur_per_year=2000000", "budget.cost_per_rep_eur_per_year=150000",
        f"budget.sales_share={ERLANG_REPS * 150_000 / 2_000_000}",
        "experiment.warmup_weeks=4", "experiment.horizon_weeks=40", "experiment.follow_up_weeks=2",
        name="erlang_c",
    )


@cached(4)
def erlang_data(s: Scenario, replications: int) -> tuple[pd.DataFrame, float, int]:
    """Per replication: arrival rate to the queue, mean wait, share that waited, utilisation, and the
    Erlang C figures at that replication's arrival rate; then mu and c.

    The arrival rate is estimated from the queue entries of the cohort (buyers that arrived after the
    warm-up), so the theory does not depend on how the engine thins the market into hand-raises.
    """
    res = _run(s, replications, detail=True)
    c = s.reps
    mu = (1 - s.sales.admin_share - s.sales.prospecting_share) / s.sales.qualification_hours
    hours = s.experiment.horizon_weeks * s.sales.hours_per_week
    served = res.buyers.dropna(subset=["response_hours"])
    g = served.groupby("replication")["response_hours"]
    per = pd.DataFrame({"lam": g.size() / hours, "wait": g.mean(), "waited": g.apply(lambda w: float((w > 0).mean()))})
    per["utilisation"] = res.per_replication.set_index("replication")["rep_utilization"]
    per["theory_wait"] = [mmc_mean_wait(x, mu, c) for x in per["lam"]]
    per["theory_waited"] = [erlang_c(c, x / mu) for x in per["lam"]]
    per["theory_utilisation"] = per["lam"] / (c * mu)
    return per, mu, c


ERLANG_MEASURES = {  # observed column, theory column, what, unit
    "mean_wait": ("wait", "theory_wait", "W_q", " h"),
    "probability_of_waiting": ("waited", "theory_waited", "P(wait > 0)", ""),
    "utilisation": ("utilisation", "theory_utilisation", "utilisation", ""),
}


def erlang_verdict(s: Scenario, replications: int, measure: str) -> Verdict:
    """One Erlang C measure: 0 must lie in the CI of (observed - theory), paired by replication, at the
    level the suite's error budget gives a chance check (1 - check_alpha())."""
    observed, theory, what, unit = ERLANG_MEASURES[measure]
    per, mu, c = erlang_data(s, replications)
    lam = float(per["lam"].mean())
    level = 1 - check_alpha()
    diff = confidence_interval(np.asarray(per[observed] - per[theory], dtype=float), level)
    obs = _ci(per[observed])
    expected = (f"{what} = {_g(float(per[theory].mean()))}{unit} (M/M/{c}: lambda {_g(lam)}/h from the queue "
                f"entries, mu {_g(mu)}/h, rho {_g(lam / (c * mu))}); 0 in the {level:.4%} CI of observed - theory")
    observed_text = (f"{_ci_text(obs)}{unit} over {len(per)} replications; "
                     f"observed - theory {_ci_text(diff)}")
    return Verdict(expected, observed_text, bool(diff[1] <= 0 <= diff[2]))


def _erlang_reps(quick: bool) -> int:
    return _reps(quick, 10, 30)


@check
def erlang_c_mean_wait(quick: bool) -> Verdict:
    """Mean wait for a rep, per replication, against Erlang C at that replication's arrival rate."""
    return erlang_verdict(erlang_scenario(), _erlang_reps(quick), "mean_wait")


@check
def erlang_c_probability_of_waiting(quick: bool) -> Verdict:
    """Share of hand-raisers that waited at all, against the Erlang C probability of waiting."""
    return erlang_verdict(erlang_scenario(), _erlang_reps(quick), "probability_of_waiting")


@check
def erlang_c_utilisation(quick: bool) -> Verdict:
    """Time-average busy reps per rep (the queue statistics) against the offered load lambda / (c mu)."""
    return erlang_verdict(erlang_scenario(), _erlang_reps(quick), "utilisation")


@check
def littles_law_rep_queue(quick: bool) -> Verdict:
    """L = lambda W on the rep queue, per replication, from the diagnostics (two bookkeeping paths).

    L is the time-integral of the queue length over the run; lambda W is the sum of the individual
    waits (reneged, served, or still open at the end) over the run. The queue starts empty and open
    waits are counted to the end, so the identity is exact on every sample path, with priorities,
    reneging and premature contacts alike.
    """
    scenarios = (load_preset("stretched_reps"), load_preset("hybrid"), load_preset("mql_handoff"))
    cmp = _compare(scenarios, _reps(quick, 2, 5), True)
    errors, waited = [], 0.0
    for res in cmp.results:
        d = res.diagnostics
        L = d["queue_area"] / d["run_hours"]
        lam = d["queue_entries"] / d["run_hours"]
        W = d["queue_wait_total_hours"] / d["queue_entries"].where(d["queue_entries"] > 0)
        errors += list((L - lam * W).abs() / L.where(L > 0, 1.0))
        waited += float(d["queue_wait_total_hours"].sum())
    worst = _worst(errors)
    return Verdict("|L - lambda W| / L below 1e-9 in every replication (stretched_reps, hybrid, mql_handoff)",
                   f"largest relative gap {_g(worst)} over {len(errors)} replications",
                   worst < 1e-9 and waited > 0)
