"""How fast is the engine? Prints wall times and the model's cost per buyer against a bare SimPy queue.

    python bench/speed.py [--replications 30] [--repeat 5]

1. The default preset, `--replications` replications in parallel on every core, after imports and
   after the worker pool has started once (as in the app, where the pool is reused): best and median
   of `--repeat` runs.
2. The same on one core, per simulated buyer.
3. A bare SimPy M/M/c queue (a process per customer and a `Resource`) with as many customers as the
   model simulated buyers, on one core, per customer; and the ratio of (2) over (3).
4. Peak memory of one replication, and of one with twice the market, to show it grows linearly.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import simpy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sim.experiment import run
from sim.model import simulate
from sim.presets import DEFAULT_PRESET, load_preset, with_overrides


def bare_mmc(customers: int, servers: int = 10, load: float = 0.8, seed: int = 1) -> float:
    """Seconds to simulate `customers` through a bare M/M/c queue in SimPy."""
    rng = np.random.default_rng(seed)
    gaps = rng.exponential(1 / (load * servers), customers).tolist()
    services = rng.exponential(1.0, customers).tolist()
    env = simpy.Environment()
    reps = simpy.Resource(env, capacity=servers)

    def customer(service: float):
        with reps.request() as req:
            yield req
            yield env.timeout(service)

    def source():
        for gap, service in zip(gaps, services, strict=True):
            yield env.timeout(gap)
            env.process(customer(service))

    env.process(source())
    start = time.perf_counter()
    env.run()
    return time.perf_counter() - start


def timed_runs(scenario, replications: int, repeat: int) -> list[float]:
    """Wall seconds of `repeat` runs, after one untimed run that starts the worker pool (as in the app)."""
    run(scenario, replications, seed=0, detail=True)
    walls = []
    for k in range(repeat):
        t = time.perf_counter()
        run(scenario, replications, seed=k + 1, detail=True)
        walls.append(time.perf_counter() - t)
    return walls


def peak_memory_mb(scenario) -> float:
    tracemalloc.start()
    simulate(scenario, 1, 0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replications", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    s = load_preset(DEFAULT_PRESET)
    ex = s.experiment
    weeks = ex.warmup_weeks + ex.horizon_weeks + ex.follow_up_weeks
    print(f"scenario: {DEFAULT_PRESET}, {s.market.arrivals_per_week:g} buyers/week, {s.reps:g} reps, "
          f"{weeks} simulated weeks ({ex.horizon_weeks}-week cohort), {args.replications} replications")

    walls = timed_runs(s, args.replications, args.repeat)
    print(f"parallel, all cores, with per-buyer tables: best {min(walls):.2f} s, "
          f"median {statistics.median(walls):.2f} s")
    one_year = with_overrides(s, ["experiment.warmup_weeks=0", "experiment.follow_up_weeks=0"])
    walls = timed_runs(one_year, args.replications, args.repeat)
    print(f"one simulated year exactly (no warm-up or follow-up): best {min(walls):.2f} s, "
          f"median {statistics.median(walls):.2f} s")

    buyers = 0
    t = time.perf_counter()
    for r in range(args.replications):
        # Buyers that arrive while the clock runs: the pre-history's, drawn silently before it, are not counted.
        buyers += int((simulate(s, 7, r).buyers["arrival"] >= 0).sum())
    model_s = time.perf_counter() - t
    bare_s = min(bare_mmc(buyers, servers=max(round(s.reps), 1)) for _ in range(2))
    per_buyer, per_customer = model_s / buyers * 1e6, bare_s / buyers * 1e6
    print(f"one core: model {model_s:.2f} s for {buyers:,} buyers = {per_buyer:.1f} us/buyer; "
          f"bare SimPy M/M/c {bare_s:.2f} s = {per_customer:.1f} us/customer; ratio {per_buyer / per_customer:.2f}")

    double = with_overrides(s, [f"market.arrivals_per_week={2 * s.market.arrivals_per_week}"])
    print(f"peak memory of one replication: {peak_memory_mb(s):.1f} MB; "
          f"with twice the buyers: {peak_memory_mb(double):.1f} MB")


if __name__ == "__main__":
    main()
