"""The take-away report: one self-contained HTML file (inline CSS, charts as inline SVG), printable to PDF.

No Streamlit here: everything comes in as scenarios, labels and DataFrames (the KPI summary and the paired
differences, as `ui.run.kpi_table` and `ui.run.paired_differences` give them), so the report can be
built and tested on its own. The headline table (`headline_table`) and the difference rows
(`difference_rows`) are shared with the facilitator board, so the projector and the take-away show the
same figures. Strings come from `ui.text` in the language asked for.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from sim.scenario import Scenario

from . import charts as C
from . import fields as fl
from . import text_workshop  # noqa: F401 (registers the workshop's strings)
from .formats import diff, money, number, percent, relative, unbroken, value
from .text import field_text, kpi_label, policy_label, t

# Inputs always shown side by side, whether or not they differ: what an executive decides.
KEY_INPUTS = ("policy", "reps", "marketing_spend", "budget.sales_share", "budget.gtm_budget_eur_per_year",
              "market.arrivals_per_week")
BETTER = {"wins": 1, "revenue": 1, "conversion_rate": 1, "response_time_hours": -1, "cost_per_win": -1}


def _finite(x: object) -> bool:
    try:
        return x is not None and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


# --- Inputs side by side -----------------------------------------------------------------------------


def _input_text(lang: str, path: str, v: object) -> str:
    f = fl.field_by_path(path)
    if f is None:
        return str(v)
    if "eur" in f.name.split("_"):
        return money(float(v), lang)
    if f.percent:
        return percent(float(v), lang, 0 if float(v) * 100 == int(float(v) * 100) else 1)
    return number(float(v), lang, 0 if float(v) == int(float(v)) else None)


def reps_text(lang: str, n: float) -> str:
    """'10 reps', '1 rep', '9.3 reps' (as `ui.state.reps_text`, which lives beside Streamlit)."""
    whole = abs(n - round(n)) < 1e-6
    if whole and round(n) == 1:
        return t(lang, "n_reps_one")
    return t(lang, "n_reps", n=number(round(n), lang, 0) if whole else number(n, lang, 1))


def inputs_frame(scenarios: Sequence[Scenario], labels: Sequence[str], lang: str) -> pd.DataFrame:
    """One row per input (the key ones, then every other that differs between the scenarios), one
    column per scenario, values in the user's language; `differs` says which rows differ."""
    rows = []
    data = [s.model_dump(mode="json") for s in scenarios]

    def add(name: str, texts: list[str]) -> None:
        rows.append({"input": name, **dict(zip(labels, texts, strict=True)), "differs": len(set(texts)) > 1})

    for key in KEY_INPUTS:
        if key == "policy":
            add(t(lang, "ws.input_policy"), [policy_label(lang, s.policy.value) for s in scenarios])
        elif key == "reps":
            add(t(lang, "ws.input_reps"), [reps_text(lang, s.reps) for s in scenarios])
        elif key == "marketing_spend":
            add(t(lang, "ws.input_marketing"), [money(s.marketing_spend, lang) for s in scenarios])
        else:
            f = fl.field_by_path(key)
            if f is not None:
                add(field_text(lang, key, f.description)[0], [_input_text(lang, key, fl.get(d, key)) for d in data])
    for f in fl.all_fields():
        if f.path in KEY_INPUTS:
            continue
        raw = [fl.get(d, f.path) for d in data]
        if len({repr(v) for v in raw}) > 1:
            add(field_text(lang, f.path, f.description)[0], [_input_text(lang, f.path, v) for v in raw])
    return pd.DataFrame(rows, columns=["input", *labels, "differs"])


# --- The headline table, with intervals ----------------------------------------------------------------


def _swatch(colour: str, label: str) -> str:
    return f'<span class="sw" style="color:{html.escape(colour)}">■</span> <b>{html.escape(label)}</b>'


def headline_table(kpis: pd.DataFrame, diffs: pd.DataFrame, columns: Sequence[tuple[str, str]],
                   labels: Sequence[str], colours: Sequence[str], base: int, lang: str,
                   highlight: str | None = None) -> str:
    """An HTML table: one row per scenario, one column per (kpi, column title); each cell the mean, its
    95% interval and, beside the baseline, the paired difference with its interval (green when clearly
    better, red when clearly worse, grey within noise). `highlight` frames one KPI's column."""
    k = kpis.set_index(["scenario", "kpi"])
    d = diffs.set_index(["scenario", "kpi"]) if not diffs.empty else diffs
    head = "".join(f'<th class="{"hl" if kpi == highlight else ""}">{html.escape(title)}</th>'
                   for kpi, title in columns)
    body = []
    for i, (lab, colour) in enumerate(zip(labels, colours, strict=True)):
        cells = []
        for kpi, _title in columns:
            cls = ' class="hl"' if kpi == highlight else ""
            if (lab, kpi) not in k.index:
                cells.append(f"<td{cls}>{html.escape(t(lang, 'ws.na'))}</td>")
                continue
            r = k.loc[(lab, kpi)]
            unit = str(r["unit"])
            text = f'<b>{html.escape(unbroken(value(r["mean"], unit, lang)))}</b>'
            if _finite(r["ci_low"]) and _finite(r["ci_high"]):
                ci = f"[{unbroken(value(r['ci_low'], unit, lang))} – {unbroken(value(r['ci_high'], unit, lang))}]"
                text += f'<br><span class="ci">{html.escape(ci)}</span>'
            if i != base and not d.empty and (lab, kpi) in d.index:
                text += "<br>" + _diff_cell(d.loc[(lab, kpi)], unit, kpi, lang)
            cells.append(f"<td{cls}>{text}</td>")
        tag = f'<br><i class="tag">{html.escape(t(lang, "baseline_tag"))}</i>' if i == base else ""
        body.append(f"<tr><th>{_swatch(colour, lab)}{tag}</th>{''.join(cells)}</tr>")
    return (f'<table class="zmot-board"><thead><tr><th>{html.escape(t(lang, "col.scenario"))}</th>{head}</tr>'
            f"</thead><tbody>{''.join(body)}</tbody></table>")


def delta_colour(kpi: str) -> str:
    """Streamlit's delta colour for a KPI: 'normal' when more is better, 'inverse' when less is, else 'off'."""
    return {1: "normal", -1: "inverse"}.get(BETTER.get(kpi, 0), "off")


def _diff_cell(row: pd.Series, unit: str, kpi: str, lang: str) -> str:
    mean, lo, hi = row["mean"], row["ci_low"], row["ci_high"]
    if not _finite(mean):
        return f'<span class="flat">{html.escape(t(lang, "delta_na"))}</span>'
    text = unbroken(diff(mean, unit, lang))  # each figure whole; a line may break between two
    tone = "flat"
    if _finite(lo) and _finite(hi):
        text += f" [{unbroken(diff(lo, unit, lang))}, {unbroken(diff(hi, unit, lang))}]"
        clear = lo > 0 or hi < 0
        better = BETTER.get(kpi, 0)
        if clear and better:
            tone = "good" if (mean > 0) == (better > 0) else "bad"
    return f'<span class="{tone}">{html.escape(text)}</span>'


# --- The difference chart's rows -------------------------------------------------------------------------


def difference_rows(kpis: pd.DataFrame, diffs: pd.DataFrame, labels: Sequence[str], base: int,
                    order: Sequence[str], lang: str) -> pd.DataFrame:
    """Each scenario's paired difference to the baseline in % of the baseline, KPI by KPI (the rows of
    `charts.differences`)."""
    k = kpis.set_index(["scenario", "kpi"])
    d = diffs.set_index(["scenario", "kpi"]) if not diffs.empty else diffs
    rows = []
    for i, lab in enumerate(labels):
        if i == base or d.empty:
            continue
        for kpi in order:
            if (labels[base], kpi) not in k.index or (lab, kpi) not in d.index:
                continue
            bm = float(k.loc[(labels[base], kpi), "mean"])
            r = d.loc[(lab, kpi)]
            if not _finite(bm) or bm == 0 or not _finite(r["mean"]):
                continue
            lo, hi = r["ci_low"] / abs(bm), r["ci_high"] / abs(bm)
            rows.append({"scenario": lab, "kpi": kpi_label(lang, kpi), "mean": r["mean"] / abs(bm), "ci_low": lo,
                         "ci_high": hi, "clear": bool(_finite(lo) and (lo > 0 or hi < 0)),
                         "text": relative(r["mean"] / abs(bm), lang),
                         "ci_text": f"{relative(lo, lang)} – {relative(hi, lang)}"})
    return pd.DataFrame(rows, columns=["scenario", "kpi", "mean", "ci_low", "ci_high", "clear", "text", "ci_text"])


# --- Charts as inline SVG --------------------------------------------------------------------------------


def svg(chart: alt.TopLevelMixin, lang: str) -> str:
    """The chart as an SVG element (vl-convert), fonts the printer has."""
    import vl_convert as vlc  # slow to import: only a report needs it

    spec = C.spec(chart, stretch=False, lang=lang)
    spec.setdefault("config", {})["font"] = C.EXPORT_FONT  # vl-convert draws no text for an unknown first font
    out = vlc.vegalite_to_svg(spec)
    out = re.sub(r"^<\?xml[^>]*>\s*", "", out)
    return re.sub(r'<svg([^>]*?) width="([\d.]+)" height="([\d.]+)"',
                  r'<svg\1 width="\2" height="\3" style="max-width:100%;height:auto"', out, count=1)


# --- The page ------------------------------------------------------------------------------------------


def markdown_html(text: str) -> str:
    """The plain-words summary (paragraphs, **bold**, *italic*) as HTML, everything else escaped."""
    out = []
    for para in [p for p in text.split("\n\n") if p.strip()]:
        p = html.escape(para.strip())
        p = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", p)
        p = re.sub(r"(?<![\w*])_(.+?)_(?![\w*])|(?<![\w*])\*(.+?)\*(?![\w*])",
                   lambda m: f"<i>{m.group(1) or m.group(2)}</i>", p)
        out.append(f"<p>{p}</p>")
    return "\n".join(out)


@dataclass
class Report:
    """Everything a report shows (see `build`)."""

    lang: str
    labels: list[str]
    colours: list[str]
    descriptions: list[str]
    inputs: pd.DataFrame  # inputs_frame
    kpis: pd.DataFrame  # scenario, kpi, unit, mean, ci_low, ci_high
    diffs: pd.DataFrame  # scenario, kpi, unit, mean, ci_low, ci_high (paired, to the baseline)
    columns: list[tuple[str, str]]  # (kpi, column title) of the headline table
    base: int
    summary: str  # markdown
    seed: int
    replications: int
    version: str
    date: str
    title: str = ""
    charts: list[tuple[str, alt.TopLevelMixin]] = field(default_factory=list)  # (caption, chart)


CSS = """
@page {size: A4 landscape; margin: 12mm}
body {font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif; color: #31333F; margin: 2rem auto;
  max-width: 1400px; padding: 0 1.5rem; line-height: 1.35}
h1 {font-size: 2rem; margin: 0 0 .2rem} h2 {font-size: 1.35rem; margin: 1.6rem 0 .5rem;
  border-bottom: 2px solid #e6e6e6; padding-bottom: .2rem}
.meta {color: #666; margin: 0 0 1rem}
table {border-collapse: collapse; width: 100%; font-size: .95rem}
th, td {padding: .35rem .5rem; border-bottom: 1px solid #e6e6e6; vertical-align: top}
thead th {text-align: right; font-weight: 600} thead th:first-child, tbody th {text-align: left}
tbody th {font-weight: 400}
td {text-align: right}
table.inputs td, table.inputs thead th {text-align: left}
tr.differs td {background: #fff8e5}
.sw {font-size: 1.25em} .ci {color: #666; font-size: .85em} .tag {color: #666; font-size: .85em}
.good {color: #09814a; font-size: .85em} .bad {color: #c0392b; font-size: .85em} .flat {color: #666; font-size: .85em}
th.hl, td.hl {background: #fff3c4}
ul.scen {list-style: none; padding: 0} ul.scen li {margin: .25rem 0}
figure {margin: 1rem 0; break-inside: avoid} figcaption {color: #666; font-size: .9rem}
section {break-inside: auto} tr {break-inside: avoid}
footer {margin-top: 2rem; color: #666; font-size: .85rem}
@media print {body {margin: 0; max-width: none} h2 {break-after: avoid}}
"""


def build(r: Report) -> str:
    """The report as one HTML document (UTF-8 text), in the report's language."""
    lang = r.lang
    esc = html.escape
    meta = t(lang, "ws.report_meta", date=r.date, seed=r.seed, r=r.replications, version=r.version)
    scen = "".join(f"<li>{_swatch(c, lab)}{' · <i>' + esc(t(lang, 'baseline_tag')) + '</i>' if i == r.base else ''}"
                   f"{' — ' + esc(desc) if desc else ''}</li>"
                   for i, (lab, c, desc) in enumerate(zip(r.labels, r.colours, r.descriptions, strict=True)))
    head = "".join(f"<th>{esc(lab)}</th>" for lab in r.labels)
    rows = "".join(
        f'<tr class="{"differs" if row["differs"] else ""}"><th>{esc(str(row["input"]))}</th>'
        + "".join(f"<td>{esc(str(row[lab]))}</td>" for lab in r.labels) + "</tr>"
        for _, row in r.inputs.iterrows())
    inputs = (f'<table class="inputs"><thead><tr><th>{esc(t(lang, "ws.col_input"))}</th>{head}</tr></thead>'
              f"<tbody>{rows}</tbody></table><p class=\"meta\">{esc(t(lang, 'ws.report_inputs_note'))}</p>")
    table = headline_table(r.kpis, r.diffs, r.columns, r.labels, r.colours, r.base, lang)
    figures = "".join(f"<figure>{svg(chart, lang)}<figcaption>{esc(cap)}</figcaption></figure>"
                      for cap, chart in r.charts)
    title = r.title or t(lang, "ws.report_title")
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{esc(title)}</title><style>{CSS}</style></head>
<body>
<header><h1>{esc(title)}</h1><p class="meta" id="meta">{esc(meta)}</p></header>
<section id="scenarios"><h2>{esc(t(lang, "ws.report_scenarios"))}</h2><ul class="scen">{scen}</ul></section>
<section id="headline"><h2>{esc(t(lang, "ws.report_headline"))}</h2>{table}
<p class="meta">{esc(t(lang, "ws.report_headline_note", base=r.labels[r.base], r=r.replications))}</p></section>
<section id="summary"><h2>{esc(t(lang, "summary_title"))}</h2>{markdown_html(r.summary)}</section>
<section id="inputs"><h2>{esc(t(lang, "ws.report_inputs"))}</h2>{inputs}</section>
<section id="charts"><h2>{esc(t(lang, "ws.report_charts"))}</h2>{figures}</section>
<footer>{esc(meta)}</footer>
</body></html>
"""
