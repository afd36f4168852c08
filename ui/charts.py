"""Altair charts, readable on a projector, one colour per scenario (Okabe-Ito, colour-blind-safe).

Every builder takes tidy data already labelled in the user's language and returns a chart; `width`
is None on screen (the chart fills its column) and a number of pixels for a PNG download. Titles and
axis names are passed in by the views, so this module holds no user-facing text.

Encodings are written as channel objects (`alt.X(...)`), never as shorthand strings or dicts: Altair
validates those on construction, which costs tens of milliseconds per chart on every rerun.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from .chart_fit import MAIN_PX, fit

FONT = 17  # axis and legend labels and axis titles, px: read from the back of a room on a 1280 projector
TITLE_FONT = 22
EXPORT_WIDTH = 900  # px, PNG downloads (rendered at 2x)
PHASE_COLOURS = ("#D9D9D9", "#9A9A9A", "#4D4D4D")  # unknown research, known research, evaluation: greys
VERDICT_COLOURS = {"ok": "#009E73", "miss": "#D55E00", "shape": "#E69F00", "context": "#999999"}
GREY = "#777777"
INK = "#31333F"  # Streamlit's text colour
FONT_FAMILY = "Source Sans Pro, Source Sans 3, sans-serif"  # Streamlit's font on screen
EXPORT_FONT = "sans-serif"
MARKER_SHAPES = ("M0,-1.4L0,1.4", "diamond", "cross", "triangle-right")  # first contact, won, lost, open


def _legend(title: str | None = None, columns: int | None = None, direction: str = "horizontal",
            **extra: Any) -> alt.Legend:
    kw: dict[str, Any] = {"orient": "bottom", "labelLimit": 400, "symbolSize": 200, "direction": direction, **extra}
    if columns:
        kw["columns"] = columns  # `chart_fit` sets the columns a horizontal legend's labels leave room for
    return alt.Legend(title=title, **kw)


# Lines with a faint band: the legend shows a solid line, not the band's pale fill.
LINE_SYMBOL = {"symbolType": "stroke", "symbolStrokeWidth": 4, "symbolOpacity": 1, "symbolSize": 300}


def scenario_colour(labels: Sequence[str], colours: Sequence[str], title: str | None = None,
                    columns: int = 3, **legend: Any) -> alt.Color:
    return alt.Color("scenario:N", scale=alt.Scale(domain=list(labels), range=list(colours)),
                     legend=_legend(title, columns=columns, **legend), sort=list(labels))


# The projector theme, applied to the finished spec as a dict: Altair's configure_* calls copy the
# whole chart each time, which is what a rerun should not spend its time on.
CONFIG: dict[str, Any] = {
    "axis": {"labelFontSize": FONT, "titleFontSize": FONT, "labelLimit": 320, "titlePadding": 10,
             "labelSeparation": 12,  # numbers never run together ("1 1001 200" in French)
             "labelColor": INK, "titleColor": INK, "titleFontWeight": "normal", "gridColor": "#E6E6E6"},
    "legend": {"labelFontSize": FONT, "titleFontSize": FONT, "labelColor": INK},
    "header": {"labelFontSize": FONT + 1, "titleFontSize": FONT, "labelColor": INK},
    "title": {"fontSize": TITLE_FONT, "color": INK, "fontWeight": 600},
    "view": {"stroke": None},
    "background": "white",
    "padding": 8,
    "font": FONT_FAMILY,
}


def projector(chart: alt.TopLevelMixin, title: str | None = None) -> alt.TopLevelMixin:
    """A title in the chart (so PNG downloads keep it); big fonts and no frame come with `spec`."""
    if title:
        chart = chart.properties(title=alt.TitleParams(title, anchor="start", fontSize=TITLE_FONT))
    return chart


NUMBER_LOCALES = {  # d3-format locales for axis numbers, per language
    "fr": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"],
           "percent": "\u202f%"},
}


def spec(chart: alt.TopLevelMixin, stretch: bool = True, lang: str = "en", span: float = 1.0) -> dict[str, Any]:
    """The Vega-Lite spec with the projector theme, without Altair's validation (the builders use typed
    channels) or its default size.

    `stretch`: the chart takes the width of its column and keeps its own height ("fit-x"); Streamlit's
    default ("fit") squeezes charts with offset groups to nothing. Concatenated charts cannot stretch.
    `span`: the column's share of the main area; titles, category labels and legends are fitted to it
    (`chart_fit`).
    """
    out = chart.to_dict(validate=False)
    config = out.setdefault("config", {})
    for k, v in CONFIG.items():
        config[k] = {**config.get(k, {}), **v} if isinstance(v, dict) else v
    config["view"].pop("continuousWidth", None)
    config["view"].pop("continuousHeight", None)
    if lang in NUMBER_LOCALES:
        config["locale"] = {"number": NUMBER_LOCALES[lang]}
    concat = any(k in out for k in ("hconcat", "vconcat", "concat", "facet"))
    out["autosize"] = {"type": "fit-x" if stretch and not concat else "pad", "contains": "padding"}
    return fit(out, span, FONT, TITLE_FONT)


def _size(chart: alt.TopLevelMixin, width: int | None, height: int | None = None) -> alt.TopLevelMixin:
    props: dict[str, Any] = {}
    if width is not None:
        props["width"] = width
    if height is not None:
        props["height"] = height
    return chart.properties(**props) if props else chart


def _tips(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [alt.Tooltip("scenario:N", title=" "), *extra]


def grouped_bars(df: pd.DataFrame, *, category: str, order: Sequence[str], labels: Sequence[str],
                 colours: Sequence[str], value_title: str, category_title: str, title: str,
                 horizontal: bool = False, value_format: str = ",.0f", width: int | None = None,
                 height: int | None = None, label_angle: int = 0, legend_columns: int = 3) -> alt.TopLevelMixin:
    """Bars per category, one per scenario side by side, with 95% interval whiskers.

    df: scenario, <category>, mean, ci_low, ci_high, text (formatted value), ci_text.
    """
    axis = alt.Axis(labelLimit=260) if horizontal else alt.Axis(labelAngle=label_angle, labelLimit=160)
    tips = _tips(alt.Tooltip(f"{category}:N", title=category_title or " "),
                 alt.Tooltip("text:N", title=value_title), alt.Tooltip("ci_text:N", title="95%"))
    val_axis = alt.Axis(format=value_format)
    if horizontal:
        enc = [alt.Y(f"{category}:N", sort=list(order), title=category_title or None, axis=axis),
               alt.YOffset("scenario:N", sort=list(labels))]
        bar_val = [alt.X("mean:Q", title=value_title, axis=val_axis)]
        whisk = [alt.X("ci_low:Q"), alt.X2("ci_high:Q")]
    else:
        enc = [alt.X(f"{category}:N", sort=list(order), title=category_title or None, axis=axis),
               alt.XOffset("scenario:N", sort=list(labels))]
        bar_val = [alt.Y("mean:Q", title=value_title, axis=val_axis)]
        whisk = [alt.Y("ci_low:Q"), alt.Y2("ci_high:Q")]
    base = alt.Chart(df).encode(*enc, tooltip=tips)
    bars = base.mark_bar().encode(*bar_val, scenario_colour(labels, colours, columns=legend_columns))
    whiskers = base.mark_rule(color="black", strokeWidth=1.5).encode(*whisk)
    if height is None and horizontal:
        height = max(120, 24 * len(order) * max(1, len(labels)) + 40)
    return projector(_size(alt.layer(bars, whiskers), width, height or (None if horizontal else 360)), title)


def dot_intervals(df: pd.DataFrame, *, category: str, order: Sequence[str], labels: Sequence[str],
                  colours: Sequence[str], value_title: str, title: str, value_format: str = ".0%",
                  zero_rule: bool = False, filled_field: str | None = None, width: int | None = None
                  ) -> alt.TopLevelMixin:
    """A dot per scenario and category with its 95% interval, categories on the y axis.

    df: scenario, <category>, mean, ci_low, ci_high, text, ci_text (+ filled_field: bool; open dots when
    False, for differences within noise).
    """
    tips = _tips(alt.Tooltip(f"{category}:N", title=" "), alt.Tooltip("text:N", title=value_title),
                 alt.Tooltip("ci_text:N", title="95%"))
    base = alt.Chart(df).encode(
        alt.Y(f"{category}:N", sort=list(order), title=None, axis=alt.Axis(labelLimit=360)),
        alt.YOffset("scenario:N", sort=list(labels)), tooltip=tips)
    colour = scenario_colour(labels, colours)
    rule = base.mark_rule(strokeWidth=3).encode(
        alt.X("ci_low:Q", title=value_title, axis=alt.Axis(format=value_format)), alt.X2("ci_high:Q"), colour)
    if filled_field:
        solid = base.transform_filter(alt.datum[filled_field]).mark_point(size=150, filled=True).encode(
            alt.X("mean:Q"), colour)
        hollow = base.transform_filter(~alt.datum[filled_field]).mark_point(
            size=150, filled=True, fill="white", strokeWidth=2.5).encode(alt.X("mean:Q"), alt.Stroke(
                "scenario:N", scale=alt.Scale(domain=list(labels), range=list(colours)), legend=None))
        points = [solid, hollow]
    else:
        points = [base.mark_point(size=150, filled=True).encode(alt.X("mean:Q"), colour)]
    layers = [rule, *points]
    if zero_rule:
        layers.insert(0, alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color=GREY, strokeDash=[4, 4])
                      .encode(alt.X("x:Q")))
    height = max(140, 22 * len(order) * max(1, len(labels)) + 30)
    # room on the right for half a dot: a mean at the axis's end (a 100% rate) is drawn whole, not halved
    chart = _size(alt.layer(*layers), width, height).properties(padding={"left": 5, "top": 5, "bottom": 5, "right": 14})
    return projector(chart, title)


def differences(df: pd.DataFrame, *, category: str, order: Sequence[str], labels: Sequence[str],
                colours: Sequence[str], value_title: str, title: str, value_format: str = "+.0%",
                filled_field: str = "clear", width: int | None = None) -> alt.TopLevelMixin:
    """Differences to the baseline, one row per KPI, each row on its own scale (a KPI that moves by
    +1,900% does not squeeze the others to a few pixels); zero marked in every row.

    df: scenario, <category>, mean, ci_low, ci_high, text, ci_text, <filled_field> (bool).
    """
    tips = _tips(alt.Tooltip(f"{category}:N", title=" "), alt.Tooltip("text:N", title=value_title),
                 alt.Tooltip("ci_text:N", title="95%"))
    base = alt.Chart().encode(alt.Y("scenario:N", sort=list(labels), title=None, axis=None), tooltip=tips)
    colour = scenario_colour(labels, colours)
    axis = alt.Axis(format=value_format, title=None, tickCount=5, labelFlush=True)
    zero = alt.Chart().mark_rule(color=GREY, strokeDash=[4, 4]).encode(x=alt.datum(0))
    rule = base.mark_rule(strokeWidth=3).encode(alt.X("ci_low:Q", axis=axis, scale=alt.Scale(zero=True, nice=True)),
                                               alt.X2("ci_high:Q"), colour)
    solid = base.transform_filter(alt.datum[filled_field]).mark_point(size=150, filled=True).encode(
        alt.X("mean:Q"), colour)
    hollow = base.transform_filter(~alt.datum[filled_field]).mark_point(
        size=150, filled=True, fill="white", strokeWidth=2.5).encode(alt.X("mean:Q"), alt.Stroke(
            "scenario:N", scale=alt.Scale(domain=list(labels), range=list(colours)), legend=None))
    row_height = 18 * max(1, len(labels)) + 8
    chart = alt.layer(zero, rule, solid, hollow, data=df).properties(
        width=width or MAIN_PX - 40, height=row_height).facet(
        row=alt.Row(f"{category}:N", sort=list(order), title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=FONT, labelPadding=2)),
        spacing=14).resolve_scale(x="independent")
    return projector(chart, title)


def bands(df: pd.DataFrame, *, labels: Sequence[str], colours: Sequence[str], y_title: str, x_title: str,
          title: str, window: tuple[float, float] | None, y_format: str = ",.1f",
          width: int | None = None) -> alt.TopLevelMixin:
    """Mean over replications per week with its 95% band; outside the measured window shaded.

    df: scenario, week, mean, ci_low, ci_high.
    """
    colour = scenario_colour(labels, colours, **LINE_SYMBOL)
    base = alt.Chart(df).encode(alt.X("week:Q", title=x_title))
    band = base.mark_area(opacity=0.18).encode(  # the same colour channel as the line: one shared legend
        alt.Y("ci_low:Q", title=y_title, axis=alt.Axis(format=y_format)), alt.Y2("ci_high:Q"), colour)
    line = base.mark_line(strokeWidth=2.5).encode(
        alt.Y("mean:Q"), colour,
        tooltip=_tips(alt.Tooltip("week:Q", title=x_title, format=".0f"),
                      alt.Tooltip("mean:Q", title=y_title, format=y_format)))
    layers = []
    if window is not None and not df.empty:
        lo, hi = float(df["week"].min()), float(df["week"].max())
        shade = pd.DataFrame([{"x": lo, "x2": window[0]}, {"x": window[1], "x2": hi + 1}])
        shade = shade[shade["x2"] > shade["x"]]
        layers.append(alt.Chart(shade).mark_rect(color="#EEEEEE").encode(alt.X("x:Q"), alt.X2("x2:Q")))
    layers += [band, line]
    return projector(_size(alt.layer(*layers), width, 300), title)


def lines(df: pd.DataFrame, *, x: str, x_title: str, y_title: str, labels: Sequence[str], colours: Sequence[str],
          title: str, x_format: str = ",.0f", y_format: str = ".0%", width: int | None = None
          ) -> alt.TopLevelMixin:
    """A distribution per scenario as a step line with points. df: scenario, <x>, share, text."""
    chart = alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=60), strokeWidth=2.5, interpolate="step-after"
                                    ).encode(
        alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format=x_format)),
        alt.Y("share:Q", title=y_title, axis=alt.Axis(format=y_format)), scenario_colour(labels, colours),
        tooltip=_tips(alt.Tooltip(f"{x}:Q", title=x_title, format=x_format),
                      alt.Tooltip("text:N", title=y_title)))
    return projector(_size(chart, width, 300), title)


def timeline(df: pd.DataFrame, marks: pd.DataFrame, *, labels: Sequence[str], phase_order: Sequence[str],
             marker_order: Sequence[str], x_title: str, y_title: str, title: str, columns: int = 2,
             width: int | None = None) -> alt.TopLevelMixin:
    """Journeys of sampled buyers: a bar per phase, markers for the first rep contact and the outcome.

    df: scenario, row (buyer label), start, end, phase, info; marks: scenario, row, at, marker.
    """
    x_scale = alt.Scale(domain=[0, float(max(df["end"].max(), marks["at"].max() if not marks.empty else 0))])

    def seg(d: pd.DataFrame) -> alt.Chart:
        return alt.Chart(d).mark_bar(height={"band": 0.75}).encode(
            alt.X("start:Q", title=x_title, scale=x_scale), alt.X2("end:Q"),
            alt.Y("row:N", title=y_title, sort=None, axis=alt.Axis(labels=False, ticks=False)),
            alt.Color("phase:N", scale=alt.Scale(domain=list(phase_order), range=list(PHASE_COLOURS)),
                      legend=_legend(direction="vertical")),
            tooltip=[alt.Tooltip("scenario:N", title=" "), alt.Tooltip("phase:N", title=" "),
                     alt.Tooltip("info:N", title=" ")])

    def mk(m: pd.DataFrame) -> alt.Chart:
        return alt.Chart(m).mark_point(size=130, filled=False, strokeWidth=2.5, opacity=1, color="black").encode(
            alt.X("at:Q", scale=x_scale), alt.Y("row:N", sort=None),
            alt.Shape("marker:N", scale=alt.Scale(domain=list(marker_order), range=list(MARKER_SHAPES)),
                      legend=_legend(direction="vertical")),
            tooltip=[alt.Tooltip("scenario:N", title=" "), alt.Tooltip("marker:N", title=" ")])
    panel = (width or 1200) // columns - 60
    panels = []
    for lab in labels:
        d, m = df[df["scenario"] == lab], marks[marks["scenario"] == lab]
        if d.empty:
            continue
        panels.append(alt.layer(seg(d), mk(m)).properties(
            width=panel, height=14 * max(d["row"].nunique(), 1), title=alt.TitleParams(lab, fontSize=FONT + 1)))
    rows = [alt.hconcat(*panels[i:i + columns]) for i in range(0, len(panels), columns)]
    return projector(alt.vconcat(*rows), title)


def calibration(df: pd.DataFrame, *, order: Sequence[str], verdict_labels: dict[str, str], value_title: str,
                title: str, width: int | None = None, model_title: str = "model",
                published_title: str = "published") -> alt.TopLevelMixin:
    """Model (dot, 95% interval) against the published value (diamond), coloured by verdict.

    df: figure, model, ci_low, ci_high, published_value, verdict (label), model_text, published.
    """
    domain = [verdict_labels[k] for k in VERDICT_COLOURS]
    colour = alt.Color("verdict:N", scale=alt.Scale(domain=domain, range=list(VERDICT_COLOURS.values())),
                       legend=_legend())
    tips = [alt.Tooltip("figure:N", title=" "), alt.Tooltip("model_text:N", title=model_title),
            alt.Tooltip("published:N", title=published_title), alt.Tooltip("verdict:N", title=" ")]
    base = alt.Chart(df).encode(alt.Y("figure:N", sort=list(order), title=None, axis=alt.Axis(labelLimit=420)),
                                tooltip=tips)
    x_scale = alt.Scale(domain=[0, 1])
    rule = base.mark_rule(strokeWidth=3).encode(
        alt.X("ci_low:Q", title=value_title, axis=alt.Axis(format=".0%"), scale=x_scale), alt.X2("ci_high:Q"),
        colour)
    dot = base.mark_point(size=150, filled=True).encode(alt.X("model:Q", scale=x_scale), colour)
    pub = base.mark_point(shape="diamond", size=240, filled=False, strokeWidth=2.5, color="black").encode(
        alt.X("published_value:Q", scale=x_scale))
    height = max(120, 46 * len(order))  # room for a figure's name on two lines
    return projector(_size(alt.layer(rule, dot, pub), width, height), title)


def png(chart: alt.TopLevelMixin, lang: str = "en", caption: str | None = None) -> bytes:
    """The chart as a PNG image (vl-convert), at twice the screen resolution; `caption` under its title."""
    import vl_convert as vlc

    out = spec(chart, stretch=False, lang=lang, span=EXPORT_WIDTH / MAIN_PX)
    if caption:
        title = out.get("title") or {}
        title = {"text": title} if isinstance(title, str) else dict(title)
        title.setdefault("text", "")
        title.update(subtitle=caption, subtitleFontSize=FONT - 3, subtitleColor=GREY, anchor="start")
        out["title"] = title
    out.setdefault("config", {})["font"] = EXPORT_FONT  # vl-convert draws no text for an unknown first font
    return vlc.vegalite_to_png(out, scale=2)
