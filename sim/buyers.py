"""Who the buyers of one replication are, and their silent research, drawn up front in one vectorised pass.

A buyer nobody knows about needs no event: its research up to its first milestone (revealing itself, its
ZMOT, or giving up) is a sum of exponential touchpoint gaps, drawn here for every buyer at once, with numpy
only. `model.Market` turns the result into the columns its SimPy processes read and write.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import curves
from .scenario import Scenario
from .sections import Marketing

# Weeks of arrivals before the clock starts: with the warm-up, long enough for research and dormant spells
# begun before it (three mean spells of the default preset in all) to be under way when the measured window
# opens, at the cost of drawing them silently. Fixed, not per scenario, to keep common random numbers.
PRE_HISTORY_WEEKS = 78


@dataclass(frozen=True, slots=True)
class Buyers:
    """The buyers of one replication that matter from time 0 on, in arrival order: those of the pre-history
    whose milestone came before time 0 are dropped, so no column, process or table carries them."""

    ids: np.ndarray  # a buyer's index among all drawn: the same buyer in every scenario
    traits: dict[str, np.ndarray]  # attributes, uniform draws and the silent research's milestone, per buyer
    revealed: np.ndarray  # the milestone is an inquiry (else the ZMOT, or giving up)
    shortlisted: np.ndarray  # reaches its ZMOT unknown with us on its shortlist: it will raise its hand


def draw_buyers(s: Scenario, n_weeks: int, sov: float, decay: float, rng_arr: np.random.Generator,
                rng: np.random.Generator) -> Buyers:
    """The buyers of one replication over `n_weeks` and the pre-history: arrivals from `rng_arr`,
    everything else from `rng`, always in the same order (common random numbers across scenarios).
    `sov` is our share of voice, `decay` the memory's fade per working hour."""
    week = s.sales.hours_per_week
    end = n_weeks * week
    # The market starts in motion: buyers arrive from PRE_HISTORY_WEEKS before the clock starts, so
    # those still researching or asleep at time 0 are there (drawn silently, at no event's cost).
    pre = PRE_HISTORY_WEEKS * week
    n = int(rng_arr.poisson(s.market.arrivals_per_week * (PRE_HISTORY_WEEKS + n_weeks)))
    arrival = np.sort(rng_arr.uniform(-pre, end, n))
    r = s.research
    need = 1 + rng.negative_binomial(r.need_dispersion,
                                     r.need_dispersion / (r.need_dispersion + r.need_mean_touchpoints - 1)
                                     if r.need_mean_touchpoints > 1 else 1.0, n)
    if r.need_mean_touchpoints < 1:  # a ZMOT threshold near zero: buyers know what they want at once
        need = np.maximum(need * r.need_mean_touchpoints, 0.05)
    # Touchpoints per hour; a floor keeps a near-zero draw from stopping the clock arithmetic.
    pace = np.maximum(rng.gamma(r.pace_shape, r.pace_mean_per_week / r.pace_shape, n), 1e-6) / week
    group = 1 + rng.poisson(s.market.group_size_mean - 1, n)
    fit = rng.beta(s.market.fit_alpha, s.market.fit_beta, n)
    am = min(max(r.rep_aversion_mean, 1e-3), 1 - 1e-3)
    aversion = rng.beta(2 * am, 2 * (1 - am), n)
    patience = rng.exponential(r.patience_hours_mean, n)
    value = s.market.deal_value_median_eur * np.exp(s.market.deal_value_spread * rng.standard_normal(n))
    shortlist = rng.integers(s.market.shortlist_min, s.market.shortlist_max + 1, n)
    evaluation = rng.gamma(2.0, r.evaluation_weeks_mean * week / 2.0, n)
    u_reach = rng.random(n)
    reach = u_reach < curves.reach_zmot_probability(group, s)
    u_abandon = rng.uniform(0.1, 1.0, n)
    abandon_at = np.where(reach, need, need * u_abandon)
    u_shortlist, u_decide, u_win = rng.random(n), rng.random(n), rng.random(n)
    # Dormant spells: some buyers pause early in their research (a whitepaper downloaded, then the
    # project waits for a budget or a trigger) and resume months later.
    dormant = rng.random(n) < r.dormant_share
    pause_at = np.where(dormant, need * rng.uniform(0.1, 0.5, n), np.inf)
    dormant_hours = rng.standard_exponential(n) * r.dormant_weeks_mean * week
    pause_touch = np.where(dormant, np.floor(pause_at), 0).astype(np.int64)
    # Before shelving the project, a buyer may download our gated content (one of our touchpoints,
    # with our share of voice): known long before it is ready.
    files = (pause_touch >= 1) & (rng.random(n) < sov * s.marketing.pause_reveal_probability)
    ours_at_pause = rng.binomial(np.maximum(pause_touch - 1, 0), sov) + 1
    # Silent research: touchpoints until the first of (revealing itself, end of research).
    research_end = np.ceil(abandon_at - 1e-9).astype(int)
    reveal_k, ours = _silent_touches(rng, s.marketing, sov, need, research_end)
    at_pause = files & (pause_touch < np.minimum(reveal_k, research_end))
    reveal_k = np.where(at_pause, pause_touch, reveal_k)
    ours = np.where(at_pause, ours_at_pause, ours)
    revealed = reveal_k <= research_end
    first_k = np.where(revealed, reveal_k, research_end)
    # Time to the milestone: a gamma of its research (a fraction of a touchpoint when the need is
    # below one: such buyers know what they want almost at once), plus a spell slept on the way.
    shape = np.where(revealed, reveal_k, abandon_at)
    research_t = rng.gamma(np.maximum(shape, 1e-9), 1.0, n) / pace
    slept = pause_at < np.minimum(shape, abandon_at)
    first_t = arrival + research_t + np.where(slept, dormant_hours, 0.0)
    affinity = s.marketing.brand_affinity + s.marketing.affinity_per_touch * ours * _recalled(
        decay, research_t, np.where(slept, np.minimum(pause_at / np.maximum(shape, 1e-9), 1.0), 0.0), dormant_hours)
    shortlisted = reach & ~revealed & (u_shortlist < curves.shortlist_probability(affinity, s))
    decides = u_decide < curves.decide_probability(group, s)

    # A buyer of the pre-history whose milestone came before time 0 is history: it is dropped here.
    keep = (arrival >= 0) | (first_t >= 0)
    a = {k: v[keep] for k, v in dict(
        arrival=arrival, need=need, pace=pace, group=group, fit=fit, aversion=aversion, patience=patience,
        value=value, shortlist=shortlist, evaluation=evaluation, reach=reach, abandon_at=abandon_at,
        u_shortlist=u_shortlist, u_win=u_win, affinity=affinity, decides=decides, u_reach=u_reach,
        u_decide=u_decide, u_abandon=u_abandon, pause_at=np.where(slept, np.inf, pause_at),
        dormant_hours=dormant_hours, pause_raw=pause_at, first_t=first_t, first_k=first_k,
        revealed=revealed, shortlisted=shortlisted).items()}
    revealed, shortlisted = a.pop("revealed"), a.pop("shortlisted")
    return Buyers(ids=np.flatnonzero(keep), traits=a, revealed=revealed, shortlisted=shortlisted)


def _silent_touches(rng: np.random.Generator, m: Marketing, sov: float, need: np.ndarray,
                    research_end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Touch index of each buyer's first inquiry (beyond its research if none) and our touches so far.

    Touchpoint k is ours with the share of voice `sov`; one of ours reveals the buyer with a chance
    that rises as its research nears the ZMOT (pricing pages and demo requests come late):
    reveal_probability * (1 + ramp) * (k / need) ** ramp, which averages reveal_probability.
    """
    n = need.size
    reveal_k = np.full(n, np.iinfo(np.int64).max)
    ours = np.zeros(n, dtype=np.int64)
    active = np.flatnonzero(research_end > 0) if sov > 0 else np.empty(0, dtype=np.int64)
    top = m.reveal_probability * (1 + m.reveal_ramp)
    with np.errstate(over="ignore", divide="ignore"):  # a huge need's factor is a clean 0
        factor = top * need ** -m.reveal_ramp  # so that the chance at k is factor * k ** ramp, capped
    k = 0
    while active.size:
        k += 1
        active = active[research_end[active] >= k]
        mine = rng.random(active.size) < sov
        p = np.minimum(factor[active] * k**m.reveal_ramp, top)  # top * min(k / need, 1) ** ramp
        hit = mine & (rng.random(active.size) < p)
        ours[active[mine]] += 1
        reveal_k[active[hit]] = k
        active = active[~hit]
    return reveal_k, ours


def _recalled(d: float, research_t: np.ndarray, before: np.ndarray, slept: np.ndarray) -> np.ndarray:
    """What share of the affinity our silent touchpoints built is still remembered at the milestone.

    Touchpoints are spread evenly over the research time; the share `before` of them came before a
    dormant spell of `slept` hours, which they must also outlast. Adstock: each fades as
    exp(-d x age) (`d` the memory's decay per hour), so an even spread over T keeps (1 - exp(-d T)) / (d T).
    """
    t_before, t_after = research_t * before, research_t * (1 - before)
    with np.errstate(over="ignore"):  # a memory of seconds: exp(-inf) is a clean 0
        return (before * _spread(d * t_before) * np.exp(-d * (t_after + np.where(before > 0, slept, 0.0)))
                + (1 - before) * _spread(d * t_after))


def _spread(x: np.ndarray) -> np.ndarray:
    """(1 - exp(-x)) / x, 1 at 0: the share of evenly spread touches still remembered after x half-lives/ln 2."""
    x = np.asarray(x, dtype=float)
    small = x < 1e-9
    return np.where(small, 1.0, -np.expm1(-x) / np.where(small, 1.0, x))
