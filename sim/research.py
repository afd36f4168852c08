"""A known buyer's research, leg by leg: touchpoints used, clarity, affinity and its memory, its pace,
the dormant spell ahead of it, and what nurture does to it and to its buying group.

Kept apart from `model` (the market's SimPy processes, which decide when a leg starts and ends) because
this is the buyer's own state and arithmetic: no event is scheduled here, only numbers advanced.
"""

from __future__ import annotations

import math
from math import ceil, inf
from typing import TYPE_CHECKING

from . import curves

if TYPE_CHECKING:
    from .model import Market


class Research:
    """Where a known buyer's research stands: touchpoints used, clarity, affinity, its pace, and the
    dormant spell still ahead of it (research pauses at `pause_at` for months, then resumes)."""

    __slots__ = ("affinity", "clarity", "end", "i", "m", "nurture_rate", "nurtured", "own", "pace", "pause_at")

    def __init__(self, m: Market, i: int, clarity: float, own: int, affinity: float, nurtured: bool) -> None:
        mk = m.s.marketing
        self.m, self.i = m, i
        self.clarity, self.own, self.affinity = clarity, own, affinity
        self.nurtured = nurtured
        if nurtured and m.consensus > 0:
            self._align_group()  # nurture content reaches the whole group: less attrition, fewer no-decisions
        self.end = m.L["abandon_at"][i]  # its need, or where it gives up
        pause = m.L["pause_at"][i]
        self.pause_at = pause if clarity < pause < self.end else inf  # a spell already slept is not slept again
        boost = 1 + mk.nurture_pace_boost * m.nurture if nurtured else 1.0
        self.pace = m.L["pace"][i] * boost  # touchpoints per hour
        self.nurture_rate = mk.nurture_touches_per_week * m.nurture / m.week if nurtured else 0.0

    def left(self) -> float:
        """Research still to do before the current leg's target (the dormant spell if one is ahead, else
        the end), in touchpoints: fractional after a rep taught the buyer, negative past it."""
        return min(self.end, self.pause_at) - self.clarity

    def advance(self, touches: int, hours: float) -> int:
        """`touches` research touchpoints (some ours) and `hours` of nurture have passed; affinity fades
        meanwhile (memory). Returns the nurture touches, which count for the engagement score."""
        m = self.m
        mk = m.s.marketing
        rng = m.rng_research
        self.own += touches
        self.clarity += touches
        nurture = rng.poisson(self.nurture_rate * hours)
        gained = mk.affinity_per_touch * rng.binomial(touches, m.sov) + mk.affinity_per_nurture_touch * nurture
        self.affinity = self._remember(self.affinity, gained, hours)
        return nurture

    def advance_partly(self, hours: float) -> int:
        """`hours` of research that did not reach its target: a Poisson count, kept short of it."""
        done = min(self.m.rng_research.poisson(self.pace * hours), ceil(self.left() - 1e-9) - 1)
        return self.advance(max(done, 0), hours)

    def sleep_hours(self) -> float:
        """The dormant spell's length; nurture wakes the buyer sooner (its wake-up rate x 1 + boost)."""
        m = self.m
        boost = 1 + m.s.marketing.nurture_wake_boost * m.nurture if self.nurtured else 1.0
        self.pause_at = inf
        return m.L["dormant_hours"][self.i] / boost

    # Memory and the buying group ------------------------------------------------------------
    def _remember(self, affinity: float, gained: float, hours: float) -> float:
        """Affinity after `hours` in which `gained` came from evenly spread touches of ours: what is above
        the brand's fades with the memory half-life; what was gained fades from when it came."""
        m = self.m
        x = m.decay * hours
        if x < 1e-12:
            return affinity + gained
        keep = math.exp(-x)
        brand = m.s.marketing.brand_affinity
        return brand + (affinity - brand) * keep + gained * (1 - keep) / x

    def _align_group(self) -> None:
        """Nurture content reaches the whole buying group, which then agrees more easily: its extra
        stakeholders count for less in the group-size attrition, before the ZMOT and after it."""
        m, i = self.m, self.i
        L, s = m.L, m.s
        effective = 1 + (L["group"][i] - 1) * (1 - m.consensus)
        if not L["reach"][i] and L["u_reach"][i] < float(curves.reach_zmot_probability(effective, s)):
            L["reach"][i] = True
            L["abandon_at"][i] = L["need"][i]
        L["decides"][i] = L["u_decide"][i] < float(curves.decide_probability(effective, s))
