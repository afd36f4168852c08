"""Budget shift: the same total budget split from all-reps to all-marketing, for one or several policies.

Every point keeps the scenario's total go-to-market budget and moves its marketing share along a grid
(0% to 100% by 5% by default): the reps bought (a decimal: the money after whole reps buys a part-time
rep) and the marketing spend follow, and the total spend is the same everywhere. A point of another
policy takes that policy's groups from the map in `groups` (its policy group and, for a nurturing
policy, its marketing mix), the rest from the scenario; the scenario's own policy keeps the scenario's
own groups. Every point runs on the same seed (common random numbers), so that the curve's shape is
not noise and "which share is best" can be asked replication by replication: the probability that a
share is the best is the share of replications in which it is.

0% marketing (no content: no inquiries) and 100% marketing (no reps: nobody answers) are points like
any other, with whatever results they honestly give.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pydantic import ValidationError

from .executor import run_grid
from .experiment import check_size, confidence_interval
from .groups import lever_warnings, with_policy
from .kpis import KPI_BY_NAME, KPIS
from .scenario import Policy, Scenario
from .scenario_errors import ScenarioError, describe_validation_error

DEFAULT_SHARES: tuple[float, ...] = tuple(round(0.05 * i, 10) for i in range(21))
DEFAULT_REPLICATIONS = 20
DEFAULT_KPI = "wins"
ALL_POLICIES: tuple[str, ...] = tuple(p.value for p in Policy)

# Which way is better, for the KPIs where that is plain; any other KPI needs an explicit goal.
HIGHER_IS_BETTER = frozenset({
    "inquiries", "mqls", "sals", "sqls", "opportunities", "wins", "revenue", "win_rate", "conversion_rate",
    "purchase_rate", "selling_time_share", "marketing_sourced_revenue_share", "inbound_revenue_share",
    "outbound_revenue_share"})
LOWER_IS_BETTER = frozenset({
    "loss_rate", "no_decision_rate", "lost_not_shortlisted", "lost_slow_response", "lost_premature",
    "lost_competitor", "lost_no_decision", "lost_disqualified", "rep_hours_per_win", "response_time_hours",
    "queue_length_mean", "premature_contact_share", "cost_total", "cost_per_win", "rep_hours_premature",
    "rep_hours_idle"})


def check_kpi(kpi: str) -> str:
    if kpi not in KPI_BY_NAME:
        raise ValueError(f"--kpi {kpi!r} is not a KPI; KPIs: {', '.join(k.name for k in KPIS)}")
    return kpi


def kpi_goal(kpi: str, goal: str | None = None) -> str:
    """'max' or 'min': the given goal, else the KPI's plain direction."""
    check_kpi(kpi)
    if goal is not None:
        if goal not in ("max", "min"):
            raise ValueError(f"--goal {goal!r}: expected max or min")
        return goal
    if kpi in HIGHER_IS_BETTER:
        return "max"
    if kpi in LOWER_IS_BETTER:
        return "min"
    raise ValueError(f"--kpi {kpi}: more is neither plainly better nor worse; say which with --goal max or min")


def check_shares(shares: Sequence[float]) -> list[float]:
    out = [float(x) for x in shares]
    if not out:
        raise ValueError("--shares: the grid is empty")
    bad = [x for x in out if not (math.isfinite(x) and 0 <= x <= 1)]
    if bad:
        raise ValueError(f"--shares: marketing shares must lie from 0 to 1 (got {bad[0]:g})")
    if len(set(out)) != len(out):
        raise ValueError("--shares: a share appears twice")
    return sorted(out)


def parse_shares(text: str) -> list[float]:
    """'0:1:0.05' (start:stop:step, stop included) or '0,0.25,0.5' (a list)."""
    text = text.strip()
    try:
        if ":" in text:
            parts = [float(p) for p in text.split(":")]
            if len(parts) != 3:
                raise ValueError
            start, stop, step = parts
            if not (step > 0 and stop >= start):
                raise ValueError(f"--shares {text!r}: expected start:stop:step with step > 0 and stop >= start")
            n = math.floor((stop - start) / step + 1e-9) + 1
            if n > 1001:
                raise ValueError(f"--shares {text!r}: more than 1001 points")
            return check_shares([round(start + k * step, 10) for k in range(n)])
        return check_shares([float(p) for p in text.split(",") if p.strip()])
    except ValueError as e:
        if str(e).startswith("--shares"):
            raise
        raise ValueError(f"--shares {text!r}: expected start:stop:step (such as 0:1:0.05) or a list "
                         "(such as 0,0.25,0.5)") from None


def check_policies(policies: Sequence[str | Policy]) -> list[Policy]:
    out = []
    for p in policies:
        try:
            out.append(Policy(p))
        except ValueError:
            raise ValueError(f"--policies: {p!r} is not a policy; policies: {', '.join(ALL_POLICIES)}") from None
    if not out:
        raise ValueError("--policies: name at least one policy")
    if len(set(out)) != len(out):
        raise ValueError("--policies: a policy appears twice")
    return out


def at_share(s: Scenario, marketing_share: float) -> Scenario:
    """`s` with `marketing_share` of its budget to marketing, the rest to reps (validated)."""
    data = s.model_dump(mode="json")
    data["budget"]["sales_share"] = 1.0 - float(marketing_share)
    try:
        return Scenario.model_validate(data)
    except ValidationError as e:
        raise ScenarioError(describe_validation_error(e, f"{s.name} at marketing share {marketing_share:g}")) from None


def under_policy(s: Scenario, policy: Policy | str) -> Scenario:
    """`s` under `policy`: itself for its own policy, else that policy's groups from the map in `groups`."""
    p = Policy(policy)
    if p == s.policy:
        return s
    try:
        return with_policy(s, p)
    except ValidationError as e:
        raise ScenarioError(describe_validation_error(e, f"--policies {p.value} on {s.name}")) from None


def shift_points(s: Scenario, shares: Sequence[float], policies: Sequence[Policy | str] | None = None
                 ) -> list[tuple[str, float, Scenario]]:
    """(policy, marketing share, scenario) of every point, policy by policy."""
    pols = check_policies(policies) if policies is not None else [s.policy]
    out = []
    for p in pols:
        base = under_policy(s, p)
        for m in check_shares(shares):
            out.append((p.value, m, at_share(base, m).model_copy(
                update={"name": f"{s.name} · {p.value} · marketing {m:.0%}"})))
    return out


def best_probabilities(values: np.ndarray, goal: str) -> np.ndarray:
    """values[r, j] (replication x option) -> the chance that each option is the best, over replications.

    A NaN (no wins, so no cost per win) is never best; a tie shares the replication equally."""
    v = np.where(np.isfinite(values), values if goal == "max" else -values, -np.inf)
    top = v.max(axis=1, keepdims=True)
    winners = (v == top) & np.isfinite(top)
    counts = winners.sum(axis=1, keepdims=True)
    share = np.divide(winners, counts, out=np.zeros(v.shape), where=counts > 0)
    return share.mean(axis=0)


def best_index(means: np.ndarray, goal: str) -> int:
    """The option with the best mean (the first of equals); -1 when none is defined."""
    m = np.where(np.isfinite(means), means if goal == "max" else -means, -np.inf)
    return int(np.argmax(m)) if np.isfinite(m).any() else -1


@dataclass(frozen=True)
class Shift:
    """A budget shift's results: one row per point (policy, marketing share) and KPI."""

    scenario: Scenario
    seed: int
    replications: int
    shares: list[float]
    policies: list[str]
    points: pd.DataFrame  # policy, marketing_share, reps, marketing_eur, total_eur, kpi, unit, mean, ci_low, ci_high
    per_replication: pd.DataFrame  # policy, marketing_share, replication, one column per KPI
    warnings: list[str]

    def kpi(self, kpi: str) -> pd.DataFrame:
        """The points of one KPI."""
        check_kpi(kpi)
        return self.points[self.points["kpi"] == kpi].reset_index(drop=True)

    def values(self, kpi: str, policy: str) -> np.ndarray:
        """replication x share matrix of one KPI under one policy."""
        d = self.per_replication[self.per_replication["policy"] == policy]
        return d.pivot(index="replication", columns="marketing_share", values=check_kpi(kpi))[self.shares].to_numpy()

    def p_best(self, kpi: str, goal: str | None = None) -> pd.DataFrame:
        """Per policy and share, the chance that this share is the policy's best (over replications, on
        common random numbers); and `p_best_overall`, that this point is the best of all policies'."""
        g = kpi_goal(kpi, goal)
        mats = [self.values(kpi, p) for p in self.policies]
        overall = best_probabilities(np.hstack(mats), g)
        rows = []
        for i, (p, m) in enumerate(zip(self.policies, mats, strict=True)):
            within = best_probabilities(m, g)
            for j, share in enumerate(self.shares):
                rows.append({"policy": p, "marketing_share": share, "p_best": float(within[j]),
                             "p_best_overall": float(overall[i * len(self.shares) + j])})
        return pd.DataFrame(rows)

    def best(self, kpi: str, goal: str | None = None) -> pd.DataFrame:
        """Per policy: the share with the best mean, its mean and interval, and the chance it is best."""
        g = kpi_goal(kpi, goal)
        pts, pb = self.kpi(kpi), self.p_best(kpi, g)
        rows = []
        for p in self.policies:
            mine = pts[pts["policy"] == p].reset_index(drop=True)
            j = best_index(mine["mean"].to_numpy(), g)
            if j < 0:
                rows.append({"policy": p, "marketing_share": float("nan"), "mean": float("nan"),
                             "ci_low": float("nan"), "ci_high": float("nan"), "p_best": float("nan")})
                continue
            row = mine.iloc[j]
            prob = pb[(pb["policy"] == p) & (pb["marketing_share"] == row["marketing_share"])]["p_best"].iloc[0]
            rows.append({"policy": p, "marketing_share": float(row["marketing_share"]), "mean": row["mean"],
                         "ci_low": row["ci_low"], "ci_high": row["ci_high"], "p_best": float(prob)})
        return pd.DataFrame(rows)


def budget_shift(scenario: Scenario, shares: Sequence[float] = DEFAULT_SHARES,
                 policies: Sequence[Policy | str] | None = None, replications: int = DEFAULT_REPLICATIONS,
                 seed: int = 42, *, n_jobs: int | None = None, scheduler: str | None = None,
                 progress: Callable[[float], None] | None = None, force: bool = False) -> Shift:
    """Run every (policy, marketing share) point of `scenario`'s fixed budget on common random numbers.

    `policies=None` keeps the scenario's own policy only."""
    if replications < 1:
        raise ValueError("--replications must be at least 1")
    grid = check_shares(shares)
    points = shift_points(scenario, grid, policies)
    scenarios = [s for _, _, s in points]
    check_size(scenarios, replications, force=force, scheduler=scheduler)
    outs = run_grid(scenarios, replications, seed, n_jobs=n_jobs, scheduler=scheduler, progress=progress)
    rows, reps_rows = [], []
    for (policy, m, s), out in zip(points, outs, strict=True):
        head = {"policy": policy, "marketing_share": m, "reps": s.reps, "marketing_eur": s.marketing_spend,
                "total_eur": s.yearly_cost}
        per = pd.DataFrame([o.kpis for o in out])
        for kpi in KPIS:
            mean, lo, hi = confidence_interval(per[kpi.name].to_numpy())
            rows.append({**head, "kpi": kpi.name, "unit": kpi.unit, "mean": mean, "ci_low": lo, "ci_high": hi})
        reps_rows += [{"policy": policy, "marketing_share": m, "replication": o.replication, **o.kpis} for o in out]
    warned: dict[tuple[str, str], str] = {}  # per policy and kind, the largest case (highest marketing share)
    for policy, m, s in points:
        for w in lever_warnings(s):
            warned[(policy, w.code)] = f"{policy} at {m:.0%} marketing: {w.message}"
    return Shift(scenario, seed, replications, grid, list(dict.fromkeys(p for p, _, _ in points)),
                 pd.DataFrame(rows), pd.DataFrame(reps_rows), list(warned.values()))
