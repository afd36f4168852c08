"""The sales team as a SimPy resource whose every hour is booked to an activity.

Administration and the fixed prospecting share are spread through each rep's day: a task of h hours
of work keeps a rep busy for h / available_share hours of clock time, of which h are booked to the
task. Idle clock time is booked to idle (to prospecting under `sales_led`, where idle reps call cold
accounts). So booked hours add up to paid hours exactly, and there is no unbounded overtime: work
that does not fit waits in the queue.
"""

from __future__ import annotations

import heapq
import math
from enum import IntEnum

import numpy as np
import simpy

# Queue priorities: lower is served first. A team that cannot keep up triages; it does not stop
# closing: work on open opportunities comes first, so it is never starved by new leads; then buyers
# past their ZMOT asking for terms (sales-ready); then a prospecting rep's call to the buyer it found;
# then leads handed over before their ZMOT, which wait, go back to marketing at the speed-to-lead
# target, or are lost to slow response.
PRIORITY_OPPORTUNITY, PRIORITY_READY, PRIORITY_CALL, PRIORITY_LEAD = 0, 1, 2, 3

class Activity(IntEnum):
    prospecting = 0
    premature = 1
    qualification = 2
    opportunity = 3
    idle = 4
    admin = 5


class Ticket:
    """A buyer's place in the queue for a rep: granted at once, later, or withdrawn."""

    __slots__ = ("event", "granted", "live", "speed", "time")

    def __init__(self, time: float) -> None:
        self.time = time
        self.granted = False
        self.live = True
        self.speed = 1.0  # share of a full week the granted rep works (below 1 for the part-time rep)
        self.event: simpy.Event | None = None  # fires when a rep is granted after a wait


# The ticket of every request a free full-time rep takes at once: nothing about it changes afterwards, so
# one object serves them all (a request is made for every task of every replication).
FULL_TIME_NOW = Ticket(0.0)
FULL_TIME_NOW.granted = True


def team(reps: float) -> tuple[int, float]:
    """Whole reps and the part-time rep's share of a week that a decimal head count stands for."""
    whole = math.floor(reps + 1e-9)
    part = reps - whole
    return whole, (part if part > 1e-6 else 0.0)


class RepPool:
    """`reps` reps sharing one priority queue (FIFO within a priority), on SimPy events.

    A decimal head count is whole reps plus one part-time rep, who works the share of the week the
    money left after whole reps pays for: a task takes that rep longer in clock time (it is there
    part of the time), and a free full-time rep is always asked first.

    It does what `simpy.PriorityResource` does with less bookkeeping per request (a rep that is free
    costs no event at all), which matters because reps are the only thing the model simulates event by
    event; `python -m sim validate` checks it against the Erlang C formula. The queue length is
    integrated on every change (no per-event log), so memory does not grow with events.
    """

    def __init__(self, env: simpy.Environment, reps: float, available_share: float, bin_hours: float,
                 n_bins: int) -> None:
        self.env = env
        self.whole, self.part = team(reps)
        self.n = self.whole + self.part  # full-time equivalents
        self.available_share = available_share
        self._free = self.whole
        self._part_free = self.part > 0
        self._waiting: list[tuple[int, int, Ticket]] = []  # heap of (priority, arrival order, ticket)
        self._order = 0
        self._bin = bin_hours
        self._queue_area = np.zeros(n_bins)
        self._last = 0.0
        self._q = 0
        self.entries = 0
        self.wait_total = 0.0
        self.tasks: list[float] = []  # flat: start, planned end, activity, speed of each task

    # Time-weighted statistics -------------------------------------------------------------
    def _tick(self) -> None:
        """Integrate the queue length up to now; called just before the queue changes."""
        now = self.env.now
        last = self._last
        if now > last and self._q:
            b = int(last // self._bin)
            if b == int(now // self._bin):
                self._queue_area[b] += self._q * (now - last)
            else:
                self._spread(last, now)
        self._last = now

    def _spread(self, start: float, end: float) -> None:
        """Integrate over bins by index: stepping by time can stall on a bin edge in floating point."""
        week, area = self._bin, self._queue_area
        last_bin = min(int(end // week), len(area) - 1)
        for b in range(int(start // week), last_bin + 1):
            overlap = min(end, (b + 1) * week) - max(start, b * week)
            if overlap > 0:
                area[b] += self._q * overlap

    # Requests ------------------------------------------------------------------------------
    def request(self, priority: int) -> Ticket:
        """Ask for a rep. The ticket is granted now if one is free, else `ticket.event` fires later."""
        self.entries += 1
        if self._free:
            self._free -= 1
            return FULL_TIME_NOW
        ticket = Ticket(self.env.now)
        if self._part_free:
            self._part_free = False
            ticket.speed = self.part
            ticket.granted = True
        else:
            self._tick()
            ticket.event = self.env.event()
            self._order += 1
            heapq.heappush(self._waiting, (priority, self._order, ticket))
            self._q += 1
        return ticket

    def cancel(self, ticket: Ticket) -> None:
        """Withdraw a ticket that was not granted (the buyer stopped waiting)."""
        self._tick()
        ticket.live = False
        self._q -= 1
        self.wait_total += self.env.now - ticket.time

    def work(self, ticket: Ticket, hours: float, activity: Activity) -> simpy.Timeout:
        """Book the granted rep for `hours` of work to `activity`: yield the returned event, then call
        `done(ticket)`, which passes the rep on (two calls rather than a sub-generator: this runs for
        every task of every replication)."""
        start = self.env.now
        duration = hours / (self.available_share * ticket.speed)
        # Booked at the start with its planned end: tasks are never interrupted, and a task still
        # running when the run ends is then booked up to the end.
        self.tasks.extend((start, start + duration, activity, ticket.speed))
        return self.env.timeout(duration)

    def done(self, ticket: Ticket) -> None:
        """The task of `ticket` is over: its rep goes to the next buyer in line, or becomes free."""
        speed = ticket.speed
        waiting = self._waiting
        while waiting:
            ticket = heapq.heappop(waiting)[2]
            if ticket.live:  # the rep goes straight to the next buyer in line
                self._tick()
                ticket.granted = True
                ticket.speed = speed
                self._q -= 1
                self.wait_total += self.env.now - ticket.time
                ticket.event.succeed()
                return
        if speed < 1.0:
            self._part_free = True
        else:
            self._free += 1

    @property
    def idle(self) -> float:
        """Full-time equivalents free now."""
        return self._free + (self.part if self._part_free else 0.0)

    def finish(self, end: float) -> None:
        """Close the time integrals at the end of the run; count waits still open as waited so far."""
        if end > self._last:
            self._spread(self._last, end)
            self._last = end
        self.wait_total += sum(end - t.time for _, _, t in self._waiting if t.live)

    @property
    def queue_area(self) -> np.ndarray:
        return self._queue_area
