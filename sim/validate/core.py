"""The validation suite's machinery: a check's verdict, the registry, the table, the statistics budget
and the helpers the checks share."""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ..experiment import Comparison, Results, compare, confidence_interval
from ..kpis import KPIS
from ..presets import load_preset, preset_names, with_overrides
from ..scenario import Scenario

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


def _scenario(preset: str, *assignments: str, name: str | None = None) -> Scenario:
    s = with_overrides(load_preset(preset), list(assignments)) if assignments else load_preset(preset)
    return s.model_copy(update={"name": name}) if name else s


def _reps(quick: bool, few: int, many: int) -> int:
    return few if quick else many


_CACHES: list = []


def cached(maxsize: int) -> Callable[[Callable], Callable]:
    """`functools.lru_cache`, emptied with the others after a suite run (`run_checks`): the runs the
    checks share are kept while the suite runs, never after."""
    def wrap(fn: Callable) -> Callable:
        c = functools.lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(c)
        return c
    return wrap


@cached(64)
def _compare(scenarios: tuple[Scenario, ...], replications: int, detail: bool = False) -> Comparison:
    """Scenarios on common random numbers, cached so that checks sharing a run pay for it once."""
    return compare(list(scenarios), replications, SEED, detail=detail)


def _run(s: Scenario, replications: int, detail: bool = False) -> Results:
    return _compare((s,), replications, detail).results[0]


def _clear_caches() -> None:
    for c in _CACHES:
        c.cache_clear()


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


@cached(2)
def _preset_runs(quick: bool) -> tuple[Results, ...]:
    """Every preset, with per-buyer detail: the invariants must hold in each of them."""
    scenarios = tuple(load_preset(n) for n in preset_names())
    return tuple(_compare(scenarios, _reps(quick, 2, 5), True).results)


def _worst(values: Sequence[float]) -> float:
    """The largest gap; a NaN gap (a figure that should exist but does not) counts as infinite."""
    return max((math.inf if math.isnan(x) else float(x) for x in values), default=0.0)
