"""The page's header and the scenario bar: one card per scenario, its edit and pin controls, the baseline."""

from __future__ import annotations

import streamlit as st

import sim
from sim.presets import to_toml
from sim.scenario import MAX_NAME

from .. import names as N
from .. import state as S
from ..formats import money
from ..inputs import slug
from ..text import policy_label, preset_description, t
from .common import swatch

# A projector's first screen (1280x800) holds the title, the scenario cards and the comparison table:
# Streamlit's generous top padding and title margins are trimmed to make room.
_COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 1.5rem; padding-bottom: 3rem}
[data-testid="stMain"] h1 {padding: 0 0 .25rem 0; font-size: 2.2rem}
[data-testid="stMain"] button .stMarkdownEllipsis, [data-testid="stMain"] button p
  {white-space: normal; text-overflow: clip; overflow: visible}
[data-testid="stMain"] .stTabs [role="tablist"] {flex-wrap: wrap; row-gap: .25rem}
.st-key-in-budget-sales_share {padding-bottom: 1.1rem}
.st-key-in-budget-sales_share [data-testid="stSliderTickBar"] {font-size: .75rem; line-height: 1.15}
</style>"""
# The button rule: a button's label wraps inside a narrow card (five cards at 1280 px) instead of being cut
# short ("Pin as a scen…"). The tab rule: ten views' tabs wrap onto a second row at 1280 px, so every
# view stays in sight on a projector instead of scrolling out of the bar. The split rules: the budget split's
# end labels ("0 reps · €2.00M marketing"), shown on hover and focus, wrap to two lines in a 1280-px sidebar;
# smaller, and with room kept under the slider, they no longer print over the caption below it.


def header(lang: str) -> None:
    st.markdown(_COMPACT_CSS, unsafe_allow_html=True)
    st.title(t(lang, "app_title"))
    st.markdown(t(lang, "app_tagline"))


def _card_caption(lang: str, s: sim.Scenario) -> str:
    return t(lang, "card_caption", policy=policy_label(lang, s.policy.value), reps=N.reps_text(lang, s.reps),
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
            st.markdown(swatch(s.colour, s.label) + tag, unsafe_allow_html=True)
            st.caption(_card_caption(lang, s.scenario))
            if s.pinned:
                _pin_controls(lang, s)
            else:
                _live_controls(lang, n_pins, live_error, s)
    if not live_shown:  # the live settings are invalid: still offer to rename and say why it is missing
        with cols[-1].container(border=True):
            st.markdown(swatch(S.LIVE_COLOUR, ss.get(S.NAME) or "live"), unsafe_allow_html=True)
            _live_controls(lang, n_pins, live_error)
    ids = [s.id for s in items]
    if len(ids) > 1:
        if ss.get(S.BASE) != base:  # the chosen baseline was removed
            ss[S.BASE] = base
        names = {s.id: s.label for s in items}
        S.keep_widget(S.BASE, *names.items())  # the browser holds the label: pushed again when labels change
        st.radio(t(lang, "baseline_label"), options=ids, key=S.BASE, horizontal=True,
                 format_func=lambda i: names.get(i, i))


def description(lang: str, s: S.Shown) -> str:
    """What a scenario is: a person's description, else its preset's or its policy's (following the inputs),
    in `lang`. A named scenario (a saved one, say) whose description the app wrote, not a person, is
    described anew in `lang`, following its policy and reps."""
    if s.named:
        origin = N.written_by_app(s.scenario)
        return s.scenario.description if origin is None else N.auto_description(lang, s.scenario, origin)
    name = N.auto_name("en", s.scenario, s.preset)
    if name == s.preset:
        return preset_description(lang, s.preset, s.scenario.description)
    return N.auto_description(lang, s.scenario, s.preset)


def _pin_controls(lang: str, s: S.Shown) -> None:
    ss = st.session_state
    with st.popover(t(lang, "edit_popover"), key=S.pin_key(s.id, "edit")):
        if S.pin_key(s.id, "name") not in ss:
            ss[S.pin_key(s.id, "name")] = s.scenario.name if s.named else ""
        st.text_input(t(lang, "rename_label"), key=S.pin_key(s.id, "name"), max_chars=MAX_NAME, on_change=S.rename_pin,
                      args=(s.id,), placeholder=N.label_of(lang, s.scenario, s.preset, False),
                      help=t(lang, "name_help"))
        st.caption(description(lang, s))
        row = st.container(horizontal=True)
        row.button(t(lang, "load_pin_button"), key=S.pin_key(s.id, "load"), on_click=S.load_pin, args=(s.id,),
                   help=t(lang, "load_pin_help"))
        row.download_button(t(lang, "download_pin_toml"), data=lambda sc=s.scenario: to_toml(sc),
                            file_name=f"{slug(s.label)}.toml", mime="application/toml", key=S.pin_key(s.id, "toml"),
                            on_click="ignore", help=t(lang, "download_pin_toml_help"))
        row.button(t(lang, "remove_button"), key=S.pin_key(s.id, "remove"), on_click=S.remove_pin, args=(s.id,))


def _live_controls(lang: str, n_pins: int, live_error: str | None, live: S.Shown | None = None) -> None:
    full = n_pins >= S.MAX_PINS
    row = st.container(horizontal=True)  # wraps when the card is narrow (four pins): no truncated label
    with row.popover(t(lang, "edit_popover"), key="live.edit"):
        auto = N.label_of(lang, live.scenario, live.preset, False) if live is not None else ""
        st.text_input(t(lang, "live_name_label"), key=S.NAME, max_chars=MAX_NAME, on_change=S.on_live_name,
                      placeholder=auto, help=t(lang, "name_help"))
    row.button(t(lang, "pin_button"), key=S.PIN_ADD, on_click=S.add_pin, disabled=full or live_error is not None,
                 help=t(lang, "pin_help", n=S.MAX_PINS))
    if full:
        st.caption(t(lang, "pin_full", n=S.MAX_PINS))
    elif live_error is not None:
        st.caption(t(lang, "pin_invalid"))

