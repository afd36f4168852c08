"""Where a difference comes from: the Shapley attribution of B minus A over the groups of inputs.

The groups are those of the one map in `groups` (budget split, marketing mix, policy, market and
buyers, sales, experiment). Only the k groups that differ between A and B are switched: every subset
of them taken from B into A is one scenario (`groups.combine`), 2^k scenarios in all, each run on the
same seed (common random numbers). A group's part is the mean of its marginal effect over every order
of switching the groups from A to B: for group g,

    part(g) = sum over subsets S of the others of |S|! (k - |S| - 1)! / k! x (v(S + g) - v(S)).

It is computed replication by replication, so that the parts add up to B minus A exactly in every
replication (hence in the mean too), and each part's 95% interval is taken over replications. A
replication where a KPI is undefined in any mix (a win rate with no opportunity) is left out of that
KPI's total and parts alike. A group
that does not differ has a part of exactly zero; identical scenarios need one run, with a total and
every part zero. A mix of groups can be impossible (A's sales with B's policy may break a rule of the
scenario): that is reported, naming the groups and the rule, before anything runs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pydantic import ValidationError

from .executor import run_grid
from .experiment import check_size, confidence_interval
from .groups import GROUP_ORDER, combine, differing_groups
from .kpis import KPIS
from .scenario import Scenario
from .scenario_errors import ScenarioError, describe_validation_error

DEFAULT_REPLICATIONS = 30
MAX_GROUPS = len(GROUP_ORDER)  # 2^6 = 64 runs per replication at most


def subsets(groups: list[str]) -> list[tuple[str, ...]]:
    """Every subset of `groups`, smallest first, each in the groups' order."""
    return [c for n in range(len(groups) + 1) for c in itertools.combinations(groups, n)]


def shapley_weights(k: int) -> dict[int, float]:
    """Weight of a subset of size s (not holding the group) in a k-player Shapley value."""
    return {s: math.factorial(s) * math.factorial(k - s - 1) / math.factorial(k) for s in range(k)}


def mixed_scenarios(a: Scenario, b: Scenario, groups: list[str]) -> dict[tuple[str, ...], Scenario]:
    """A with each subset of `groups` taken from B; an impossible mix raises ScenarioError."""
    out = {}
    for sub in subsets(groups):
        try:
            s = combine(a, b, sub)
        except ValidationError as e:
            taken = ", ".join(sub)
            raise ScenarioError(describe_validation_error(
                e, f"{a.name} with {taken} from {b.name} is not a possible scenario, so its difference cannot be "
                "attributed group by group")) from None
        out[sub] = s.model_copy(update={"name": f"{a.name} + {'+'.join(sub)}" if sub else a.name})
    return out


def shapley_parts(values: dict[tuple[str, ...], np.ndarray], groups: list[str]) -> dict[str, np.ndarray]:
    """Per group, its Shapley part replication by replication, from v(S) for every subset S."""
    k = len(groups)
    w = shapley_weights(k)
    parts = {}
    for g in groups:
        others = [x for x in groups if x != g]
        total = np.zeros_like(values[()], dtype=float)
        for sub in subsets(others):
            with_g = tuple(x for x in groups if x in sub or x == g)
            total = total + w[len(sub)] * (values[with_g] - values[sub])
        parts[g] = total
    return parts


@dataclass(frozen=True)
class Explanation:
    """B minus A, and each group's part of it, for every KPI, with 95% intervals over replications."""

    a: Scenario
    b: Scenario
    seed: int
    replications: int
    groups: list[str]  # the groups that differ (switched), in GROUP_ORDER
    total: pd.DataFrame  # kpi, unit, mean, ci_low, ci_high, replications (those where the KPI is defined)
    parts: pd.DataFrame  # kpi, unit, group, differs, mean, ci_low, ci_high (every group of GROUP_ORDER)
    per_replication: pd.DataFrame  # kpi, replication, total, and one column per group

    def kpi(self, kpi: str) -> tuple[pd.Series, pd.DataFrame]:
        """The total and the parts of one KPI."""
        from .shift import check_kpi

        check_kpi(kpi)
        total = self.total[self.total["kpi"] == kpi].iloc[0]
        return total, self.parts[self.parts["kpi"] == kpi].reset_index(drop=True)


def explain(a: Scenario, b: Scenario, replications: int = DEFAULT_REPLICATIONS, seed: int = 42, *,
            n_jobs: int | None = None, scheduler: str | None = None,
            progress: Callable[[float], None] | None = None, force: bool = False) -> Explanation:
    """Attribute B minus A, KPI by KPI, to the groups of inputs that differ (Shapley, on common random
    numbers): 2^k scenario runs for k differing groups."""
    if replications < 1:
        raise ValueError("--replications must be at least 1")
    groups = differing_groups(a, b)
    mixes = mixed_scenarios(a, b, groups)
    order = list(mixes)
    check_size([mixes[s] for s in order], replications, force=force, scheduler=scheduler)
    outs = run_grid([mixes[s] for s in order], replications, seed, n_jobs=n_jobs, scheduler=scheduler,
                    progress=progress)
    full = tuple(groups)
    total_rows, part_rows, rep_rows = [], [], []
    for kpi in KPIS:
        values = {sub: np.array([o.kpis[kpi.name] for o in out], dtype=float)
                  for sub, out in zip(order, outs, strict=True)}
        # A replication where the KPI is undefined in any mix (a rate with no opportunity) has no parts:
        # it is left out of the total too, so that the parts add up to the total.
        defined = np.logical_and.reduce([np.isfinite(v) for v in values.values()])
        values = {sub: np.where(defined, v, np.nan) for sub, v in values.items()}
        diff = values[full] - values[()]
        parts = shapley_parts(values, groups)
        mean, lo, hi = confidence_interval(diff)
        total_rows.append({"kpi": kpi.name, "unit": kpi.unit, "mean": mean, "ci_low": lo, "ci_high": hi,
                           "replications": int(defined.sum())})
        for g in GROUP_ORDER:
            if g in parts:
                mean, lo, hi = confidence_interval(parts[g])
            elif defined.any():
                mean = lo = hi = 0.0
            else:
                mean = lo = hi = float("nan")
            part_rows.append({"kpi": kpi.name, "unit": kpi.unit, "group": g, "differs": g in parts,
                              "mean": mean, "ci_low": lo, "ci_high": hi})
        for r in range(replications):
            rep_rows.append({"kpi": kpi.name, "replication": r, "total": diff[r],
                             **{g: parts[g][r] if g in parts else 0.0 for g in GROUP_ORDER}})
    return Explanation(a, b, seed, replications, groups, pd.DataFrame(total_rows), pd.DataFrame(part_rows),
                       pd.DataFrame(rep_rows))
