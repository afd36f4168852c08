"""Budget shift: the live scenario's total budget moved from reps to marketing, one curve per policy.

The points are the engine's (`sim.shift.shift_points`: the scenario at each marketing share, under each
policy via `sim.groups.with_policy`); they run as jobs on the server's fair scheduler (`ui.many`), each
cached like any run, so a point computed once is never computed again, and every point gets its first
replications before any gets its last: a coarse curve comes within seconds and refines on screen.
"Best" per policy comes with its chance over replications (`sim.shift.best_probabilities`).
"""

from __future__ import annotations

import html
import time

import numpy as np
import pandas as pd
import streamlit as st

from sim.experiment import RunTooLarge, check_size
from sim.kpis import KPI_BY_NAME
from sim.scenario_errors import ScenarioError
from sim.shift import ALL_POLICIES, best_index, best_probabilities, check_shares, kpi_goal, shift_points
from sim.stats import confidence_interval

from .. import charts as C
from .. import charts_decisions as CD
from .. import many as M
from .. import state as S
from ..formats import money, value
from ..text import kpi_label, policy_label, t
from .common import Ctx, ci_text, show_chart, swatch

KPI_CHOICES = ("wins", "revenue", "conversion_rate", "cost_per_win")
STEPS = (0.1, 0.05, 0.25)
MAX_REPLICATIONS = 10  # per point: 11 shares x 4 policies x 10 = 440 runs, about 10 s on two quiet cores
COARSE_FROM = 6  # with this many replications per point or more, a first curve of one replication at the
# coarse shares (COARSE_FIRST) is drawn at once
REDRAW_S = 1.0  # s between two redraws of the refining curve
COARSE_FIRST = (0.0, 0.5, 1.0, 0.25, 0.75)  # these shares are scheduled first: the coarse curve
SPARE_COLOURS = ("#56B4E9", "#000000", "#999999", "#F0E442")  # Okabe-Ito: sky blue, black, grey, yellow
Y_FORMAT = {"buyers": ",.0f", "EUR": ",.3~s", "share": ".0%", "working hours": ",.2~f"}


def grid(step: float) -> list[float]:
    return check_shares([round(step * i, 10) for i in range(round(1 / step) + 1)])


def live_item(ctx: Ctx) -> int:
    ids = [s.id for s in ctx.items]
    return ids.index(S.LIVE) if S.LIVE in ids else len(ids) - 1


def policy_colours(ctx: Ctx, policies: list[str], own: int) -> dict[str, str]:
    """The live scenario's policy in its colour; another policy in the colour of the first pinned
    scenario under it; the rest in spare colours."""
    out = {ctx.items[own].scenario.policy.value: ctx.items[own].colour}
    for s in ctx.items:
        out.setdefault(s.scenario.policy.value, s.colour)
    spare = iter(c for c in SPARE_COLOURS if c not in out.values())
    return {p: out.get(p) or next(spare) for p in policies}


def shift(ctx: Ctx) -> None:
    lang = ctx.lang
    own = live_item(ctx)
    item = ctx.items[own]
    s = item.scenario
    st.markdown(t(lang, "shift.intro", name=html.escape(item.label), budget=money(s.budget.gtm_budget_eur_per_year,
                                                                                   lang)))
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    kpi = c1.selectbox(t(lang, "dec.kpi"), KPI_CHOICES, format_func=lambda k: kpi_label(lang, k), key="shift.kpi")
    step = c2.selectbox(t(lang, "shift.step"), STEPS, key="shift.step",
                        format_func=lambda x: t(lang, "shift.step_option", step=f"{x:.0%}"))
    chosen = st.multiselect(t(lang, "shift.policies"), ALL_POLICIES, default=list(ALL_POLICIES),
                            format_func=lambda p: policy_label(lang, p), key="shift.policies",
                            help=t(lang, "shift.policies_help"))
    policies = [s.policy.value] + [p for p in ALL_POLICIES if p in chosen and p != s.policy.value]
    reps = min(ctx.replications, MAX_REPLICATIONS)
    shares = grid(step)
    try:
        points = shift_points(s, shares, policies)
        check_size([p for _, _, p in points], reps)
    except RunTooLarge as e:
        st.error(t(lang, "dec.too_large", error=M.error_text(lang, e)))
        return
    except (ScenarioError, ValueError) as e:
        st.error(t(lang, "dec.failed", error=M.error_text(lang, e)))
        return
    # Coarse shares first, policy by policy: the scheduler serves jobs in the order they were asked for.
    first = [i for i, (_, m, _) in enumerate(points) if any(abs(m - c) < 1e-9 for c in COARSE_FIRST)]
    order = sorted(first, key=lambda i: (COARSE_FIRST.index(next(c for c in COARSE_FIRST
                                                                   if abs(points[i][1] - c) < 1e-9)), i))
    order += [i for i in range(len(points)) if i not in set(first)]
    colours = policy_colours(ctx, policies, own)
    view = _View(ctx, kpi, points, colours, own, reps)
    status, main, load = st.empty(), st.empty(), st.empty()

    def update(p: M.Partial) -> None:
        frames = [None] * len(points)
        for k, i in enumerate(order):
            frames[i] = p.frames[k]
        have = sum(f is not None for f in p.frames)
        text = (t(lang, "shift.coarse", n=max(p.least(), 1), total=reps) if have else
                t(lang, "dec.computing", done=p.done, total=p.total))
        status.progress(min(max(p.fraction, 0.0), 1.0), text=text)
        if have:  # the points that have a first replication: a coarse curve (no downloads until final)
            df, best, _ = view.tables(frames)
            main.vega_lite_chart(C.spec(view.kpi_chart(df, best, None), lang=lang), width="stretch", theme=None)

    try:
        pts = M.Points([points[i][2] for i in order], ctx.seed, reps)
    except Exception as e:  # the scheduler refused: said, not raised
        status.error(t(lang, "dec.failed", error=M.error_text(lang, e)))
        return
    coarse = reps >= COARSE_FROM
    try:
        result = pts.wait((lambda: pts.least(range(len(first))) >= 1) if coarse else (lambda: False), update)
    except BaseException as e:  # a new input (Streamlit's) or a failed job
        pts.release()
        if not isinstance(e, Exception):
            raise
        status.error(t(lang, "dec.failed", error=M.error_text(lang, e)))
        return
    if not result.final:  # the coarse curve now; the rest refines at the end of the page (orchestrate)
        update(result)
        clock = [time.monotonic()]

        def hook(final: bool) -> None:
            if not final and time.monotonic() - clock[0] < REDRAW_S:
                return
            clock[0] = time.monotonic()
            try:
                update(pts.snapshot())
            except Exception as e:  # a failed job: said, not raised
                status.error(t(lang, "dec.failed", error=M.error_text(lang, e)))

        from .. import orchestrate  # imports the views: only when drawing

        orchestrate.refine_later(pts.jobs, hook)
        return
    pts.release()
    frames = [None] * len(points)
    for k, i in enumerate(order):
        frames[i] = result.frames[k]
    if result.timed_out:
        status.warning(t(lang, "dec.timeout"))
    else:
        status.caption("✓ " + t(lang, "shift.done", reps=reps, points=len(points), seed=ctx.seed))
    df, best, load_df = view.tables(frames)
    with main.container():
        show_chart("shift-kpi", lambda w: view.kpi_chart(df, best, w), df, ctx, extra=f"{kpi}|{step}")
        for line in view.best_lines(best):
            st.markdown(line, unsafe_allow_html=True)
    with load.container():
        for metric, key in (("rep_utilization", "shift.util_title"), ("response_time_hours", "shift.response_title")):
            d = load_df[load_df["metric"] == metric]
            show_chart(f"shift-{metric}", lambda w, d=d, m=metric, k=key: view.load_chart(d, m, k, w), d, ctx,
                       extra=f"{step}")
    st.markdown('<div id="zmot-shift-final" style="display:none"></div>', unsafe_allow_html=True)


class _View:
    """The tables and charts of one shift (one KPI) from the points' per-replication KPI frames."""

    def __init__(self, ctx: Ctx, kpi: str, points, colours: dict[str, str], own: int, reps: int) -> None:
        self.ctx, self.kpi, self.points, self.colours, self.own, self.reps = ctx, kpi, points, colours, own, reps
        self.lang = ctx.lang
        self.unit = KPI_BY_NAME[kpi].unit
        self.goal = kpi_goal(kpi)
        self.policies = list(dict.fromkeys(p for p, _, _ in points))
        self.labels = [policy_label(self.lang, p) for p in self.policies]

    def tables(self, frames: list[pd.DataFrame | None]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        lang, rows, load, best = self.lang, [], [], []
        for (policy, m, s), f in zip(self.points, frames, strict=True):
            if f is None or f.empty:
                continue
            head = {"policy": policy_label(lang, policy), "policy_id": policy, "marketing_share": m,
                    "n": len(f), "reps": s.reps, "marketing_eur": s.marketing_spend,
                    "reps_text": t(lang, "n_reps", n=f"{s.reps:.1f}"),
                    "mkt_text": f"{money(s.marketing_spend, lang)} marketing"}
            mean, lo, hi = confidence_interval(f[self.kpi].to_numpy())
            rows.append({**head, "kpi": self.kpi, "mean": mean, "ci_low": lo, "ci_high": hi,
                         "text": value(mean, self.unit, lang), "ci_text": ci_text(lang, lo, hi, self.unit)})
            for metric in ("rep_utilization", "response_time_hours"):
                unit = KPI_BY_NAME[metric].unit
                mean, lo, hi = confidence_interval(f[metric].to_numpy())
                load.append({**head, "metric": metric, "mean": mean, "ci_low": lo, "ci_high": hi,
                             "text": value(mean, unit, lang), "ci_text": ci_text(lang, lo, hi, unit)})
        df = pd.DataFrame(rows)
        for policy in self.policies:
            mine = [(m, f) for (p, m, _), f in zip(self.points, frames, strict=True) if p == policy and f is not None]
            if not mine:
                continue
            n = min(len(f) for _, f in mine)
            mat = np.column_stack([f.sort_values("replication")[self.kpi].to_numpy()[:n] for _, f in mine])
            finite = np.isfinite(mat)
            counts = finite.sum(axis=0)
            means = np.where(counts > 0, np.where(finite, mat, 0).sum(axis=0) / np.maximum(counts, 1), np.nan)
            j = best_index(means, self.goal)
            if j < 0:
                best.append({"policy": policy_label(self.lang, policy), "policy_id": policy,
                             "marketing_share": np.nan, "mean": np.nan, "p_best": np.nan})
                continue
            pb = best_probabilities(mat, self.goal)
            row = df[(df["policy_id"] == policy) & (df["marketing_share"] == mine[j][0])].iloc[0]
            best.append({"policy": row["policy"], "policy_id": policy, "marketing_share": mine[j][0],
                         "mean": row["mean"], "ci_low": row["ci_low"], "ci_high": row["ci_high"],
                         "p_best": float(pb[j]), "text": f"{row['text']} · {pb[j]:.0%}"})
        best_df = pd.DataFrame(best)
        if not df.empty and not best_df.empty:
            p = best_df.set_index(["policy_id", "marketing_share"])["p_best"]
            df["p_best_of_policy"] = [p.get((a, b), np.nan) for a, b in zip(df["policy_id"], df["marketing_share"],
                                                                             strict=True)]
        return df, best_df, pd.DataFrame(load)

    def _live(self, metric: str) -> dict:
        item, data = self.ctx.items[self.own], self.ctx.data[self.own]
        unit = KPI_BY_NAME[metric].unit
        mean = data.kpi(metric)[0]
        return {"share": 1 - item.scenario.budget.sales_share, "mean": mean, "colour": item.colour,
                "label": f"{item.label} ({t(self.lang, 'shift.live')})", "text": value(mean, unit, self.lang)}

    def kpi_chart(self, df: pd.DataFrame, best: pd.DataFrame, width: int | None):
        lang = self.lang
        name = kpi_label(lang, self.kpi)
        return CD.shift_lines(df, labels=self.labels, colours=[self.colours[p] for p in self.policies],
                              x_title=t(lang, "shift.axis"), y_title=name, title=t(lang, "shift.title", kpi=name),
                              y_format=Y_FORMAT.get(self.unit, ",.2~f"), live=self._live(self.kpi),
                              best=best.dropna(subset=["mean"]) if not best.empty else None, width=width)

    def load_chart(self, df: pd.DataFrame, metric: str, title_key: str, width: int | None):
        lang = self.lang
        unit = KPI_BY_NAME[metric].unit
        return CD.shift_lines(df, labels=self.labels, colours=[self.colours[p] for p in self.policies],
                              x_title=t(lang, "shift.axis"),
                              y_title=kpi_label(lang, metric) + (
                                  f" ({t(lang, 'shift.hours')})" if unit == "working hours" else ""),
                              title=t(lang, title_key), y_format=Y_FORMAT.get(unit, ",.2~f"),
                              live=self._live(metric), height=200, legend=False, width=width)

    def best_lines(self, best: pd.DataFrame) -> list[str]:
        lang, out = self.lang, []
        for r in best.itertuples(index=False):
            sw = swatch(self.colours[r.policy_id], r.policy)
            if not np.isfinite(r.mean):
                out.append(t(lang, "shift.best_none", swatch=sw))
                continue
            out.append(t(lang, "shift.best", swatch=sw, share=f"{r.marketing_share:.0%}",
                         value=value(r.mean, self.unit, lang), ci=ci_text(lang, r.ci_low, r.ci_high, self.unit),
                         p=f"{r.p_best:.0%}"))
        return out
