"""Model vs published: the chosen scenario against the figures published about B2B buying."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import charts as C
from .. import run as R
from ..calib_text import translate
from ..text import t
from .common import Ctx, downloads, show_chart


def calibration(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(t(lang, "calib_intro"))
    labels = ctx.labels
    ss = st.session_state
    if ss.get("calib.scenario") not in labels:
        ss["calib.scenario"] = labels[ctx.base]
    choice = st.selectbox(t(lang, "calib_for"), options=labels, key="calib.scenario")
    s = ctx.items[labels.index(choice)].scenario
    with st.spinner(t(lang, "status_running", n=1, r=ctx.replications)):
        table, error = R.calibration(s, ctx.seed, ctx.replications)
    if table is None:
        st.info(t(lang, "calib_unavailable") if error == "unavailable" else t(lang, "calib_failed", error=error))
        return
    verdicts = {k: t(lang, f"verdict.{k}") for k in C.VERDICT_COLOURS}
    df = table.copy()
    for col in ("figure", "published", "source", "note", "model_text"):  # the engine's text, in `lang`
        df[col] = [translate(lang, col, v) for v in df[col]]
    is_share = df["unit"].eq("share") & df["model"].notna()
    chart_df = df[is_share & df["published_value"].notna()].copy()
    chart_df["verdict"] = [verdicts.get(v, v) for v in chart_df["verdict"]]
    if not chart_df.empty:
        order = list(chart_df["figure"])
        show_chart("calibration", lambda w: C.calibration(
            chart_df, order=order, verdict_labels=verdicts, value_title=t(lang, "axis.value"),
            model_title=t(lang, "col.model"), published_title=t(lang, "col.published"),
            title=t(lang, "calib_chart_title"), width=w), chart_df, ctx)
    else:
        st.caption(t(lang, "calib_no_chart"))
    shown = pd.DataFrame({
        t(lang, "col.kind"): [t(lang, f"kind.{k}") for k in df["kind"]],
        t(lang, "col.figure"): df["figure"],
        t(lang, "col.published"): df["published"],
        t(lang, "col.model"): df["model_text"],
        t(lang, "col.verdict"): [verdicts.get(v, v) for v in df["verdict"]],
        t(lang, "col.source"): df["source"],
        t(lang, "col.note"): df["note"],
    })
    st.dataframe(shown, hide_index=True, key="table-calibration")
    tidy = df.assign(kind=shown[t(lang, "col.kind")], verdict=shown[t(lang, "col.verdict")])  # as on screen
    downloads("calibration-table", tidy, ctx)

