"""The sales team as a SimPy resource whose every hour is booked to an activity.

Administration and the fixed prospecting share are spread through each rep's day: a task of h hours
of work keeps a rep busy for h / available_share hours of clock time, of which h are booked to the
task. Idle clock time is booked to idle (to prospecting under `sales_led`, where idle reps call cold
accounts). So booked hours add up to paid hours exactly, and there is no unbounded overtime: work
that does not fit waits in the queue.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import simpy

# Queue priorities: lower is served first. A rep who found a buyer calls it now; new leads come
# before opportunity work, because interest in a lead decays by the hour (speed to lead).
PRIORITY_CALL, PRIORITY_LEAD, PRIORITY_OPPORTUNITY = 0, 1, 2


class Activity(IntEnum):
    prospecting = 0
    premature = 1
    qualification = 2
    opportunity = 3
    idle = 4
    admin = 5


class _Never(simpy.Event):
    """A request that is never granted: what a buyer meets when there is no rep at all."""

    def cancel(self) -> None:  # same interface as a resource request
        return None


class RepPool:
    """`n` reps sharing one priority queue, with time-weighted statistics in fixed bins.

    Queue length and busy reps are integrated on every change (no per-event log), so memory does
    not grow with the number of events.
    """

    def __init__(self, env: simpy.Environment, n: int, available_share: float, bin_hours: float,
                 n_bins: int) -> None:
        self.env = env
        self.n = n
        self.available_share = available_share
        self._res = simpy.PriorityResource(env, capacity=n) if n > 0 else None
        self._bin = bin_hours
        self._queue_area = np.zeros(n_bins)
        self._busy_area = np.zeros(n_bins)
        self._last = 0.0
        self._q = 0
        self._busy = 0
        self.entries = 0
        self.wait_total = 0.0
        self._never_open = 0.0  # sum of request times still open, when there is no rep
        self.task_start: list[float] = []
        self.task_end: list[float] = []
        self.task_activity: list[int] = []

    # Time-weighted statistics -------------------------------------------------------------
    def _tick(self) -> None:
        now = self.env.now
        last = self._last
        if now > last and (self._q or self._busy):
            b = int(last // self._bin)
            end_b = int(now // self._bin)
            if b == end_b:
                span = now - last
                self._queue_area[b] += self._q * span
                self._busy_area[b] += self._busy * span
            else:
                self._spread(last, now)
        self._last = now

    def _spread(self, start: float, end: float) -> None:
        t = start
        n_bins = len(self._queue_area)
        while t < end:
            b = int(t // self._bin)
            nxt = min(end, (b + 1) * self._bin)
            if b < n_bins:
                self._queue_area[b] += self._q * (nxt - t)
                self._busy_area[b] += self._busy * (nxt - t)
            t = nxt

    def _sync(self) -> None:
        res = self._res
        self._q = len(res.queue)
        self._busy = res.count

    # Requests ------------------------------------------------------------------------------
    def request(self, priority: int) -> simpy.Event:
        """Ask for a rep; the returned event fires when one is free (never, with no reps)."""
        self._tick()
        self.entries += 1
        if self._res is None:
            self._q += 1
            self._never_open += self.env.now
            never = _Never(self.env)
            never.time = self.env.now
            return never
        req = self._res.request(priority=priority)
        self._sync()
        return req

    def cancel(self, req: simpy.Event) -> None:
        """Withdraw a request that was not granted (the buyer stopped waiting)."""
        self._tick()
        self.wait_total += self.env.now - req.time
        if self._res is None:
            self._q -= 1
            self._never_open -= req.time
            return
        req.cancel()
        self._sync()

    def work(self, req: simpy.Event, hours: float, activity: Activity):
        """Hold the granted rep for `hours` of work, booked to `activity`, then free it."""
        start = self.env.now
        self.wait_total += start - req.time
        duration = hours / self.available_share
        # Booked at the start with its planned end: tasks are never interrupted, and a task still
        # running when the run ends is then booked up to the end.
        self.task_start.append(start)
        self.task_end.append(start + duration)
        self.task_activity.append(activity)
        yield self.env.timeout(duration)
        self._tick()
        self._res.release(req)
        self._sync()

    @property
    def idle(self) -> int:
        return self.n - self._res.count if self._res is not None else 0

    def finish(self, end: float) -> None:
        """Close the time integrals at the end of the run; count waits still open as waited so far."""
        if end > self._last:
            self._spread(self._last, end)
            self._last = end
        if self._res is not None:
            self.wait_total += sum(end - r.time for r in self._res.queue)
        else:
            self.wait_total += self._q * end - self._never_open

    @property
    def queue_area(self) -> np.ndarray:
        return self._queue_area

    @property
    def busy_area(self) -> np.ndarray:
        return self._busy_area
