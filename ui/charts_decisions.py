"""Altair charts of the decision views: the budget-shift curves, the tornado and the waterfall.

Same conventions as `charts` (typed channels, the projector theme applied by `charts.spec`, no
user-facing text: titles and labels come in already translated; `width` None on screen).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from .charts import FONT, GREY, _legend, _size, projector

AXIS_EXTENT = 72  # px kept for every y axis of the shift's charts, so that stacked charts align on x
HIGHLIGHT = "#FFF1C2"  # the row of an assumption that would change the decision


def _policy_colour(labels: Sequence[str], colours: Sequence[str], legend: bool = True) -> alt.Color:
    kw = {"symbolType": "stroke", "symbolStrokeWidth": 4, "symbolOpacity": 1, "title": None}
    shown = alt.Legend(orient="bottom", columns=2, labelLimit=400, **kw) if legend else None
    return alt.Color("policy:N", scale=alt.Scale(domain=list(labels), range=list(colours)), legend=shown,
                     sort=list(labels))


def shift_lines(df: pd.DataFrame, *, labels: Sequence[str], colours: Sequence[str], x_title: str, y_title: str,
                title: str, y_format: str, live: dict | None = None, best: pd.DataFrame | None = None,
                height: int = 320, legend: bool = True, width: int | None = None) -> alt.TopLevelMixin:
    """One line per policy against the marketing share, with its 95% band; the best share per policy as
    a large diamond; the live scenario's split as a dashed rule and its own figure as a ring.

    df: policy, marketing_share, mean, ci_low, ci_high, text, ci_text, reps_text, mkt_text, n.
    live: share, mean, colour, label (mean may be NaN). best: policy, marketing_share, mean, text.
    """
    colour = _policy_colour(labels, colours, legend)
    no_legend = _policy_colour(labels, colours, False)
    x = alt.X("marketing_share:Q", title=x_title, scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format=".0%", tickCount=10))
    y_axis = alt.Axis(format=y_format, minExtent=AXIS_EXTENT, maxExtent=AXIS_EXTENT)
    base = alt.Chart(df).encode(x)
    tips = [alt.Tooltip("policy:N", title=" "), alt.Tooltip("marketing_share:Q", title=x_title, format=".0%"),
            alt.Tooltip("text:N", title=y_title), alt.Tooltip("ci_text:N", title="95%"),
            alt.Tooltip("reps_text:N", title=" "), alt.Tooltip("mkt_text:N", title=" ")]
    band = base.mark_area(opacity=0.16).encode(alt.Y("ci_low:Q", title=y_title, axis=y_axis,
                                                     scale=alt.Scale(zero=False)), alt.Y2("ci_high:Q"), no_legend)
    line = base.mark_line(strokeWidth=3, point=alt.OverlayMarkDef(size=45, filled=True)).encode(
        alt.Y("mean:Q"), colour, tooltip=tips)
    layers: list[alt.Chart] = [band, line]
    if live is not None:
        rule = alt.Chart(pd.DataFrame([live])).mark_rule(strokeDash=[6, 4], strokeWidth=2, color=live["colour"]
                                                         ).encode(alt.X("share:Q"))
        layers.append(rule)
        if pd.notna(live.get("mean")):
            ring = alt.Chart(pd.DataFrame([live])).mark_point(size=420, strokeWidth=3, filled=False,
                                                              color=live["colour"]).encode(
                alt.X("share:Q"), alt.Y("mean:Q"), tooltip=[alt.Tooltip("label:N", title=" "),
                                                            alt.Tooltip("text:N", title=y_title)])
            layers.append(ring)
    if best is not None and not best.empty:
        layers.append(alt.Chart(best).mark_point(shape="diamond", size=360, filled=True, stroke="black",
                                                 strokeWidth=1.5, opacity=1).encode(
            alt.X("marketing_share:Q"), alt.Y("mean:Q"), no_legend,
            tooltip=[alt.Tooltip("policy:N", title=" "), alt.Tooltip("text:N", title=" ")]))
    return projector(_size(alt.layer(*layers), width, height), title)


def tornado(df: pd.DataFrame, *, order: Sequence[str], base: float, colour: str, x_title: str, title: str,
            end_labels: tuple[str, str], x_format: str, width: int | None = None) -> alt.TopLevelMixin:
    """Per assumption (sorted by swing), a bar from the base to the figure at the low end and one to the
    high end, each with its 95% interval; rows that would change the decision on a highlighted band.

    df: input, end (label), value, ci_low, ci_high, text, ci_text, changes (bool), what (text).
    """
    y = alt.Y("input:N", sort=list(order), title=None, axis=alt.Axis(labelLimit=380, labelFontSize=FONT))
    ends = alt.Color("end:N", scale=alt.Scale(domain=list(end_labels), range=[_tint(colour), colour]),
                     legend=_legend(None))
    tips = [alt.Tooltip("input:N", title=" "), alt.Tooltip("end:N", title=" "),
            alt.Tooltip("text:N", title=x_title), alt.Tooltip("ci_text:N", title="95%"),
            alt.Tooltip("what:N", title=" ")]
    rows = df.drop_duplicates("input")
    hl = alt.Chart(rows[rows["changes"]]).mark_rect(color=HIGHLIGHT).encode(
        y, x=alt.value(0), x2=alt.value("width"))
    b = alt.Chart(df.assign(base=base)).encode(y, alt.YOffset("end:N", sort=list(end_labels)), tooltip=tips)
    bars = b.mark_bar(height={"band": 0.9}).encode(
        alt.X("base:Q", title=x_title, axis=alt.Axis(format=x_format), scale=alt.Scale(zero=False)),
        alt.X2("value:Q"), ends)
    whiskers = b.mark_rule(color="black", strokeWidth=1.5).encode(alt.X("ci_low:Q"), alt.X2("ci_high:Q"))
    zero = alt.Chart(pd.DataFrame({"x": [base]})).mark_rule(color=GREY, strokeWidth=2).encode(alt.X("x:Q"))
    height = max(160, 46 * len(order) + 30)
    return projector(_size(alt.layer(hl, bars, whiskers, zero), width, height), title)


def _tint(hex_colour: str, amount: float = 0.55) -> str:
    """The colour mixed with white (the low end's bar)."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        return hex_colour
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def waterfall(df: pd.DataFrame, *, order: Sequence[str], y_title: str, title: str, y_format: str,
              domain: tuple[float, float], width: int | None = None) -> alt.TopLevelMixin:
    """From the baseline's figure to the scenario's: the two totals as thick level marks (the axis does not
    start at zero, so no bar pretends to measure them), each group's part as a floating bar from the level
    before it, with the part's 95% interval as a whisker at its end; dashed links carry the level on.

    df: step, kind (total, part), start, end, colour, lo, hi (whisker, absolute), top, next, text, ci_text.
    """
    x = alt.X("step:N", sort=list(order), title=None, axis=alt.Axis(labelAngle=0, labelLimit=220))
    scale = alt.Scale(domain=list(domain), zero=False, nice=False)
    tips = [alt.Tooltip("step:N", title=" "), alt.Tooltip("text:N", title=y_title),
            alt.Tooltip("ci_text:N", title="95%")]
    y = alt.Y("end:Q", title=y_title, axis=alt.Axis(format=y_format), scale=scale)
    colour = alt.Color("colour:N", scale=None, legend=None)
    base = alt.Chart(df).encode(x, tooltip=tips)
    parts = base.transform_filter("datum.kind == 'part'").mark_bar(size=56).encode(
        alt.Y("start:Q", title=y_title, axis=alt.Axis(format=y_format), scale=scale), alt.Y2("end:Q"), colour)
    totals = base.transform_filter("datum.kind == 'total'").mark_tick(thickness=8, size=70).encode(y, colour)
    whiskers = base.transform_filter("isValid(datum.lo)").mark_rule(color="black", strokeWidth=2).encode(
        alt.Y("lo:Q"), alt.Y2("hi:Q"))
    labels = base.mark_text(dy=-12, fontSize=FONT, color="#31333F").encode(alt.Y("top:Q"), alt.Text("text:N"))
    links = alt.Chart(df[df["next"].notna()]).mark_rule(color=GREY, strokeDash=[3, 3]).encode(
        x, alt.Y("end:Q"), alt.X2("next:N"))
    return projector(_size(alt.layer(links, parts, totals, whiskers, labels), width, 340), title)
