"""How long do the decision experiments take? The default budget shift, and `matters` and `explain`.

    python bench/experiments.py [--replications 20] [--local-cluster] [--studies]

1. One replication's time: replication 0 of every point of the study, in this process, one after the
   other (the points differ in cost: no reps, or no marketing, run faster).
2. The default budget shift (baseline_2011, 21 marketing shares, 4 policies, 20 replications: 1,680
   runs) on local worker processes, with a progress bar on stderr from the start; its wall time,
   worker start included, and the parallel efficiency: one replication's time x runs / cores / wall.
3. With `--local-cluster`, the same study on a `dask.distributed.LocalCluster` (one single-threaded
   worker process per core), through the same executor as a remote cluster.
4. With `--studies`, `python -m sim matters` and `python -m sim explain baseline_2011 seed_advice` at
   their defaults, each timed (target: within 60 s each on a 2-core machine).

The last line reads `wall=Xs efficiency=Y` for (2). Figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tqdm import tqdm

from sim.executor import close_clients, default_jobs
from sim.presets import load_preset
from sim.replicate import run_one
from sim.shift import ALL_POLICIES, DEFAULT_SHARES, budget_shift, shift_points

SEED = 42


def bar_progress(label: str):
    bar = tqdm(total=1000, desc=label, file=sys.stderr, bar_format="{l_bar}{bar}| {elapsed}<{remaining}",
               mininterval=0.2)
    bar.refresh()
    return bar, (lambda f: bar.update(max(0, round(f * 1000) - bar.n)))


def one_replication_seconds(scenario, shares, policies) -> float:
    points = shift_points(scenario, shares, policies)
    t0 = time.perf_counter()
    for _, _, s in points:
        run_one(s, SEED, 0, False)
    return (time.perf_counter() - t0) / len(points)


def timed_shift(label: str, scenario, replications: int, **kw) -> float:
    bar, update = bar_progress(label)
    t0 = time.perf_counter()
    try:
        budget_shift(scenario, DEFAULT_SHARES, ALL_POLICIES, replications, SEED, progress=update, **kw)
    finally:
        bar.close()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replications", "-r", type=int, default=20)
    ap.add_argument("--local-cluster", action="store_true", help="also run it on a dask.distributed.LocalCluster")
    ap.add_argument("--studies", action="store_true", help="also time matters and explain at their defaults")
    args = ap.parse_args()
    cores = default_jobs()
    s = load_preset("baseline_2011")
    runs = len(DEFAULT_SHARES) * len(ALL_POLICIES) * args.replications
    print(f"budget shift of {s.name}: {len(DEFAULT_SHARES)} shares x {len(ALL_POLICIES)} policies x "
          f"{args.replications} replications = {runs} runs, {cores} cores (os.cpu_count() = {os.cpu_count()})")
    t1 = one_replication_seconds(s, DEFAULT_SHARES, ALL_POLICIES)
    print(f"one replication (mean over the {len(DEFAULT_SHARES) * len(ALL_POLICIES)} points, one core): {t1:.3f} s; "
          f"serial estimate {t1 * runs:.1f} s")

    if args.studies:
        import subprocess

        root = Path(__file__).resolve().parent.parent
        for cmd in (["matters", "baseline_2011"], ["explain", "baseline_2011", "seed_advice"]):
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "sim", *cmd, "--progress"], cwd=root, text=True,
                                  stdout=subprocess.PIPE)
            wall = time.perf_counter() - t0
            verdict = "ok" if done.returncode == 0 and wall <= 60 else "OVER 60 s" if done.returncode == 0 else "FAILED"
            print(f"python -m sim {' '.join(cmd)}: {wall:.1f} s ({verdict})")

    if args.local_cluster:
        from distributed import LocalCluster

        t0 = time.perf_counter()
        with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            start = time.perf_counter() - t0
            wall = timed_shift("LocalCluster", s, args.replications, scheduler=cluster.scheduler_address)
            close_clients()
        print(f"LocalCluster ({cores} workers, started in {start:.1f} s): wall={wall:.1f}s "
              f"efficiency={t1 * runs / cores / wall:.2f}")

    wall = timed_shift("local processes", s, args.replications)
    print(f"local processes: wall={wall:.1f}s efficiency={t1 * runs / cores / wall:.2f}")
    print(f"wall={wall:.1f}s efficiency={t1 * runs / cores / wall:.2f}")


if __name__ == "__main__":
    main()
