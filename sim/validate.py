"""Validation, as modellers do it: queueing theory, conservation, determinism, monotone and extreme cases.

Each check is a small function named after what it asserts; it returns the figure it expected, the
figure the model gave, and whether they agree. `run_checks()` runs them all into one table, which
`python -m sim validate` prints and `tests/test_validation.py` asserts check by check.

Statistical checks compare scenarios on common random numbers (replication i of every scenario
shares its random streams), so the paired difference between two scenarios has a narrow confidence
interval and a check needs only a few replications. Every run uses the fixed seed `SEED`: a verdict
is reproducible, and a changed verdict means the model changed. `quick=True` uses fewer
replications (wider intervals, same assertions) for the test suite.

Statistics that do not fail by chance
-------------------------------------
A check that compares the model with a known value (a theorem, a rate the engine was told to use)
fails a correct model by chance whenever its interval misses the truth. At 95% each such check would
fail one run in twenty; with nine of them, a correct model would fail the suite about one run in three
(1 - 0.95^9 = 0.37). So the suite holds a family-wise error budget, `SUITE_ALPHA` = 0.001, shared
equally (Bonferroni) among the `CHANCE_CHECKS`; a check made of m sub-tests splits its share m ways:

    alpha per check = 0.001 / 9 = 1.1e-4;   P(some chance check fails | correct model)
                    <= sum of the alphas = 0.001      (the union bound: no independence needed)

so the whole `validate` suite fails a correct model less than once in a thousand runs (seeds). The
levels this gives, in quick mode (full mode in brackets):

- Erlang C (three checks, one test each): 0 must lie in the t interval at level 1 - 1.1e-4 of the
  per-replication gap to theory: t(9) = 6.50 with 10 replications [t(29) = 4.47 with 30]. The checks
  keep their teeth: deterministic service gives a wait gap of t = -8.5 and reneging a gap in the
  probability of waiting of t = -13 over 10 replications (tests/test_validation.py asserts both);
- cohort size (one test per preset, m = 6 presets or more): |z| below norm.isf(1.1e-4 / (2 m)),
  4.28 with six presets;
- interval coverage (one test): the number of 95% intervals out of n seeds that cover the truth
  must lie within the binomial range of probability 1 - 1.1e-4 around 95% (n = 100 [200]);
- speed-to-lead and cold-call engagement (one test each): |z| <= norm.isf(1.1e-4 / 2) = 3.86;
- more reps never lengthen the response (two checks, three steps each, one-sided): each step's
  paired interval at one-sided level 1.1e-4 / 3 may not lie wholly above 0.

The levels hold exactly for exact tests and approximately for the normal and t approximations
(sums of hundreds of Bernoulli draws, means of 10 to 30 replications). Checks of a direction
("more content budget, more inquiries") compare with no known value: a correct model fails them only
for lack of power; their observed column gives the paired z, and effects many standard errors from
zero fail with negligible probability. Accounting and determinism checks are exact and cannot fail by
chance. Every verdict uses the fixed seed `SEED`, so it is reproducible; a change in how the engine
draws its random numbers re-draws the statistical verdicts, each with the probabilities above.
"""

from __future__ import annotations

import functools
import math
import multiprocessing
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln

from . import curves
from .experiment import Comparison, Results, RunTooLarge, check_size, compare, confidence_interval, run
from .kpis import KPIS
from .presets import ScenarioError, load_preset, preset_names, with_overrides
from .scenario import Policy, Scenario

SEED = 20261126
PASS, FAIL = "PASS", "FAIL"
SUITE_ALPHA = 0.001  # a correct model fails the whole suite by chance less often than this
CHANCE_CHECKS = (  # checks that compare with a known value, and so can fail a correct model by chance
    "erlang_c_mean_wait", "erlang_c_probability_of_waiting", "erlang_c_utilisation",
    "cohort_size_matches_arrival_rate", "confidence_intervals_cover_a_known_mean",
    "early_calls_engage_as_the_speed_to_lead_curve_says", "cold_calls_engage_at_their_probability",
    "more_reps_never_lengthen_response_sales_led", "more_reps_never_lengthen_response_zmot_nurture",
)


def check_alpha(subtests: int = 1) -> float:
    """Chance that one sub-test of a chance check fails a correct model: the suite's budget shared equally
    (Bonferroni) among the chance checks, then among the check's sub-tests."""
    return SUITE_ALPHA / len(CHANCE_CHECKS) / subtests


def _z_limit(alpha: float) -> float:
    """|z| beyond which a two-sided normal test at level alpha fails."""
    return float(stats.norm.isf(alpha / 2))
COUNT_KPIS = tuple(k.name for k in KPIS if k.unit == "buyers" and not k.name.endswith("_mean"))
SHARE_KPIS = tuple(k.name for k in KPIS if k.unit == "share")
LOST_KPIS = tuple(k.name for k in KPIS if k.name.startswith("lost_"))
WORK_ACTIVITIES = ("premature", "qualification", "opportunity")  # hours a rep is held by a buyer


@dataclass(frozen=True)
class Verdict:
    """What a check expected, what the model gave, and whether they agree."""

    expected: str
    observed: str
    ok: bool


Check = Callable[[bool], Verdict]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    """Register a check; its function name is its name in the table."""
    CHECKS.append(fn)
    return fn


def run_checks(quick: bool = False, checks: Sequence[Check] | None = None) -> pd.DataFrame:
    """Run the checks into a table: check, expected, observed, verdict (PASS or FAIL).

    A check that crashes is a FAIL whose observed column says how; the other checks still run.
    """
    rows = []
    try:
        for fn in checks or CHECKS:
            try:
                v = fn(quick)
                rows.append((fn.__name__, v.expected, v.observed, PASS if bool(v.ok) else FAIL))
            except Exception as e:  # a crash is a finding, reported in the table
                rows.append((fn.__name__, "runs without error", f"crashed: {type(e).__name__}: {e}", FAIL))
    finally:
        _clear_caches()
    return pd.DataFrame(rows, columns=["check", "expected", "observed", "verdict"])


def format_table(table: pd.DataFrame, width: int = 56) -> str:
    """The table for a terminal: left-aligned columns, long texts wrapped, a count of verdicts at the end."""
    cols = list(table.columns)
    widths = {c: width for c in ("expected", "observed")}
    widths["check"] = max([len("check"), *table["check"].str.len()])
    widths["verdict"] = len("verdict")
    lines = ["  ".join(c.ljust(widths[c]) for c in cols).rstrip()]
    lines.append("  ".join("-" * widths[c] for c in cols))
    for _, row in table.iterrows():
        cells = {c: textwrap.wrap(str(row[c]), widths[c]) or [""] for c in cols}
        for i in range(max(len(v) for v in cells.values())):
            lines.append("  ".join((cells[c][i] if i < len(cells[c]) else "").ljust(widths[c]) for c in cols).rstrip())
    counts = table["verdict"].value_counts()
    lines.append(f"{counts.get(PASS, 0)} PASS, {counts.get(FAIL, 0)} FAIL")
    return "\n".join(lines)


# Helpers -----------------------------------------------------------------------------------------
def _scenario(preset: str, *assignments: str, name: str | None = None) -> Scenario:
    s = with_overrides(load_preset(preset), list(assignments)) if assignments else load_preset(preset)
    return s.model_copy(update={"name": name}) if name else s


def _reps(quick: bool, few: int, many: int) -> int:
    return few if quick else many


@functools.lru_cache(maxsize=64)
def _compare(scenarios: tuple[Scenario, ...], replications: int, detail: bool = False) -> Comparison:
    """Scenarios on common random numbers, cached so that checks sharing a run pay for it once."""
    return compare(list(scenarios), replications, SEED, detail=detail)


def _run(s: Scenario, replications: int, detail: bool = False) -> Results:
    return _compare((s,), replications, detail).results[0]


def _clear_caches() -> None:
    _compare.cache_clear()
    erlang_data.cache_clear()
    _preset_runs.cache_clear()


def _g(x: float) -> str:
    return f"{x:.4g}" if math.isfinite(x) else str(x)


def _ci(values: np.ndarray | pd.Series) -> tuple[float, float, float]:
    return confidence_interval(np.asarray(values, dtype=float))


def _ci_text(ci: tuple[float, float, float]) -> str:
    return f"{_g(ci[0])} [{_g(ci[1])}, {_g(ci[2])}]"


def _paired_values(cmp: Comparison, kpi: str, i: int, j: int) -> np.ndarray:
    a = cmp.results[i].per_replication[kpi].to_numpy(dtype=float)
    b = cmp.results[j].per_replication[kpi].to_numpy(dtype=float)
    return a - b


def _paired(cmp: Comparison, kpi: str, i: int, j: int, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and CI (95% unless told) of scenario i minus scenario j, replication by replication (CRN)."""
    return confidence_interval(_paired_values(cmp, kpi, i, j), level)


def _paired_t(cmp: Comparison, kpi: str, i: int, j: int) -> float:
    """The paired difference in standard errors (its t statistic): how far from 0 an effect is."""
    d = _paired_values(cmp, kpi, i, j)
    d = d[np.isfinite(d)]
    if d.size < 2:
        return math.nan
    mean, se = float(d.mean()), float(d.std(ddof=1)) / math.sqrt(d.size)
    if se == 0:
        return 0.0 if mean == 0 else math.copysign(math.inf, mean)
    return mean / se


def _frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    try:
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    except AssertionError:
        return False
    return True


def _results_equal(a: Results, b: Results) -> list[str]:
    """Names of the tables that differ between two results (empty: identical)."""
    tables = ("per_replication", "buyers", "rep_hours", "queue", "diagnostics")
    return [t for t in tables if not _frames_equal(getattr(a, t), getattr(b, t))]


def _short(s: Scenario, horizon: int = 26) -> Scenario:
    """A shorter run of the same world, for checks whose assertion does not need a whole year."""
    return with_overrides(s, [f"experiment.horizon_weeks={horizon}", "experiment.warmup_weeks=4",
                              "experiment.follow_up_weeks=8"])


@functools.lru_cache(maxsize=2)
def _preset_runs(quick: bool) -> tuple[Results, ...]:
    """Every preset, with per-buyer detail: the invariants must hold in each of them."""
    scenarios = tuple(load_preset(n) for n in preset_names())
    return tuple(_compare(scenarios, _reps(quick, 2, 5), True).results)


def _worst(values: Sequence[float]) -> float:
    """The largest gap; a NaN gap (a figure that should exist but does not) counts as infinite."""
    return max((math.inf if math.isnan(x) else float(x) for x in values), default=0.0)


# Queueing theory ---------------------------------------------------------------------------------
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


@functools.lru_cache(maxsize=4)
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


# Conservation ------------------------------------------------------------------------------------
@check
def buyers_add_up_in_kpis(quick: bool) -> Verdict:
    """buyers_arrived = wins + every lost_* + buyers_in_progress, in every replication of every preset."""
    gaps = []
    for res in _preset_runs(quick):
        k = res.per_replication
        gaps += list((k["buyers_arrived"] - k["wins"] - k[list(LOST_KPIS)].sum(axis=1) - k["buyers_in_progress"]).abs())
    return Verdict("gap 0 in every replication of every preset",
                   f"largest gap {_g(_worst(gaps))} buyers over {len(gaps)} replications", _worst(gaps) == 0)


@check
def buyers_add_up_in_buyer_table(quick: bool) -> Verdict:
    """Every buyer of the cohort has one row and one outcome, and the outcome counts are the KPIs."""
    problems = []
    for res in _preset_runs(quick):
        b, k = res.buyers, res.per_replication.set_index("replication")
        counts = b.groupby(["replication", "outcome"], observed=False).size().unstack("outcome", fill_value=0)
        counts = counts.reindex(k.index, fill_value=0)
        if b["outcome"].isna().any():
            problems.append(f"{res.scenario.name}: buyers without an outcome")
        if not (counts.sum(axis=1) == k["buyers_arrived"]).all():
            problems.append(f"{res.scenario.name}: rows != buyers_arrived")
        for outcome in counts.columns:
            kpi = {"won": "wins", "in_progress": "buyers_in_progress"}.get(outcome, outcome)
            if kpi not in k.columns or not (counts[outcome] == k[kpi]).all():
                problems.append(f"{res.scenario.name}: {outcome} count != KPI {kpi}")
    return Verdict("one row per buyer; outcome counts equal the KPIs (every preset)",
                   "; ".join(problems) or "all equal", not problems)


@check
def funnel_stages_nested(quick: bool) -> Verdict:
    """Per buyer: won => opportunity => SQL => SAL, MQL => inquiry, and revenue if and only if won."""
    problems = []
    for res in _preset_runs(quick):
        b = res.buyers
        won = b["outcome"] == "won"
        pairs = ((won, "opportunities"), (b["opportunities"], "sqls"), (b["sqls"], "sals"), (b["mqls"], "inquiries"))
        for upper, lower in pairs:
            n = int((upper & ~b[lower]).sum())
            if n:
                problems.append(f"{res.scenario.name}: {n} buyers past a stage without {lower}")
        n = int(((b["revenue"] > 0) != won).sum())
        if n:
            problems.append(f"{res.scenario.name}: {n} buyers with revenue != won")
        if (b["wins"] != won).any():
            problems.append(f"{res.scenario.name}: wins flag != outcome won")
    return Verdict("no buyer skips a stage (win, opportunity, SQL, SAL; MQL, inquiry); revenue only on wins",
                   "; ".join(problems) or "nested in every preset", not problems)


@check
def rep_hours_add_up_each_week(quick: bool) -> Verdict:
    """Hours by activity (incl. admin and idle) add up to reps x hours_per_week, week by week."""
    gaps = []
    for res in _preset_runs(quick):
        paid = res.scenario.reps * res.scenario.sales.hours_per_week
        weekly = res.rep_hours.groupby(["replication", "week"])["hours"].sum()
        gaps.append(float((weekly - paid).abs().max() / paid))
    return Verdict("every week of every preset: relative gap below 1e-9",
                   f"largest relative gap {_g(_worst(gaps))}", _worst(gaps) < 1e-9)


@check
def rep_busy_time_matches_task_hours(quick: bool) -> Verdict:
    """Time-average busy reps x week x available share = hours booked to work on buyers, week by week.

    The queue statistics (busy reps integrated over time) and the activity hours (task by task) are
    kept separately; they must tell the same story.
    """
    gaps = []
    for res in _preset_runs(quick):
        s = res.scenario
        share = 1 - s.sales.admin_share - s.sales.prospecting_share
        h = res.rep_hours[res.rep_hours["activity"].isin(WORK_ACTIVITIES)]
        booked = h.groupby(["replication", "week"])["hours"].sum()
        busy = res.queue.set_index(["replication", "week"])["busy_reps"] * s.sales.hours_per_week * share
        paid = s.reps * s.sales.hours_per_week
        gaps.append(float((booked - busy.reindex(booked.index)).abs().max() / paid))
    return Verdict("every week of every preset: relative gap below 1e-9",
                   f"largest gap {_g(_worst(gaps))} of paid hours", _worst(gaps) < 1e-9)


@check
def cohort_size_matches_arrival_rate(quick: bool) -> Verdict:
    """The cohort is the buyers arriving in the measured window: arrivals_per_week x horizon_weeks on average."""
    parts, ok = [], True
    runs = _preset_runs(quick)
    limit = _z_limit(check_alpha(len(runs)))
    for res in runs:
        s, n = res.scenario, res.per_replication["buyers_arrived"]
        expected = s.market.arrivals_per_week * s.experiment.horizon_weeks * len(n)
        z = (float(n.sum()) - expected) / math.sqrt(expected)
        ok &= abs(z) < limit
        parts.append(f"{s.name} z={z:+.2f}")
    return Verdict(f"pooled cohort size within {limit:.2f} Poisson standard errors of the rate x window "
                   "(every preset)", "; ".join(parts), ok)


@check
def revenue_shares_add_up(quick: bool) -> Verdict:
    """Marketing-sourced + inbound + outbound revenue shares = 1: every win was first known one of three ways."""
    gaps = []
    for res in _preset_runs(quick):
        k = res.per_replication
        shares = ["marketing_sourced_revenue_share", "inbound_revenue_share", "outbound_revenue_share"]
        gaps += list((k[shares].sum(axis=1) - 1).abs()[k["revenue"] > 0])
    return Verdict("sum 1 in every replication with revenue (every preset)", f"largest gap {_g(_worst(gaps))}",
                   _worst(gaps) < 1e-9 and len(gaps) > 0)


@check
def cost_accounting(quick: bool) -> Verdict:
    """cost_total = (reps x cost per rep + marketing) x weeks / 52, and cost_per_win = cost_total / wins."""
    gaps = []
    for res in _preset_runs(quick):
        s, k = res.scenario, res.per_replication
        expected = (s.reps * s.budget.cost_per_rep_eur_per_year + s.marketing_spend) * s.experiment.horizon_weeks / 52
        gaps += list((k["cost_total"] - expected).abs() / expected)
        won = k["wins"] > 0
        gaps += list((k["cost_per_win"] - k["cost_total"] / k["wins"])[won].abs() / k["cost_per_win"][won])
        gaps += [math.inf] * int((~won & k["cost_per_win"].notna()).sum())  # a cost per win with no win
    return Verdict("relative gap below 1e-9 (every preset)", f"largest relative gap {_g(_worst(gaps))}",
                   _worst(gaps) < 1e-9)


@check
def kpis_within_bounds(quick: bool) -> Verdict:
    """Shares within [0, 1], counts whole and non-negative, hours non-negative, nothing infinite."""
    problems = []
    for res in _preset_runs(quick):
        k = res.per_replication
        for name in SHARE_KPIS:
            x = k[name].dropna()
            if ((x < 0) | (x > 1)).any():
                problems.append(f"{res.scenario.name}.{name} outside [0, 1]")
        for name in COUNT_KPIS:
            x = k[name]
            if (x < 0).any() or (x != np.round(x)).any():
                problems.append(f"{res.scenario.name}.{name} not a whole count")
        hours = [c for c in k.columns if c.startswith("rep_hours_")]
        if (k[hours] < 0).any().any():
            problems.append(f"{res.scenario.name}: negative hours")
        if np.isinf(k.drop(columns="replication").to_numpy(dtype=float)).any():
            problems.append(f"{res.scenario.name}: infinite KPI")
    return Verdict("every KPI of every preset within its bounds", "; ".join(problems) or "all within bounds",
                   not problems)


@check
def confidence_intervals_cover_a_known_mean(quick: bool) -> Verdict:
    """The 95% CIs the results report cover a KPI whose true mean is known (the cohort size, Poisson with
    mean arrivals x weeks) about 95% of the time: many seeds, three replications each (t, not z, matters)."""
    s = with_overrides(load_preset("baseline_2011"), ["budget.sales_share=0", "experiment.horizon_weeks=4",
                                                      "experiment.warmup_weeks=0", "experiment.follow_up_weeks=0"])
    truth = s.market.arrivals_per_week * s.experiment.horizon_weeks
    n = _reps(quick, 100, 200)
    covered = 0
    for seed in range(SEED, SEED + n):
        row = run(s, 3, seed, n_jobs=1, detail=False).summary.set_index("kpi").loc["buyers_arrived"]
        covered += bool(row["ci_low"] <= truth <= row["ci_high"])
    alpha = check_alpha()
    lo, hi = (int(x) for x in stats.binom.ppf([alpha / 2, 1 - alpha / 2], n, 0.95))
    return Verdict(f"between {lo} and {hi} of {n} intervals cover {_g(truth)} ({1 - alpha:.4%} binomial range "
                   "around 95%)",
                   f"{covered} of {n} ({covered / n:.0%})", lo <= covered <= hi)


# Determinism -------------------------------------------------------------------------------------
def _determinism_scenario() -> Scenario:
    return _short(load_preset("stretched_reps"))


@check
def same_seed_same_output(quick: bool) -> Verdict:
    """Two runs with the same seed give identical tables, buyer by buyer."""
    s = _determinism_scenario()
    a = run(s, 3, SEED, n_jobs=1)
    b = run(s, 3, SEED, n_jobs=1)
    diff = _results_equal(a, b)
    return Verdict("identical per-replication, buyer, rep-hour, queue and diagnostic tables",
                   f"differ: {', '.join(diff)}" if diff else "identical", not diff)


@check
def other_seed_other_output(quick: bool) -> Verdict:
    """Another seed gives other buyers and other KPIs."""
    s = _determinism_scenario()
    a = run(s, 3, SEED, n_jobs=1)
    b = run(s, 3, SEED + 1, n_jobs=1)
    same = [t for t in ("per_replication", "buyers") if _frames_equal(getattr(a, t), getattr(b, t))]
    return Verdict("per-replication KPIs and buyers differ", f"identical: {', '.join(same)}" if same else "different",
                   not same)


@check
def parallel_equals_sequential(quick: bool) -> Verdict:
    """Replications spread over two worker processes give exactly what one process gives."""
    s = _determinism_scenario()
    a = run(s, 4, SEED, n_jobs=1)
    b = run(s, 4, SEED, n_jobs=2)
    diff = _results_equal(a, b)
    return Verdict("n_jobs=2 identical to n_jobs=1, every table", f"differ: {', '.join(diff)}" if diff else "identical",
                   not diff)


@check
def replication_independent_of_count(quick: bool) -> Verdict:
    """Replication i is the same whether 2 or 4 replications are run (one stream per replication)."""
    s = _determinism_scenario()
    a = run(s, 2, SEED, n_jobs=1)
    b = run(s, 4, SEED, n_jobs=1)
    same = _frames_equal(a.per_replication, b.per_replication.iloc[:2])
    return Verdict("replications 0-1 identical in both runs", "identical" if same else "different", same)


@check
def identical_scenarios_compare_identically(quick: bool) -> Verdict:
    """compare(A, A): identical per-replication KPIs and every difference exactly zero (CRN)."""
    s = _determinism_scenario()
    cmp = compare([s, s], 3, SEED, detail=False)
    same = _frames_equal(cmp.results[0].per_replication, cmp.results[1].per_replication)
    d = cmp.differences[cmp.differences["scenario"] == cmp.names[1]]
    values = d[["mean", "ci_low", "ci_high"]].to_numpy(dtype=float)
    nonzero = int((np.isfinite(values) & (values != 0)).sum())
    return Verdict(f"{cmp.names[1]}: per-replication KPIs identical to {cmp.names[0]}; differences all 0",
                   f"KPIs {'identical' if same else 'different'}; {nonzero} non-zero differences",
                   same and nonzero == 0 and cmp.names == [s.name, f"{s.name}#2"])


@check
def policies_share_buyers(quick: bool) -> Verdict:
    """Common random numbers: a change of policy and budget leaves the buyers' arrivals and traits alone."""
    cols = ["replication", "buyer", "arrival_week", "fit", "group_size", "deal_value", "research_need",
            "pace_per_week"]
    cmp = _compare((_short(load_preset("baseline_2011")), _short(load_preset("zmot_nurture"))), 2, True)
    a, b = (r.buyers[cols].reset_index(drop=True) for r in cmp.results)
    same = _frames_equal(a, b)
    return Verdict("baseline_2011 and zmot_nurture: same buyers, same arrival times and traits",
                   f"{'identical' if same else 'different'} ({len(a)} buyers)", same and len(a) > 0)


# Monotone cases ----------------------------------------------------------------------------------
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


DEADLINE_SECONDS = 30.0  # a short one-replication run takes well under a second, plus ~2 s of imports


def _in_child(conn, fn: Callable, args: tuple) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as e:  # reported to the parent, which decides
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def run_with_deadline(fn: Callable, args: tuple, seconds: float = DEADLINE_SECONDS) -> tuple[str, object]:
    """fn(*args) in a child process killed at the deadline: ('ok', value), ('error', message) or
    ('timeout', None). A check of a run that might never end must not hang the whole validation."""
    # spawn, not fork: a fork of a process whose worker-pool threads hold a lock can deadlock the child
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_in_child, args=(child, fn, args), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            return ("timeout", None)
        try:
            return parent.recv()
        except EOFError:
            return ("error", f"the run died (exit code {proc.exitcode})")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()


# Extreme cases -----------------------------------------------------------------------------------
def _zero_everywhere(k: pd.DataFrame, names: Sequence[str]) -> list[str]:
    return [n for n in names if not (k[n] == 0).all()]


@check
def no_content_budget_no_inquiries(quick: bool) -> Verdict:
    """content_share_of_marketing = 0: our share of voice is zero, so nobody fills a form (each policy)."""
    bad = []
    for preset in ("baseline_2011", "mql_handoff", "zmot_nurture", "hybrid"):
        k = _run(_short(_scenario(preset, "budget.content_share_of_marketing=0")), _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n}" for n in _zero_everywhere(k, ["inquiries", "mqls"] if preset != "baseline_2011"
                                                             else ["inquiries"])]
        share = k["marketing_sourced_revenue_share"].dropna()
        if (share != 0).any():
            bad.append(f"{preset}.marketing_sourced_revenue_share")
    return Verdict("inquiries 0 (and MQLs 0 where marketing passes leads), marketing-sourced revenue 0",
                   f"non-zero: {', '.join(bad)}" if bad else "all zero", not bad)


@check
def no_marketing_budget_no_inquiries(quick: bool) -> Verdict:
    """sales_share = 1: the whole budget pays reps; no content, no nurture, no inquiries."""
    bad = []
    for preset in ("baseline_2011", "zmot_nurture"):
        k = _run(_short(_scenario(preset, "budget.sales_share=1")), _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n}" for n in _zero_everywhere(k, ["inquiries"])]
        if not (k["wins"] > 0).all():
            bad.append(f"{preset}: no wins although reps answer hand-raises")
    return Verdict("inquiries 0; hand-raisers still bought (wins > 0)", "; ".join(bad) or "as expected", not bad)


@check
def zero_reps_nobody_answers(quick: bool) -> Verdict:
    """sales_share = 0: no rep; nobody is talked to or won, hand-raisers give up, the run does not crash."""
    bad = []
    for preset in ("baseline_2011", "mql_handoff", "zmot_nurture", "hybrid"):
        s = _short(_scenario(preset, "budget.sales_share=0"))
        k = _run(s, _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n} != 0" for n in _zero_everywhere(
            k, ["sals", "sqls", "opportunities", "wins", "revenue", "rep_hours_premature", "rep_hours_qualification",
                "rep_hours_opportunity", "rep_hours_prospecting", "rep_hours_idle", "rep_hours_admin"])]
        if not (k["lost_slow_response"] > 0).all():
            bad.append(f"{preset}: no hand-raiser lost to slow response")
        if not k["response_time_hours"].isna().all():
            bad.append(f"{preset}: a response time without reps")
        if np.isinf(k.drop(columns="replication").to_numpy(dtype=float)).any():
            bad.append(f"{preset}: infinite KPI")
        gap = k["buyers_arrived"] - k["wins"] - k[list(LOST_KPIS)].sum(axis=1) - k["buyers_in_progress"]
        if (gap != 0).any():
            bad.append(f"{preset}: buyers do not add up")
    return Verdict("SALs, SQLs, opportunities, wins, revenue, rep hours 0; slow-response losses > 0; "
                   "response time undefined (NaN); buyers add up; nothing infinite (each policy)",
                   "; ".join(bad) or "as expected", not bad)


@check
def market_without_buyers(quick: bool) -> Verdict:
    """arrivals_per_week = 0: every count zero, every ratio undefined (NaN, not an error), cost still paid."""
    s = _short(_scenario("baseline_2011", "market.arrivals_per_week=0"))
    k = _run(s, 2).per_replication
    bad = _zero_everywhere(k, [*COUNT_KPIS, "revenue"])
    for name in ("conversion_rate", "win_rate", "cost_per_win", "response_time_hours", "days_to_zmot"):
        if not k[name].isna().all():
            bad.append(f"{name} defined")
    if not (k["cost_total"] > 0).all():
        bad.append("cost_total not paid")
    if np.isinf(k.drop(columns="replication").to_numpy(dtype=float)).any():
        bad.append("infinite KPI")
    return Verdict("counts 0, ratios NaN, cost_total > 0, no crash", "; ".join(bad) or "as expected", not bad)


def _one_short_run(s: Scenario) -> tuple[float, float]:
    """Largest gap in the buyers' and in the weekly rep hours' accounting, for one replication."""
    res = run(s, 1, SEED, n_jobs=1, detail=True)
    k = res.per_replication
    buyers = float((k["buyers_arrived"] - k["wins"] - k[list(LOST_KPIS)].sum(axis=1) - k["buyers_in_progress"])
                   .abs().max())
    paid = s.reps * s.sales.hours_per_week
    weekly = res.rep_hours.groupby(["replication", "week"])["hours"].sum()
    return buyers, float((weekly - paid).abs().max() / paid)


@check
def working_week_of_any_length_runs(quick: bool) -> Verdict:
    """A 38.4-hour week (any length from 10 to 80 is allowed) runs and its books balance: week boundaries
    that are not whole binary numbers must not trap the time bookkeeping."""
    parts, ok = [], True
    for hours in (38.4, 37.5):
        s = _short(_scenario("baseline_2011", f"sales.hours_per_week={hours}"))
        status, value = run_with_deadline(_one_short_run, (s,))
        if status == "ok":
            buyers, gap = value  # type: ignore[misc]
            ok &= buyers == 0 and gap < 1e-9
            parts.append(f"{hours} h: ran; buyers gap {_g(buyers)}, hours gap {_g(gap)}")
        else:
            ok = False
            why = f"did not finish in {_g(DEADLINE_SECONDS)} s" if status == "timeout" else value
            parts.append(f"{hours} h: {why}")
    return Verdict(f"runs within {_g(DEADLINE_SECONDS)} s (one short replication); buyers and hours add up",
                   "; ".join(parts), ok)


def _simulate_once(s: Scenario) -> int:
    check_size([s], 1)
    return int(run(s, 1, SEED, n_jobs=1, detail=False).per_replication["buyers_arrived"].iloc[0])


@check
def huge_sales_team_is_refused_or_runs(quick: bool) -> Verdict:
    """A possible but absurd budget (1e9 EUR, 1,000 EUR per rep: 750,000 reps) must be refused with
    RunTooLarge's clear message or run in reasonable time, never hang the app."""
    try:
        s = _short(_scenario("baseline_2011", "budget.gtm_budget_eur_per_year=1e9",
                             "budget.cost_per_rep_eur_per_year=1000"))
    except ScenarioError as e:  # refusing such a budget outright is a fine answer too
        return Verdict("RunTooLarge or ScenarioError, or done in time", f"refused: {e}", True)
    status, value = run_with_deadline(_simulate_once, (s,))
    refused = status == "error" and str(value).startswith(RunTooLarge.__name__)
    observed = {"ok": f"ran ({value} buyers)", "timeout": f"still running after {_g(DEADLINE_SECONDS)} s"}.get(
        status, str(value))
    return Verdict(f"{s.reps:,} reps: RunTooLarge, or done within {_g(DEADLINE_SECONDS)} s", observed,
                   status == "ok" or refused)


@check
def hybrid_without_eligible_accounts_is_zmot_nurture(quick: bool) -> Verdict:
    """hybrid whose fit threshold no account reaches (1) never checks in: it is zmot_nurture, replication by
    replication (the two presets share market, budget and reps)."""
    cmp = _compare((load_preset("zmot_nurture"), _scenario("hybrid", "marketing.hybrid_fit_threshold=1")),
                   _reps(quick, 2, 4))
    a, b = (r.per_replication for r in cmp.results)
    same = _frames_equal(a, b)
    return Verdict("identical per-replication KPIs", "identical" if same else "different", same)


@check
def recalled_leads_keep_researching(quick: bool) -> Verdict:
    """mql_handoff with an MQL threshold of 0 and calls that teach nothing: a recalled lead goes back to
    research (MODEL.md), so it still reaches its ZMOT and some buyers still buy from us."""
    s = _short(_scenario("mql_handoff", "marketing.mql_threshold=0", "sales.premature_learning_touchpoints=0"))
    res = _run(s, _reps(quick, 2, 4), detail=True)
    k, b = res.per_replication, res.buyers
    wins = k["wins"].tolist()
    return Verdict("wins > 0 in every replication",
                   f"wins {wins}; most early calls to one buyer {int(b['premature_contacts'].max())}; "
                   f"rep utilisation {_g(float(k['rep_utilization'].mean()))}", all(w > 0 for w in wins))


@check
def zmot_threshold_near_zero_first_contacts_after_zmot(quick: bool) -> Verdict:
    """research.need_mean_touchpoints = 0.05: buyers know what they want at once, so (with no policy that
    calls every inquiry) at least 95% of first rep contacts come after the ZMOT."""
    parts, ok = [], True
    for preset in ("mql_handoff", "zmot_nurture", "hybrid"):
        cmp = _compare((load_preset(preset), _scenario(preset, "research.need_mean_touchpoints=0.05")),
                       _reps(quick, 3, 8))
        before, after = (r.kpi("premature_contact_share") for r in cmp.results)
        ok &= after <= 0.05
        parts.append(f"{preset} {_g(before)} -> {_g(after)}")
    return Verdict("premature_contact_share <= 0.05 (default need -> need 0.05)", "; ".join(parts), ok)


@check
def zmot_threshold_near_zero_reached_almost_at_once(quick: bool) -> Verdict:
    """research.need_mean_touchpoints accepts 0.05: a buyer that needs a twentieth of a touchpoint reaches
    its ZMOT in a fraction of the time one that needs a whole touchpoint takes (0.05 vs 1: under half), dormant
    spells aside."""
    cmp = _compare((_scenario("zmot_nurture", "research.need_mean_touchpoints=1", "research.dormant_share=0",
                              name="need 1"),
                    _scenario("zmot_nurture", "research.need_mean_touchpoints=0.05", "research.dormant_share=0",
                              name="need 0.05")),
                   _reps(quick, 2, 4))
    one, tiny = (r.kpi("days_to_zmot") for r in cmp.results)
    return Verdict("days_to_zmot(need 0.05) < 0.5 x days_to_zmot(need 1)",
                   f"need 1: {_g(one)} days; need 0.05: {_g(tiny)} days", tiny < 0.5 * one)


@check
def zmot_nurture_without_prospecting_makes_no_early_contact(quick: bool) -> Verdict:
    """zmot_nurture preset (no prospecting): no premature contact, no outbound buyer, no prospecting hours."""
    res = next(r for r in _preset_runs(quick) if r.scenario.name == "zmot_nurture")
    k, b = res.per_replication, res.buyers
    bad = _zero_everywhere(k, ["rep_hours_premature", "rep_hours_prospecting", "premature_contact_share"])
    if (b["source"] == "outbound").any():
        bad.append("outbound buyers")
    return Verdict("premature hours, prospecting hours, premature share 0; no outbound buyer",
                   f"non-zero: {', '.join(bad)}" if bad else "as expected", not bad)


@check
def idle_reps_prospect_under_sales_led(quick: bool) -> Verdict:
    """sales_led books idle time to prospecting (no idle hours); other policies keep idle time as idle."""
    bad = []
    for res in _preset_runs(quick):
        k, s = res.per_replication, res.scenario
        paid = s.reps * s.sales.hours_per_week * s.experiment.horizon_weeks
        if s.policy is Policy.sales_led:
            if not (k["rep_hours_idle"] == 0).all():
                bad.append(f"{s.name}: idle hours under sales_led")
        elif not np.allclose(k["rep_hours_prospecting"], s.sales.prospecting_share * paid, rtol=1e-9, atol=1e-6):
            bad.append(f"{s.name}: prospecting hours != prospecting_share x paid hours")
        elif not (k["rep_hours_idle"] > 0).all():
            bad.append(f"{s.name}: no idle hours")
    return Verdict("sales_led: idle 0; others: prospecting = share x paid, idle > 0",
                   "; ".join(bad) or "as expected", not bad)


def _all_zero_verdict(s: Scenario, quick: bool, zero: Sequence[str], positive: Sequence[str]) -> Verdict:
    k = _run(_short(s), _reps(quick, 2, 4)).per_replication
    bad = [f"{n} {k[n].tolist()}" for n in _zero_everywhere(k, zero)]
    bad += [f"{n} {k[n].tolist()}" for n in positive if not (k[n] > 0).all()]
    expected = ", ".join(f"{n} 0" for n in zero) + "".join(f"; {n} > 0" for n in positive)
    return Verdict(expected, "; ".join(bad) or "as expected", not bad)


@check
def no_annoyance_no_premature_losses(quick: bool) -> Verdict:
    """annoyance_max_probability = 0: early calls never annoy, so nobody is lost to a premature contact."""
    s = _scenario("baseline_2011", "sales.annoyance_max_probability=0")
    return _all_zero_verdict(s, quick, ["lost_premature"], ["rep_hours_premature"])


@check
def alone_on_every_shortlist_never_lost_to_competitor(quick: bool) -> Verdict:
    """Shortlists of exactly one vendor: a buyer that decides with us on its list buys from us."""
    s = _scenario("baseline_2011", "market.shortlist_min=1", "market.shortlist_max=1")
    return _all_zero_verdict(s, quick, ["lost_competitor"], ["wins"])


@check
def endless_patience_no_slow_response_losses(quick: bool) -> Verdict:
    """Stretched reps but buyers who wait for ever (patience 1e9 h): nobody is lost to a slow response."""
    s = _scenario("stretched_reps", "research.patience_hours_mean=1e9")
    return _all_zero_verdict(s, quick, ["lost_slow_response"], ["wins"])


@check
def never_shortlisted_never_wins(quick: bool) -> Verdict:
    """shortlist_max_probability = 0: no buyer ever has us on its shortlist, so no SQL, opportunity or win."""
    bad = []
    for preset in ("baseline_2011", "zmot_nurture"):
        s = _short(_scenario(preset, "marketing.shortlist_max_probability=0"))
        k = _run(s, _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n}" for n in _zero_everywhere(k, ["sqls", "opportunities", "wins", "revenue"])]
    return Verdict("SQLs, opportunities, wins, revenue 0", f"non-zero: {', '.join(bad)}" if bad else "all zero",
                   not bad)


@check
def everyone_disqualified_no_opportunity(quick: bool) -> Verdict:
    """unqualified_fit_below = 1: every buyer fails qualification: no SQL, opportunity or win."""
    k = _run(_short(_scenario("baseline_2011", "sales.unqualified_fit_below=1")), _reps(quick, 2, 4)).per_replication
    bad = _zero_everywhere(k, ["sqls", "opportunities", "wins"])
    if not (k["lost_disqualified"] > 0).all():
        bad.append("lost_disqualified = 0")
    return Verdict("SQLs, opportunities, wins 0; lost_disqualified > 0", "; ".join(bad) or "as expected", not bad)


@check
def no_group_attrition_no_no_decision(quick: bool) -> Verdict:
    """Purchase likelihood 1 for every group size: nobody ends in 'no decision'."""
    k = _run(_short(_scenario("baseline_2011", "research.purchase_likelihood_one=1",
                              "research.purchase_likelihood_six=1")), _reps(quick, 2, 4)).per_replication
    bad = _zero_everywhere(k, ["lost_no_decision"])
    return Verdict("lost_no_decision 0", f"lost_no_decision {k['lost_no_decision'].tolist()}", not bad)


@check
def fixed_deal_value_revenue_is_wins_times_value(quick: bool) -> Verdict:
    """deal_value_spread = 0: every deal is worth the median, so revenue = wins x median."""
    s = _short(_scenario("baseline_2011", "market.deal_value_spread=0"))
    k = _run(s, _reps(quick, 2, 4)).per_replication
    value = s.market.deal_value_median_eur
    gap = float((k["revenue"] - k["wins"] * value).abs().max())
    ok = gap <= 1e-9 * value * max(1.0, float(k["wins"].max())) and k["wins"].sum() > 0
    return Verdict("revenue = wins x deal_value_median_eur", f"largest gap {_g(gap)} EUR; wins {k['wins'].tolist()}",
                   bool(ok))
