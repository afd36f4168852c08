"""One executor for every multi-run experiment: replications, comparisons, budget shift, what matters,
attribution.

A task is one (scenario, replication) pair; its result is a pure function of (scenario, seed,
replication) (see `streams`), so the numbers are the same whoever runs it: one process, local worker
processes (joblib's reusable loky pool, the default) or a Dask distributed cluster (joblib's dask
backend), given by `scheduler="tcp://host:port"` or the `ZMOT_SCHEDULER` environment variable.

- Tasks travel in batches, interleaved (task i to batch i mod n), so every batch holds a similar mix
  of small and large scenarios; each result carries its task's index, so order never matters.
- `stream` yields results as their batch finishes (joblib's `return_as="generator_unordered"`) and
  reports the fraction done to `progress`. To cancel, raise from `progress` or close the generator:
  joblib then cancels what is left (loky kills its busy workers, dask cancels the futures).
- Identical tasks (same inputs, labels aside, same replication) run once: a budget-shift point that is
  the scenario itself, or the end of a range equal to the base, costs nothing.
- Workers import only the model (`sim.replicate`), not pandas, SciPy or this module.

The app's server may read `ZMOT_SCHEDULER` from its environment, never from a browser session: a
scheduler runs whatever it is sent.
"""

from __future__ import annotations

import math
import os
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from joblib import Parallel, delayed, parallel_config

from .replicate import RepOut, engine_fingerprint, run_batch, run_one
from .scenario import Scenario

ENV_SCHEDULER = "ZMOT_SCHEDULER"
CONNECT_TIMEOUT_S = 5.0  # a scheduler that does not answer within this is reported as unreachable
BATCH_BUYERS = 30_000  # with progress, a batch holds about this many simulated buyers at most
Task = tuple[Scenario, int]  # (scenario, replication)
Progress = Callable[[float], None]


class SchedulerError(ConnectionError):
    """The Dask scheduler cannot be used: unreachable, no workers, or workers without this engine."""


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def scheduler_address(scheduler: str | None = None) -> tuple[str | None, str]:
    """The scheduler to use and where it came from: the argument first, then `ZMOT_SCHEDULER`."""
    if scheduler:
        return scheduler.strip(), "--scheduler"
    env = os.environ.get(ENV_SCHEDULER, "").strip()
    return (env, ENV_SCHEDULER) if env else (None, "")


_CLIENTS: dict[str, Any] = {}
_LOCK = threading.Lock()


def connect(address: str, *, origin: str = "--scheduler", timeout: float = CONNECT_TIMEOUT_S) -> Any:
    """A `distributed.Client` on `address` (kept for the next call), with workers that run this engine.

    Raises `SchedulerError`, within about `timeout` seconds, when nothing answers, when the cluster
    has no worker, or when its workers cannot import this engine or run another version of it (the
    same seed would then not give the same numbers).
    """
    with _LOCK:
        client = _CLIENTS.get(address)
        if client is not None and client.status == "running":
            return client
        _CLIENTS.pop(address, None)
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - distributed is in requirements.txt
            raise SchedulerError(f"{origin} {address}: the 'distributed' package is not installed") from None
        try:
            client = Client(address, timeout=timeout, set_as_default=False)
        except Exception as e:  # OSError, TimeoutError, ValueError for a malformed address...
            raise SchedulerError(
                f"{origin} {address}: no Dask scheduler answered within {timeout:g} s "
                f"({type(e).__name__}: {str(e).splitlines()[0] if str(e) else 'no detail'})") from None
        try:
            _check_workers(client, address, origin, timeout)
        except BaseException:
            client.close()
            raise
        _CLIENTS[address] = client
        return client


def _check_workers(client: Any, address: str, origin: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception:
        raise SchedulerError(f"{origin} {address}: the scheduler has no worker (start one with "
                             f"`dask worker {address}` from the project's folder)") from None
    try:
        prints = client.run(engine_fingerprint)
    except Exception as e:
        raise SchedulerError(
            f"{origin} {address}: a worker cannot import this engine ({type(e).__name__}: {e}); start the "
            "workers from the project's folder with PYTHONPATH=. and the same requirements") from None
    mine = engine_fingerprint()
    other = sorted(w for w, fp in prints.items() if fp != mine)
    if other:
        raise SchedulerError(
            f"{origin} {address}: worker(s) {', '.join(other)} run another version of the engine: the same seed "
            "would not give the same numbers; restart them from this version")


def close_clients() -> None:
    """Close every kept connection to a scheduler (tests, or before a scheduler goes away)."""
    with _LOCK:
        for client in _CLIENTS.values():
            client.close()
        _CLIENTS.clear()


def capacity(n_jobs: int | None = None, scheduler: str | None = None) -> int:
    """How many tasks run at once: local worker processes, or the cluster's worker threads."""
    address, origin = scheduler_address(scheduler)
    if address:
        return max(1, sum(connect(address, origin=origin).nthreads().values()))
    return max(1, n_jobs or default_jobs())


def _buyers(s: Scenario) -> float:
    ex = s.experiment
    return s.market.arrivals_per_week * (ex.warmup_weeks + ex.horizon_weeks + ex.follow_up_weeks)


def _batches(tasks: Sequence[tuple[int, Scenario, int]], n_jobs: int, fine: bool
             ) -> list[list[tuple[int, Scenario, int]]]:
    """Few batches (one per worker) when nobody watches; with progress, at least four per worker and
    small enough (about BATCH_BUYERS simulated buyers) that the first results come within a second."""
    n = n_jobs
    if fine:
        work = sum(_buyers(s) for _, s, _ in tasks)
        n = max(4 * n_jobs, math.ceil(work / BATCH_BUYERS))
    n = max(1, min(n, len(tasks)))
    return [list(tasks[b::n]) for b in range(n)]


def task_key(s: Scenario) -> str:
    """What a task's result depends on: every input, labels aside."""
    return s.model_copy(update={"name": "", "description": ""}).model_dump_json()


def stream(tasks: Sequence[Task], seed: int, *, keep_raw: bool = False, n_jobs: int | None = None,
           scheduler: str | None = None, progress: Progress | None = None, fine: bool = True
           ) -> Iterator[tuple[int, RepOut]]:
    """Run every task; yield (task index, result) as results come in, in no particular order.

    `progress(fraction)` is called after each batch; raising from it, or closing the generator, cancels
    the rest. `scheduler` (or `ZMOT_SCHEDULER`) sends the work to a Dask cluster; otherwise `n_jobs`
    local processes (all cores by default; 1 runs in this process). `fine=False` uses one batch per
    worker when nobody watches (fewest round trips).
    """
    # Identical tasks run once; every copy gets the result.
    index: dict[tuple[str, int], int] = {}
    copies: list[list[int]] = []
    unique: list[tuple[int, Scenario, int]] = []
    keys: dict[int, str] = {}
    for i, (s, r) in enumerate(tasks):
        if id(s) not in keys:
            keys[id(s)] = task_key(s)
        k = (keys[id(s)], r)
        if k in index:
            copies[index[k]].append(i)
        else:
            index[k] = len(unique)
            copies.append([i])
            unique.append((len(unique), s, r))
    total = len(tasks)
    if not unique:
        return
    address, origin = scheduler_address(scheduler)
    client = connect(address, origin=origin) if address else None  # fails fast, before any work starts
    if client is not None:
        jobs = max(1, sum(client.nthreads().values()))
    else:
        jobs = max(1, min(n_jobs or default_jobs(), len(unique)))
    done = 0

    def deliver(u: int, out: RepOut) -> Iterator[tuple[int, RepOut]]:
        for i in copies[u]:
            yield i, out

    if client is None and jobs == 1:
        for u, s, r in unique:
            yield from deliver(u, run_one(s, seed, r, keep_raw))
            done += len(copies[u])
            if progress:
                progress(done / total)
        return
    batches = _batches(unique, jobs, fine or progress is not None)
    calls = (delayed(run_batch)([(u, s, r) for u, s, r in b], seed, keep_raw) for b in batches)
    if client is None:
        outputs = Parallel(n_jobs=jobs, backend="loky", return_as="generator_unordered")(calls)
    else:
        with parallel_config(backend="dask", client=client, wait_for_workers_timeout=CONNECT_TIMEOUT_S):
            outputs = Parallel(n_jobs=-1, return_as="generator_unordered")(calls)
    try:
        for out in outputs:
            for u, rep in out:
                yield from deliver(u, rep)
                done += len(copies[u])
            if progress:
                progress(done / total)  # may raise to stop the run (the app's Stop button, Ctrl-C)
    finally:
        # Closing at once lets joblib cancel what is left now; an abandoned generator is cleaned up
        # later by the garbage collector, which can tear the worker pool down mid-way through the next
        # run. Cancelling is what a stop asks for: joblib's warning about it is noise here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            outputs.close()


def run_tasks(tasks: Sequence[Task], seed: int, *, keep_raw: bool = False, n_jobs: int | None = None,
              scheduler: str | None = None, progress: Progress | None = None, fine: bool = True
              ) -> list[RepOut]:
    """Every task's result, in the order of `tasks` (see `stream`)."""
    out: list[RepOut | None] = [None] * len(tasks)
    gen = stream(tasks, seed, keep_raw=keep_raw, n_jobs=n_jobs, scheduler=scheduler, progress=progress,
                 fine=fine)
    try:
        for i, rep in gen:
            out[i] = rep
    finally:
        gen.close()
    return out  # type: ignore[return-value]


def run_grid(points: Sequence[Scenario], replications: int, seed: int, **kw: Any) -> list[list[RepOut]]:
    """Replications 0..replications-1 of every point, as one list per point sorted by replication."""
    tasks = [(s, r) for s in points for r in range(replications)]
    flat = run_tasks(tasks, seed, **kw)
    return [flat[k * replications:(k + 1) * replications] for k in range(len(points))]
