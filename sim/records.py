"""What a replication records: the codes of its per-buyer outcome, source and stage columns, the
columns themselves, and the per-week rep hours.

Kept apart from `model` (the SimPy processes) because the KPIs, the tables and the tests read these
records without caring how the market produced them: they import the codes and `Replication` from here.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import numpy as np

from .reps import Activity, RepPool
from .sections import Sales

# Outcomes of a buyer, as codes in the per-buyer arrays.
IN_PROGRESS, WON, NOT_SHORTLISTED, SLOW_RESPONSE, PREMATURE, COMPETITOR, NO_DECISION, DISQUALIFIED = range(8)
OUTCOMES = ("in_progress", "won", "lost_not_shortlisted", "lost_slow_response", "lost_premature",
            "lost_competitor", "lost_no_decision", "lost_disqualified")
# How we first knew the buyer.
UNKNOWN, INQUIRY, HAND_RAISE, OUTBOUND = range(4)
SOURCES = ("never_known", "marketing_inquiry", "hand_raise", "outbound")
# Stages reached, as bits.
INQ, MQL, SAL, SQL, OPP, WIN = 1, 2, 4, 8, 16, 32
STAGES = (("inquiries", INQ), ("mqls", MQL), ("sals", SAL), ("sqls", SQL), ("opportunities", OPP),
          ("wins", WIN))


@dataclass
class Replication:
    """Raw output of one replication: per-buyer arrays and per-week rep statistics."""

    buyers: dict[str, np.ndarray]
    rep_hours: np.ndarray  # weeks x activities, hours booked
    queue_mean: np.ndarray  # weeks: time-average number of buyers waiting for a rep
    busy_mean: np.ndarray  # weeks: time-average number of busy reps
    week_hours: float
    reps: float  # full-time equivalents (a part-time rep counts for its share)
    queue_entries: int
    queue_wait_total: float
    end_hours: float


def column(values: np.ndarray) -> array:
    """A per-buyer column that processes read and write item by item: a typed `array`, not a numpy array
    (whose scalars are slow, and would make the SimPy clock a numpy float if one reached it), nor a list
    (slow to build and to turn back into a table: a column here is one memory copy each way)."""
    code = "b" if values.dtype == bool else ("q" if values.dtype.kind in "iu" else "d")
    col = array(code)
    col.frombytes(values.astype(code, copy=False).tobytes())
    return col


def column_array(col: array) -> np.ndarray:
    """The table column of a per-buyer `array` (flags back to booleans)."""
    values = np.frombuffer(col, dtype=col.typecode).copy()
    return values.astype(bool) if col.typecode == "b" else values


def task_clock(tasks: list[float], week: float, n_weeks: int) -> np.ndarray:
    """Full-time-equivalent clock hours reps spent on tasks (`RepPool.tasks`), per week and activity,
    splitting tasks at week boundaries (a part-time rep's clock hour counts for its share of a week)."""
    out = np.zeros((n_weeks, len(Activity)))
    s, e, a, w = np.asarray(tasks, dtype=float).reshape(-1, 4).T
    e = np.minimum(e, n_weeks * week)
    a = a.astype(int)
    b = np.minimum((s // week).astype(int), n_weeks - 1)
    while s.size:  # bins carried as integers: stepping by time can stall on a bin edge in floating point
        edge = (b + 1) * week
        np.add.at(out, (b, a), w * np.maximum(np.minimum(e, edge) - s, 0.0))
        keep = (e > edge) & (b + 1 < n_weeks)
        s, e, a, b, w = edge[keep], e[keep], a[keep], b[keep] + 1, w[keep]
    return out


def paid_hours(clock: np.ndarray, pool: RepPool, week: float, sales: Sales, sales_led: bool) -> np.ndarray:
    """Paid hours per week booked to each activity, from the `task_clock`; the rows add up to reps x
    weekly hours (idle time goes to prospecting when the policy is sales-led)."""
    paid = pool.n * week
    hours = clock * pool.available_share
    idle = pool.available_share * (paid - clock.sum(axis=1))
    hours[:, Activity.admin] = sales.admin_share * paid
    hours[:, Activity.prospecting] += sales.prospecting_share * paid
    hours[:, Activity.prospecting if sales_led else Activity.idle] += idle
    return hours
