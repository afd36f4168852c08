"""What reps do with a buyer: an early call before its ZMOT, and past it qualification, the opportunity's
meetings and the buyer's decision, each waiting for a rep of the pool.

Kept apart from `model` (the market: who becomes known when, the research legs and the handoffs the
policy makes) because this is the sales side of one replication, the same whatever the policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import curves
from .records import (
    COMPETITOR,
    DISQUALIFIED,
    HAND_RAISE,
    INQUIRY,
    MQL,
    NO_DECISION,
    OPP,
    SAL,
    SLOW_RESPONSE,
    SQL,
    UNKNOWN,
    WIN,
    WON,
)
from .reps import PRIORITY_OPPORTUNITY, PRIORITY_READY, Activity, Ticket

if TYPE_CHECKING:
    from .model import Market
    from .research import Research

FAILED_CALL_HOURS = 0.25  # a call that reaches nobody still costs a quarter of an hour


class SalesCycle:
    """The reps' work with the buyers of one market; it reads and writes the market's per-buyer columns."""

    def __init__(self, m: Market) -> None:
        self.s, self.env, self.pool, self.week = m.s, m.env, m.pool, m.week
        self.L, self.out = m.L, m.out
        self.rng_decide, self.rng_reps = m.rng_decide, m.rng_reps

    def early_call(self, i: int, req: Ticket, r: Research, wait: float, cold: bool):
        """A rep calls a buyer before its ZMOT: it may not pick up; if it does, it learns and may be annoyed."""
        sa, out, dec = self.s.sales, self.out, self.rng_decide
        p_engage = sa.cold_call_engage_probability if cold else curves.lead_engagement(wait, self.s)
        if dec.uniform() >= p_engage:
            yield self.pool.work(req, FAILED_CALL_HOURS, Activity.premature)
            self.pool.done(req)
            return
        if out["t_first_contact"][i] != out["t_first_contact"][i]:
            out["t_first_contact"][i] = self.env.now
        out["stages"][i] |= SAL
        out["premature_contacts"][i] += 1
        yield self.pool.work(req, self._task(sa.premature_contact_hours), Activity.premature)
        self.pool.done(req)
        r.clarity += sa.premature_learning_touchpoints
        if dec.uniform() < self.L["aversion"][i] * sa.annoyance_max_probability:
            r.affinity -= sa.annoyance_affinity_loss
            out["annoyed"][i] = True
        else:
            r.affinity += sa.premature_rapport

    def lost_at_zmot(self, i: int, outcome: int) -> None:
        """Buyer i is lost at its ZMOT with `outcome`; it decides (or not) once its evaluation is over."""
        out = self.out
        now = self.env.now
        if out["t_zmot"][i] != out["t_zmot"][i]:
            out["t_zmot"][i] = now
        out["outcome"][i] = outcome
        out["t_end"][i] = max(now, out["t_zmot"][i] + self.L["evaluation"][i])
        out["decided"][i] = self.L["decides"][i]

    def at_zmot(self, i: int, affinity: float):
        """Past its ZMOT with us on its shortlist, the buyer asks for terms and waits for a rep."""
        s, env, out, L, pool = self.s, self.env, self.out, self.L, self.pool
        sa = s.sales
        out["t_zmot"][i] = env.now
        if out["source"][i] == UNKNOWN:
            out["source"][i] = HAND_RAISE
            out["t_known"][i] = env.now
            out["clarity_known"][i] = 1.0
        elif out["source"][i] == INQUIRY:
            out["stages"][i] |= MQL  # marketing passes the hand-raise of a known lead to sales
        patience = L["patience"][i]
        req = pool.request(PRIORITY_READY)
        t0 = env.now
        if not (req.granted or (yield from self.granted(req, patience))):
            self.lost_at_zmot(i, SLOW_RESPONSE)
            return
        if out["response_hours"][i] != out["response_hours"][i]:
            out["response_hours"][i] = env.now - t0
            out["t_pickup"][i] = env.now
        if out["t_first_contact"][i] != out["t_first_contact"][i]:
            out["t_first_contact"][i] = env.now
        out["stages"][i] |= SAL
        yield pool.work(req, self._task(sa.qualification_hours), Activity.qualification)
        pool.done(req)
        if L["fit"][i] < sa.unqualified_fit_below:
            self.lost_at_zmot(i, DISQUALIFIED)
            return
        out["stages"][i] |= SQL
        block = self._task(sa.opportunity_hours_mean) / sa.opportunity_blocks
        for b in range(sa.opportunity_blocks):
            if b:
                yield env.timeout(self.rng_reps.exponential(sa.opportunity_gap_weeks * self.week))
            req = pool.request(PRIORITY_OPPORTUNITY)
            if b == 0:  # the buyer waits for its first meeting only so long
                if not (req.granted or (yield from self.granted(req, patience))):
                    self.lost_at_zmot(i, SLOW_RESPONSE)
                    return
                out["stages"][i] |= OPP
            elif not req.granted:
                yield req.event
            yield pool.work(req, block, Activity.opportunity)
            pool.done(req)
        out["t_end"][i] = env.now
        decided = L["decides"][i]
        out["decided"][i] = decided
        if not decided:
            out["outcome"][i] = NO_DECISION
        elif L["u_win"][i] < curves.win_share(affinity, L["fit"][i], L["shortlist"][i], s):
            out["outcome"][i] = WON
            out["stages"][i] |= WIN
            out["revenue"][i] = L["value"][i]
        else:
            out["outcome"][i] = COMPETITOR

    def granted(self, ticket: Ticket, limit: float):
        """Wait for a rep at most `limit` hours; True if one came. Callers skip it when `ticket.granted`
        already (a rep was free): no generator, no event."""
        yield ticket.event | self.env.timeout(limit)
        if not ticket.granted:
            self.pool.cancel(ticket)
        return ticket.granted

    def _task(self, mean: float) -> float:
        """A rep task time: gamma with the scenario's coefficient of variation (0: fixed)."""
        cv = self.s.sales.task_time_cv
        if cv < 1e-6:  # fixed to within a millionth; a smaller cv would overflow the gamma's shape 1 / cv^2
            return mean
        if cv == 1:
            return self.rng_reps.exponential(mean)
        return self.rng_reps.standard_gamma(1 / cv**2) * mean * cv**2
