"""The sidebar: language, preset, policy, budget split, the six input groups, save and load.

Every input takes its label from `text`, its bounds and help from the scenario schema (via `fields`) and
its starting value from the preset (via `state.seed_inputs`); no number of the model is written here.
Widget keys are `in.<section>.<field>`, stable for browser tests.
"""

from __future__ import annotations

import bisect
import math
import re

import streamlit as st

from sim.groups import lever_warnings
from sim.presets import to_toml
from sim.scenario import Scenario

from . import errors as E
from . import fields as fl
from . import files
from . import names as N
from . import state as S
from . import widget_text as W
from .formats import allowed_range_text, money, money_full, number, percent
from .text import LANG_NAMES, LANGS, field_text, preset_name, t
from .text import policy_help as policy_help_text
from .text import policy_label as policy_label_text
from .text import preset_description as preset_description_text

PERCENT_STEP = 0.5  # percentage points per notch of a percent slider
MAX_SPLIT_NOTCHES = 200  # beyond this many whole reps the split becomes a plain percent slider


def _step(v: float, f: fl.Field) -> float:
    """A step a tenth of the value's order of magnitude: 40 -> 1, 0.45 -> 0.01, 2,000,000 -> 100,000."""
    if f.kind is int:
        return 1
    if not v:
        span = (f.hi[1] if f.hi else 1.0) - (f.lo[1] if f.lo else 0.0)
        v = span / 10 if 0 < span < math.inf else 1.0
    return 10 ** math.floor(math.log10(abs(v))) / 10


MAX_DECIMALS = 4  # a typed value shows with up to this many decimals


def _decimals(x: float) -> int:
    """The decimals needed to show `x` as typed: 33.75 -> 2, 40 -> 0 (at most MAX_DECIMALS)."""
    for d in range(MAX_DECIMALS + 1):
        if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)):
            return d
    return MAX_DECIMALS


def _format(step: float, current: float | None = None) -> str:
    """The step's decimals, or more when the value typed has more: 33.75 stays 33.75, not 34."""
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    if current is not None and math.isfinite(current):
        decimals = max(decimals, _decimals(current))
    return f"%.{decimals}f"


def percent_options(lo: float, hi: float, current: float | None) -> list[float]:
    """A percent slider's notches, `PERCENT_STEP` points apart, and the value held when it lies between
    two (from a preset, a file or a link): shown as it is, not moved to a notch."""
    options = [round(lo + k * PERCENT_STEP, 6) for k in range(round((hi - lo) / PERCENT_STEP) + 1)]
    if current is not None and lo <= current <= hi and round(current, 6) not in options:
        bisect.insort(options, round(current, 6))
    return options


def is_money(f: fl.Field) -> bool:
    return "eur" in f.name.split("_")


def _bound(lang: str, v: float, percent: bool = False) -> str:
    """A field's bound as its help and its range error write it: '1 000', '0,05', '60%'."""
    v = v * 100 if percent else v
    return number(v, lang, 0 if v == int(v) else None) + ("%" if percent else "")


def _help(lang: str, f: fl.Field, text: str) -> str:
    lo = (f.lo[0], f.lo[1]) if f.lo else None
    hi = (f.hi[0], f.hi[1]) if f.hi else None
    rng = allowed_range_text(lang, lo, hi, lambda v: _bound(lang, v, f.percent))
    return f"{text} {t(lang, 'allowed', range=rng)}" if rng else text


def _range_error(lang: str, key: str, label: str, lo: float | None, hi: float | None) -> None:
    """The number input keyed `key`'s range error in the page's language, with its label and the bounds the
    widget was given (those Streamlit checks): a French page otherwise said only "out of the range"."""
    W.range_error(lang, key, label, None if lo is None else _bound(lang, lo), None if hi is None else _bound(lang, hi))


def field_widget(lang: str, f: fl.Field, preset_value: float) -> None:
    """One scenario input, keyed `in.<path>`, its value already in the session state."""
    lbl, unit, help_text = field_text(lang, f.path, f.description)
    label = f"{lbl} ({unit})" if unit and unit != "%" else lbl
    key = S.input_key(f.path)
    help_ = _help(lang, f, help_text)
    lo = f.lo[1] if f.lo else None
    hi = f.hi[1] if f.hi else None
    if f.percent:
        # a select slider, not a slider: a slider's format is sprintf's, with no French "60,0 %"
        current = st.session_state.get(key)
        options = percent_options(float(lo) * 100, float(hi) * 100, None if current is None else float(current))
        S.keep_widget(key, lang, len(options))
        st.select_slider(label, options=options, key=key, help=help_, persist_state="session",
                         format_func=lambda v: percent(v / 100, lang, 0 if v == int(v) else 1))
    elif f.kind is int and lo is not None and hi is not None and hi - lo <= 20:
        st.slider(label, min_value=int(lo), max_value=int(hi), step=1, key=key, help=help_, persist_state="session")
    elif f.kind is int:
        st.number_input(label, min_value=None if lo is None else int(lo), max_value=None if hi is None else int(hi),
                        step=1, key=key, help=help_, persist_state="session")
        _range_error(lang, key, label, lo, hi)
    else:
        step = _step(preset_value, f)
        current = st.session_state.get(key)
        st.number_input(label, min_value=None if lo is None else float(lo),
                        max_value=None if hi is None else float(hi), step=float(step),
                        format=_format(step, None if current is None else float(current)),
                        key=key, help=help_, persist_state="session")
        _range_error(lang, key, label, lo, hi)
    if is_money(f) and st.session_state.get(key) is not None:
        # st.number_input cannot group thousands: the amount, readable, right under it
        st.caption(t(lang, "money_beside", amount=money_full(float(st.session_state[key]), lang)))


def _split_labeller(lang: str, live: Scenario | None):
    def fmt(share: float) -> str:
        if live is None:
            return f"{number(share * 100, lang, 1)}%"
        s = live.model_copy(update={"budget": live.budget.model_copy(update={"sales_share": share})})
        return t(lang, "split_option", reps=N.reps_text(lang, s.reps), mkt=money(s.marketing_spend, lang))
    return fmt


def split_options(budget: float, cost: float, current: float) -> list[float] | None:
    """The shares of the budget that buy whole reps (plus 0, 1 and the current one); None if too many."""
    notches = math.floor(budget / cost + 1e-9) if budget > 0 and cost > 0 else 0
    if notches > MAX_SPLIT_NOTCHES:
        return None
    options = {0.0, 1.0, round(current, 10)}
    if budget > 0:
        options |= {round(min(1.0, k * cost / budget), 10) for k in range(notches + 1)}
    return sorted(options)


def split_neighbours(live: Scenario) -> list[Scenario]:
    """The live scenario one notch of the budget split to the left and to the right."""
    b = live.budget
    options = split_options(b.gtm_budget_eur_per_year, b.cost_per_rep_eur_per_year, b.sales_share) or []
    current = round(b.sales_share, 10)
    if current not in options:
        return []
    i = options.index(current)
    return [live.model_copy(update={"budget": b.model_copy(update={"sales_share": options[j]})})
            for j in (i - 1, i + 1) if 0 <= j < len(options)]


def split_widget(lang: str, live: Scenario | None) -> None:
    """The budget split between reps and marketing, in notches of one rep's cost."""
    ss = st.session_state
    budget = float(ss.get(S.input_key("budget.gtm_budget_eur_per_year"), 0) or 0)
    cost = float(ss.get(S.input_key("budget.cost_per_rep_eur_per_year"), 0) or 0)
    current = round(float(ss.get(S.SPLIT, 0.0)), 10)
    if ss.get(S.SPLIT) != current:  # a value set in code, not by the slider: one of its options
        ss[S.SPLIT] = current
    label = t(lang, "split_label")
    options = split_options(budget, cost, current)
    # The browser holds the split as its label ("8 reps · €1.2M marketing"): pushed again only when the
    # labels change meaning, never on an ordinary run (which may have been overtaken by newer moves).
    S.keep_widget(S.SPLIT, lang, budget, cost, live is None, options is None)
    if options is not None:
        st.select_slider(label, options=options, key=S.SPLIT, format_func=_split_labeller(lang, live),
                         help=t(lang, "split_help"))
    else:
        st.slider(label, min_value=0.0, max_value=1.0, step=0.01, key=S.SPLIT, help=t(lang, "split_help"))
    if live is not None:
        sales = live.reps * live.budget.cost_per_rep_eur_per_year
        st.caption(t(lang, "split_caption", reps=N.reps_text(lang, live.reps), sales=money(sales, lang),
                     budget=money(live.budget.gtm_budget_eur_per_year, lang),
                     mkt=money(live.marketing_spend, lang), content=money(live.content_spend, lang),
                     nurture=money(live.nurture_spend, lang)))
        for w in lever_warnings(live):  # money spent on a lever the policy ignores (sim.groups, as the CLI)
            st.warning(t(lang, f"warn.{w.code}", policy=policy_label_text(lang, w.params["policy"]),
                         amount=money(w.params["nurture_eur"], lang)), icon=":material/warning:")


def slug(name: str) -> str:
    """A file name from a scenario's name: 'Hybrid · 8 reps' -> 'Hybrid_8_reps'."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_") or "scenario"


def group_key(section: str) -> str:
    """The key of a sidebar group's expander (its open state)."""
    return f"group.{section}"


def section_widgets(lang: str, section: str, preset_data: dict) -> None:
    """The inputs of one open sidebar group. Inputs keep their values while not drawn (`persist_state`)."""
    fields = [f for f in fl.fields_of(section) if f.path != fl.SPLIT_PATH]
    for f in (f for f in fields if fl.is_key_field(f)):
        field_widget(lang, f, float(fl.get(preset_data, f.path)))
    rest = [f for f in fields if not fl.is_key_field(f)]
    if rest and st.toggle(t(lang, "more_settings"), key=f"more.{section}", persist_state="session"):
        for f in rest:  # drawn only when asked for: fewer widgets, faster reruns
            field_widget(lang, f, float(fl.get(preset_data, f.path)))
    if section == "experiment":
        st.number_input(t(lang, "replications_label"), min_value=1, max_value=S.MAX_REPS, step=1, key=S.REPS,
                        persist_state="session", help=t(lang, "replications_help") + " " + t(
                            lang, "allowed", range=allowed_range_text(lang, ("ge", 1), ("le", S.MAX_REPS))))
        _range_error(lang, S.REPS, t(lang, "replications_label"), 1, S.MAX_REPS)
        st.number_input(t(lang, "seed_label"), min_value=0, max_value=S.MAX_SEED, step=1, key=S.SEED,
                        persist_state="session", help=t(lang, "seed_help"))
        _range_error(lang, S.SEED, t(lang, "seed_label"), 0, S.MAX_SEED)


def render_sidebar(lang: str, live: Scenario | None, live_error: str | None) -> None:
    ss = st.session_state
    with st.sidebar:
        st.segmented_control(t(lang, "lang_label"), options=list(LANGS), format_func=LANG_NAMES.get, key=S.LANG,
                             required=True, on_change=S.on_language)
        st.header(t(lang, "sidebar_live"), help=t(lang, "sidebar_live_help"))
        names = fl.presets()
        if ss.get(S.PRESET) not in names:
            ss[S.PRESET] = names[0]
        S.keep_widget(S.PRESET, lang)  # its labels are in the language: pushed again in a new one
        st.selectbox(t(lang, "preset_label"), options=names, key=S.PRESET, on_change=S.on_preset,
                     format_func=lambda name: preset_name(lang, name), help=t(lang, "preset_help"))
        current = fl.preset(ss[S.PRESET])
        st.caption(preset_description_text(lang, current.name, current.description))
        S.keep_widget(S.POLICY, lang)  # the browser holds the policy's label: pushed again in a new language
        st.selectbox(t(lang, "policy_label"), options=S.policy_values(), key=S.POLICY,
                     format_func=lambda p: policy_label_text(lang, p), help=t(lang, "policy_help"))
        st.caption(policy_help_text(lang, ss.get(S.POLICY, "")))
        split_widget(lang, live)
        if live_error:
            st.error(t(lang, "invalid_inputs", error=live_error))

        preset_data = current.model_dump(mode="json")
        for section in fl.SECTIONS:
            S.keep_widget(group_key(section), lang)  # its label is its identity: an open group stays open
            group = st.expander(t(lang, f"group.{section}"), key=group_key(section), on_change="rerun")
            if group.open:  # a closed group's widgets are not drawn: every run and every page load is lighter
                with group:
                    section_widgets(lang, section, preset_data)
        st.button(t(lang, "reset_button"), key="reset", on_click=S.on_preset, help=t(lang, "reset_help"))

        st.subheader(t(lang, "file_section"))
        if live is not None:
            st.download_button(t(lang, "download_toml"), data=lambda: to_toml(live),
                               file_name=f"{slug(live.name)}.toml", mime="application/toml", key="dl.toml",
                               on_click="ignore", help=t(lang, "download_toml_help"))
        # No `type=["toml"]`: Streamlit would refuse other files with its own English message ("… files
        # are not allowed") beside ours; `state.on_upload` refuses them in the user's language instead.
        # The drop zone's "Upload" button and "1MB per file" line (the limit is set in .streamlit/config.toml)
        # have no parameter in Streamlit 1.67: `widget_text` draws them in the page's language.
        st.file_uploader(t(lang, "upload_label"), type=None, key=S.UPLOAD, on_change=files.on_upload,
                         help=t(lang, "upload_help"))
        msg = files.upload_message()
        if msg is not None:
            kind, key, kw = msg
            {"success": st.success, "info": st.info}.get(kind, st.error)(t(lang, key, **E.localize(lang, kw)))
