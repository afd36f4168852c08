"""The board's budget-shift view: each scenario's total budget kept, its marketing share moved from 0% to
100%, one line per scenario with its 95% band, a ring where the team put its split.

The points are the engine's (`sim.shift.shift_points`: the same total budget, the reps and marketing
spend following the share, the scenario's own policy) and run on the server's scheduler and cache
(`ui.run`) on the board's seed, so every point of every line sees the same buyers. It costs eleven
runs per scenario, so it runs only when asked for, on at most `MAX_REPS` replications.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import sim
from sim.scenario_errors import ScenarioError
from sim.shift import shift_points

from .. import charts as C
from .. import jobs as J
from .. import run as R
from ..formats import percent, value
from ..text import kpi_label, t
from .common import Ctx, ci_text, show_chart
from .headline import HEADLINE

SHARES = tuple(round(0.1 * i, 10) for i in range(11))  # marketing share of the budget, 0% to 100%
MAX_REPS = 10  # replications per point, at most (the board's own count when smaller)
ON = "board.shift"
KPI = "board.shift.kpi"


def _points(lang: str, ctx: Ctx, reps: int) -> pd.DataFrame | None:
    """scenario, share, kpi, mean, ci_low, ci_high for every point (None when it cannot run)."""
    todo: list[tuple[str, float, sim.Scenario]] = []
    for item in ctx.items:
        try:
            todo += [(item.label, m, s) for _, m, s in shift_points(item.scenario, SHARES)]
        except ScenarioError as e:
            st.warning(t(lang, "ws.board_skipped", name=item.label, error=R.describe_error(e, lang)))
    missing = [s for _, _, s in todo if R.lookup(s, ctx.seed, reps, False) is None]
    if missing:
        too_large = R.check(missing, reps, lang, {s.name: label for label, _, s in todo})
        if too_large:
            st.error(t(lang, "run_too_large", error=too_large))
            return None
        with st.spinner(t(lang, "ws.board_running", n=len(missing), r=reps)):
            try:
                R.compute(missing, ctx.seed, reps, False)
            except J.TimeLimit as e:
                st.warning(t(lang, "limits.timeout_none", limit=f"{J.time_limit():g}", done=e.done, total=e.total))
                return None
    rows = []
    for label, m, s in todo:
        d = R.lookup(s, ctx.seed, reps, False)
        if d is None:
            continue
        for kpi in HEADLINE:
            mean, lo, hi = d.kpi(kpi)
            rows.append({"scenario": label, "share": m, "kpi": kpi, "mean": mean, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def _chart(df: pd.DataFrame, now: pd.DataFrame, ctx: Ctx, y_title: str, y_format: str, x_title: str, title: str,
           width: int | None) -> alt.TopLevelMixin:
    colour = C.scenario_colour(ctx.labels, ctx.colours)
    quiet = alt.Color("scenario:N", scale=alt.Scale(domain=list(ctx.labels), range=list(ctx.colours)), legend=None)
    x = alt.X("share:Q", title=x_title, axis=alt.Axis(format=".0%", values=list(SHARES)),
              scale=alt.Scale(domain=[0, 1]))
    base = alt.Chart(df).encode(x)
    band = base.mark_area(opacity=0.15).encode(alt.Y("ci_low:Q", title=y_title, axis=alt.Axis(format=y_format)),
                                               alt.Y2("ci_high:Q"), quiet)  # the legend is the lines'

    tips = [alt.Tooltip("scenario:N", title=" "), alt.Tooltip("share_text:N", title=x_title),
            alt.Tooltip("text:N", title=y_title), alt.Tooltip("ci_text:N", title="95%")]
    line = base.mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(size=50)).encode(alt.Y("mean:Q"), colour,
                                                                                     tooltip=tips)
    ring = alt.Chart(now).mark_point(size=420, strokeWidth=3, filled=False).encode(
        alt.X("share:Q", scale=alt.Scale(domain=[0, 1])), alt.Y("mean:Q"), quiet)
    chart = alt.layer(band, line, ring).properties(height=380)
    return C.projector(chart.properties(width=width) if width else chart, title)


def shift_view(ctx: Ctx) -> None:
    """The view, behind a toggle (it runs eleven points per scenario)."""
    lang = ctx.lang
    reps = min(ctx.replications, MAX_REPS)
    st.markdown(f"#### {t(lang, 'ws.shift_title')}")
    st.caption(t(lang, "ws.shift_intro", seed=ctx.seed, r=reps, n=len(SHARES)))
    c1, c2 = st.columns([3, 3], vertical_alignment="bottom")
    if not c1.toggle(t(lang, "ws.shift_toggle"), key=ON):
        return
    kpi = c2.selectbox(t(lang, "ws.shift_kpi"), HEADLINE, format_func=lambda k: kpi_label(lang, k), key=KPI)
    points = _points(lang, ctx, reps)
    if points is None or points.empty:
        return
    unit = sim.KPI_BY_NAME[kpi].unit if kpi in sim.KPI_BY_NAME else ""
    df = points[points["kpi"] == kpi].copy()
    df["text"] = [value(v, unit, lang) for v in df["mean"]]
    df["ci_text"] = [ci_text(lang, lo, hi, unit) for lo, hi in zip(df["ci_low"], df["ci_high"], strict=True)]
    df["share_text"] = [percent(m, lang, 0) for m in df["share"]]
    now = pd.DataFrame([{"scenario": s.label, "share": 1.0 - s.scenario.budget.sales_share,
                         "mean": d.kpi(kpi)[0]} for s, d in zip(ctx.items, ctx.data, strict=True)])
    y_format = ".0%" if unit == "share" else ",.0f"
    x_title = t(lang, "ws.shift_axis")
    show_chart(f"board-shift-{kpi}", lambda w: _chart(df, now, ctx, kpi_label(lang, kpi), y_format, x_title,
                                                     t(lang, "ws.shift_chart", kpi=kpi_label(lang, kpi)), w), df, ctx)
    better = {"response_time_hours": -1, "cost_per_win": -1}.get(kpi, 1)
    best = []
    for label in ctx.labels:
        own = df[df["scenario"] == label]
        if own.empty or own["mean"].isna().all():
            continue
        row = own.loc[own["mean"].idxmax() if better > 0 else own["mean"].idxmin()]
        best.append(t(lang, "ws.shift_best_one", name=label, share=percent(row["share"], lang, 0),
                      value=value(row["mean"], unit, lang)))
    if best:
        st.caption(t(lang, "ws.shift_best", kpi=kpi_label(lang, kpi)) + " " + " · ".join(best))
