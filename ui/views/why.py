"""Why: under the headline, for each scenario against the baseline, a waterfall from the baseline's figure
to the scenario's through the groups of inputs that differ (Shapley parts with their intervals).

The mixes are the engine's (`sim.explain.mixed_scenarios`: the baseline with each subset of the
differing groups taken from the scenario, 2^k for k groups) and its Shapley parts
(`sim.explain.shapley_parts`, replication by replication, so that the parts add up to the total). The
mixes run as jobs on the server's fair scheduler (`ui.many`), cached like any run: the baseline and the
scenario themselves are already in the cache, so only 2^k - 2 mixes are new. Computed on demand only.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import streamlit as st

from sim.experiment import RunTooLarge, check_size
from sim.explain import mixed_scenarios, shapley_parts
from sim.groups import differing_groups
from sim.kpis import KPI_BY_NAME
from sim.scenario_errors import ScenarioError
from sim.stats import confidence_interval

from .. import charts_decisions as CD
from .. import many as M
from ..formats import diff, value
from ..text import kpi_label, t
from .common import Ctx, show_chart
from .shift import KPI_CHOICES, Y_FORMAT

PART_UP, PART_DOWN = "#6FB38F", "#D9825B"  # a part that raises the figure, one that lowers it (muted)


def why(ctx: Ctx) -> None:
    lang = ctx.lang
    if len(ctx.items) < 2:
        return
    st.subheader(t(lang, "why.title"))
    if not st.toggle(t(lang, "why.toggle"), key="why.on", help=t(lang, "why.toggle_help")):
        return
    kpi = st.columns([1, 2])[0].selectbox(t(lang, "dec.kpi"), KPI_CHOICES, format_func=lambda k: kpi_label(lang, k),
                                          key="why.kpi")
    a = ctx.items[ctx.base]
    for i, b in enumerate(ctx.items):
        if i == ctx.base:
            continue
        _one(ctx, kpi, a, b, i)


def _one(ctx: Ctx, kpi: str, a, b, i: int) -> None:
    lang = ctx.lang
    groups = differing_groups(a.scenario, b.scenario)
    if not groups:
        st.info(t(lang, "why.same", name=b.label))
        return
    try:
        mixes = mixed_scenarios(a.scenario, b.scenario, groups)
        check_size(list(mixes.values()), ctx.replications)
    except RunTooLarge as e:
        st.error(t(lang, "dec.too_large", error=M.error_text(lang, e)))
        return
    except (ScenarioError, ValueError) as e:
        st.warning(t(lang, "why.impossible", name=b.label, error=M.error_text(lang, e)))
        return
    subs = list(mixes)
    bar = st.empty()

    def update(p: M.Partial) -> None:
        bar.progress(min(p.fraction, 1.0), text=t(lang, "dec.computing", done=p.done, total=p.total))

    try:
        result = M.run_points([mixes[s] for s in subs], ctx.seed, ctx.replications, on_update=update)
    except Exception as e:  # an engine failure: said, not raised
        bar.error(t(lang, "dec.failed", error=M.error_text(lang, e)))
        return
    if any(f is None for f in result.frames):
        bar.warning(t(lang, "dec.timeout"))
        return
    bar.warning(t(lang, "dec.timeout")) if result.timed_out else bar.empty()
    n = result.least()
    values = {s: f.sort_values("replication")[kpi].to_numpy(dtype=float)[:n]
              for s, f in zip(subs, result.frames, strict=True)}
    defined = np.logical_and.reduce([np.isfinite(v) for v in values.values()])
    values = {s: np.where(defined, v, np.nan) for s, v in values.items()}
    full = tuple(groups)
    parts = shapley_parts(values, groups)
    unit = KPI_BY_NAME[kpi].unit
    base_mean = float(np.nanmean(values[()])) if defined.any() else np.nan
    total = confidence_interval(values[full] - values[()])
    df, order, domain = _steps(ctx, kpi, a, b, groups, parts, base_mean, total)
    name = kpi_label(lang, kpi)
    st.markdown(t(lang, "why.intro", base=html.escape(a.label), name=html.escape(b.label), kpi=name.lower(),
                  total=diff(total[0], unit, lang), ci=_ci(lang, total, unit), n=len(groups)))
    show_chart(f"why-{b.id}", lambda w: CD.waterfall(
        df, order=order, y_title=name, title=t(lang, "why.title_chart", kpi=name, base=a.label, name=b.label),
        y_format=Y_FORMAT.get(unit, ",.2~f"), domain=domain, width=w), df, ctx, extra=kpi)


def _ci(lang: str, m: tuple[float, float, float], unit: str) -> str:
    return f"{diff(m[1], unit, lang)} – {diff(m[2], unit, lang)}"


def _steps(ctx: Ctx, kpi: str, a, b, groups: list[str], parts: dict[str, np.ndarray], base_mean: float,
           total: tuple[float, float, float]) -> tuple[pd.DataFrame, list[str], tuple[float, float]]:
    """The waterfall's rows: the baseline, each group's part (floating), the scenario."""
    lang = ctx.lang
    unit = KPI_BY_NAME[kpi].unit
    rows = [{"step": a.label, "kind": "total", "start": base_mean, "end": base_mean, "colour": a.colour,
             "lo": np.nan, "hi": np.nan, "mean": base_mean, "text": value(base_mean, unit, lang), "ci_text": ""}]
    level = base_mean
    for g in groups:
        m, lo, hi = confidence_interval(parts[g])
        end = level + m
        rows.append({"step": t(lang, f"dec.group.{g}"), "kind": "part", "start": level, "end": end,
                     "colour": PART_UP if m >= 0 else PART_DOWN, "lo": end - m + lo if np.isfinite(lo) else np.nan,
                     "hi": end - m + hi if np.isfinite(hi) else np.nan, "mean": m, "text": diff(m, unit, lang),
                     "ci_text": _ci(lang, (m, lo, hi), unit)})
        level = end
    final = base_mean + total[0]
    rows.append({"step": b.label, "kind": "total", "start": final, "end": final, "colour": b.colour,
                 "lo": base_mean + total[1], "hi": base_mean + total[2], "mean": final,
                 "text": value(final, unit, lang), "ci_text": _ci(lang, total, unit)})
    df = pd.DataFrame(rows)
    span = pd.concat([df["start"], df["end"], df["lo"], df["hi"]]).dropna()
    lo, hi = (float(span.min()), float(span.max())) if len(span) else (0.0, 1.0)
    pad = max((hi - lo) * 0.2, abs(hi) * 0.01, 1e-9)
    floor = max(0.0, lo - pad) if lo >= 0 else lo - pad
    df["top"] = df[["start", "end", "hi"]].max(axis=1)
    df["next"] = [*df["step"].iloc[1:], None]
    df["part_of"] = [kpi] * len(df)
    return df, list(df["step"]), (floor, hi + pad * 0.6)
