"""One replication of the market: buyers research to their ZMOT while reps compete for their time.

Only what competes for reps is simulated event by event. A buyer nobody knows about needs no event:
its research up to its first milestone is drawn for every buyer at once (`buyers`). A SimPy process
starts only when a buyer becomes known (inquiry), is found by a prospecting rep, or raises its hand;
from then on each research leg is one sampled duration, not one event per touchpoint.

The market here decides who becomes known when and what the policy hands to sales; a known buyer's own
state is its `research.Research`, and what reps do with it is the `sales_cycle.SalesCycle`.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from math import ceil, inf

import numpy as np
import simpy

from . import curves
from .buyers import Buyers, draw_buyers
from .groups import uses_nurture
from .records import (
    IN_PROGRESS,
    INQ,
    INQUIRY,
    MQL,
    NO_DECISION,
    NOT_SHORTLISTED,
    OUTBOUND,
    PREMATURE,
    UNKNOWN,
    Replication,
    column,
    column_array,
    paid_hours,
    task_clock,
)
from .reps import PRIORITY_CALL, PRIORITY_LEAD, RepPool
from .research import Research
from .sales_cycle import SalesCycle
from .scenario import Policy, Scenario
from .streams import Buffered, replication_streams


class Market:
    """The simulated market of one replication. Build it, then `run()`."""

    def __init__(self, scenario: Scenario, seed: int, replication: int) -> None:
        self.s = s = scenario
        st = replication_streams(seed, replication)
        self.week = week = s.sales.hours_per_week
        ex = s.experiment
        self.n_weeks = ex.warmup_weeks + ex.horizon_weeks + ex.follow_up_weeks
        self.end = self.n_weeks * week
        self.env = simpy.Environment()
        self.sales_led = s.policy is Policy.sales_led
        f = 1 - s.sales.admin_share - s.sales.prospecting_share
        self.pool = RepPool(self.env, s.reps, f, week, self.n_weeks)
        self.rng_research = Buffered(st.research)
        self.rng_decide = Buffered(st.decisions)
        self.rng_reps = Buffered(st.reps)
        self.rng_prospect = Buffered(st.prospecting)
        self.sov = curves.share_of_voice(s)
        self.nurture = curves.nurture_intensity(s) if uses_nurture(s.policy) else 0.0
        self.consensus = s.marketing.nurture_consensus * self.nurture  # share of extra stakeholders aligned
        # Memory, per working hour; a half-life of an instant forgets at once (capped: no infinities).
        self.decay = min(math.log(2) / (s.marketing.memory_half_life_weeks * week), 1e12)
        self._columns(draw_buyers(s, self.n_weeks, self.sov, self.decay, st.arrivals, st.buyers))
        self.sales = SalesCycle(self)

    # The buyers' columns ---------------------------------------------------------------------
    def _columns(self, b: Buyers) -> None:
        """Per-buyer columns the processes read and write (the drawn traits in `L`, the outputs in `out`,
        set to the fate the silent research implies), and the buyers to start a process for, in time order."""
        a = b.traits
        n = b.ids.size
        self.ids = b.ids
        self.arrival, self.need, self.pace = a["arrival"], a["need"], a["pace"]  # arrays, for the tables
        first_t, first_k, revealed, shortlisted = a["first_t"], a["first_k"], b.revealed, b.shortlisted
        reach, evaluation, decides = a["reach"], a["evaluation"], a["decides"]
        self.L = {k: column(v) for k, v in a.items()}
        self.revealed = column(revealed)
        self.arrivals = self.L["arrival"]  # sorted: prospecting bisects it
        silent_outcome = np.where(reach, NOT_SHORTLISTED, NO_DECISION)
        finished = first_t <= self.end
        nan, zero, no = np.full(n, np.nan), np.zeros(n, dtype=int), np.zeros(n, dtype=bool)
        self.out = {k: column(v) for k, v in dict(
            outcome=np.where(finished, silent_outcome, IN_PROGRESS),
            source=np.full(n, UNKNOWN),
            stages=zero,
            t_known=nan,
            t_first_contact=nan,
            t_zmot=np.where(reach & finished, first_t, np.nan),
            t_end=np.where(finished, np.where(reach, first_t + evaluation, first_t), np.nan),
            touchpoints=np.where(finished, first_k, np.nan),
            response_hours=nan,
            t_pickup=nan,
            clarity_known=nan,
            premature_contacts=zero,
            annoyed=no,
            decided=finished & reach & decides,
            revenue=np.zeros(n),
        ).items()}
        self.taken = column(no)
        starts = np.flatnonzero((revealed | shortlisted) & finished)
        order = np.argsort(first_t[starts], kind="stable")
        self.starts = starts[order].tolist()

    # Processes -----------------------------------------------------------------------------
    def _dispatch(self):
        """Start a process for each buyer that becomes known or raises its hand, in time order."""
        env, L, revealed, taken = self.env, self.L, self.revealed, self.taken
        first_t, first_k, affinity = L["first_t"], L["first_k"], L["affinity"]
        for i in self.starts:
            t = first_t[i]
            if t > env.now:
                yield env.timeout(t - env.now)
            if taken[i]:
                continue  # a prospecting rep found this buyer first
            self._take(i)
            k = first_k[i]
            if revealed[i]:
                env.process(self._journey(i, INQUIRY, float(k), k, affinity[i]))
            else:
                self.out["touchpoints"][i] = k
                env.process(self.sales.at_zmot(i, affinity[i]))

    def _take(self, i: int) -> None:
        """From now on a process follows buyer i: forget the fate its silent research implied."""
        self.taken[i] = True
        out = self.out
        out["outcome"][i] = IN_PROGRESS
        out["t_end"][i] = out["t_zmot"][i] = out["touchpoints"][i] = float("nan")
        out["decided"][i] = False

    def _prospecting(self):
        """Prospecting finds buyers at a rate set by the prospecting hours (thinning on idle reps)."""
        s, pool, env, rng = self.s, self.pool, self.env, self.rng_prospect
        n = pool.n
        fixed = s.sales.prospecting_share
        idle_share = pool.available_share if self.sales_led else 0.0
        top = s.sales.prospect_hits_per_hour * n * (fixed + idle_share)
        if top <= 0:
            return
        while True:
            yield env.timeout(rng.exponential(1 / top))
            if rng.uniform() * (fixed + idle_share) >= fixed + idle_share * pool.idle / n:
                continue
            i = self._find_active_unknown()
            if i is not None:
                env.process(self._found(i))

    def _find_active_unknown(self) -> int | None:
        """A buyer in research whom nobody knows yet, at random (most are early in their research)."""
        now, rng, taken, first_t = self.env.now, self.rng_prospect, self.taken, self.L["first_t"]
        hi = bisect_right(self.arrivals, now)
        lo = bisect_left(self.arrivals, now - 52 * self.week)
        if hi <= lo:
            return None
        for _ in range(20):
            i = lo + int(rng.uniform() * (hi - lo))
            if not taken[i] and first_t[i] > now:
                return i
        return None

    def _found(self, i: int):
        """A prospecting rep calls buyer i: its research so far is drawn, then the call."""
        self._take(i)
        rng, L = self.rng_research, self.L
        k = max(min(rng.poisson(L["pace"][i] * (self.env.now - L["arrival"][i])), L["first_k"][i] - 1), 0)
        if k < L["pause_raw"][i]:  # found before its dormant spell: the spell is still ahead
            L["pause_at"][i] = L["pause_raw"][i]
        ours = rng.binomial(k, self.sov)
        aff = self.s.marketing.brand_affinity + self.s.marketing.affinity_per_touch * ours
        yield from self._journey(i, OUTBOUND, float(k), k, aff)

    def _journey(self, i: int, source: int, clarity: float, own: int, affinity: float):
        """A known buyer: research legs, handoffs to sales as the policy says, then its ZMOT."""
        s, env, out, L = self.s, self.env, self.out, self.L
        mk, sa = s.marketing, s.sales
        out["source"][i] = source
        out["t_known"][i] = env.now
        out["clarity_known"][i] = min(clarity / L["need"][i], 1.0)
        if source == INQUIRY:
            out["stages"][i] |= INQ
        nurtured = self.nurture > 0 and source == INQUIRY
        r = Research(self, i, clarity, own, affinity, nurtured)
        score = mk.score_per_touch if source == INQUIRY else 0.0
        threshold = inf
        if s.policy is Policy.mql_handoff and source == INQUIRY:
            threshold = mk.mql_threshold
        elif s.policy is Policy.hybrid and source == INQUIRY and L["fit"][i] >= mk.hybrid_fit_threshold:
            threshold = mk.hybrid_score_threshold
        # Under sales_led every inquiry is passed on at once; a prospecting rep calls at once.
        pending = PRIORITY_CALL if source == OUTBOUND else (
            PRIORITY_LEAD if self.sales_led and source == INQUIRY else None)
        score_rate = self.sov * r.pace + r.nurture_rate  # score-earning touches per hour

        recycled = False  # after a call, a lead needs new engagement before it goes back to sales
        while True:
            left = r.left()
            remaining = ceil(left - 1e-9)  # touchpoints still to go
            if remaining <= 0:
                if r.pause_at == inf:
                    break  # research done (ZMOT) or given up
                # Dormant: the project waits for a budget or a trigger; one timeout, no event meanwhile.
                # Nurture touches keep us in memory and score engagement; without them affinity fades.
                sleep = r.sleep_hours()
                yield env.timeout(sleep)
                touches = r.advance(0, sleep)
                if touches and threshold < inf:
                    score += mk.score_per_touch * touches
                    recycled = recycled and score < threshold
                pending = None  # nobody calls a buyer who has gone quiet
                continue
            if pending is None and score >= threshold and not recycled:
                pending = PRIORITY_LEAD
            t_research = self.rng_research.gamma(max(left, 1e-9), 1 / r.pace)
            if pending is None:
                # A research leg: to the end of research, or to the score crossing its threshold.
                t_trigger = inf
                if threshold < inf and score_rate > 0 and mk.score_per_touch > 0:
                    needed = max(1, ceil((threshold - score) / mk.score_per_touch - 1e-9))
                    t_trigger = self.rng_research.gamma(needed, 1 / score_rate)
                if t_trigger >= t_research:
                    yield env.timeout(t_research)
                    r.advance(remaining, t_research)
                    continue
                yield env.timeout(t_trigger)
                r.advance_partly(t_trigger)
                score = threshold
                recycled = False
                continue
            # Handed to sales; research goes on while the buyer waits for the call.
            if source == INQUIRY:
                out["stages"][i] |= MQL
            limit = t_research if pending == PRIORITY_CALL else min(t_research, sa.speed_to_lead_target_hours)
            req = self.pool.request(pending)
            t0 = env.now
            called = req.granted or (yield from self.sales.granted(req, limit))
            wait = env.now - t0
            if not called and limit == t_research:
                r.advance(remaining, t_research)
                continue
            r.advance_partly(wait)
            if called:
                if out["response_hours"][i] != out["response_hours"][i]:  # first pick-up (nan check)
                    out["response_hours"][i] = wait
                    out["t_pickup"][i] = env.now
                yield from self.sales.early_call(i, req, r, wait, pending == PRIORITY_CALL)
            pending = None
            recycled = True
            score = 0.0  # the lead is recycled to research or nurture (by the call, or unworked at target)

        out["touchpoints"][i] = r.own
        if not L["reach"][i]:
            out["outcome"][i] = NO_DECISION
            out["t_end"][i] = env.now
            return
        if L["u_shortlist"][i] < curves.shortlist_probability(r.affinity, s):
            yield from self.sales.at_zmot(i, r.affinity)
        else:
            self.sales.lost_at_zmot(i, PREMATURE if out["annoyed"][i] else NOT_SHORTLISTED)

    # Running -------------------------------------------------------------------------------
    def run(self) -> Replication:
        env = self.env
        env.process(self._dispatch())
        if self.pool.n > 0:
            env.process(self._prospecting())
        env.run(until=self.end)
        pool = self.pool
        pool.finish(self.end)
        # Buyers whose process has not reached an outcome are in progress at the end.
        arrays = {k: column_array(v) for k, v in self.out.items()}
        live = column_array(self.taken) & np.isnan(arrays["t_end"])
        arrays["outcome"][live] = IN_PROGRESS
        L = self.L
        arrays.update(id=self.ids, arrival=self.arrival, need=self.need, fit=column_array(L["fit"]),
                      group_size=column_array(L["group"]), deal_value=column_array(L["value"]),
                      pace_per_week=self.pace * self.week)
        clock = task_clock(pool.tasks, self.week, self.n_weeks)
        return Replication(
            buyers=arrays,
            rep_hours=paid_hours(clock, pool, self.week, self.s.sales, self.sales_led),
            queue_mean=pool.queue_area / self.week,
            busy_mean=clock.sum(axis=1) / self.week,
            week_hours=self.week,
            reps=pool.n,
            queue_entries=pool.entries,
            queue_wait_total=pool.wait_total,
            end_hours=self.end,
        )


def simulate(scenario: Scenario, seed: int, replication: int) -> Replication:
    """Run replication `replication` of `scenario` under `seed`."""
    return Market(scenario, seed, replication).run()
