"""Determinism: the same seed gives the same output, in parallel or not, whatever the replication count."""

from __future__ import annotations

import numpy as np

from ..experiment import compare, run
from ..presets import load_preset
from ..scenario import Scenario
from .core import (
    SEED,
    Verdict,
    _compare,
    _frames_equal,
    _results_equal,
    _short,
    check,
)


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
