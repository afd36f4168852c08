"""Headline: each scenario's key figures with the difference to the baseline, the plain-words summary,
the difference chart and the table of every figure."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

import sim

from .. import charts as C
from .. import run as R
from ..formats import diff, relative, unbroken, value
from ..text import NA, kpi_label, kpi_meaning, label, short_label, t
from .common import Ctx, ci_text, downloads, finite, lower_first, show_chart, swatch
from .why import why

HEADLINE_PER_ROW = 4
HEADLINE = ("wins", "revenue", "conversion_rate", "rep_utilization", "response_time_hours", "cost_per_win",
            "marketing_sourced_revenue_share")
PER_PERIOD = ("wins", "revenue")  # totals over the measured window: their label says the period
BETTER = {"wins": 1, "revenue": 1, "conversion_rate": 1, "response_time_hours": -1, "cost_per_win": -1}

def _diffs(ctx: Ctx) -> pd.DataFrame:
    return R.paired_differences(ctx.data, ctx.labels, ctx.base)


def _delta(ctx: Ctx, d: pd.Series | None, base_mean: float, unit: str, better: int
           ) -> tuple[str | None, str, str | None, str]:
    """(delta text, delta colour, description, arrow) of one scenario's difference to the baseline: no
    arrow where the difference is within the noise, since its direction is not known."""
    lang = ctx.lang
    if d is None or not finite(d["mean"]):
        return t(lang, "delta_na"), "off", None, "off"
    mean, lo, hi = float(d["mean"]), float(d["ci_low"]), float(d["ci_high"])
    text = diff(mean, unit, lang)
    if unit != "share" and finite(base_mean) and base_mean != 0:
        text += f" ({relative(mean / abs(base_mean), lang)})"
    if not (finite(lo) and finite(hi)):
        return text, "off", None, "auto"
    lo_text, hi_text = unbroken(diff(lo, unit, lang)), unbroken(diff(hi, unit, lang))
    if lo > 0 or hi < 0:
        colour = "normal" if better > 0 else "inverse" if better < 0 else "off"
        return text, colour, t(lang, "delta_ci", lo=lo_text, hi=hi_text), "auto"
    return text, "off", t(lang, "delta_noise", lo=lo_text, hi=hi_text), "off"


def _delta_html(text: str) -> str:
    """'+€405k (+7.7%)' that may wrap before its bracket, never inside a figure: a narrow column
    (1280 px, French, five scenarios) then keeps the table inside the page."""
    head, sep, rest = text.partition(" (")
    out = html.escape(unbroken(head))
    return out + (" " + html.escape(unbroken("(" + rest)) if sep else "")


def period(lang: str, weeks: int) -> str:
    return t(lang, "period_year") if weeks == 52 else t(lang, "period_weeks", n=weeks)


def metric_label(lang: str, kpi: str, weeks: int) -> str:
    """A headline figure's label, with its period where it is a total: 'Wins per year'."""
    name = short_label(lang, kpi)
    if kpi not in PER_PERIOD:
        return name
    return f"{name} {t(lang, 'per_year') if weeks == 52 else t(lang, 'per_weeks', n=weeks)}"


def comparison(ctx: Ctx) -> None:
    """Every scenario's headline figures and their difference to the baseline, in one compact table.

    Above the tabs, so that the first screen of a projector (1280x800 as 1920x1080) shows the whole
    comparison; the detail, with intervals, is in the tabs below.
    """
    lang = ctx.lang
    diffs = _diffs(ctx).set_index(["scenario", "kpi"])
    units = {k.name: k.unit for k in sim.KPIS}
    base = ctx.data[ctx.base]
    weeks = base.horizon_weeks
    head = "".join(f"<th>{html.escape(metric_label(lang, k, weeks))}</th>" for k in HEADLINE)
    rows = []
    for i, (s, d) in enumerate(zip(ctx.items, ctx.data, strict=True)):
        cells = []
        for kpi in HEADLINE:
            unit = units.get(kpi, "")
            v = html.escape(value(d.kpi(kpi)[0], unit, lang))
            if i == ctx.base or (s.label, kpi) not in diffs.index:
                cells.append(f"<td><b>{v}</b></td>")
                continue
            row = diffs.loc[(s.label, kpi)]
            dtext, colour, _, _ = _delta(ctx, row, base.kpi(kpi)[0], unit, BETTER.get(kpi, 0))
            tone = {"normal": "up", "inverse": "down"}.get(colour, "flat")
            if (colour == "normal" and float(row["mean"]) < 0) or (colour == "inverse" and float(row["mean"]) > 0):
                tone = "bad"
            elif colour in ("normal", "inverse"):
                tone = "good"
            cells.append(f'<td><b>{v}</b><br><span class="zd-{tone}">{_delta_html(dtext or "")}</span></td>')
        tag = f'<br><i class="zb">{html.escape(t(lang, "baseline_tag"))}</i>' if i == ctx.base else ""
        rows.append(f"<tr><th>{swatch(s.colour, s.label)}{tag}</th>{''.join(cells)}</tr>")
    st.markdown(
        f"""<style>
.zmot-compare {{width:100%;border-collapse:collapse;font-size:1rem;line-height:1.25}}
.zmot-compare th,.zmot-compare td {{padding:.3rem .5rem;border-bottom:1px solid #e6e6e6;text-align:right;
  vertical-align:top}}
.zmot-compare thead th {{font-weight:600;font-size:.95rem}}
.zmot-compare tbody th {{text-align:left;font-weight:400;min-width:9rem}}
.zmot-compare .zb {{font-size:.85rem;color:#666}}
.zmot-compare .zd-good {{color:#09814a}} .zmot-compare .zd-bad {{color:#c0392b}}
.zmot-compare .zd-flat {{color:#666}}
</style><table class="zmot-compare"><thead><tr><th>{html.escape(t(lang, "col.scenario"))}</th>{head}</tr>
</thead><tbody>{''.join(rows)}</tbody></table>""", unsafe_allow_html=True)
    st.caption(t(lang, "compare_caption", period=period(lang, weeks), base=ctx.labels[ctx.base]))


def headline(ctx: Ctx) -> None:
    lang = ctx.lang
    diffs = _diffs(ctx).set_index(["scenario", "kpi"])
    base_label = ctx.labels[ctx.base]
    st.markdown(t(lang, "headline_intro", r=ctx.done, base=base_label))
    units = {k.name: k.unit for k in sim.KPIS}
    base_data = ctx.data[ctx.base]
    for i, (s, d) in enumerate(zip(ctx.items, ctx.data, strict=True)):
        # The scenario's name on its own line and the figures four to a row: on a 1280-pixel
        # projector seven columns cut their labels and values short.
        tag = f" · <i>{t(lang, 'baseline_tag')}</i>" if i == ctx.base else ""
        st.markdown(swatch(s.colour, s.label) + tag, unsafe_allow_html=True)
        cols = [c for _ in range(0, len(HEADLINE), HEADLINE_PER_ROW)
                for c in st.columns(HEADLINE_PER_ROW, vertical_alignment="top")]
        for col, kpi in zip(cols, HEADLINE, strict=False):
            unit = units.get(kpi, "")
            meaning = kpi_meaning(lang, kpi, sim.KPI_BY_NAME[kpi].meaning if kpi in sim.KPI_BY_NAME else "")
            mean, lo, hi = d.kpi(kpi)
            help_ = f"{meaning} 95% CI: {ci_text(lang, lo, hi, unit)}."
            name = metric_label(lang, kpi, d.horizon_weeks)
            # Every column draws a metric and a caption slot, even empty: the page keeps its shape
            # from one run to the next, so no faded caption of the previous run lingers under a new
            # baseline while the script precomputes the split's neighbours (see `speculate`).
            if i == ctx.base or d.key == base_data.key:
                same = i != ctx.base  # the same inputs as the baseline: nothing to compare
                col.metric(name, value(mean, unit, lang), delta=t(lang, "delta_same" if same else "baseline_delta"),
                           delta_color="off", delta_arrow="off", help=help_)
                col.empty()
                continue
            row = diffs.loc[(s.label, kpi)] if (s.label, kpi) in diffs.index else None
            delta, colour, desc, arrow = _delta(ctx, row, base_data.kpi(kpi)[0], unit, BETTER.get(kpi, 0))
            col.metric(name, value(mean, unit, lang), delta=delta, delta_color=colour, delta_arrow=arrow, help=help_)
            if desc:
                col.caption(desc)
            else:
                col.empty()
        if i < len(ctx.items) - 1:
            st.divider()
    st.subheader(t(lang, "summary_title"))
    st.markdown(summary_text(ctx, diffs))
    if len(ctx.items) > 1:
        _forest(ctx, diffs)
    why(ctx)  # where each difference comes from (on demand)
    _kpi_table(ctx, diffs)


def _direction(row: pd.Series | None) -> int | None:
    if row is None or not finite(row["mean"]):
        return None
    lo, hi = row["ci_low"], row["ci_high"]
    if finite(lo) and lo > 0:
        return 1
    if finite(hi) and hi < 0:
        return -1
    return 0


def _join(lang: str, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t(lang, 'and')} " + items[-1]


def summary_text(ctx: Ctx, diffs: pd.DataFrame) -> str:
    """One paragraph per compared scenario: what rose, what fell, what is within noise (from the numbers)."""
    lang = ctx.lang
    if len(ctx.items) < 2:
        return t(lang, "sum_only_one")
    base = ctx.data[ctx.base]
    base_label = ctx.labels[ctx.base]
    units = {k.name: k.unit for k in sim.KPIS}
    paragraphs = []
    for i, (s, d) in enumerate(zip(ctx.items, ctx.data, strict=True)):
        if i == ctx.base:
            continue
        intro = t(lang, "sum_intro", base=base_label, name=s.label)
        if d.key == base.key:
            paragraphs.append(f"{intro} {t(lang, 'sum_same')}")
            continue
        moved, noise, undefined = [], [], []
        for kpi in HEADLINE:
            row = diffs.loc[(s.label, kpi)] if (s.label, kpi) in diffs.index else None
            name = kpi_label(lang, kpi)
            direction = _direction(row)
            if direction is None:
                undefined.append(lower_first(name))
                continue
            if direction == 0:
                noise.append(lower_first(name))
                continue
            unit = units[kpi]
            amount = diff(abs(float(row["mean"])), unit, lang).lstrip("+")
            base_mean = base.kpi(kpi)[0]
            key = "sum_rose" if direction > 0 else "sum_fell"
            if unit != "share" and finite(base_mean) and base_mean != 0:
                rel = relative(float(row["mean"]) / abs(base_mean), lang)
                moved.append(t(lang, key, kpi=lower_first(name), diff=amount, rel=rel))
            else:
                moved.append(t(lang, key + "_abs", kpi=lower_first(name), diff=amount))
        parts = list(moved)
        if noise:
            parts.append(t(lang, "sum_noise", items=_join(lang, noise)))
        if undefined:
            parts.append(t(lang, "sum_undefined", items=_join(lang, undefined)))
        sentence = f"{intro}{t(lang, 'colon')}" + t(lang, "sep").join(parts) + "."
        mql, win = (diffs.loc[(s.label, k)] if (s.label, k) in diffs.index else None for k in ("mqls", "wins"))
        dm, dw = _direction(mql), _direction(win)
        if dm is not None and dw is not None and dm != dw and (dm != 0 or dw != 0):
            def word(direction: int) -> str:
                return t(lang, {1: "dir_rose", -1: "dir_fell", 0: "dir_flat"}[direction])

            def rel(row: pd.Series, kpi: str) -> str:
                bm = base.kpi(kpi)[0]
                return relative(float(row["mean"]) / bm, lang) if finite(bm) and bm else NA[lang]

            sentence += " " + t(lang, "sum_mql", mql_dir=word(dm), mql_rel=rel(mql, "mqls"), win_dir=word(dw),
                                win_rel=rel(win, "wins"))
        paragraphs.append(sentence)
    return "\n\n".join(paragraphs)


def _forest(ctx: Ctx, diffs: pd.DataFrame) -> None:
    lang = ctx.lang
    base = ctx.data[ctx.base]
    rows = []
    for i, s in enumerate(ctx.items):
        if i == ctx.base:
            continue
        for kpi in HEADLINE:
            bm = base.kpi(kpi)[0]
            if (s.label, kpi) not in diffs.index or not finite(bm) or bm == 0:
                continue
            r = diffs.loc[(s.label, kpi)]
            if not finite(r["mean"]):
                continue
            scale = 1 / abs(bm)
            lo, hi = r["ci_low"] * scale, r["ci_high"] * scale
            rows.append({"scenario": s.label, "kpi": kpi_label(lang, kpi), "mean": r["mean"] * scale,
                         "ci_low": lo, "ci_high": hi, "clear": bool(finite(lo) and (lo > 0 or hi < 0)),
                         "text": relative(r["mean"] * scale, lang),
                         "ci_text": f"{relative(lo, lang)} – {relative(hi, lang)}"})
    df = pd.DataFrame(rows)
    if df.empty:
        return
    order = [kpi_label(lang, k) for k in HEADLINE]
    labels = [s.label for i, s in enumerate(ctx.items) if i != ctx.base]
    colours = [s.colour for i, s in enumerate(ctx.items) if i != ctx.base]

    def build(width: int | None):
        return C.differences(df, category="kpi", order=order, labels=labels, colours=colours,
                             value_title=t(lang, "axis.rel_diff"), title=t(lang, "forest_title"),
                             filled_field="clear", width=width)

    show_chart("headline-differences", build, df, ctx)


def _kpi_table(ctx: Ctx, diffs: pd.DataFrame) -> None:
    """Every KPI of every scenario with its interval and difference (drawn only when asked for)."""
    lang = ctx.lang
    if not st.toggle(t(lang, "kpi_table_title"), key="headline.table"):
        return
    long = R.kpi_table(ctx.data, ctx.labels)
    d = diffs.reset_index().rename(columns={"mean": "diff_mean", "ci_low": "diff_ci_low",
                                            "ci_high": "diff_ci_high"})
    long = long.merge(d[["scenario", "kpi", "diff_mean", "diff_ci_low", "diff_ci_high"]], on=["scenario", "kpi"],
                      how="left")
    wide = {t(lang, "col.kpi"): [kpi_label(lang, k.name) for k in sim.KPIS],
            t(lang, "col.unit"): [label(lang, f"unit.{k.unit}") for k in sim.KPIS]}
    idx = long.set_index(["scenario", "kpi"])
    for i, s in enumerate(ctx.items):
        cells, dcells = [], []
        for k in sim.KPIS:
            if (s.label, k.name) not in idx.index:
                cells.append(NA[lang])
                dcells.append(NA[lang])
                continue
            r = idx.loc[(s.label, k.name)]
            cells.append(f"{value(r['mean'], k.unit, lang)}  [{ci_text(lang, r['ci_low'], r['ci_high'], k.unit)}]")
            dcells.append(f"{diff(r['diff_mean'], k.unit, lang)}  [{diff(r['diff_ci_low'], k.unit, lang)}, "
                          f"{diff(r['diff_ci_high'], k.unit, lang)}]")
        wide[s.label] = cells
        if i != ctx.base:
            wide[t(lang, "col.diff", name=s.label)] = dcells
    st.dataframe(pd.DataFrame(wide), hide_index=True, key="table-kpis")
    downloads("kpis", long, ctx)

