"""Many scenario runs for one view (the budget shift's points, the attribution's mixes), on the server's
fair scheduler (`jobs`), with partial results as they come in.

Each scenario is one job keyed like the run cache (`run.run_key`), so a point already computed (by this
view, by the page's own run or by another session) is taken from the cache and a point in flight for
another session is waited for, not computed twice. The scheduler serves a session's jobs in turn, one
batch each, so every point gets its first replications before any gets its last: a coarse curve comes
first and refines while the room watches. A new input stops the wait (`checkpoint`) and releases the
jobs; a job nobody holds is dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from sim.scenario import Scenario

from . import errors as ERR
from . import jobs as J
from . import run as R
from . import text_decisions  # noqa: F401  (its strings)
from .checkpoint import checkpoint


@dataclass
class Partial:
    """Per scenario, the KPI values of its first replications (replication x KPI); how far the run is."""

    frames: list[pd.DataFrame | None]  # None: no replication yet
    done: int  # replications finished over every scenario
    total: int
    final: bool  # every scenario has all its replications (or stopped at the time limit)
    timed_out: bool = False

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0

    def least(self) -> int:
        """Replications of the scenario with fewest (0 while one has none)."""
        return min((0 if f is None else len(f) for f in self.frames), default=0)


def _frame(outs: list) -> pd.DataFrame:
    return pd.DataFrame([{"replication": o.replication, **o.kpis} for o in outs])


class Points:
    """The jobs of many scenarios on the server's scheduler, held by this session until `release`."""

    def __init__(self, scenarios: Sequence[Scenario], seed: int, replications: int) -> None:
        self.scenarios, self.seed, self.replications = list(scenarios), seed, replications
        self.frames: list[pd.DataFrame | None] = [None] * len(self.scenarios)
        self.total = len(self.scenarios) * replications
        self.sched, self.sid, self.t0 = J.scheduler(), R.session_id(), time.perf_counter()
        self.held: dict[int, J.Job] = {}
        self.collected: set[int] = set()
        for i, s in enumerate(self.scenarios):
            d = R.lookup(s, seed, replications, False)
            if d is not None:
                self.frames[i] = d.per_replication
                self.collected.add(i)
        for i, s in enumerate(self.scenarios):  # in the order given: the scheduler serves earlier jobs first
            if i not in self.collected:
                self.held[i] = self.sched.acquire(R.run_key(s, seed, replications, False), s, seed, replications,
                                                  False, self.sid)
        self.jobs = list(self.held.values())

    @property
    def over(self) -> bool:
        return all(j.over for j in self.jobs)

    def snapshot(self) -> Partial:
        """What has come in so far; finished jobs are cached (like any run) and released."""
        with self.sched.cv:
            outs = {i: [j.outs[r] for r in range(j.prefix())] for i, j in self.held.items()
                    if i not in self.collected}
        for i, o in outs.items():
            j = self.held[i]
            if j.state == "failed":
                raise j.error or RuntimeError("failed")
            if j.state == "done":
                self.frames[i] = self.sched.collect(j, R.maker(self.scenarios[i], self.seed, False, self.t0)
                                                    ).per_replication
                self.collected.add(i)
                self.sched.release(j, self.sid)
            else:
                self.frames[i] = _frame(o) if o else None
        done = sum(0 if f is None else len(f) for f in self.frames)
        p = Partial(list(self.frames), done, self.total, self.over)
        p.timed_out = any(j.state == "timeout" for j in self.jobs)
        return p

    def wait(self, until: Callable[[], bool], on_update: Callable[[Partial], None] | None = None,
             every: float = 0.8) -> Partial:
        """Wait for `until()` (or every job over); `on_update(partial)` every `every` seconds meanwhile (it
        reports to the page, so it may raise to stop: a new input)."""
        last = time.monotonic() - every / 2  # a first report soon
        while not self.sched.wait(self.jobs, lambda: self.over or until(), 0.1):
            checkpoint()
            now = time.monotonic()
            if on_update is not None and now - last >= every:
                last = now
                on_update(self.snapshot())
        return self.snapshot()

    def least(self, among: Sequence[int] | None = None) -> int:
        """Replications of the scenario with fewest so far (cached ones count in full), of all or `among`."""
        among = range(len(self.scenarios)) if among is None else among
        with self.sched.cv:
            return min((self.held[i].prefix() if i in self.held and i not in self.collected else self.replications
                        for i in among), default=self.replications)

    def release(self) -> None:
        for i, j in self.held.items():
            if i not in self.collected:
                self.sched.release(j, self.sid)


def run_points(scenarios: Sequence[Scenario], seed: int, replications: int,
               on_update: Callable[[Partial], None] | None = None, every: float = 0.8) -> Partial:
    """Every scenario's `replications` replications (see `Points.wait`). Raises a failed job's error."""
    pts = Points(scenarios, seed, replications)
    try:
        return pts.wait(lambda: False, on_update, every)
    finally:
        pts.release()


def error_text(lang: str, e: BaseException) -> str:
    """An engine error in the user's language, from its code and parameters (`ui.errors`)."""
    return ERR.explain(lang, e)
