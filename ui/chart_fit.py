"""Fit a chart's text to the column it is drawn in, on the narrowest projector (1280x800, sidebar open).

Vega-Lite cuts a title or a legend label wider than the chart and draws band-axis labels over each other
when they are wider than their band. `fit` rewrites a finished spec (a dict, see `charts.spec`) so that
nothing is cut or overlapped: long titles wrap onto several lines; category labels wrap (a `labelExpr`
that turns a label into its lines); legends get as many columns as their longest label allows and a
label limit the column can hold. Widths are estimated from the font size (Source Sans: about half an
em per character), which errs on the side of wrapping.

`span` is the chart's share of the main area's width: 1 for a full-width chart, 0.5 in a half column.
"""

from __future__ import annotations

import json
import math
import textwrap
from typing import Any

MAIN_PX = 800  # the main area's width at 1280x800 with the sidebar open (Streamlit's padding removed)
CHAR_EM = 0.5  # average character width of Source Sans, in em (a little generous: capitals, digits)
TITLE_EM = 0.53  # semi-bold titles
LEGEND_EM = 0.56  # legend labels: scenario names ("Hybride · 8 commerciaux (en direct)") run wider than CHAR_EM
Y_AXIS_PX = 70  # what a quantitative y axis (labels and title) takes from the width of the bands
MAX_LINES = 3


def text_px(text: str, font: float, em: float = CHAR_EM) -> float:
    return len(text) * font * em


def wrap(text: str, px: float, font: float, em: float = CHAR_EM) -> list[str]:
    """`text` as lines no wider than `px` (a single word wider than that stays whole)."""
    chars = max(4, int(px / (font * em)))
    lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
    if len(lines) > MAX_LINES:  # the label is cut rather than stacked higher than its row
        lines = [*lines[:MAX_LINES - 1], " ".join(lines[MAX_LINES - 1:])]
    return lines or [text]


def label_expr(labels: list[str], px: float, font: float, em: float = CHAR_EM) -> str | None:
    """A Vega `labelExpr` drawing each label on as many lines as it needs within `px`; None if none does."""
    wrapped = {lab: wrap(lab, px, font, em) for lab in labels}
    wrapped = {lab: lines for lab, lines in wrapped.items() if len(lines) > 1}
    if not wrapped:
        return None
    expr = "datum.label"
    for lab, lines in wrapped.items():
        expr = f"datum.label === {_js(lab)} ? {_js(lines)} : {expr}"
    return expr


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def fit(spec: dict[str, Any], span: float = 1.0, font: float = 16, title_font: float = 19) -> dict[str, Any]:
    """Wrap the spec's title and category labels and size its legends for a column `span` wide (in place)."""
    avail = max(200.0, span * MAIN_PX)
    title = spec.get("title")
    if isinstance(title, dict) and isinstance(title.get("text"), str):
        size = float(title.get("fontSize", title_font))
        if text_px(title["text"], size, TITLE_EM) > avail - 20:
            title["text"] = wrap(title["text"], avail - 20, size, TITLE_EM)
    for enc in _encodings(spec):
        _fit_axes(enc, avail, font)
        _fit_legend(enc, avail - _band_axis_px(enc, font), font)  # a bottom legend starts where the plot does
    return spec


def _band_axis_px(enc: dict[str, Any], font: float) -> float:
    """The width a y axis of category labels takes on the left of the plot (0 for none)."""
    y = enc.get("y")
    if not isinstance(y, dict) or y.get("type") != "nominal" or ("axis" in y and y["axis"] is None):
        return 0.0
    axis = y.get("axis") or {}
    if axis.get("labels") is False:
        return 0.0
    limit = float(axis.get("labelLimit", 320))
    labels = [str(v) for v in y.get("sort") or []] if isinstance(y.get("sort"), list) else []
    widest = max((text_px(v, font) for v in labels), default=limit)
    return min(limit, widest) + 10


def _encodings(node: Any):
    if isinstance(node, dict):
        if isinstance(node.get("encoding"), dict):
            yield node["encoding"]
        for k in ("layer", "hconcat", "vconcat", "concat", "spec"):
            v = node.get(k)
            for child in (v if isinstance(v, list) else [v] if isinstance(v, dict) else []):
                yield from _encodings(child)


def _fit_axes(enc: dict[str, Any], avail: float, font: float) -> None:
    x = enc.get("x")
    if isinstance(x, dict) and isinstance(x.get("title"), str) and text_px(x["title"], font) > avail - 40:
        x["title"] = wrap(x["title"], avail - 40, font)  # an axis title wider than a half column
    for channel in ("x", "y"):
        ch = enc.get(channel)
        if not isinstance(ch, dict) or ch.get("type") != "nominal" or not isinstance(ch.get("sort"), list):
            continue
        axis = ch.get("axis")
        if axis is None and "axis" in ch:  # no axis drawn
            continue
        axis = dict(axis or {})
        if axis.get("labels") is False or "labelExpr" in axis or axis.get("labelAngle", 0) != 0:
            continue
        labels = [str(v) for v in ch["sort"]]
        if not labels:
            continue
        if channel == "x":
            px = (avail - Y_AXIS_PX) / len(labels) - 8
        else:
            px = min(float(axis.get("labelLimit", 320)), avail * 0.5)
            axis["labelLimit"] = math.ceil(px) + 4
        expr = label_expr(labels, px, font)
        if expr:
            axis["labelExpr"] = expr
            ch["axis"] = axis
        elif channel == "y":
            ch["axis"] = axis


def _fit_legend(enc: dict[str, Any], avail: float, font: float) -> None:
    for channel in ("color", "shape", "stroke"):
        ch = enc.get(channel)
        if not isinstance(ch, dict) or not isinstance(ch.get("legend"), dict):
            continue
        legend = ch["legend"]
        domain = (ch.get("scale") or {}).get("domain")
        if not isinstance(domain, list) or not domain:
            continue
        room = max(80.0, avail - 70)  # one label's line: the column less the legend's symbol and padding
        labels = [str(v) for v in domain]
        widest = min(room, max(text_px(v, font, LEGEND_EM) for v in labels))
        legend["labelLimit"] = math.ceil(room) + 10
        expr = label_expr(labels, room, font, LEGEND_EM)  # a name longer than the column: on two lines
        if expr:
            legend["labelExpr"] = expr
        if legend.get("direction", "horizontal") == "horizontal":
            per = widest + 70  # symbol, padding and the gap to the next column
            legend["columns"] = max(1, min(len(domain), int((avail - 20) // per)))
