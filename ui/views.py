"""The main area: the scenario bar, the run status, and the tabs (one function per view).

Only the open tab is drawn (`st.tabs(..., on_change="rerun")`), so a rerun does the work of one view.
Every figure comes from `ScenarioData` (see `run`); every string from `text`. Each view is wrapped so
that a failure shows a short message, never a traceback, and leaves the rest of the page working.
"""

from __future__ import annotations

import html
import itertools
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

import sim
from sim.experiment import confidence_interval

from . import charts as C
from . import fields as fl
from . import run as R
from . import state as S
from . import warm
from .text import (
    ABOUT,
    NA,
    diff,
    field_text,
    kpi_label,
    kpi_meaning,
    label,
    money,
    number,
    percent,
    policy_label,
    preset_description,
    relative,
    short_label,
    t,
    value,
)

LOG = logging.getLogger("zmot.ui")

HEADLINE_PER_ROW = 4
HEADLINE = ("wins", "revenue", "conversion_rate", "rep_utilization", "response_time_hours", "cost_per_win",
            "marketing_sourced_revenue_share")
BETTER = {"wins": 1, "revenue": 1, "conversion_rate": 1, "response_time_hours": -1, "cost_per_win": -1}
STAGES = ("buyers_arrived", "inquiries", "mqls", "sals", "sqls", "opportunities", "wins")
OUTCOMES = ("wins", "lost_not_shortlisted", "lost_no_decision", "lost_competitor", "lost_disqualified",
            "lost_slow_response", "lost_premature", "buyers_in_progress")
ACTIVITIES = ("prospecting", "premature", "qualification", "opportunity", "idle", "admin")
TIMELINE_ROWS = 30  # buyers drawn per scenario
TIMELINE_WIDTH = 1200  # px, both columns of the timeline
VIEWS = ("headline", "funnel", "reps", "journey", "calibration", "about")
DETAIL_VIEWS = ("reps", "journey")  # views that draw per-buyer detail
READY_ID = "zmot-results-ready"


@dataclass(frozen=True)
class Ctx:
    """What every view needs: the scenarios with results, their labels and colours, the baseline."""

    lang: str
    items: list[S.Shown]
    data: list[R.ScenarioData]
    base: int
    seed: int
    replications: int

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.items]

    @property
    def colours(self) -> list[str]:
        return [s.colour for s in self.items]


# --- Small helpers -----------------------------------------------------------------------------------


def _finite(x: float) -> bool:
    return x is not None and isinstance(x, (int, float, np.floating)) and math.isfinite(float(x))


def _ci_text(lang: str, lo: float, hi: float, unit: str) -> str:
    if not (_finite(lo) and _finite(hi)):
        return NA[lang]
    return f"{value(lo, unit, lang)} – {value(hi, unit, lang)}"


def _lower_first(text: str) -> str:
    """'Rep utilization' -> 'rep utilization' mid-sentence; 'MQLs' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _swatch(colour: str, text: str, bold: bool = True) -> str:
    name = html.escape(text)
    name = f"<b>{name}</b>" if bold else name
    return f'<span style="color:{colour};font-size:1.3em">■</span> {name}'


def downloads(key: str, df: pd.DataFrame, lang: str, chart: Callable[[int | None], object] | None = None) -> None:
    """CSV (and PNG) download buttons for a table or chart, built only when clicked."""
    row = st.container(horizontal=True, key=f"dl-{key}")
    row.download_button(t(lang, "download_csv"), data=lambda: df.to_csv(index=False).encode("utf-8"),
                        file_name=f"zmot_{key}.csv", mime="text/csv", key=f"dl.{key}.csv", on_click="ignore",
                        help=t(lang, "download_csv_help"))
    if chart is not None:
        row.download_button(t(lang, "download_png"), data=lambda: C.png(chart(C.EXPORT_WIDTH), lang),
                            file_name=f"zmot_{key}.png", mime="image/png", key=f"dl.{key}.png", on_click="ignore",
                            help=t(lang, "download_png_help"))


def show_chart(key: str, build: Callable[[int | None], object], df: pd.DataFrame, ctx: Ctx,
               width: int | None = None, extra: str = "") -> None:
    """A chart (key `chart-<key>`) with its CSV and PNG downloads.

    The Vega-Lite spec is cached under the chart's data, language and size: going back to a setting,
    switching tabs or moving the baseline's radio does not rebuild charts that did not change.
    """
    lang = ctx.lang
    sig = f"{key}|{lang}|{width}|{extra}|{ctx.labels}|{ctx.colours}|{_frame_hash(df)}"
    spec = _chart_spec(sig, build, width, lang)
    st.vega_lite_chart(spec=spec, width="stretch" if width is None else "content", theme=None,
                       key=f"chart-{key}")
    downloads(key, df, lang, build)


def _frame_hash(df: pd.DataFrame) -> str:
    values = pd.util.hash_pandas_object(df, index=False).to_numpy()
    return f"{len(df)}:{','.join(map(str, df.columns))}:{int(values.sum()) if len(values) else 0}"


@st.cache_data(max_entries=512, show_spinner=False)
def _chart_spec(sig: str, _build: Callable[[int | None], object], width: int | None, lang: str) -> dict:
    return C.spec(_build(width), stretch=width is None, lang=lang)  # `sig` is the cache key


def _guard(lang: str, what: str, fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception as e:  # a drawing failure must not take the page down
        LOG.exception("view %s failed", what)
        st.warning(t(lang, "error_generic", error=R.describe_error(e)))


# --- Header, scenario bar and status ----------------------------------------------------------------


def header(lang: str) -> None:
    st.title(t(lang, "app_title"))
    st.markdown(t(lang, "app_tagline"))


def _card_caption(lang: str, s: sim.Scenario) -> str:
    return t(lang, "card_caption", policy=policy_label(lang, s.policy.value), reps=s.reps,
             mkt=money(s.marketing_spend, lang))


def scenario_bar(lang: str, items: list[S.Shown], live_error: str | None) -> None:
    """One card per scenario: colour, name, what it is; edit and pin controls; the baseline choice."""
    ss = st.session_state
    n_pins = len(S.pins())
    cards = list(items)
    live_shown = any(not s.pinned for s in items)
    cols = st.columns(max(1, len(cards) + (0 if live_shown else 1)))
    base = S.baseline_id(items)
    for col, s in zip(cols, cards, strict=False):
        with col.container(border=True):
            tag = f" · _{t(lang, 'baseline_tag')}_" if s.id == base else ""
            st.markdown(_swatch(s.colour, s.label) + tag, unsafe_allow_html=True)
            st.caption(_card_caption(lang, s.scenario))
            if s.pinned:
                _pin_controls(lang, s)
            else:
                _live_controls(lang, n_pins, live_error)
    if not live_shown:  # the live settings are invalid: still offer to rename and say why it is missing
        with cols[-1].container(border=True):
            st.markdown(_swatch(S.LIVE_COLOUR, ss.get(S.NAME) or "live"), unsafe_allow_html=True)
            _live_controls(lang, n_pins, live_error)
    ids = [s.id for s in items]
    if len(ids) > 1:
        # Set on every run, not only when invalid: the browser keeps (and sends back) the label it last
        # showed, so a renamed scenario or a new language would otherwise come back as an unknown label.
        ss[S.BASE] = base
        names = {s.id: s.label for s in items}
        st.radio(t(lang, "baseline_label"), options=ids, key=S.BASE, horizontal=True,
                 format_func=lambda i: names.get(i, i))


def _pin_controls(lang: str, s: S.Shown) -> None:
    ss = st.session_state
    with st.popover(t(lang, "edit_popover"), key=S.pin_key(s.id, "edit")):
        if S.pin_key(s.id, "name") not in ss:
            ss[S.pin_key(s.id, "name")] = s.scenario.name
        st.text_input(t(lang, "rename_label"), key=S.pin_key(s.id, "name"), max_chars=80, on_change=S.rename_pin,
                      args=(s.id,))
        st.caption(preset_description(lang, s.scenario.name, s.scenario.description))
        st.button(t(lang, "remove_button"), key=S.pin_key(s.id, "remove"), on_click=S.remove_pin, args=(s.id,))


def _live_controls(lang: str, n_pins: int, live_error: str | None) -> None:
    full = n_pins >= S.MAX_PINS
    row = st.container(horizontal=True)  # wraps when the card is narrow (four pins): no truncated label
    with row.popover(t(lang, "edit_popover"), key="live.edit"):
        st.text_input(t(lang, "live_name_label"), key=S.NAME, max_chars=80)
    row.button(t(lang, "pin_button"), key=S.PIN_ADD, on_click=S.add_pin, disabled=full or live_error is not None,
                 help=t(lang, "pin_help", n=S.MAX_PINS))
    if full:
        st.caption(t(lang, "pin_full", n=S.MAX_PINS))
    elif live_error is not None:
        st.caption(t(lang, "pin_invalid"))


_STOPPED = "_stopped_run"


def _stop(run_id: str) -> None:
    st.session_state[_STOPPED] = run_id


def _resume() -> None:
    st.session_state[_STOPPED] = None


def needs_detail(lang: str) -> bool:
    """Whether the open tab draws per-buyer detail (known before the tabs are drawn: the state has it)."""
    view = st.session_state.get(S.VIEW)
    return view in {t(lang, f"tab.{v}") for v in DETAIL_VIEWS}


def fetch(lang: str, items: list[S.Shown], seed: int, replications: int, status, detail: bool) -> tuple[
        list[S.Shown], list[R.ScenarioData], float | None, bool]:
    """Results for every scenario, from the cache or from one engine run; errors said, not raised.

    Returns the scenarios with results, their results, the seconds spent computing (None when all came
    from the cache) and whether the run was stopped by the user.
    """
    # The first slot of the status area holds a run's progress, whether or not this run computes: the
    # status line then always lands in the same place, and no faded line of the previous run lingers
    # below it while the script precomputes the split's neighbours (see `speculate`).
    note = status.empty()
    found: dict[str, R.ScenarioData] = {}
    missing: dict[str, sim.Scenario] = {}
    keys = []
    for s in items:
        k = R.run_key(s.scenario, seed, replications, detail)
        keys.append(k)
        if k in found or k in missing:
            continue
        d = R.lookup(s.scenario, seed, replications, detail)
        if d is None:
            missing[k] = s.scenario
        else:
            found[k] = d
    if missing:  # a warm-up in progress may be computing exactly these (the first screen)
        warm.wait()
        for k, sc in list(missing.items()):
            d = R.lookup(sc, seed, replications, detail)
            if d is not None:
                found[k] = d
                del missing[k]
    errors: dict[str, str] = {}
    seconds = None
    stopped = False
    if missing:
        too_large = R.check(list(missing.values()), replications)
        run_id = "|".join(sorted(missing))
        if too_large:
            for k in missing:
                errors[k] = t(lang, "run_too_large", error=too_large)
        elif st.session_state.get(_STOPPED) == run_id:
            with status:
                st.info(t(lang, "stopped"))
                st.button(t(lang, "run_button"), key="run.go", on_click=_resume)
            for k in missing:
                errors[k] = ""
            stopped = True
        else:
            seconds = _compute(lang, missing, seed, replications, detail, status, note, run_id, found, errors)
    shown, data = [], []
    for s, k in zip(items, keys, strict=True):
        if k in found:
            shown.append(s)
            data.append(found[k])
        elif errors.get(k):
            status.error(t(lang, "run_failed", name=s.label, error=errors[k]))
    return shown, data, seconds, stopped


def _compute(lang: str, missing: dict[str, sim.Scenario], seed: int, replications: int, detail: bool, status,
             note, run_id: str, found: dict[str, R.ScenarioData], errors: dict[str, str]) -> float:
    size = R.simulated_buyers(list(missing.values()), replications)
    t0 = time.perf_counter()
    text = t(lang, "status_running", n=len(missing), r=replications)
    with status:
        if size > R.PROGRESS_BUYERS:
            bar = note.progress(0.0, text=text)
            if size > R.LARGE_RUN_BUYERS:
                st.button(t(lang, "stop_button"), key="run.stop", on_click=_stop, args=(run_id,),
                          help=t(lang, "stop_help"))

            def progress(fraction: float) -> None:  # also where a Stop or a new input interrupts the run
                bar.progress(min(max(float(fraction), 0.0), 1.0), text=text)
        else:
            note.caption(text)
            progress = None

    keys, scenarios = list(missing), list(missing.values())
    try:
        for k, d in zip(keys, R.compute(scenarios, seed, replications, detail, progress), strict=True):
            found[k] = d
    except Exception as e:  # one bad scenario must not hide the others: run them one by one
        LOG.exception("simulation failed")
        if len(keys) == 1:
            errors[keys[0]] = R.describe_error(e)
        else:
            for k, s in zip(keys, scenarios, strict=True):
                try:
                    found[k] = R.compute([s], seed, replications, detail)[0]
                except Exception as e1:
                    LOG.exception("simulation failed")
                    errors[k] = R.describe_error(e1)
    note.empty()
    return time.perf_counter() - t0


def status_line(lang: str, status, ctx: Ctx | None, seconds: float | None) -> None:
    if ctx is None:
        return
    timing = t(lang, "status_timing", sec=f"{seconds:.1f}") if seconds is not None else ""
    status.caption("✓ " + t(lang, "status_ready", n=len(ctx.items), r=ctx.replications, seed=ctx.seed,
                            timing=timing))


def ready_marker(ctx: Ctx | None, view: str, seconds: float | None, lang: str) -> None:
    """An invisible element, last on the page, that browser tests and benchmarks wait for.

    `data-results` changes whenever the figures on screen change (scenarios, seed, replications,
    baseline), so a test can wait for the new value after moving a slider.
    """
    key = "none" if ctx is None else "-".join([d.key[:8] for d in ctx.data] + [str(ctx.base)])
    wins = "" if ctx is None else value(ctx.data[-1].kpi("wins")[0], "buyers", "en")
    ms = "" if seconds is None else f"{seconds * 1000:.0f}"
    st.markdown(f'<div id="{READY_ID}" data-results="{key}" data-view="{view}" data-lang="{lang}" '
                f'data-compute-ms="{ms}" data-last-wins="{wins}" style="display:none"></div>', unsafe_allow_html=True)


def speculate(live: sim.Scenario | None, seed: int, replications: int, detail: bool) -> None:
    """After the page is drawn, compute the live scenario one budget-split notch either way.

    Moving the split a notch at a time is the workshop's main gesture; with the neighbours in the cache
    the next move shows in a rerun's time. The work runs at the end of the script, after the results
    marker, in this process and one replication at a time; any new input interrupts it (each progress
    report is a point where Streamlit can stop the script), so it delays what the user asked for by one
    replication at most and never disturbs the worker pool that the user's own runs use.
    """
    from .inputs import split_neighbours

    if live is None:
        return
    # Each neighbour is its own run, so each is held to the size limit on its own (held together, the
    # two neighbours of the default scenario exceeded it, and a move after any other change never found
    # its result ready).
    todo = [s for s in split_neighbours(live) if R.lookup(s, seed, replications, detail) is None
            and not R.check([s], replications) and R.simulated_buyers([s], replications) <= R.SPECULATE_BUYERS]
    if not todo:
        return
    spot = st.empty()

    def progress(_fraction: float) -> None:
        spot.empty()  # a no-op for the page, and a point where a new input interrupts this run

    for s in todo:
        try:
            R.compute([s], seed, replications, detail, progress, n_jobs=1)
        except Exception:  # only an optimisation
            LOG.debug("speculative run failed", exc_info=True)


# --- Tabs --------------------------------------------------------------------------------------------


def tabs(ctx: Ctx) -> str:
    """Draw the open tab; returns its id."""
    lang = ctx.lang
    labels = [t(lang, f"tab.{v}") for v in VIEWS]
    ss = st.session_state
    if ss.get(S.VIEW) not in labels:
        ss.pop(S.VIEW, None)
    containers = st.tabs(labels, key=S.VIEW, on_change="rerun")
    draw = {"headline": headline, "funnel": funnel, "reps": reps, "journey": journey,
            "calibration": calibration, "about": about}
    opened = VIEWS[0]
    for view, container in zip(VIEWS, containers, strict=True):
        if container.open is False:
            continue
        opened = view
        with container:
            _guard(lang, view, lambda v=view: draw[v](ctx))
    return opened


# --- Headline ----------------------------------------------------------------------------------------


def _diffs(ctx: Ctx) -> pd.DataFrame:
    return R.paired_differences(ctx.data, ctx.labels, ctx.base)


def _unbroken(text: str) -> str:
    """A figure that never wraps inside itself: '+€747k', not '+' at a line's end and '€747k' below."""
    text = text.replace(" ", "\u00a0")
    return text[0] + "\u2060" + text[1:] if text[:1] in ("+", "-", "−") and len(text) > 1 else text


def _delta(ctx: Ctx, d: pd.Series | None, base_mean: float, unit: str, better: int
           ) -> tuple[str | None, str, str | None]:
    """(delta text, delta colour, description) of one scenario's difference to the baseline."""
    lang = ctx.lang
    if d is None or not _finite(d["mean"]):
        return t(lang, "delta_na"), "off", None
    mean, lo, hi = float(d["mean"]), float(d["ci_low"]), float(d["ci_high"])
    text = diff(mean, unit, lang)
    if unit != "share" and _finite(base_mean) and base_mean != 0:
        text += f" ({relative(mean / abs(base_mean), lang)})"
    if not (_finite(lo) and _finite(hi)):
        return text, "off", None
    lo_text, hi_text = _unbroken(diff(lo, unit, lang)), _unbroken(diff(hi, unit, lang))
    if lo > 0 or hi < 0:
        colour = "normal" if better > 0 else "inverse" if better < 0 else "off"
        return text, colour, t(lang, "delta_ci", lo=lo_text, hi=hi_text)
    return text, "off", t(lang, "delta_noise", lo=lo_text, hi=hi_text)


def headline(ctx: Ctx) -> None:
    lang = ctx.lang
    diffs = _diffs(ctx).set_index(["scenario", "kpi"])
    base_label = ctx.labels[ctx.base]
    st.markdown(t(lang, "headline_intro", r=ctx.replications, base=base_label))
    units = {k.name: k.unit for k in sim.KPIS}
    base_data = ctx.data[ctx.base]
    for i, (s, d) in enumerate(zip(ctx.items, ctx.data, strict=True)):
        # The scenario's name on its own line and the figures four to a row: on a 1280-pixel
        # projector seven columns cut their labels and values short.
        tag = f" · <i>{t(lang, 'baseline_tag')}</i>" if i == ctx.base else ""
        st.markdown(_swatch(s.colour, s.label) + tag, unsafe_allow_html=True)
        cols = [c for _ in range(0, len(HEADLINE), HEADLINE_PER_ROW)
                for c in st.columns(HEADLINE_PER_ROW, vertical_alignment="top")]
        for col, kpi in zip(cols, HEADLINE, strict=False):
            unit = units.get(kpi, "")
            meaning = kpi_meaning(lang, kpi, sim.KPI_BY_NAME[kpi].meaning if kpi in sim.KPI_BY_NAME else "")
            mean, lo, hi = d.kpi(kpi)
            help_ = f"{meaning} 95% CI: {_ci_text(lang, lo, hi, unit)}."
            name = short_label(lang, kpi)
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
            delta, colour, desc = _delta(ctx, row, base_data.kpi(kpi)[0], unit, BETTER.get(kpi, 0))
            col.metric(name, value(mean, unit, lang), delta=delta, delta_color=colour, help=help_)
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
    _kpi_table(ctx, diffs)


def _direction(row: pd.Series | None) -> int | None:
    if row is None or not _finite(row["mean"]):
        return None
    lo, hi = row["ci_low"], row["ci_high"]
    if _finite(lo) and lo > 0:
        return 1
    if _finite(hi) and hi < 0:
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
                undefined.append(_lower_first(name))
                continue
            if direction == 0:
                noise.append(_lower_first(name))
                continue
            unit = units[kpi]
            amount = diff(abs(float(row["mean"])), unit, lang).lstrip("+")
            base_mean = base.kpi(kpi)[0]
            key = "sum_rose" if direction > 0 else "sum_fell"
            if unit != "share" and _finite(base_mean) and base_mean != 0:
                rel = relative(float(row["mean"]) / abs(base_mean), lang)
                moved.append(t(lang, key, kpi=_lower_first(name), diff=amount, rel=rel))
            else:
                moved.append(t(lang, key + "_abs", kpi=_lower_first(name), diff=amount))
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
                return relative(float(row["mean"]) / bm, lang) if _finite(bm) and bm else NA[lang]

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
            if (s.label, kpi) not in diffs.index or not _finite(bm) or bm == 0:
                continue
            r = diffs.loc[(s.label, kpi)]
            if not _finite(r["mean"]):
                continue
            scale = 1 / abs(bm)
            lo, hi = r["ci_low"] * scale, r["ci_high"] * scale
            rows.append({"scenario": s.label, "kpi": kpi_label(lang, kpi), "mean": r["mean"] * scale,
                         "ci_low": lo, "ci_high": hi, "clear": bool(_finite(lo) and (lo > 0 or hi < 0)),
                         "text": relative(r["mean"] * scale, lang),
                         "ci_text": f"{relative(lo, lang)} – {relative(hi, lang)}"})
    df = pd.DataFrame(rows)
    if df.empty:
        return
    order = [kpi_label(lang, k) for k in HEADLINE]
    labels = [s.label for i, s in enumerate(ctx.items) if i != ctx.base]
    colours = [s.colour for i, s in enumerate(ctx.items) if i != ctx.base]

    def build(width: int | None):
        return C.dot_intervals(df, category="kpi", order=order, labels=labels, colours=colours,
                               value_title=t(lang, "axis.rel_diff"), title=t(lang, "forest_title"),
                               zero_rule=True, filled_field="clear", width=width)

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
            cells.append(f"{value(r['mean'], k.unit, lang)}  [{_ci_text(lang, r['ci_low'], r['ci_high'], k.unit)}]")
            dcells.append(f"{diff(r['diff_mean'], k.unit, lang)}  [{diff(r['diff_ci_low'], k.unit, lang)}, "
                          f"{diff(r['diff_ci_high'], k.unit, lang)}]")
        wide[s.label] = cells
        if i != ctx.base:
            wide[t(lang, "col.diff", name=s.label)] = dcells
    st.dataframe(pd.DataFrame(wide), hide_index=True, key="table-kpis")
    downloads("kpis", long, lang)


# --- Demand funnel -----------------------------------------------------------------------------------


def _kpi_rows(ctx: Ctx, kpis: Sequence[str], category: str) -> pd.DataFrame:
    units = {k.name: k.unit for k in sim.KPIS}
    rows = []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        for kpi in kpis:
            mean, lo, hi = d.kpi(kpi)
            unit = units.get(kpi, "")
            rows.append({"scenario": s.label, category: kpi_label(ctx.lang, kpi), "kpi": kpi, "mean": mean,
                         "ci_low": lo, "ci_high": hi, "text": value(mean, unit, ctx.lang),
                         "ci_text": _ci_text(ctx.lang, lo, hi, unit)})
    return pd.DataFrame(rows)


def funnel(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(t(lang, "funnel_intro"))
    left, right = st.columns([3, 2])
    stages = _kpi_rows(ctx, STAGES, "stage")
    stages["stage"] = [label(lang, f"stage.{k}") for k in stages["kpi"]]
    order = [label(lang, f"stage.{k}") for k in STAGES]
    with left:
        show_chart("funnel-stages", lambda w: C.grouped_bars(
            stages, category="stage", order=order, labels=ctx.labels, colours=ctx.colours,
            value_title=t(lang, "axis.buyers"), category_title=t(lang, "axis.stage"),
            title=t(lang, "funnel_chart_title"), width=w), stages, ctx)
    with right:
        conv = _kpi_rows(ctx, ["conversion_rate"], "kpi_label")
        show_chart("funnel-conversion", lambda w: C.grouped_bars(
            conv, category="kpi_label", order=[kpi_label(lang, "conversion_rate")], labels=ctx.labels,
            colours=ctx.colours, value_title=kpi_label(lang, "conversion_rate"), category_title="",
            title=t(lang, "conversion_title"), horizontal=True, value_format=".1%", width=w, legend_columns=1),
            conv, ctx)
        mw = _kpi_rows(ctx, ["mqls", "wins"], "kpi_label")
        show_chart("funnel-mqls-wins", lambda w: C.grouped_bars(
            mw, category="kpi_label", order=[kpi_label(lang, "mqls"), kpi_label(lang, "wins")],
            labels=ctx.labels, colours=ctx.colours, value_title=t(lang, "axis.buyers"), category_title="",
            title=t(lang, "mql_vs_wins_title"), horizontal=True, width=w, legend_columns=1), mw, ctx)
    rates = _rates(ctx)
    rate_order = list(dict.fromkeys(rates["transition"])) if not rates.empty else []
    show_chart("funnel-rates", lambda w: C.dot_intervals(
        rates, category="transition", order=rate_order, labels=ctx.labels, colours=ctx.colours,
        value_title=t(lang, "axis.rate"), title=t(lang, "rates_title"), value_format=".0%", width=w), rates, ctx)


def _rates(ctx: Ctx) -> pd.DataFrame:
    """Stage-to-stage rates per replication, then their mean and 95% interval."""
    lang = ctx.lang
    rows = []
    pairs = [*itertools.pairwise(STAGES), (STAGES[0], STAGES[-1])]
    for s, d in zip(ctx.items, ctx.data, strict=True):
        pr = d.per_replication
        for a, b in pairs:
            if a not in pr or b not in pr:
                continue
            den = pr[a].to_numpy(dtype=float)
            num = pr[b].to_numpy(dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
            mean, lo, hi = confidence_interval(ratio)
            rows.append({"scenario": s.label,
                         "transition": t(lang, "rate_label", a=kpi_label(lang, a), b=kpi_label(lang, b)),
                         "from": a, "to": b, "mean": mean, "ci_low": lo, "ci_high": hi,
                         "text": percent(mean, lang), "ci_text": _ci_text(lang, lo, hi, "share")})
    return pd.DataFrame(rows)


# --- Sales reps --------------------------------------------------------------------------------------


def reps(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(t(lang, "reps_intro"))
    for s, d in zip(ctx.items, ctx.data, strict=True):
        if d.reps == 0:
            st.info(t(lang, "no_reps", name=s.label))
    hours = _activity_rows(ctx)
    order = [label(lang, f"activity.{a}") for a in ACTIVITIES]
    if not hours.empty:
        show_chart("reps-hours", lambda w: C.grouped_bars(
            hours, category="activity", order=order, labels=hours["scenario"].unique().tolist(),
            colours=[c for s, c in zip(ctx.labels, ctx.colours, strict=True) if s in set(hours["scenario"])],
            value_title=t(lang, "axis.hours_rep_week"), category_title="", title=t(lang, "hours_title"),
            horizontal=True, value_format=",.0f", width=w), hours, ctx)
    left, right = st.columns(2)
    window = (0.0, float(max(d.horizon_weeks for d in ctx.data)))
    for col, metric, key, y_title, fmt in ((left, "utilization", "util_title", "axis.utilization", ".0%"),
                                           (right, "queue_length", "queue_title", "axis.queue", ",.1f")):
        frames = [d.weekly[d.weekly["metric"] == metric].assign(scenario=s.label)
                  for s, d in zip(ctx.items, ctx.data, strict=True) if d.weekly is not None and not d.weekly.empty]
        df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        df = df.dropna(subset=["mean"]) if not df.empty else df
        with col:
            if df.empty:
                continue
            show_chart(f"reps-{metric}", lambda w, df=df, key=key, y_title=y_title, fmt=fmt: C.bands(
                df, labels=ctx.labels, colours=ctx.colours, y_title=t(lang, y_title), x_title=t(lang, "axis.week"),
                title=t(lang, key), window=window, y_format=fmt, width=w), df, ctx)
    st.caption(t(lang, "window_note"))
    resp = _response_rows(ctx)
    if not resp.empty:
        order = [label(lang, f"resp.{b}") for b, _ in R.RESPONSE_BUCKETS] + [label(lang, "resp.never")]
        show_chart("reps-response", lambda w: C.grouped_bars(
            resp, category="bucket_label", order=order, labels=ctx.labels, colours=ctx.colours,
            value_title=t(lang, "axis.share_handed"), category_title=t(lang, "axis.response"),
            title=t(lang, "response_title"), value_format=".0%", width=w), resp, ctx)


def _activity_rows(ctx: Ctx) -> pd.DataFrame:
    rows = []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        if d.reps <= 0 or d.horizon_weeks <= 0:
            continue
        scale = 1.0 / (d.reps * d.horizon_weeks)
        for a in ACTIVITIES:
            kpi = f"rep_hours_{a}"
            if kpi not in d.summary["kpi"].values:
                continue
            mean, lo, hi = (x * scale for x in d.kpi(kpi))
            rows.append({"scenario": s.label, "activity": label(ctx.lang, f"activity.{a}"), "mean": mean,
                         "ci_low": lo, "ci_high": hi, "text": value(mean, "hours", ctx.lang),
                         "ci_text": _ci_text(ctx.lang, lo, hi, "hours")})
    return pd.DataFrame(rows)


def _response_rows(ctx: Ctx) -> pd.DataFrame:
    frames = []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        if d.response is None or d.response.empty:
            continue
        f = d.response.copy()
        f["scenario"] = s.label
        f["bucket_label"] = [label(ctx.lang, f"resp.{b}") for b in f["bucket"]]
        f["mean"] = f["share"]
        f["ci_low"] = f["ci_high"] = np.nan
        f["text"] = [percent(x, ctx.lang) for x in f["share"]]
        f["ci_text"] = ""
        frames.append(f)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# --- Buyer journey -----------------------------------------------------------------------------------


def journey(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(t(lang, "journey_intro"))
    left, right = st.columns(2)
    zm = pd.concat([d.zmot.assign(scenario=s.label) for s, d in zip(ctx.items, ctx.data, strict=True)
                    if d.zmot is not None] or [pd.DataFrame()], ignore_index=True)
    if not zm.empty:
        zm["text"] = [percent(x, lang) for x in zm["share"]]
        with left:
            show_chart("journey-zmot", lambda w: C.lines(
                zm, x="days", x_title=t(lang, "axis.days"), y_title=t(lang, "axis.share_buyers"), labels=ctx.labels,
                colours=ctx.colours, title=t(lang, "zmot_title"), width=w), zm, ctx)
    js = pd.concat([d.journey.assign(scenario=s.label) for s, d in zip(ctx.items, ctx.data, strict=True)
                    if d.journey is not None] or [pd.DataFrame()], ignore_index=True)
    if not js.empty:
        step = 100 / R.JOURNEY_BINS
        js["bin"] = [f"{b * 100:.0f}–{b * 100 + step:.0f}%" for b in js["share_bin"]]
        js["mean"] = js["share"]
        js["ci_low"] = js["ci_high"] = np.nan
        js["text"] = [percent(x, lang) for x in js["share"]]
        js["ci_text"] = ""
        order = list(dict.fromkeys(js.sort_values("share_bin")["bin"]))
        with right:
            show_chart("journey-share", lambda w: C.grouped_bars(
                js, category="bin", order=order, labels=ctx.labels, colours=ctx.colours,
                value_title=t(lang, "axis.share_buyers"), category_title=t(lang, "axis.journey_share"),
                title=t(lang, "journey_share_title"), value_format=".0%", width=w, label_angle=-40), js, ctx)
    _timeline(ctx)
    outcomes = _kpi_rows(ctx, OUTCOMES, "outcome")
    order = [kpi_label(lang, k) for k in OUTCOMES]
    show_chart("journey-outcomes", lambda w: C.grouped_bars(
        outcomes, category="outcome", order=order, labels=ctx.labels, colours=ctx.colours,
        value_title=t(lang, "axis.buyers"), category_title="", title=t(lang, "loss_title"), horizontal=True,
        width=w), outcomes, ctx)


def timeline_frames(ctx: Ctx, only_contacted: bool) -> tuple[pd.DataFrame, pd.DataFrame, list[str], list[str]]:
    """Phase segments and markers of the sampled buyers, in weeks since each entered the market."""
    lang = ctx.lang
    phases = [t(lang, "phase.unknown"), t(lang, "phase.known"), t(lang, "phase.evaluation")]
    markers = [t(lang, "marker.contact"), t(lang, "marker.won"), t(lang, "marker.lost"), t(lang, "marker.open")]
    segs, marks = [], []
    for s, d in zip(ctx.items, ctx.data, strict=True):
        tl = d.timeline
        if tl is None or tl.empty:
            continue
        if only_contacted:
            tl = tl[tl["first_contact_week"].notna()]
        for j, b in enumerate(tl.head(TIMELINE_ROWS).itertuples(index=False)):
            t0 = b.arrival_week
            end = b.end_week if _finite(b.end_week) else d.run_end_week
            zmot = b.zmot_week if _finite(b.zmot_week) else math.nan
            known = b.known_week if _finite(b.known_week) else math.nan
            research_end = zmot if _finite(zmot) else end
            row = f"{j + 1:02d}"
            info = t(lang, "tip_buyer", outcome=label(lang, f"outcome.{b.outcome}"), value=money(b.deal_value, lang),
                     size=int(b.group_size), fit=number(b.fit, lang, 2))
            first_known = min(known, research_end) if _finite(known) else research_end
            if first_known > t0:
                segs.append((s.label, row, 0.0, first_known - t0, phases[0], info))
            if _finite(known) and known < research_end:
                segs.append((s.label, row, known - t0, research_end - t0, phases[1], info))
            if _finite(zmot) and end > zmot:
                segs.append((s.label, row, zmot - t0, end - t0, phases[2], info))
            if _finite(b.first_contact_week):
                marks.append((s.label, row, b.first_contact_week - t0, markers[0]))
            ending = {"won": markers[1], "in_progress": markers[3]}.get(b.outcome, markers[2])
            marks.append((s.label, row, end - t0, ending))
    seg_df = pd.DataFrame(segs, columns=["scenario", "row", "start", "end", "phase", "info"])
    mark_df = pd.DataFrame(marks, columns=["scenario", "row", "at", "marker"])
    return seg_df, mark_df, phases, markers


def _timeline(ctx: Ctx) -> None:
    lang = ctx.lang
    only = st.checkbox(t(lang, "timeline_only_contacted"), key="timeline.contacted")
    seg_df, mark_df, phases, markers = timeline_frames(ctx, only)
    if seg_df.empty:
        return
    columns = 1 if len(ctx.items) == 1 else 2

    def build(width: int | None):
        return C.timeline(seg_df, mark_df, labels=ctx.labels, phase_order=phases, marker_order=markers,
                          x_title=t(lang, "axis.weeks_since"), y_title=t(lang, "axis.buyer"),
                          title=t(lang, "timeline_title"), columns=columns, width=width)

    show_chart("journey-timeline", build, seg_df, ctx, width=TIMELINE_WIDTH, extra=f"{only}{_frame_hash(mark_df)}")
    st.caption(t(lang, "timeline_caption"))


# --- Model vs published ------------------------------------------------------------------------------


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
    is_share = df["unit"].eq("share") & df["model"].notna()
    chart_df = df[is_share & df["published_value"].notna()].copy()
    chart_df["verdict"] = [verdicts.get(v, v) for v in chart_df["verdict"]]
    if not chart_df.empty:
        order = list(chart_df["figure"])
        show_chart("calibration", lambda w: C.calibration(
            chart_df, order=order, verdict_labels=verdicts, value_title=t(lang, "axis.value"),
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
    downloads("calibration-table", table, lang)


# --- About -------------------------------------------------------------------------------------------


def about(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(ABOUT.get(lang, ABOUT["en"]))
    live = next((s.scenario for s in ctx.items if not s.pinned), None) or ctx.items[-1].scenario
    data = live.model_dump(mode="json")
    rows = []
    for f in fl.all_fields():
        lbl, unit, help_ = field_text(lang, f.path, f.description)
        v = fl.get(data, f.path)
        shown = percent(v, lang) if f.percent else (money(v, lang) if "eur" in f.name else f"{v:g}")
        rows.append({t(lang, "col.field"): f"{lbl} ({unit})" if unit and unit != "%" else lbl,
                     t(lang, "col.value"): shown, t(lang, "col.help"): help_, "path": f.path})
    with st.expander(t(lang, "about_params_title")):
        df = pd.DataFrame(rows)
        st.dataframe(df, hide_index=True, key="table-parameters")
        downloads("parameters", df, lang)
