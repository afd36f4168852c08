"""Sales reps: hours by activity, utilization and queue over time, time to a rep's first reply."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from sim import figures as F

from .. import charts as C
from ..formats import percent, value
from ..text import label, t
from .common import Ctx, ci_text, show_chart

ACTIVITIES = ("prospecting", "premature", "qualification", "opportunity", "idle", "admin")

def reps(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(t(lang, "reps_intro"))
    for s, d in zip(ctx.items, ctx.data, strict=True):
        if d.reps == 0:
            st.info(t(lang, "no_reps", name=s.label))
    hours = _activity_rows(ctx)
    order = [label(lang, f"activity.{a}") for a in ACTIVITIES]
    if not hours.empty:
        show_chart("reps-hours", lambda w: C.grouped_bars(
            hours, category="activity", order=order, labels=hours["scenario"].unique().tolist(),
            colours=[c for s, c in zip(ctx.labels, ctx.colours, strict=True) if s in set(hours["scenario"])],
            value_title=t(lang, "axis.hours_rep_week"), category_title="", title=t(lang, "hours_title"),
            horizontal=True, value_format=",.0f", width=w), hours, ctx)
    left, right = st.columns(2)
    window = (0.0, float(max(d.horizon_weeks for d in ctx.data)))
    for col, metric, key, y_title, fmt in ((left, "utilization", "util_title", "axis.utilization", ".0%"),
                                           (right, "queue_length", "queue_title", "axis.queue", ",.1f")):
        frames = [d.weekly[d.weekly["metric"] == metric].assign(scenario=s.label)
                  for s, d in zip(ctx.items, ctx.data, strict=True) if d.weekly is not None and not d.weekly.empty]
        df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        df = df.dropna(subset=["mean"]) if not df.empty else df
        with col:
            if df.empty:
                continue
            show_chart(f"reps-{metric}", lambda w, df=df, key=key, y_title=y_title, fmt=fmt: C.bands(
                df, labels=ctx.labels, colours=ctx.colours, y_title=t(lang, y_title), x_title=t(lang, "axis.week"),
                title=t(lang, key), window=window, y_format=fmt, width=w), df, ctx, span=0.5)
    st.caption(t(lang, "window_note"))
    resp = _response_rows(ctx)
    if not resp.empty:
        order = [label(lang, f"resp.{b}") for b, _ in F.RESPONSE_BUCKETS] + [label(lang, "resp.never")]
        show_chart("reps-response", lambda w: C.grouped_bars(
            resp, category="bucket_label", order=order, labels=ctx.labels, colours=ctx.colours,
            value_title=t(lang, "axis.share_handed"), category_title=t(lang, "axis.response"),
            title=t(lang, "response_title"), value_format=".0%", width=w), resp, ctx)


def _activity_rows(ctx: Ctx) -> pd.DataFrame:
    rows = []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        if d.reps <= 0 or d.horizon_weeks <= 0:
            continue
        scale = 1.0 / (d.reps * d.horizon_weeks)
        for a in ACTIVITIES:
            kpi = f"rep_hours_{a}"
            if kpi not in d.summary["kpi"].values:
                continue
            mean, lo, hi = (x * scale for x in d.kpi(kpi))
            rows.append({"scenario": s.label, "activity": label(ctx.lang, f"activity.{a}"), "mean": mean,
                         "ci_low": lo, "ci_high": hi, "text": value(mean, "hours", ctx.lang),
                         "ci_text": ci_text(ctx.lang, lo, hi, "hours")})
    return pd.DataFrame(rows)


def _response_rows(ctx: Ctx) -> pd.DataFrame:
    frames = []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        if d.response is None or d.response.empty:
            continue
        f = d.response.copy()
        f["scenario"] = s.label
        f["bucket_label"] = [label(ctx.lang, f"resp.{b}") for b in f["bucket"]]
        f["mean"] = f["share"]
        f["ci_low"] = f["ci_high"] = np.nan
        f["text"] = [percent(x, ctx.lang) for x in f["share"]]
        f["ci_text"] = ""
        frames.append(f)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

