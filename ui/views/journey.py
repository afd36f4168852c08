"""Buyer journey: time to the ZMOT, journey done at first contact, a sample of journeys, how buyers end."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from sim import figures as F

from .. import charts as C
from ..formats import money, number, percent
from ..text import kpi_label, label, t
from .common import Ctx, buyers_axis, finite, frame_hash, show_chart
from .funnel import kpi_rows

OUTCOMES = ("wins", "lost_not_shortlisted", "lost_no_decision", "lost_competitor", "lost_disqualified",
            "lost_slow_response", "lost_premature", "buyers_in_progress")
TIMELINE_ROWS = 30  # buyers drawn per scenario
TIMELINE_WIDTH = 780  # px, both columns of the timeline: fits the main area at 1280 px, sidebar open

def journey(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(t(lang, "journey_intro"))
    left, right = st.columns(2)
    zm = pd.concat([d.zmot.assign(scenario=s.label) for s, d in zip(ctx.items, ctx.data, strict=True)
                    if d.zmot is not None] or [pd.DataFrame()], ignore_index=True)
    if not zm.empty:
        zm["text"] = [percent(x, lang) for x in zm["share"]]
        with left:
            show_chart("journey-zmot", lambda w: C.lines(
                zm, x="days", x_title=t(lang, "axis.days"), y_title=t(lang, "axis.share_buyers"), labels=ctx.labels,
                colours=ctx.colours, title=t(lang, "zmot_title"), width=w), zm, ctx, span=0.5)
    js = pd.concat([d.journey.assign(scenario=s.label) for s, d in zip(ctx.items, ctx.data, strict=True)
                    if d.journey is not None] or [pd.DataFrame()], ignore_index=True)
    if not js.empty:
        step = 100 / F.JOURNEY_BINS
        js["bin"] = [f"{b * 100:.0f}–{b * 100 + step:.0f}%" for b in js["share_bin"]]
        js["mean"] = js["share"]
        js["ci_low"] = js["ci_high"] = np.nan
        js["text"] = [percent(x, lang) for x in js["share"]]
        js["ci_text"] = ""
        order = list(dict.fromkeys(js.sort_values("share_bin")["bin"]))
        with right:
            show_chart("journey-share", lambda w: C.grouped_bars(
                js, category="bin", order=order, labels=ctx.labels, colours=ctx.colours,
                value_title=t(lang, "axis.share_buyers"), category_title=t(lang, "axis.journey_share"),
                title=t(lang, "journey_share_title"), value_format=".0%", width=w, label_angle=-40), js, ctx, span=0.5)
    _timeline(ctx)
    outcomes = kpi_rows(ctx, OUTCOMES, "outcome")
    order = [kpi_label(lang, k) for k in OUTCOMES]
    show_chart("journey-outcomes", lambda w: C.grouped_bars(
        outcomes, category="outcome", order=order, labels=ctx.labels, colours=ctx.colours,
        value_title=buyers_axis(ctx), category_title="", title=t(lang, "loss_title"), horizontal=True,
        width=w), outcomes, ctx)


def timeline_frames(ctx: Ctx, only_contacted: bool) -> tuple[pd.DataFrame, pd.DataFrame, list[str], list[str]]:
    """Phase segments and markers of the sampled buyers, in weeks since each entered the market."""
    lang = ctx.lang
    phases = [t(lang, "phase.unknown"), t(lang, "phase.known"), t(lang, "phase.evaluation")]
    markers = [t(lang, "marker.contact"), t(lang, "marker.won"), t(lang, "marker.lost"), t(lang, "marker.open")]
    segs, marks = [], []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        tl = d.timeline
        if tl is None or tl.empty:
            continue
        if only_contacted:
            tl = tl[tl["first_contact_week"].notna()]
        for j, b in enumerate(tl.head(TIMELINE_ROWS).itertuples(index=False)):
            t0 = b.arrival_week
            end = b.end_week if finite(b.end_week) else d.run_end_week
            zmot = b.zmot_week if finite(b.zmot_week) else math.nan
            known = b.known_week if finite(b.known_week) else math.nan
            research_end = zmot if finite(zmot) else end
            row = f"{j + 1:02d}"
            info = t(lang, "tip_buyer", outcome=label(lang, f"outcome.{b.outcome}"), value=money(b.deal_value, lang),
                     size=int(b.group_size), fit=number(b.fit, lang, 2))
            first_known = min(known, research_end) if finite(known) else research_end
            if first_known > t0:
                segs.append((s.label, row, 0.0, first_known - t0, phases[0], info))
            if finite(known) and known < research_end:
                segs.append((s.label, row, known - t0, research_end - t0, phases[1], info))
            if finite(zmot) and end > zmot:
                segs.append((s.label, row, zmot - t0, end - t0, phases[2], info))
            if finite(b.first_contact_week):
                marks.append((s.label, row, b.first_contact_week - t0, markers[0]))
            ending = {"won": markers[1], "in_progress": markers[3]}.get(b.outcome, markers[2])
            marks.append((s.label, row, end - t0, ending))
    seg_df = pd.DataFrame(segs, columns=["scenario", "row", "start", "end", "phase", "info"])
    mark_df = pd.DataFrame(marks, columns=["scenario", "row", "at", "marker"])
    return seg_df, mark_df, phases, markers


def _timeline(ctx: Ctx) -> None:
    lang = ctx.lang
    only = st.checkbox(t(lang, "timeline_only_contacted"), key="timeline.contacted")
    seg_df, mark_df, phases, markers = timeline_frames(ctx, only)
    if seg_df.empty:
        return
    columns = 1 if len(ctx.items) == 1 else 2

    def build(width: int | None):
        return C.timeline(seg_df, mark_df, labels=ctx.labels, phase_order=phases, marker_order=markers,
                          x_title=t(lang, "axis.weeks_since"), y_title=t(lang, "axis.buyer"),
                          title=t(lang, "timeline_title"), columns=columns, width=width)

    show_chart("journey-timeline", build, seg_df, ctx, width=TIMELINE_WIDTH, extra=f"{only}{frame_hash(mark_df)}")
    st.caption(t(lang, "timeline_caption"))

