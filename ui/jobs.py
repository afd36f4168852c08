"""The server's engine work, shared fairly between browser sessions: one registry, one pool, one queue.

Every scenario a page needs and the cache lacks becomes a job, keyed like the cache (`run.run_key`).
The registry is server-wide: a session asking for a job already in flight holds the same job and waits
for it, so the same work is done once for the whole server (eight sessions arriving on the first screen
compute it once).

A job's replications travel in small batches (about `BATCH_BUYERS` simulated buyers, replications in
order) to one pool of worker processes. The dispatcher keeps every worker busy and picks each next
batch fairly: a real request before any speculative one (the split's neighbours precomputed for a
session), a page's first replications before any page's refinement, then the session served least
recently first, so one session's long run never holds the workers while others wait; they get a
worker within one batch's time. Work that can wait (`Job.deferrable`) never takes the last free worker,
so a page's first figures always find one at once: speculative work, and refinements, the replications
past a job's first ones when nobody waits for every replication (a page draws the first ones,
the warm-up's first screen has no page yet): the core left free draws the page (on a server's first
page, it imports the app and reduces the first figures while a single worker refines), and any other
page's first figures start at once. Speculative work is not even asked for while other sessions are at work
(`others_active`): in a room, the machine's every core is worth more to the teams' real requests (and,
on a shared machine, to their browsers) than to guesses.

Replication i does not depend on the others (`sim.streams`), so the first k replications of a job are
a k-replication run: a page shows them at once (`FIRST_REPS`) and the refinement to the full count
follows. A job past its time limit (`ZMOT_RUN_TIME_LIMIT`, seconds) stops cleanly: its finished
replications, in order, are its result, and the page says so. A job nobody holds any more is dropped
after a short grace (a rerun that asks again at once resumes it).
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future

from sim.replicate import RepOut, run_batch
from sim.scenario import Scenario

# `sim.experiment` (pandas, joblib's parallel layer) is imported where used: the warm-up starts the
# worker processes from this module, and a server's first page waits for every tenth of a second before.

ENV_TIME_LIMIT = "ZMOT_RUN_TIME_LIMIT"
TIME_LIMIT_S = 120.0  # default: a run stops cleanly after this many seconds
FIRST_REPS = 4  # replications shown at once when a run has at least twice as many (a glimpse in ~0.4 s, refined)
BATCH_BUYERS = 8_000  # simulated buyers per batch: about a tenth of a second of one worker
ORPHAN_GRACE_S = 2.0  # a job nobody holds is kept this long (an interrupted script's rerun resumes it)
UNCOLLECTED_S = 30.0  # a finished job is forgotten after this long (its results are in the cache by then)
ROOM_QUIET_S = 10.0  # no speculative work while another session asked for real work this recently
SERVER_WORK = "server-"  # the prefix of the session id of work asked for outside any session (the warm-up)


class TimeLimit(RuntimeError):
    """A run stopped by its time limit: `done` of `total` replications finished."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"stopped after the time limit of {time_limit():g} s ({done} of {total} replications)")
        self.done, self.total = done, total


def time_limit() -> float:
    try:
        v = float(os.environ.get(ENV_TIME_LIMIT, "") or TIME_LIMIT_S)
    except ValueError:
        v = TIME_LIMIT_S
    return v if v > 0 else TIME_LIMIT_S


def batches(scenario: Scenario, replications: int, workers: int) -> list[list[int]]:
    """A job's replications in the order they run: the first a page shows (`first_reps`) split evenly
    over the workers, so that they come back in one round; the rest in batches of about `BATCH_BUYERS`
    simulated buyers."""
    from sim.experiment import expected_buyers

    first = min(first_reps(replications) or 0, replications)
    size = -(-first // max(workers, 1)) if first else 0  # ceil
    out = [list(range(a, min(a + size, first))) for a in range(0, first, size)] if first else []
    per = max(1, int(BATCH_BUYERS // max(expected_buyers(scenario), 1.0)))
    return out + [list(range(a, min(a + per, replications))) for a in range(first, replications, per)]


class Job:
    """One scenario's replications (seed, count, detail): its batches, results and holders."""

    def __init__(self, key: str, scenario: Scenario, seed: int, replications: int, detail: bool,
                 workers: int = 1) -> None:
        self.key, self.scenario, self.seed, self.replications, self.detail = key, scenario, seed, replications, detail
        self.pending: deque[list[int]] = deque(batches(scenario, replications, workers))
        self.outs: dict[int, RepOut] = {}
        self.running = 0
        self.holders: dict[str, bool] = {}  # session -> speculative
        self.created = time.monotonic()
        self.deadline = self.created + time_limit()
        self.orphan_since: float | None = None
        self.last_served = 0.0
        self.finished_at: float | None = None
        self.state = "running"  # running, done, timeout, failed
        self.whole: set[str] = set()  # sessions waiting for every replication, not only the first ones
        self.error: BaseException | None = None
        self.lock = threading.Lock()  # reducing results, once
        self.reduced: dict[int, object] = {}

    @property
    def real(self) -> bool:
        return any(not spec for spec in self.holders.values())

    @property
    def over(self) -> bool:
        return self.state != "running"

    @property
    def deferrable(self) -> bool:
        """Work that can wait: speculative, or a refinement nobody waits for (see the module's doc)."""
        return not self.real or (not self.whole and not self.urgent)

    @property
    def urgent(self) -> bool:
        """Whether its next batch is among the replications a page shows first (`first_reps`)."""
        first = first_reps(self.replications)
        return first is None or (bool(self.pending) and self.pending[0][0] < first)

    def elapsed(self) -> float:
        """Seconds from the job's start to its end (or to now, while it runs)."""
        return (self.finished_at or time.monotonic()) - self.created

    def prefix(self) -> int:
        """How many replications from the first are finished, without a gap."""
        n = 0
        while n in self.outs:
            n += 1
        return n

    def fraction(self) -> float:
        return len(self.outs) / self.replications

    def results(self, n: int | None = None):
        """The `sim.experiment.Results` of the first n replications (all finished ones by default)."""
        n = self.prefix() if n is None else n
        from sim.experiment import _frames

        return _frames([self.outs[r] for r in range(n)], self.scenario, self.seed)


WORKER_NICENESS = 10  # the engine's workers run below the server's own process (pages, results, websockets)
PARENT_CHECK_S = 1.0  # how often a worker checks that its server is still there


def _worker_start(server_pid: int) -> None:
    """In each worker process, once. A lower CPU priority, so that the server's own process (answering
    pages, reducing results) never waits behind the engine's batches: on a room's few cores a page loads
    and draws at once, and the engine gets every cycle the server does not use. And a watch on the server:
    stopped by a signal, it runs no exit handler, and its workers lingered for many minutes (about
    100 MB each); a worker now ends within `PARENT_CHECK_S` of its server."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == server_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="zmot-server-watch", daemon=True).start()


class Scheduler:
    def __init__(self, workers: int | None = None) -> None:
        from sim.executor import default_jobs

        self.workers = workers or default_jobs()
        self.cv = threading.Condition()
        self.jobs: dict[str, Job] = {}
        self.served: dict[str, float] = {}  # session -> when it was last given a worker
        self.asked: dict[str, float] = {}  # session -> when it last asked for real work
        self.busy = 0
        self.busy_deferrable = 0  # workers on work that can wait (speculative; refinement)
        self._pool = None
        self.dispatched: list[tuple[str, str]] = []  # (session, job key), the last few (tests)

    def pool(self):
        if self._pool is None:
            from joblib.externals.loky import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_worker_start,
                                             initargs=(os.getpid(),))
        return self._pool

    # --- Sessions' side -------------------------------------------------------------------------------

    def acquire(self, key: str, scenario: Scenario, seed: int, replications: int, detail: bool, session: str,
                speculative: bool = False, whole: bool = True) -> Job:
        """The job for `key`, in flight already or new; `session` holds it until it releases it. With
        `whole`, the session waits for every replication; without, for the first ones (`first_reps`),
        and the rest is a refinement that can wait."""
        with self.cv:
            job = self.jobs.get(key)
            if job is None or job.state == "failed":
                job = self.jobs[key] = Job(key, scenario, seed, replications, detail, self.workers)
            if not speculative or session not in job.holders:
                job.holders[session] = speculative
            if whole and not speculative:
                job.whole.add(session)
            else:
                job.whole.discard(session)
            if not speculative:
                self.asked[session] = time.monotonic()
            job.orphan_since = None
            self._pump()
            return job

    def held(self, key: str, session: str) -> Job | None:
        """The job for `key` if `session` holds it."""
        with self.cv:
            job = self.jobs.get(key)
            return job if job is not None and session in job.holders else None

    def others_active(self, session: str, within: float = ROOM_QUIET_S) -> bool:
        """Whether another session asked for real work in the last `within` seconds (a room at work)."""
        now = time.monotonic()
        with self.cv:
            return any(now - t < within for s, t in self.asked.items()
                       if s != session and not s.startswith(SERVER_WORK))

    def release(self, job: Job, session: str) -> None:
        with self.cv:
            job.holders.pop(session, None)
            job.whole.discard(session)
            if not job.holders:
                job.orphan_since = time.monotonic()
            self._pump()

    def retain(self, session: str, keys: set[str]) -> None:
        """Release every job `session` holds except those keyed in `keys` (a new page's needs)."""
        with self.cv:
            for job in list(self.jobs.values()):
                if session in job.holders and job.key not in keys:
                    job.holders.pop(session)
                    job.whole.discard(session)
                    if not job.holders:
                        job.orphan_since = time.monotonic()
            self._pump()

    def wait(self, jobs: Sequence[Job], until: Callable[[], bool], timeout: float) -> bool:
        """Wait up to `timeout` s for `until()` (checked under the lock); expire jobs past their limit."""
        with self.cv:
            now = time.monotonic()
            for j in jobs:
                if not j.over and now > j.deadline:
                    self._stop(j, "timeout")
            if until():
                return True
            self.cv.wait(timeout)
            return until()

    def collect(self, job: Job, make: Callable, n: int | None = None):
        """`make(results, n)` of the job's first n replications (all it finished by default), made once
        per count whichever session asks; None when none finished."""
        with self.cv:
            if job.state == "failed" and job.error is not None:
                raise job.error
            n = job.prefix() if n is None else min(n, job.prefix())
        if not n:
            return None
        with job.lock:
            if n not in job.reduced:
                job.reduced[n] = make(job.results(n), n)
            return job.reduced[n]

    # --- The dispatcher (under the lock) --------------------------------------------------------------

    def _stop(self, job: Job, state: str, error: BaseException | None = None) -> None:
        job.state, job.error = state, error
        job.pending.clear()
        job.finished_at = time.monotonic()
        self.cv.notify_all()

    def want(self, jobs: Sequence[Job], session: str, whole: bool) -> None:
        """Whether `session` now waits for every replication of these jobs (`whole`), or shows their
        first ones and, for it, the rest can wait (while its page draws them)."""
        with self.cv:
            for job in jobs:
                if whole and job.holders.get(session) is False:
                    job.whole.add(session)
                else:
                    job.whole.discard(session)
            self._pump()

    def _next(self, deferrable_ok: bool) -> tuple[Job, str] | None:
        best, best_rank, who = None, None, ""
        for job in self.jobs.values():
            if not job.pending or job.over or not job.holders:
                continue
            if not deferrable_ok and job.deferrable:
                continue
            real = job.real
            sessions = [s for s, spec in job.holders.items() if not spec] if real else list(job.holders)
            owner = min(sessions, key=lambda s: self.served.get(s, 0.0))
            # a page's first replications before any page's refinement (in a room, every team sees its
            # new figures before anyone's are refined); a session's own jobs take turns too (a page's
            # missing scenarios reach their first replications together)
            rank = (0 if real else 1, 0 if job.urgent else 1, self.served.get(owner, 0.0), job.last_served,
                    job.created)
            if best_rank is None or rank < best_rank:
                best, best_rank, who = job, rank, owner
        return None if best is None else (best, who)

    def _pump(self) -> None:
        now = time.monotonic()
        for key, job in list(self.jobs.items()):  # the janitor
            if (job.orphan_since is not None and now - job.orphan_since > ORPHAN_GRACE_S and not job.running) or (
                    job.over and job.finished_at is not None and now - job.finished_at > UNCOLLECTED_S):
                del self.jobs[key]
            elif not job.over and now > job.deadline:
                self._stop(job, "timeout")
        self.asked = {s: t for s, t in self.asked.items() if now - t < ROOM_QUIET_S}  # every page load is a session
        while self.busy < self.workers:
            # work that can wait never takes the last free worker: a page's first figures always find one
            pick = self._next(self.busy_deferrable < self.workers - 1 or self.workers == 1)
            if pick is None:
                return
            job, session = pick
            spec = job.deferrable
            batch = job.pending.popleft()
            self.busy += 1
            self.busy_deferrable += spec
            job.running += 1
            self.served[session] = job.last_served = time.monotonic()
            self.dispatched = [*self.dispatched[-63:], (session, job.key)]
            tasks = [(0, job.scenario, r) for r in batch]
            try:
                fut = self.pool().submit(run_batch, tasks, job.seed, job.detail)
            except Exception as e:  # a broken pool: a fresh one next time
                self._pool = None
                self.busy -= 1
                self.busy_deferrable -= spec
                job.running -= 1
                self._stop(job, "failed", e)
                continue
            fut.add_done_callback(lambda f, j=job, b=batch, s=spec: self._done(j, b, s, f))

    def _done(self, job: Job, batch: list[int], spec: bool, fut: Future) -> None:
        with self.cv:
            self.busy -= 1
            self.busy_deferrable -= spec
            job.running -= 1
            try:
                for (_, out), r in zip(fut.result(), batch, strict=True):
                    job.outs[r] = out
            except BaseException as e:
                if not job.over:
                    if "shutdown" in str(e).lower() or "terminated" in str(e).lower():
                        self._pool = None
                        job.pending.appendleft(batch)  # the pool broke under it: run it again
                    else:
                        self._stop(job, "failed", e)
            if not job.over and not job.pending and not job.running and len(job.outs) == job.replications:
                self._stop(job, "done")
            self._pump()
            self.cv.notify_all()


_SCHEDULER: Scheduler | None = None
_LOCK = threading.Lock()


def scheduler() -> Scheduler:
    """The server's one scheduler (one per process: every session's thread shares it)."""
    global _SCHEDULER
    with _LOCK:
        if _SCHEDULER is None:
            _SCHEDULER = Scheduler()
        return _SCHEDULER


def first_reps(replications: int) -> int | None:
    """How many replications a page shows before the rest, or None when it waits for all of them."""
    return FIRST_REPS if replications >= 2 * FIRST_REPS else None
