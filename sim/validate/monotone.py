"""Monotone cases: more of a lever moves a KPI the way it must, on common random numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import curves
from ..experiment import Comparison, Results
from ..presets import load_preset
from ..scenario import Scenario
from .core import (
    Verdict,
    _ci,
    _ci_text,
    _compare,
    _g,
    _paired,
    _paired_t,
    _reps,
    _run,
    _scenario,
    _z_limit,
    check,
    check_alpha,
)


def _reps_ladder(preset: str, costs: Sequence[float], *assignments: str) -> tuple[Scenario, ...]:
    """The same world with more reps and the same marketing: a cheaper rep, the same sales budget."""
    out = []
    for cost in costs:
        s = _scenario(preset, *assignments, f"budget.cost_per_rep_eur_per_year={cost}")
        out.append(s.model_copy(update={"name": f"{s.reps} reps"}))
    return tuple(out)


def _more_reps_verdict(cmp: Comparison) -> Verdict:
    """Each step up in reps: response time not significantly longer (one-sided, at the suite's budget for a
    chance check shared among the steps); fewest to most: significantly shorter (95%, a direction)."""
    n_steps = len(cmp.names) - 1
    level = 1 - 2 * check_alpha(n_steps)  # two-sided level whose lower bound is the one-sided test
    steps = [_paired(cmp, "response_time_hours", i + 1, i, level) for i in range(n_steps)]
    overall = _paired(cmp, "response_time_hours", len(cmp.names) - 1, 0)
    means = [r.kpi("response_time_hours") for r in cmp.results]
    ok = all(lo <= 0 or m <= 0 for m, lo, _ in steps) and overall[2] < 0
    return Verdict(
        f"{', '.join(cmp.names)}: no step lengthens the mean response (paired {level:.4%} CI low <= 0); "
        f"{cmp.names[-1]} vs {cmp.names[0]}: CI below 0",
        f"means {', '.join(_g(m) for m in means)} h; steps {'; '.join(_ci_text(x) for x in steps)}; "
        f"overall {_ci_text(overall)}",
        ok,
    )


@check
def more_reps_never_lengthen_response_sales_led(quick: bool) -> Verdict:
    """stretched_reps (sales_led: calls, premature contacts, prospecting) with 6, 8, 10 and 13 reps."""
    cmp = _compare(_reps_ladder("stretched_reps", (250_000, 187_500, 150_000, 115_000)), _reps(quick, 4, 10))
    return _more_reps_verdict(cmp)


@check
def more_reps_never_lengthen_response_zmot_nurture(quick: bool) -> Verdict:
    """zmot_nurture with 60 buyers a week and 4, 6, 8 and 12 reps."""
    cmp = _compare(_reps_ladder("zmot_nurture", (300_000, 200_000, 150_000, 100_000), "market.arrivals_per_week=60"),
                   _reps(quick, 4, 10))
    return _more_reps_verdict(cmp)


def _directional(cmp: Comparison, kpi: str, sign: int, i: int = 1, j: int = 0) -> Verdict:
    """Scenario i minus scenario j on `kpi`: CI entirely above 0 (sign 1) or below (sign -1)."""
    d = _paired(cmp, kpi, i, j)
    ok = d[1] > 0 if sign > 0 else d[2] < 0
    a, b = cmp.results[j].kpi(kpi), cmp.results[i].kpi(kpi)
    return Verdict(f"{kpi}: {cmp.names[i]} {'>' if sign > 0 else '<'} {cmp.names[j]} (paired 95% CI "
                   f"{'above' if sign > 0 else 'below'} 0)",
                   f"{_g(a)} -> {_g(b)}; difference {_ci_text(d)}, t = {_paired_t(cmp, kpi, i, j):+.1f}", ok)


def _first_call_engagement(quick: bool, source: str) -> tuple[int, np.ndarray, int]:
    """Buyers of `source` called before their ZMOT in stretched_reps: how many took the first call,
    the engagement chance the model should have used for each (from its wait), and how many were called."""
    s = load_preset("stretched_reps")
    # Thirty replications in either mode: a few hundred calls leave a 3-sigma fluke too likely.
    res = _run(s, 30, detail=True)
    b, week = res.buyers, s.sales.hours_per_week
    called = b[(b["source"] == source) & b["response_hours"].notna() & (b["clarity_when_known"] < 1)
               & ~(b["first_pickup_week"] >= b["zmot_week"])]  # first picked up before its ZMOT: an early call
    picked_up = called["first_pickup_week"] * week
    engaged = int(((called["first_contact_week"] * week - picked_up).abs() < 1e-6).sum())
    if source == "marketing_inquiry":
        p = np.asarray(curves.lead_engagement(called["response_hours"].to_numpy(dtype=float), s), dtype=float)
    else:
        p = np.full(len(called), s.sales.cold_call_engage_probability)
    return engaged, p, len(called)


def _binomial_sum_verdict(engaged: int, p: np.ndarray, n: int, what: str) -> Verdict:
    sd = math.sqrt(float((p * (1 - p)).sum())) or 1.0
    z = (engaged - float(p.sum())) / sd
    limit = _z_limit(check_alpha())
    return Verdict(f"{what}: {_g(float(p.sum()))} of {n} first calls taken (sum of the chances); |z| <= {limit:.2f}",
                   f"{engaged} taken; z = {z:+.2f}", abs(z) <= limit and n > 0)


@check
def early_calls_engage_as_the_speed_to_lead_curve_says(quick: bool) -> Verdict:
    """Inquiries passed to a stretched sales team: each first call is taken with the HBR curve's chance at
    that lead's wait, so the calls taken add up to the sum of those chances."""
    engaged, p, n = _first_call_engagement(quick, "marketing_inquiry")
    return _binomial_sum_verdict(engaged, p, n, "inquiries, lead_engagement(wait)")


@check
def cold_calls_engage_at_their_probability(quick: bool) -> Verdict:
    """Buyers found by prospecting take the first call with cold_call_engage_probability."""
    engaged, p, n = _first_call_engagement(quick, "outbound")
    return _binomial_sum_verdict(engaged, p, n, "outbound, cold_call_engage_probability")


@check
def more_content_budget_more_inquiries(quick: bool) -> Verdict:
    """A larger content share of the same marketing budget reveals more buyers."""
    cmp = _compare((_scenario("baseline_2011", "budget.content_share_of_marketing=0.3", name="content 30%"),
                    _scenario("baseline_2011", "budget.content_share_of_marketing=0.9", name="content 90%")),
                   _reps(quick, 3, 10))
    return _directional(cmp, "inquiries", +1)


@check
def longer_patience_fewer_slow_response_losses(quick: bool) -> Verdict:
    """Stretched reps: buyers who wait 40 h rather than 8 h are less often lost to a slow response."""
    cmp = _compare((_scenario("stretched_reps", "research.patience_hours_mean=8", name="patience 8 h"),
                    _scenario("stretched_reps", "research.patience_hours_mean=40", name="patience 40 h")),
                   _reps(quick, 6, 10))
    return _directional(cmp, "lost_slow_response", -1)


_SLOW_DECAY = ("sales.speed_to_lead_fast_hours=8", "sales.speed_to_lead_slow_hours=40",
               "sales.speed_to_lead_slow_weight=0.5")


def _decay_pair(*assignments: str) -> tuple[Scenario, Scenario]:
    return (_scenario("stretched_reps", *assignments, *_SLOW_DECAY, name="slow decay"),
            _scenario("stretched_reps", *assignments, name="HBR decay"))


@check
def faster_lead_decay_costs_conversations_when_reps_stretched(quick: bool) -> Verdict:
    """Stretched reps, leads wait: the HBR decay (preset) leaves fewer buyers talking to a rep than a slow one."""
    cmp = _compare(_decay_pair(), _reps(quick, 8, 10))
    return _directional(cmp, "sals", -1)


@check
def lead_decay_does_not_bind_with_idle_reps(quick: bool) -> Verdict:
    """With twice the reps nobody waits, so the decay's effect on SALs vanishes: not significant, and under
    half the stretched one (a call reached at once engages under either curve; the paths of the two runs
    still part by chance after the first call that waited, hence no tighter bound)."""
    n = _reps(quick, 8, 10)
    stretched = _paired(_compare(_decay_pair(), n), "sals", 1, 0)
    idle = _paired(_compare(_decay_pair("budget.cost_per_rep_eur_per_year=75000"), n), "sals", 1, 0)
    ok = abs(idle[0]) < 0.5 * abs(stretched[0]) and idle[1] <= 0 <= idle[2] and stretched[2] < 0
    return Verdict("SALs, HBR minus slow decay: stretched effect below 0; idle-rep effect's CI holds 0 and "
                   "|idle| < 0.5 x |stretched|",
                   f"stretched (10 reps) {_ci_text(stretched)}; idle (20 reps) {_ci_text(idle)}", ok)


@check
def zmot_nurture_fewer_premature_contacts_than_sales_led(quick: bool) -> Verdict:
    """The seed's advice against the 2011 habit: fewer first contacts before the buyer's ZMOT."""
    cmp = _compare((load_preset("baseline_2011"), load_preset("zmot_nurture")), _reps(quick, 3, 10))
    return _directional(cmp, "premature_contact_share", -1)


@check
def longer_follow_up_fewer_buyers_in_progress(quick: bool) -> Verdict:
    """Cohort accounting: following the same year's buyers 26 weeks longer leaves fewer of them undecided."""
    cmp = _compare((_scenario("baseline_2011", "experiment.follow_up_weeks=0", name="no follow-up"),
                    _scenario("baseline_2011", "experiment.follow_up_weeks=26", name="26 weeks follow-up")),
                   _reps(quick, 3, 10))
    return _directional(cmp, "buyers_in_progress", -1)


@check
def warm_up_reaches_steady_state(quick: bool) -> Verdict:
    """The market starts in motion (a pre-history of arrivals) and the presets' warm-up fills the reps'
    pipeline: rep utilization in the measured year is the same as after a warm-up twice as long
    (seed_advice, where dormant leads and deals weigh most), and it does not climb through the year (the
    busy reps of its last quarter within 10% of its first: weekly loads are noisy)."""
    s = load_preset("seed_advice")
    long = _scenario("seed_advice", f"experiment.warmup_weeks={min(2 * s.experiment.warmup_weeks, 52)}",
                     name="long warm-up")
    n = _reps(quick, 6, 20)
    short_res, long_res = _compare((s, long), n, True).results
    a = short_res.per_replication["rep_utilization"].to_numpy()
    b = long_res.per_replication["rep_utilization"].to_numpy()
    se = math.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    z = (a.mean() - b.mean()) / se if se > 0 else 0.0
    q = short_res.queue[short_res.queue["week"].between(0, s.experiment.horizon_weeks - 1)]
    quarter = (q["week"] // 13).astype(int)
    by_quarter = q.groupby(quarter)["busy_reps"].mean()
    drift = (by_quarter.iloc[-1] - by_quarter.iloc[0]) / max(by_quarter.mean(), 1e-9)
    return Verdict(f"utilization, warm-up {s.experiment.warmup_weeks} vs {long.experiment.warmup_weeks} weeks: "
                   "|z| <= 3 (independent runs); busy reps, last quarter vs first, within 10%",
                   f"{_g(a.mean())} vs {_g(b.mean())} (z = {z:+.2f}); busy reps by quarter "
                   f"{', '.join(_g(v) for v in by_quarter)} (drift {drift:+.1%})",
                   abs(z) <= 3 and abs(drift) <= 0.10)


@check
def more_buyers_busier_reps(quick: bool) -> Verdict:
    """Half as many buyers again, same reps: higher utilisation (and, in `observed`, response time)."""
    cmp = _compare((load_preset("baseline_2011"), _scenario("baseline_2011", "market.arrivals_per_week=60",
                                                             name="60 buyers/week")), _reps(quick, 3, 10))
    v = _directional(cmp, "rep_utilization", +1)
    r = _directional(cmp, "response_time_hours", +1)
    return Verdict(f"{v.expected}; same for response_time_hours", f"{v.observed}; response {r.observed}",
                   v.ok and r.ok)


@check
def shorter_research_earlier_zmot(quick: bool) -> Verdict:
    """A research need of 4 touchpoints instead of 11: fewer touchpoints and an earlier ZMOT."""
    cmp = _compare((load_preset("baseline_2011"), _scenario("baseline_2011", "research.need_mean_touchpoints=4",
                                                            name="need 4")), _reps(quick, 3, 10))
    a = _directional(cmp, "days_to_zmot", -1)
    b = _directional(cmp, "touchpoints_per_buyer", -1)
    return Verdict(f"{a.expected}; {b.expected}", f"{a.observed}; {b.observed}", a.ok and b.ok)


@check
def nurture_speeds_up_research(quick: bool) -> Verdict:
    """zmot_nurture: nurtured leads research faster (nurture_pace_boost 0.3 against 0), so the leads first
    known by an inquiry reach their ZMOT sooner after being known (dormant spells aside, whose months would
    drown the weeks the pace saves)."""
    cmp = _compare((_scenario("zmot_nurture", "marketing.nurture_pace_boost=0", "research.dormant_share=0",
                              name="no pace boost"),
                    _scenario("zmot_nurture", "research.dormant_share=0")), _reps(quick, 8, 10), detail=True)

    def weeks(res: Results) -> pd.Series:
        b = res.buyers[res.buyers["source"] == "marketing_inquiry"]
        return (b["zmot_week"] - b["known_week"]).groupby(b["replication"]).mean()

    slow, fast = (weeks(r) for r in cmp.results)
    d = _ci(fast - slow)
    return Verdict("weeks from inquiry to ZMOT: zmot_nurture < no pace boost (paired 95% CI below 0)",
                   f"{_g(slow.mean())} -> {_g(fast.mean())} weeks; difference {_ci_text(d)}", d[2] < 0)
