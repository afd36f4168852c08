"""What matters most: one uncertain input at a time at its low and its high value, everything else as in
the scenario, and what would change our decision.

The uncertain inputs and their ranges are read from a TOML file a person can edit (shipped:
`presets/ranges/uncertain_inputs.toml`, each range with its reason). For every input this returns the
KPI at the low and the high end with 95% intervals, and the swing (high minus low, paired replication
by replication on common random numbers), sorted by the size of the swing: the tornado.

"Would it change our decision?" The decision is two answers: the best policy at the scenario's budget
split, and the best marketing share for the scenario's policy. Both are asked again at each end of each
range, on a coarse grid (by default the four policies at the scenario's split, and five marketing
shares, 0% to 100%, for its policy; 10 replications each), and the output says so. The cost is what
sets these defaults: the tornado's ends with `replications` each, plus a coarse cross of
policies + shares for the base and every end; identical runs (an end equal to the base, the scenario's
own point in the cross) run once.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .executor import run_tasks, task_key
from .experiment import check_size, confidence_interval
from .groups import LABEL, fields, group_of
from .presets import PRESETS_DIR, with_overrides
from .scenario import Policy, Scenario
from .scenario_errors import ScenarioError
from .shift import ALL_POLICIES, at_share, best_index, check_policies, check_shares, kpi_goal, under_policy

DEFAULT_RANGES = PRESETS_DIR / "ranges" / "uncertain_inputs.toml"
DEFAULT_REPLICATIONS = 20
DECISION_SHARES: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0)
DECISION_REPLICATIONS = 10


class RangesError(ValueError):
    """A ranges file that cannot be used; the message names the file, the input and what to fix."""


@dataclass(frozen=True)
class UncertainInput:
    name: str
    label: str
    reason: str
    low: dict[str, float]
    high: dict[str, float]

    @property
    def field(self) -> str:
        """The field shown as the input's low and high (the first listed)."""
        return next(iter(self.low))


def _values(table: Any, where: str) -> dict[str, float]:
    if not isinstance(table, dict) or not table:
        raise RangesError(f"{where}: expected a table of \"section.field\" = number, such as "
                          "{ \"research.dormant_share\" = 0.15 }")
    known = set(fields())
    out = {}
    for f, v in table.items():
        if f not in known or group_of(f) == LABEL:
            raise RangesError(f"{where}: {f!r} is not an input of the scenario (see python -m sim schema)")
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise RangesError(f"{where}: {f} = {v!r} is not a number")
        out[f] = float(v)
    return out


def load_ranges(path: str | Path | None = None) -> list[UncertainInput]:
    """The uncertain inputs of a ranges file (the shipped one when None)."""
    p = Path(path) if path is not None else DEFAULT_RANGES
    origin = f"--ranges {p}"
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise RangesError(f"{origin}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise RangesError(f"{origin}: not a text file") from None
    except tomllib.TOMLDecodeError as e:
        raise RangesError(f"{origin}: not valid TOML: {e}") from None
    out = []
    for name, spec in data.items():
        where = f"{origin}: [{name}]"
        if not isinstance(spec, dict):
            raise RangesError(f"{where}: expected a table with low and high")
        extra = set(spec) - {"label", "reason", "low", "high"}
        if extra:
            raise RangesError(f"{where}: unknown key {sorted(extra)[0]!r} (keys: label, reason, low, high)")
        for key in ("low", "high"):
            if key not in spec:
                raise RangesError(f"{where}: missing {key}")
        low, high = _values(spec["low"], f"{where} low"), _values(spec["high"], f"{where} high")
        if set(low) != set(high):
            raise RangesError(f"{where}: low and high must set the same fields")
        out.append(UncertainInput(name, str(spec.get("label", name)), str(spec.get("reason", "")), low, high))
    if not out:
        raise RangesError(f"{origin}: no input (each input is a [table] with low and high)")
    return out


def at_values(s: Scenario, values: dict[str, float], where: str) -> Scenario:
    """`s` with `values` set (validated); an impossible value names the input and the file."""
    try:
        return with_overrides(s, [f"{f}={v!r}" for f, v in values.items()]).model_copy(
            update={"name": s.name, "description": s.description})
    except ScenarioError as e:
        raise RangesError(f"{where}: {str(e).removeprefix('--set: ')}") from None


@dataclass(frozen=True)
class Matters:
    """The tornado (one row per input, sorted by swing) and the decision at the base."""

    scenario: Scenario
    kpi: str
    goal: str
    seed: int
    replications: int
    base: dict[str, Any]  # mean, ci_low, ci_high, best_policy, best_share
    rows: pd.DataFrame  # input, label, field, low, high, kpi_low*, kpi_high*, swing*, decision_*
    policies: list[str]
    decision_shares: list[float]
    decision_replications: int

    @property
    def note(self) -> str:
        shares = ", ".join(f"{x:.0%}" for x in self.decision_shares)
        return (f"decision check on a coarse grid: best policy among {', '.join(self.policies)} at the scenario's "
                f"split, and best marketing share among {shares} for its policy; {self.decision_replications} "
                f"replications each (the KPI at each end: {self.replications} replications)")


def _cross(s: Scenario, policies: list[Policy], shares: list[float]) -> tuple[list[Scenario], list[Scenario]]:
    """The decision's coarse cross: every policy at `s`'s split, and `s`'s policy at every share."""
    return [under_policy(s, p) for p in policies], [at_share(s, m) for m in shares]


def what_matters(scenario: Scenario, kpi: str = "wins", replications: int = DEFAULT_REPLICATIONS,
                 seed: int = 42, *, ranges: str | Path | Sequence[UncertainInput] | None = None,
                 goal: str | None = None, policies: Sequence[str | Policy] = ALL_POLICIES,
                 decision_shares: Sequence[float] = DECISION_SHARES,
                 decision_replications: int = DECISION_REPLICATIONS, n_jobs: int | None = None,
                 scheduler: str | None = None, progress: Callable[[float], None] | None = None,
                 force: bool = False) -> Matters:
    """One-at-a-time low and high values of the uncertain inputs: the KPI at each end, the swing, and
    whether the best policy or the best share changes at either end (see the module's docstring)."""
    g = kpi_goal(kpi, goal)
    if replications < 1 or decision_replications < 1:
        raise ValueError("--replications must be at least 1")
    inputs = list(ranges) if isinstance(ranges, Sequence) and not isinstance(ranges, str) else load_ranges(ranges)
    pols = check_policies(policies)
    shares = check_shares(decision_shares)
    origin = f"--ranges {ranges if isinstance(ranges, str | Path) else DEFAULT_RANGES}"
    ends = [scenario]
    for u in inputs:
        ends.append(at_values(scenario, u.low, f"{origin}: [{u.name}] low"))
        ends.append(at_values(scenario, u.high, f"{origin}: [{u.name}] high"))
    # Every run once: (scenario key) -> (scenario, replications needed).
    need: dict[str, list[Any]] = {}

    def ask(s: Scenario, n: int) -> str:
        k = task_key(s)
        if k in need:
            need[k][1] = max(need[k][1], n)
        else:
            need[k] = [s, n]
        return k

    plan = []
    for s in ends:
        by_policy, by_share = _cross(s, pols, shares)
        plan.append((ask(s, replications), [ask(x, decision_replications) for x in by_policy],
                     [ask(x, decision_replications) for x in by_share]))
    keys = list(need)
    check_size([need[k][0] for k in keys], [need[k][1] for k in keys], force=force, scheduler=scheduler)
    tasks = [(need[k][0], r) for k in keys for r in range(need[k][1])]
    flat = run_tasks(tasks, seed, n_jobs=n_jobs, scheduler=scheduler, progress=progress)
    values: dict[str, np.ndarray] = {}
    i = 0
    for k in keys:
        n = need[k][1]
        values[k] = np.array([o.kpis[kpi] for o in flat[i:i + n]], dtype=float)
        i += n

    def decision(_own: str, by_policy: list[str], by_share: list[str]) -> tuple[str | None, float | None]:
        pm = np.array([np.nanmean(values[k][:decision_replications]) if np.isfinite(values[k]).any() else np.nan
                       for k in by_policy])
        sm = np.array([np.nanmean(values[k][:decision_replications]) if np.isfinite(values[k]).any() else np.nan
                       for k in by_share])
        bp, bs = best_index(pm, g), best_index(sm, g)
        return (pols[bp].value if bp >= 0 else None), (shares[bs] if bs >= 0 else None)

    base_key = plan[0][0]
    mean, lo, hi = confidence_interval(values[base_key])
    base_policy, base_share = decision(*plan[0])
    base = {"mean": mean, "ci_low": lo, "ci_high": hi, "best_policy": base_policy, "best_share": base_share,
            "policy": scenario.policy.value, "marketing_share": 1 - scenario.budget.sales_share}
    rows = []
    for j, u in enumerate(inputs):
        (k_lo, *cross_lo), (k_hi, *cross_hi) = plan[1 + 2 * j], plan[2 + 2 * j]
        v_lo, v_hi = values[k_lo][:replications], values[k_hi][:replications]
        lo_m, lo_l, lo_h = confidence_interval(v_lo)
        hi_m, hi_l, hi_h = confidence_interval(v_hi)
        sw, sw_l, sw_h = confidence_interval(v_hi - v_lo)
        if k_lo == k_hi:  # low equal to high: no swing at all
            sw, sw_l, sw_h = 0.0, 0.0, 0.0
        dp_lo, ds_lo = decision(k_lo, *cross_lo)
        dp_hi, ds_hi = decision(k_hi, *cross_hi)
        changes = []
        for end, p, m in (("low", dp_lo, ds_lo), ("high", dp_hi, ds_hi)):
            if p != base_policy:
                changes.append(f"at {end}: best policy {p} (base {base_policy})")
            if m != base_share:
                changes.append(f"at {end}: best share {_pct(m)} (base {_pct(base_share)})")
        rows.append({"input": u.name, "label": u.label, "field": u.field, "low": u.low[u.field],
                     "high": u.high[u.field], "kpi_low": lo_m, "kpi_low_ci_low": lo_l, "kpi_low_ci_high": lo_h,
                     "kpi_high": hi_m, "kpi_high_ci_low": hi_l, "kpi_high_ci_high": hi_h, "swing": sw,
                     "swing_ci_low": sw_l, "swing_ci_high": sw_h, "decision_changes": bool(changes),
                     "what_changes": "; ".join(changes), "best_policy_low": dp_lo, "best_share_low": ds_lo,
                     "best_policy_high": dp_hi, "best_share_high": ds_hi, "low_values": u.low,
                     "high_values": u.high, "reason": u.reason})
    table = pd.DataFrame(rows)
    if not table.empty:
        order = np.argsort(-np.nan_to_num(np.abs(table["swing"].to_numpy()), nan=-1.0), kind="stable")
        table = table.iloc[order].reset_index(drop=True)
    return Matters(scenario, kpi, g, seed, replications, base, table, [p.value for p in pols], shares,
                   decision_replications)


def _pct(x: float | None) -> str:
    return "none" if x is None else f"{x:.0%}"
