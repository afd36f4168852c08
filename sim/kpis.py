"""Key figures of one replication, computed on the cohort of buyers that arrived in the window.

Every KPI has a name, a unit and a one-line meaning here, in one place, so the CLI, the app and the
tests agree on what a number counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .records import (
    HAND_RAISE,
    IN_PROGRESS,
    INQ,
    INQUIRY,
    MQL,
    OPP,
    OUTBOUND,
    OUTCOMES,
    SAL,
    SQL,
    STAGES,
    WON,
    Replication,
)
from .reps import Activity
from .scenario import Scenario


@dataclass(frozen=True)
class Kpi:
    name: str
    unit: str
    meaning: str


KPIS: tuple[Kpi, ...] = (
    Kpi("buyers_arrived", "buyers", "Buying groups that entered the market in the measured window."),
    Kpi("buyers_in_progress", "buyers", "Of those, still researching or evaluating when the run ended."),
    Kpi("inquiries", "buyers", "Buyers that revealed themselves through our content (form fill)."),
    Kpi("mqls", "buyers", "Known leads that marketing passed to sales."),
    Kpi("sals", "buyers", "Buyers a rep actually talked to (sales-accepted)."),
    Kpi("sqls", "buyers", "Buyers a rep qualified past their ZMOT, with enough fit."),
    Kpi("opportunities", "buyers", "Qualified buyers whose evaluation with us started (first meeting)."),
    Kpi("wins", "buyers", "Buyers that bought from us."),
    Kpi("revenue", "EUR", "Deal value of the wins."),
    Kpi("inquiry_to_mql_rate", "share", "Share of inquiries that marketing passed to sales."),
    Kpi("mql_to_sal_rate", "share", "Share of leads passed to sales that a rep then talked to."),
    Kpi("sal_to_sql_rate", "share", "Share of buyers a rep talked to that it qualified past their ZMOT."),
    Kpi("sql_to_opportunity_rate", "share", "Share of qualified buyers whose evaluation with us started."),
    Kpi("win_rate", "share", "Wins per closed opportunity (won, lost or no decision)."),
    Kpi("loss_rate", "share", "Opportunities lost to a competitor, per closed opportunity."),
    Kpi("no_decision_rate", "share", "Opportunities ended in no decision, per closed opportunity."),
    Kpi("conversion_rate", "share", "Wins per buyer that entered the market: the conversion that matters."),
    Kpi("lost_not_shortlisted", "buyers", "Reached their ZMOT without us on the shortlist; we never knew."),
    Kpi("lost_slow_response", "buyers", "Gave up waiting for a rep (or their first meeting)."),
    Kpi("lost_premature", "buyers", "Dropped us after an early rep contact annoyed them."),
    Kpi("lost_competitor", "buyers", "Opportunities won by a competitor."),
    Kpi("lost_no_decision", "buyers", "Gave up buying at all: during research or after evaluation."),
    Kpi("lost_disqualified", "buyers", "Qualified out by a rep for poor fit."),
    Kpi("rep_utilization", "share", "Share of reps' available time spent on buyers (not admin, prospecting or idle)."),
    Kpi("selling_time_share", "share", "Qualification and opportunity hours per paid hour (CSO: about 41%)."),
    Kpi("rep_hours_prospecting", "hours", "Rep hours prospecting cold accounts in the window."),
    Kpi("rep_hours_premature", "hours", "Rep hours on buyers not yet past their ZMOT."),
    Kpi("rep_hours_qualification", "hours", "Rep hours qualifying buyers past their ZMOT."),
    Kpi("rep_hours_opportunity", "hours", "Rep hours of opportunity work (demos, proposals, negotiation)."),
    Kpi("rep_hours_idle", "hours", "Rep hours with nothing to do."),
    Kpi("rep_hours_admin", "hours", "Rep hours of administration."),
    Kpi("rep_hours_per_win", "hours", "Rep hours on prospecting and buyers per win."),
    Kpi("response_time_hours", "working hours", "Mean wait from a handoff to a rep picking the buyer up."),
    Kpi("queue_length_mean", "buyers", "Time-average number of buyers waiting for a rep."),
    Kpi("journey_share_at_first_contact", "share",
        "Share of the buying journey (need to decision) done when a rep first talked to the buyer."),
    Kpi("premature_contact_share", "share", "Share of first rep contacts that came before the buyer's ZMOT."),
    Kpi("touchpoints_per_buyer", "touchpoints", "Research touchpoints used before a purchase decision."),
    Kpi("days_to_zmot", "days", "Calendar days from entering the market to the ZMOT."),
    Kpi("purchase_rate", "share", "Buyers that bought from anyone (us or a competitor)."),
    Kpi("marketing_sourced_revenue_share", "share", "Revenue from buyers first known by a marketing inquiry."),
    Kpi("inbound_revenue_share", "share", "Revenue from buyers first known by their own hand-raise."),
    Kpi("outbound_revenue_share", "share", "Revenue from buyers first found by prospecting."),
    Kpi("cost_total", "EUR", "Go-to-market cost over the window: whole reps and marketing."),
    Kpi("cost_per_win", "EUR", "Cost over the window per win."),
)
KPI_BY_NAME = {k.name: k for k in KPIS}
# Stage-to-stage rates: (KPI, earlier stage bit, later stage bit).
STAGE_RATES = (("inquiry_to_mql_rate", INQ, MQL), ("mql_to_sal_rate", MQL, SAL), ("sal_to_sql_rate", SAL, SQL),
               ("sql_to_opportunity_rate", SQL, OPP))


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else float("nan")


def _mean(x: np.ndarray) -> float:
    x = x[~np.isnan(x)]
    return float(x.mean()) if x.size else float("nan")


def cohort_mask(rep: Replication, s: Scenario) -> np.ndarray:
    """Buyers that arrived in the measured window."""
    w0 = s.experiment.warmup_weeks * rep.week_hours
    w1 = w0 + s.experiment.horizon_weeks * rep.week_hours
    a = rep.buyers["arrival"]
    return (a >= w0) & (a < w1)


def replication_kpis(rep: Replication, s: Scenario) -> dict[str, float]:
    """Every KPI of one replication."""
    b = {k: v[cohort_mask(rep, s)] for k, v in rep.buyers.items()}
    k: dict[str, float] = {}
    outcome, stages, arrival = b["outcome"], b["stages"], b["arrival"]
    k["buyers_arrived"] = float(outcome.size)
    k["buyers_in_progress"] = float(np.sum(outcome == IN_PROGRESS))
    for name, bit in STAGES:
        k[name] = float(np.sum(stages & bit > 0))
    # Stage-to-stage rates: a share of the buyers that reached the earlier stage, so never above 100%
    # (SALs also come from hand-raises and prospecting, so SALs per MQL would be a ratio, not a rate).
    for name, earlier, later in STAGE_RATES:
        reached = stages & earlier > 0
        k[name] = _ratio(np.sum(reached & (stages & later > 0)), reached.sum())
    revenue = b["revenue"]
    k["revenue"] = float(revenue.sum())
    for code, name in enumerate(OUTCOMES):
        if code not in (IN_PROGRESS, WON):
            k[name] = float(np.sum(outcome == code))
    opp = (stages & OPP > 0) & (outcome != IN_PROGRESS)
    closed = float(opp.sum())
    k["win_rate"] = _ratio(np.sum(opp & (outcome == WON)), closed)
    k["loss_rate"] = _ratio(np.sum(opp & (outcome == OUTCOMES.index("lost_competitor"))), closed)
    k["no_decision_rate"] = _ratio(np.sum(opp & (outcome == OUTCOMES.index("lost_no_decision"))), closed)
    k["conversion_rate"] = _ratio(k["wins"], k["buyers_arrived"])

    week = rep.week_hours
    w0, w1 = s.experiment.warmup_weeks, s.experiment.warmup_weeks + s.experiment.horizon_weeks
    hours = rep.rep_hours[w0:w1].sum(axis=0)
    paid = rep.reps * week * (w1 - w0)
    for act in (Activity.prospecting, Activity.premature, Activity.qualification, Activity.opportunity,
                Activity.idle, Activity.admin):
        k[f"rep_hours_{act.name}"] = float(hours[act])
    k["rep_utilization"] = _ratio(rep.busy_mean[w0:w1].sum(), rep.reps * (w1 - w0))
    k["selling_time_share"] = _ratio(hours[Activity.qualification] + hours[Activity.opportunity], paid)
    worked = hours[[Activity.prospecting, Activity.premature, Activity.qualification, Activity.opportunity]]
    k["rep_hours_per_win"] = _ratio(worked.sum(), k["wins"])
    k["response_time_hours"] = _mean(b["response_hours"])
    k["queue_length_mean"] = float(rep.queue_mean[w0:w1].mean())

    contacted = ~np.isnan(b["t_first_contact"]) & ~np.isnan(b["t_end"]) & (b["t_end"] > arrival)
    share = (b["t_first_contact"][contacted] - arrival[contacted]) / (b["t_end"][contacted] - arrival[contacted])
    k["journey_share_at_first_contact"] = _mean(np.clip(share, 0, 1))
    first = ~np.isnan(b["t_first_contact"])
    early = first & (np.isnan(b["t_zmot"]) | (b["t_first_contact"] < b["t_zmot"]))
    k["premature_contact_share"] = _ratio(early.sum(), first.sum())
    decided = b["decided"].astype(bool)
    k["touchpoints_per_buyer"] = _mean(b["touchpoints"][decided].astype(float))
    k["days_to_zmot"] = _mean((b["t_zmot"] - arrival) / week * 7.0)
    k["purchase_rate"] = _ratio(decided.sum(), outcome.size)
    src = b["source"]
    for name, code in (("marketing_sourced", INQUIRY), ("inbound", HAND_RAISE), ("outbound", OUTBOUND)):
        k[f"{name}_revenue_share"] = _ratio(revenue[src == code].sum(), k["revenue"])
    k["cost_total"] = s.yearly_cost * (w1 - w0) / 52.0
    k["cost_per_win"] = _ratio(k["cost_total"], k["wins"])
    return k
