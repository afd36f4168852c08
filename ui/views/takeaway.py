"""The take-away report's button: the scenarios on screen (or on the board) as one self-contained HTML file.

The file is built only when clicked (`ui.report.build`, no Streamlit there), from the same figures as
the screen; a failure gives a short page saying so, never a traceback.
"""

from __future__ import annotations

import datetime
import html
import logging

import streamlit as st

from .. import charts as C
from .. import report as RP
from .. import run as R
from ..text import kpi_label, label, t
from . import bar
from .common import Ctx, app_version, buyers_axis
from .funnel import STAGES, kpi_rows
from .headline import HEADLINE, metric_label, summary_text

LOG = logging.getLogger("zmot.ui")


def report(ctx: Ctx, title: str | None = None) -> RP.Report:
    """What the report shows, from the figures on screen."""
    lang = ctx.lang
    kpis = R.kpi_table(ctx.data, ctx.labels)
    diffs = R.paired_differences(ctx.data, ctx.labels, ctx.base)
    weeks = ctx.data[ctx.base].horizon_weeks
    charts = []
    if len(ctx.items) > 1:
        rows = RP.difference_rows(kpis, diffs, ctx.labels, ctx.base, HEADLINE, lang)
        others = [i for i in range(len(ctx.items)) if i != ctx.base]
        if not rows.empty:
            charts.append((t(lang, "ws.report_cap_diff"), C.differences(
                rows, category="kpi", order=[kpi_label(lang, k) for k in HEADLINE],
                labels=[ctx.labels[i] for i in others], colours=[ctx.colours[i] for i in others],
                value_title=t(lang, "axis.rel_diff"), title=t(lang, "ws.board_chart"), width=C.EXPORT_WIDTH)))
    stages = kpi_rows(ctx, STAGES, "stage")
    stages["stage"] = [label(lang, f"stage.{k}") for k in stages["kpi"]]
    charts.append((t(lang, "ws.report_cap_funnel"), C.grouped_bars(
        stages, category="stage", order=[label(lang, f"stage.{k}") for k in STAGES], labels=ctx.labels,
        colours=ctx.colours, value_title=buyers_axis(ctx), category_title=t(lang, "axis.stage"),
        title=t(lang, "funnel_chart_title"), width=C.EXPORT_WIDTH)))
    return RP.Report(
        lang=lang, labels=ctx.labels, colours=ctx.colours,
        descriptions=[bar.description(lang, s) for s in ctx.items],
        inputs=RP.inputs_frame([s.scenario for s in ctx.items], ctx.labels, lang), kpis=kpis, diffs=diffs,
        columns=[(k, metric_label(lang, k, weeks)) for k in HEADLINE], base=ctx.base,
        summary=summary_text(ctx, diffs.set_index(["scenario", "kpi"])), seed=ctx.seed,
        replications=ctx.done, version=app_version(lang), date=datetime.date.today().isoformat(),
        title=title or "", charts=charts)


def html_bytes(ctx: Ctx, title: str | None = None) -> bytes:
    try:
        return RP.build(report(ctx, title)).encode("utf-8")
    except Exception as e:  # a report that cannot be built says so in the file, never a traceback
        LOG.exception("report failed")
        msg = html.escape(t(ctx.lang, "ws.report_failed", error=R.describe_error(e)))
        return f'<!DOCTYPE html><html lang="{ctx.lang}"><meta charset="utf-8"><p>{msg}</p></html>'.encode()


def download(ctx: Ctx, key: str, title: str | None = None) -> None:
    """The report's download button (key `dl.report.<key>`), the file built only when clicked."""
    lang = ctx.lang
    st.download_button(t(lang, "ws.report_button"), data=lambda: html_bytes(ctx, title),
                       file_name=f"zmot_report_{datetime.date.today().isoformat()}.html", mime="text/html",
                       key=f"dl.report.{key}", on_click="ignore", help=t(lang, "ws.report_help"),
                       icon=":material/description:")
