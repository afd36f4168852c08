"""Demand funnel: buyers at each stage, conversion to wins, MQLs against wins, stage-to-stage rates."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

import sim
from sim import figures as F

from .. import charts as C
from ..formats import percent, value
from ..text import kpi_label, label, t
from .common import Ctx, buyers_axis, ci_text, show_chart

STAGES = ("buyers_arrived", "inquiries", "mqls", "sals", "sqls", "opportunities", "wins")

def kpi_rows(ctx: Ctx, kpis: Sequence[str], category: str) -> pd.DataFrame:
    units = {k.name: k.unit for k in sim.KPIS}
    rows = []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        for kpi in kpis:
            mean, lo, hi = d.kpi(kpi)
            unit = units.get(kpi, "")
            rows.append({"scenario": s.label, category: kpi_label(ctx.lang, kpi), "kpi": kpi, "mean": mean,
                         "ci_low": lo, "ci_high": hi, "text": value(mean, unit, ctx.lang),
                         "ci_text": ci_text(ctx.lang, lo, hi, unit)})
    return pd.DataFrame(rows)


def funnel(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(t(lang, "funnel_intro"))
    # The stages take the full width: at 1280 px, seven stage names under two to five bars each need it.
    stages = kpi_rows(ctx, STAGES, "stage")
    stages["stage"] = [label(lang, f"stage.{k}") for k in stages["kpi"]]
    order = [label(lang, f"stage.{k}") for k in STAGES]
    show_chart("funnel-stages", lambda w: C.grouped_bars(
        stages, category="stage", order=order, labels=ctx.labels, colours=ctx.colours,
        value_title=buyers_axis(ctx), category_title=t(lang, "axis.stage"),
        title=t(lang, "funnel_chart_title"), width=w), stages, ctx)
    left, right = st.columns(2)
    with left:
        conv = kpi_rows(ctx, ["conversion_rate"], "kpi_label")
        show_chart("funnel-conversion", lambda w: C.grouped_bars(
            conv, category="kpi_label", order=[kpi_label(lang, "conversion_rate")], labels=ctx.labels,
            colours=ctx.colours, value_title=kpi_label(lang, "conversion_rate"), category_title="",
            title=t(lang, "conversion_title"), horizontal=True, value_format=".1%", width=w, legend_columns=1),
            conv, ctx, span=0.5)
    with right:
        mw = kpi_rows(ctx, ["mqls", "wins"], "kpi_label")
        show_chart("funnel-mqls-wins", lambda w: C.grouped_bars(
            mw, category="kpi_label", order=[kpi_label(lang, "mqls"), kpi_label(lang, "wins")],
            labels=ctx.labels, colours=ctx.colours, value_title=buyers_axis(ctx), category_title="",
            title=t(lang, "mql_vs_wins_title"), horizontal=True, width=w, legend_columns=1), mw, ctx, span=0.5)
    rates = rate_rows(ctx)
    rate_order = list(dict.fromkeys(rates["transition"])) if not rates.empty else []
    show_chart("funnel-rates", lambda w: C.dot_intervals(
        rates, category="transition", order=rate_order, labels=ctx.labels, colours=ctx.colours,
        value_title=t(lang, "axis.rate"), title=t(lang, "rates_title"), value_format=".0%", width=w), rates, ctx)


def rate_rows(ctx: Ctx) -> pd.DataFrame:
    """Stage-to-stage rates with their 95% intervals, from the engine (sim.figures.stage_rates)."""
    lang = ctx.lang
    frames = []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        r = F.stage_rates(d.per_replication)
        r["transition"] = [t(lang, "rate_label", a=kpi_label(lang, a), b=kpi_label(lang, b))
                           for a, b in zip(r["from"], r["to"], strict=True)]
        r["text"] = [percent(m, lang) for m in r["mean"]]
        r["ci_text"] = [ci_text(lang, lo, hi, "share") for lo, hi in zip(r["ci_low"], r["ci_high"], strict=True)]
        frames.append(r.assign(scenario=s.label))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

