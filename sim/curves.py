"""Response curves that turn inputs into behaviour.

Each is a small pure function so that it can be tested against the published figure that shapes it
(HBR speed to lead, CEB group size) and plotted in the app beside that figure.

Each is numerically safe over the whole range the schema allows: exponentials only ever see
non-positive arguments (decays) or are written in a logistic form that cannot overflow (the win share),
and divisions by an input with a strictly positive bound stay finite or go to a clean 0 or 1.
"""

from __future__ import annotations

import math

import numpy as np

from .scenario import Scenario


def _decay(x: np.ndarray | float, scale: float) -> np.ndarray | float:
    """exp(-x / scale) for x >= 0 and scale > 0: 1 at 0, and a clean 0 (no overflow warning) when
    x / scale is beyond any float, as a scale near the schema's lower bound makes it."""
    if isinstance(x, float | int):
        return math.exp(-(x / scale))  # a float quotient that overflows is inf, and exp(-inf) is 0
    with np.errstate(over="ignore", under="ignore"):
        return np.exp(-(np.asarray(x, dtype=float) / scale))


def share_of_voice(s: Scenario) -> float:
    """Our share of a buyer's touchpoints: an attraction model with diminishing returns.

    share = max * ours^e / (ours^e + competitors^e); the first euros buy more than the last, and no
    content budget means no share at all.
    """
    m = s.marketing
    ours = s.content_spend
    if ours <= 0:
        return 0.0
    a = ours**m.sov_elasticity
    c = s.market.competitor_content_spend_eur**m.sov_elasticity
    return m.max_share_of_voice * a / (a + c)


def nurture_intensity(s: Scenario) -> float:
    """Share (0-1) of the full nurture effect the nurture budget buys: 1 - exp(-spend/scale)."""
    return float(1 - _decay(s.nurture_spend, s.marketing.nurture_budget_scale_eur))


def lead_engagement(wait_hours: np.ndarray | float, s: Scenario) -> np.ndarray | float:
    """Chance that a lead still engages when a rep reaches it after `wait_hours` (HBR shape).

    A two-phase decay: most of the interest goes within the first hour, a little lingers for days.
    Equal to 1 at zero wait.
    """
    p = s.sales
    return (1 - p.speed_to_lead_slow_weight) * _decay(wait_hours, p.speed_to_lead_fast_hours) + (
        p.speed_to_lead_slow_weight * _decay(wait_hours, p.speed_to_lead_slow_hours)
    )


def mean_engagement(s: Scenario, start_hours: float, end_hours: float) -> float:
    """Average engagement chance for leads reached uniformly between two waits (closed form)."""
    p = s.sales
    span = end_hours - start_hours
    if span <= 0:  # an empty window: the curve's value at that wait
        return float(lead_engagement(float(start_hours), s))

    def integral(weight: float, tau: float) -> float:
        return weight * tau * (_decay(float(start_hours), tau) - _decay(float(end_hours), tau))

    total = integral(1 - p.speed_to_lead_slow_weight, p.speed_to_lead_fast_hours) + integral(
        p.speed_to_lead_slow_weight, p.speed_to_lead_slow_hours
    )
    return float(total / span)


def purchase_likelihood(group_size: np.ndarray | float, s: Scenario) -> np.ndarray | float:
    """Chance that a buying group of this size ends in a purchase from anyone (CEB curve).

    Log-linear between the two published points: 81% for one stakeholder, 31% for six.
    """
    r = s.research
    step = np.log(r.purchase_likelihood_six / r.purchase_likelihood_one) / 5.0
    g = np.asarray(group_size, dtype=float)
    out = np.minimum(1.0, r.purchase_likelihood_one * np.exp(step * (g - 1)))
    return float(out) if out.ndim == 0 else out


def reach_zmot_probability(group_size: np.ndarray, s: Scenario) -> np.ndarray:
    """Chance that a group keeps researching to its ZMOT instead of giving up (its share of attrition)."""
    return purchase_likelihood(group_size, s) ** s.research.attrition_before_zmot


def decide_probability(group_size: np.ndarray | float, s: Scenario) -> np.ndarray | float:
    """Chance that a group past its ZMOT reaches a decision rather than 'no decision'."""
    return purchase_likelihood(group_size, s) ** (1 - s.research.attrition_before_zmot)


def shortlist_probability(affinity: np.ndarray | float, s: Scenario) -> np.ndarray | float:
    """Chance that we are on the shortlist, rising with affinity and saturating."""
    m = s.marketing
    a = max(affinity, 0.0) if isinstance(affinity, float | int) else np.maximum(affinity, 0.0)
    return m.shortlist_max_probability * (1 - _decay(a, m.shortlist_scale))


def win_share(affinity: float, fit: float, shortlist_size: int, s: Scenario) -> float:
    """Our chance to win a decided deal: our strength against shortlist_size - 1 typical rivals.

    A typical rival has average fit and the affinity of a vendor known by reputation only (our brand
    affinity); what our touchpoints and reps add to the buyer's affinity, and a better fit, make us
    stronger than that.

    Our strength is exp(lift) against k = shortlist_size - 1 rivals of strength 1; the share
    exp(lift) / (exp(lift) + k) is computed as the logistic 1 / (1 + exp(log k - lift)), so that a
    large lift (heavy nurture, large weights) gives a share near 1 instead of an overflow.
    """
    p = s.sales
    rivals = max(shortlist_size - 1, 0)
    if rivals == 0:
        return 1.0
    lift = p.win_weight_affinity * (affinity - s.marketing.brand_affinity) + p.win_weight_fit * (fit - 0.5)
    x = math.log(rivals) - lift
    if x > 0:
        e = math.exp(-x)  # x > 0: exp(-x) < 1, and the share is small but exact
        return e / (1.0 + e)
    return 1.0 / (1.0 + math.exp(x))  # x <= 0: exp(x) <= 1
