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
    df["kind"] = [t(lang, f"kind.{k}") for k in df["kind"]]
    df["verdict"] = [verdicts.get(v, v) for v in df["verdict"]]  # the chart, the table and both CSVs alike
    is_share = df["unit"].eq("share") & df["model"].notna()
    chart_df = df[is_share & df["published_value"].notna()].copy()
    if not chart_df.empty:
        order = list(chart_df["figure"])
        show_chart("calibration", lambda w: C.calibration(
            chart_df, order=order, verdict_labels=verdicts, value_title=t(lang, "axis.value"),
            model_title=t(lang, "col.model"), published_title=t(lang, "col.published"),
            title=t(lang, "calib_chart_title"), width=w), chart_df, ctx)
    else:
        st.caption(t(lang, "calib_no_chart"))
    # Static tables, whose text wraps: a grid's cells do not, and hid the sources and notes past its edge
    model = t(lang, "col.model")  # "58 % [57 %, 58 %]" on one line, not three: no space to break at
    main = _columns(lang, df, ("kind", "figure", "published", "model_text", "verdict"))
    main[model] = [v.replace(" ", "\u00a0") if isinstance(v, str) else v for v in main[model]]
    st.table(main, hide_index=True, border="horizontal")
    downloads("calibration-table", df, ctx)  # every column, sources and notes included
    with st.expander(t(lang, "calib_sources")):
        st.table(_columns(lang, df, ("figure", "source", "note")), hide_index=True, border="horizontal")


def _columns(lang: str, df: pd.DataFrame, cols: tuple[str, ...]) -> pd.DataFrame:
    """Columns of the translated table under their headers on screen."""
    header = {"model_text": "model"}
    return pd.DataFrame({t(lang, f"col.{header.get(c, c)}"): df[c] for c in cols})
