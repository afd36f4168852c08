"""Replications and comparisons: one seed in, tidy DataFrames and confidence intervals out.

Replication i of every scenario uses the same random streams (see `streams`), so a comparison is
paired: the difference of two scenarios is computed replication by replication, and its confidence
interval reflects the policy's effect, not the luck of the draw. Replications run in parallel
worker processes; each is a pure function of (scenario, seed, replication), so the result is the same
as a sequential run.

A run too large to finish in reasonable time raises `RunTooLarge`, whose `str()` is the English line
and whose `code` and `params` say the same for a program (so that an interface can translate it):

==============  ==========================================  ===============================
code            meaning                                     params
==============  ==========================================  ===============================
too_many_reps   the budget pays for more reps than MAX_REPS scenario, reps, limit
too_many_buyers buyers x replications x scenarios too many  buyers, replications, limit
==============  ==========================================  ===============================

(`reps` is None when the quotient budget / cost per rep is beyond any float.)
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from .executor import capacity, default_jobs, run_grid, scheduler_address
from .kpis import KPIS, cohort_mask
from .records import OUTCOMES, SOURCES, STAGES, Replication
from .replicate import RepOut, warm_up
from .reps import Activity
from .scenario import REPS_CAP, Scenario
from .stats import confidence_interval, paired_differences

MAX_BUYER_RUNS = 25_000_000  # default ceiling on simulated buyers x replications x points in one call
ENV_MAX_BUYER_RUNS = "ZMOT_MAX_BUYER_RUNS"  # raises or lowers it
MAX_REPS = 2_000  # a sales team larger than this is beyond a model of one mid-size seller


class RunTooLarge(ValueError):
    """The run asked for would take too long: the message says how large it is and the limit.

    `code` is a stable identifier ("too_many_reps", "too_many_buyers") and `params` its figures.
    """

    def __init__(self, message: str, code: str = "too_large", params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, Any] = dict(params or {})

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "message": str(self)}


def expected_buyers(s: Scenario) -> float:
    ex = s.experiment
    return s.market.arrivals_per_week * (ex.warmup_weeks + ex.horizon_weeks + ex.follow_up_weeks)


def max_buyer_runs() -> float:
    """The size guard's limit: `ZMOT_MAX_BUYER_RUNS` if set, else MAX_BUYER_RUNS."""
    raw = os.environ.get(ENV_MAX_BUYER_RUNS, "").strip().replace("_", "")
    if not raw:
        return float(MAX_BUYER_RUNS)
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{ENV_MAX_BUYER_RUNS}={raw!r} is not a number") from None
    if not value > 0:
        raise ValueError(f"{ENV_MAX_BUYER_RUNS}={raw!r} must be positive")
    return value


def estimate_work(scenarios: Sequence[Scenario], replications: int | Sequence[int]) -> float:
    """Simulated buyers a run would draw: expected buyers per replication x replications, over the points.
    Deterministic: read from the scenarios, never from the machine's speed."""
    reps = [replications] * len(scenarios) if isinstance(replications, int) else list(replications)
    return float(sum(expected_buyers(s) * r for s, r in zip(scenarios, reps, strict=True)))


def cluster_scale(scheduler: str | None = None) -> float:
    """On a Dask cluster the limit grows with its worker threads against this machine's cores."""
    address, _ = scheduler_address(scheduler)
    return max(1.0, capacity(scheduler=scheduler) / default_jobs()) if address else 1.0


def check_size(scenarios: Sequence[Scenario], replications: int | Sequence[int], *, limit: float | None = None,
               force: bool = False, scheduler: str | None = None) -> float:
    """Refuse a run too large to finish in reasonable time, with a clear message; return its size.

    The size is `estimate_work` (buyers x replications x points); the limit is `limit`, else
    `max_buyer_runs()` (scaled up on a Dask cluster with more threads than this machine has cores).
    `force` skips the size check, not the check on the sales team's size (the model's own bound).
    """
    for s in scenarios:
        if s.reps > MAX_REPS:
            b = s.budget
            with np.errstate(over="ignore"):
                wanted = float(np.float64(b.gtm_budget_eur_per_year) * b.sales_share / b.cost_per_rep_eur_per_year)
            finite = math.isfinite(wanted) and wanted < REPS_CAP
            raise RunTooLarge(
                f"{s.name}: the budget pays for {f'{s.reps:,.1f}' if finite else f'more than {REPS_CAP:,.0f}'} reps "
                f"(budget x sales_share / cost_per_rep); this model handles up to {MAX_REPS:,}. Lower "
                "budget.gtm_budget_eur_per_year or budget.sales_share, or raise budget.cost_per_rep_eur_per_year.",
                "too_many_reps", {"scenario": s.name, "reps": s.reps if finite else None, "limit": MAX_REPS},
            )
    total = estimate_work(scenarios, replications)
    if force:
        return total
    cap = (max_buyer_runs() if limit is None else limit) * cluster_scale(scheduler)
    if total > cap:
        raise RunTooLarge(
            f"this run would simulate about {total:,.0f} buyers (buyers per replication x replications x "
            f"points); the limit is {cap:,.0f} ({ENV_MAX_BUYER_RUNS}). Run it anyway with --force (force=True), "
            "or on a Dask cluster with --scheduler tcp://host:port, or use fewer replications or points.",
            "too_many_buyers", {"buyers": round(total), "limit": cap},
        )
    return total


def warm_workers(n_jobs: int | None = None) -> None:
    """Start the reusable worker processes and import the model in each, ahead of the first run."""
    n = n_jobs or default_jobs()
    if n > 1:
        Parallel(n_jobs=n, backend="loky")(delayed(warm_up)() for _ in range(n))


def _run_many(scenarios: Sequence[Scenario], replications: int, seed: int, n_jobs: int | None, keep_raw: bool,
              progress: Callable[[float], None] | None, *, scheduler: str | None = None,
              force: bool = False) -> list[list[RepOut]]:
    """Every (scenario, replication) pair on the executor, one list per scenario sorted by replication."""
    check_size(scenarios, replications, force=force, scheduler=scheduler)
    return run_grid(scenarios, replications, seed, keep_raw=keep_raw, n_jobs=n_jobs, scheduler=scheduler,
                    progress=progress, fine=False)


def summarise(per_rep: pd.DataFrame) -> pd.DataFrame:
    """One row per KPI: unit, mean and 95% confidence interval over replications."""
    rows = []
    for kpi in KPIS:
        mean, lo, hi = confidence_interval(per_rep[kpi.name].to_numpy())
        if kpi.unit == "share":  # a share's interval stays within 0-100%
            lo, hi = max(lo, 0.0), min(hi, 1.0)
        rows.append({"kpi": kpi.name, "unit": kpi.unit, "mean": mean, "ci_low": lo, "ci_high": hi,
                     "replications": int(np.isfinite(per_rep[kpi.name]).sum())})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Results:
    """Everything one scenario's replications produced, as tidy DataFrames."""

    scenario: Scenario
    seed: int
    replications: int
    per_replication: pd.DataFrame  # replication x KPI
    summary: pd.DataFrame  # KPI: mean and 95% CI
    buyers: pd.DataFrame  # one row per buyer of the cohort and replication
    rep_hours: pd.DataFrame  # replication, week, activity, hours
    queue: pd.DataFrame  # replication, week, queue_length, busy_reps
    diagnostics: pd.DataFrame  # replication: queue entries, waits and run length (Little's law)

    def kpi(self, name: str) -> float:
        return float(self.summary.set_index("kpi").loc[name, "mean"])


def _cohort_columns(raw: Replication, s: Scenario, r: int) -> dict[str, np.ndarray]:
    """The raw per-buyer arrays of the cohort, with replication and buyer index."""
    mask = cohort_mask(raw, s)
    cols = {k: v[mask] for k, v in raw.buyers.items()}
    cols["replication"] = np.full(int(mask.sum()), r)
    cols["buyer"] = raw.buyers["id"][mask]  # the same buyer has the same id in every scenario of a comparison
    return cols


def _buyers_frame(parts: list[dict[str, np.ndarray]], week: float) -> pd.DataFrame:
    """One tidy row per buyer and replication, built once from the joined arrays (fast)."""
    if not parts:
        return pd.DataFrame()
    b = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    df = pd.DataFrame({
        "replication": b["replication"],
        "buyer": b["buyer"],
        "arrival_week": b["arrival"] / week,
        "fit": b["fit"],
        "group_size": b["group_size"],
        "deal_value": b["deal_value"],
        "research_need": b["need"],
        "pace_per_week": b["pace_per_week"],
        "source": pd.Categorical.from_codes(b["source"], SOURCES),
        "outcome": pd.Categorical.from_codes(b["outcome"], OUTCOMES),
        "known_week": b["t_known"] / week,
        "first_contact_week": b["t_first_contact"] / week,
        "zmot_week": b["t_zmot"] / week,
        "end_week": b["t_end"] / week,
        "touchpoints": b["touchpoints"],
        "response_hours": b["response_hours"],
        "first_pickup_week": b["t_pickup"] / week,
        "clarity_when_known": b["clarity_known"],
        "premature_contacts": b["premature_contacts"],
        "revenue": b["revenue"],
        "purchased": b["decided"],  # bought from anyone, us or a competitor
        **{name: (b["stages"] & bit) > 0 for name, bit in STAGES},
    })
    span = df["end_week"] - df["arrival_week"]
    df["journey_share_at_first_contact"] = ((df["first_contact_week"] - df["arrival_week"]) / span).clip(0, 1)
    return df


def _frames(outs: list[RepOut], s: Scenario, seed: int) -> Results:
    per_rep = pd.DataFrame([{"replication": o.replication, **o.kpis} for o in outs])
    raws = [(o.replication, o.raw) for o in outs if o.raw is not None]
    if not raws:
        empty = pd.DataFrame()
        return Results(s, seed, len(outs), per_rep, summarise(per_rep), empty, empty, empty, empty)
    acts = [a.name for a in Activity]
    n_weeks = raws[0][1].rep_hours.shape[0]
    weeks = np.arange(n_weeks) - s.experiment.warmup_weeks
    reps = np.array([r for r, _ in raws])
    hours = pd.DataFrame({
        "replication": np.repeat(reps, n_weeks * len(acts)),
        "week": np.tile(np.repeat(weeks, len(acts)), len(raws)),
        "activity": pd.Categorical(np.tile(acts, n_weeks * len(raws)), categories=acts),
        "hours": np.concatenate([raw.rep_hours.ravel() for _, raw in raws]),
    })
    queue = pd.DataFrame({
        "replication": np.repeat(reps, n_weeks),
        "week": np.tile(weeks, len(raws)),
        "queue_length": np.concatenate([raw.queue_mean for _, raw in raws]),
        "busy_reps": np.concatenate([raw.busy_mean for _, raw in raws]),
    })
    diag = pd.DataFrame([{"replication": r, "queue_entries": raw.queue_entries,
                          "queue_wait_total_hours": raw.queue_wait_total,
                          "queue_area": float(raw.queue_mean.sum() * raw.week_hours),
                          "run_hours": raw.end_hours, "reps": raw.reps} for r, raw in raws])
    buyers = _buyers_frame([_cohort_columns(raw, s, r) for r, raw in raws], raws[0][1].week_hours)
    return Results(s, seed, len(outs), per_rep, summarise(per_rep), buyers, hours, queue, diag)


def run(scenario: Scenario, replications: int = 30, seed: int = 42, *, n_jobs: int | None = None,
        detail: bool = True, progress: Callable[[float], None] | None = None, scheduler: str | None = None,
        force: bool = False) -> Results:
    """Run `replications` replications of one scenario. `detail=False` skips the per-buyer tables."""
    return compare([scenario], replications, seed, n_jobs=n_jobs, detail=detail, progress=progress,
                   scheduler=scheduler, force=force).results[0]


@dataclass(frozen=True)
class Comparison:
    """Scenarios run on common random numbers, with paired differences to the first one."""

    names: list[str]
    results: list[Results]
    kpis: pd.DataFrame  # scenario, kpi, unit, mean, ci_low, ci_high
    differences: pd.DataFrame  # scenario, kpi, unit, mean, ci_low, ci_high (scenario minus baseline)


def unique_names(scenarios: Sequence[Scenario]) -> list[str]:
    """Scenario names, with a repeated name keyed NAME#2, NAME#3..."""
    seen: dict[str, int] = {}
    names = []
    for s in scenarios:
        seen[s.name] = seen.get(s.name, 0) + 1
        names.append(s.name if seen[s.name] == 1 else f"{s.name}#{seen[s.name]}")
    return names


def compare(scenarios: Sequence[Scenario], replications: int = 30, seed: int = 42, *,
            n_jobs: int | None = None, detail: bool = True, baseline: int = 0,
            progress: Callable[[float], None] | None = None, scheduler: str | None = None,
            force: bool = False) -> Comparison:
    """Run scenarios side by side on common random numbers; differences are to `baseline`.

    `scheduler` (or the `ZMOT_SCHEDULER` environment variable) runs them on a Dask cluster; `force`
    lifts the size guard (see `check_size`)."""
    if replications < 1:
        raise ValueError("replications must be at least 1")
    outs = _run_many(scenarios, replications, seed, n_jobs, detail, progress, scheduler=scheduler, force=force)
    names = unique_names(scenarios)
    results = [_frames(o, s, seed) for o, s in zip(outs, scenarios, strict=True)]
    kpi_rows = [{"scenario": name, **row.to_dict()}
                for name, res in zip(names, results, strict=True) for _, row in res.summary.iterrows()]
    diffs = paired_differences([r.per_replication for r in results], names, baseline)
    return Comparison(names, results, pd.DataFrame(kpi_rows), diffs)


def sweep(scenario: Scenario, field: str, values: Sequence[float], replications: int = 30, seed: int = 42, *,
          n_jobs: int | None = None, progress: Callable[[float], None] | None = None, scheduler: str | None = None,
          force: bool = False) -> pd.DataFrame:
    """One field varied over `values` on common random numbers (the budget split, typically).

    Returns one row per value and KPI: value, kpi, unit, mean, ci_low, ci_high, and the paired
    difference to the first value with its interval.
    """
    from .presets import with_overrides

    if not values:
        raise ValueError("a sweep needs at least one value")
    variants = [with_overrides(scenario, [f"{field}={v}"]).model_copy(update={"name": f"{field}={v}"})
                for v in values]
    cmp = compare(variants, replications, seed, n_jobs=n_jobs, detail=False, progress=progress, scheduler=scheduler,
                  force=force)
    out = cmp.kpis.merge(cmp.differences, on=["scenario", "kpi", "unit"], suffixes=("", "_diff"))
    out.insert(0, "value", out["scenario"].map(dict(zip(cmp.names, values, strict=True))))
    out.insert(1, "field", field)
    return out.drop(columns="scenario")
