"""Session state: the live inputs, the pinned scenarios, the baseline, the language, the open view.

Everything lives in `st.session_state`, so browser sessions never see each other's work. The live
scenario is rebuilt from the input widgets on every rerun and validated by the engine. The link (the
URL's query parameters, `link`) holds only what differs from a preset.

How values flow, so that fast hands are never undone: a widget's value is written from here only in a
callback (which runs before the script, with the user's newest values) or when the text the browser
holds for it would otherwise be stale (`keep_widget`: a new language or new options). A script run that
a newer input has overtaken therefore never sends an old value back to the browser.

Names: a scenario nobody has named is called after its preset while its policy and budget split are the
preset's, and after its policy and rep count otherwise ("Hybrid · 8 reps"), in the user's language. A name
typed by a person (or brought by a file or a link) stays until it is cleared.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

from sim.presets import DEFAULT_PRESET, differences, scenario_from_dict
from sim.scenario import Policy, Scenario
from sim.scenario_errors import ScenarioError

from . import errors as E
from . import fields as fl
from .defaults import (  # noqa: F401 (re-exported: the app's defaults, one place)
    DEFAULT_REPS,
    DEFAULT_SEED,
    FIRST_LIVE,
    FIRST_PINS,
    LIVE,
    MAX_PINS,
    MAX_REPS,
    MAX_SEED,
)
from .link import decode, encode, key_text
from .names import auto_description, auto_name, label_of
from .text import LANG_KEY, t

LIVE_COLOUR = "#0072B2"  # Okabe-Ito blue
PIN_COLOURS = ("#E69F00", "#009E73", "#D55E00", "#CC79A7")  # Okabe-Ito orange, green, vermillion, purple

# Session-state keys (widget keys are stable: browser tests rely on them).
LANG = LANG_KEY
PRESET = "preset"
POLICY = "in.policy"
SPLIT = "in.budget.sales_share"
NAME = "live.name"
REPS = "in.replications"
SEED = "in.seed"
BASE = "baseline"
VIEW = "view"  # the tabs widget (its value is the translated label)
VIEW_ID = "view_id"  # the open view's id: what the app and the link use
UPLOAD = "upload"
PIN_ADD = "pin.add"
_PINS = "_pins"
_NEXT_PIN = "_next_pin"
_DESC = "_live_description"
_NAMED = "_live_named"
_NOTICES = "_notices"
_NOTICES_SHOWN = "_notices_shown"
LINK_EXTRA = "_link_extra"  # more link parameters, owned by a feature (the story: story=, step=)

_INIT = "_initialized"
_LANG_PREV = "_lang_prev"
_SIG = "_widget_sig."


def input_key(path: str) -> str:
    return f"in.{path}"


def pin_key(pid: str, what: str) -> str:
    return f"pin.{pid}.{what}"


@dataclass(frozen=True)
class Pin:
    id: str
    name: str  # the scenario's name: a person's, or the automatic one (in English)
    preset: str  # the preset it is described against in links and names
    scenario: Scenario
    slot: int  # its colour
    named: bool = False  # a person gave the name


@dataclass(frozen=True)
class Shown:
    """A scenario on screen: pinned or live, with its unique label and colour."""

    id: str
    label: str
    scenario: Scenario
    colour: str
    pinned: bool
    preset: str = DEFAULT_PRESET
    named: bool = False


def keep_widget(key: str, *signature: Any) -> None:
    """Before drawing widget `key`: push its value to the browser only when the text the browser holds
    for it changed meaning (its options or language, summed up in `signature`), never on an ordinary run.

    Streamlit sends a select widget's value as its formatted label; after a change of language or of
    options the old label would come back unknown and reset the widget. Pushing on every run instead
    would send the values of a run that newer input has overtaken back into the widget.
    """
    ss = st.session_state
    sig = repr(signature)
    if ss.get(_SIG + key) != sig:
        ss[_SIG + key] = sig
        if key in ss:
            ss[key] = ss[key]


# --- Widget values <-> scenario values -------------------------------------------------------------


def to_widget(f: fl.Field, v: Any) -> Any:
    if f.percent:
        return round(float(v) * 100, 6)
    return int(v) if f.kind is int else float(v)


def from_widget(f: fl.Field, w: Any) -> Any:
    if f.percent:
        return round(float(w) / 100, 10)
    return int(w) if f.kind is int else float(w)


def seed_inputs(s: Scenario, named: bool = False) -> None:
    """Set every input widget to the scenario's values (before the widgets are drawn, or in a callback).

    `named`: the scenario's name is a person's (kept); otherwise the name follows the inputs.
    """
    ss = st.session_state
    data = s.model_dump(mode="json")
    for f in fl.all_fields():
        v = fl.get(data, f.path)
        ss[input_key(f.path)] = round(float(v), 10) if f.path == fl.SPLIT_PATH else to_widget(f, v)
    ss[POLICY] = s.policy.value
    ss[NAME] = s.name if named else ""
    ss[_NAMED] = named
    ss[_DESC] = s.description if named else ""


def live_named() -> bool:
    return bool(st.session_state.get(_NAMED))


def on_live_name() -> None:
    """Callback of the live name: a typed name stays; an empty one gives the naming back to the inputs."""
    ss = st.session_state
    ss[_NAMED] = bool((ss.get(NAME) or "").strip())


def live_preset() -> str:
    p = st.session_state.get(PRESET)
    return p if p in fl.presets() else DEFAULT_PRESET


def live_data() -> dict[str, Any]:
    """The live inputs as a scenario mapping (the name and description are settled in `live_scenario`)."""
    ss = st.session_state
    data: dict[str, Any] = {"name": (ss.get(NAME) or "").strip()[:80] or live_preset(),
                            "description": ss.get(_DESC, ""), "policy": ss.get(POLICY)}
    for f in fl.all_fields():
        w = ss.get(input_key(f.path))
        fl.put(data, f.path, float(w) if f.path == fl.SPLIT_PATH else from_widget(f, w))
    return data


def _named_after_inputs(s: Scenario, preset: str, named: bool) -> Scenario:
    """The scenario with the automatic name and description (in English, for files and the engine)."""
    if named:
        return s
    return s.model_copy(update={"name": auto_name("en", s, preset)[:80],
                                "description": auto_description("en", s, preset)})


def live_scenario() -> tuple[Scenario | None, str | None]:
    """The validated live scenario, or None and the engine's explanation of what is impossible."""
    try:
        s = scenario_from_dict({**live_data(), "extends": None}, "inputs")
    except ScenarioError as e:  # in the user's language, from the error's codes
        return None, E.explain(st.session_state.get(LANG) or "en", E.coded(e, "inputs"))
    except (TypeError, ValueError) as e:  # an input missing from the state: say so rather than crash
        return None, str(e)
    return _named_after_inputs(s, live_preset(), live_named()), None


# --- Pins ----------------------------------------------------------------------------------------------


def pins() -> list[Pin]:
    return list(st.session_state.get(_PINS, []))


def _unique_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    k = 2
    while f"{name} {k}" in taken:
        k += 1
    return f"{name} {k}"[:80]


def _new_pin(s: Scenario, preset_name: str, named: bool = False) -> Pin:
    ss = st.session_state
    used = {p.slot for p in pins()}
    slot = next(i for i in range(len(PIN_COLOURS)) if i not in used)
    ss[_NEXT_PIN] = ss.get(_NEXT_PIN, 0) + 1
    s = _named_after_inputs(s, preset_name, named)
    return Pin(f"p{ss[_NEXT_PIN]}", s.name, preset_name, s, slot, named)


def add_pin() -> None:
    """Callback of the Pin button: keep the live scenario."""
    s, _ = live_scenario()
    if s is None or len(pins()) >= MAX_PINS:
        return
    st.session_state[_PINS] = [*pins(), _new_pin(s, live_preset(), live_named())]


def pin_scenario(s: Scenario, named: bool = True) -> bool:
    """Pin a scenario from elsewhere (the library, a story); False when the pins are full."""
    if len(pins()) >= MAX_PINS:
        return False
    st.session_state[_PINS] = [*pins(), _new_pin(s, closest_preset(s), named)]
    return True


def load_scenario(s: Scenario, named: bool = True) -> None:
    """A scenario from elsewhere into the controls (in a callback, or before the widgets are drawn)."""
    st.session_state[PRESET] = closest_preset(s)
    seed_inputs(s, named=named)


def remove_pin(pid: str) -> None:
    st.session_state[_PINS] = [p for p in pins() if p.id != pid]


def rename_pin(pid: str) -> None:
    """Callback of a pin's name: a typed name stays; an empty one gives the naming back to its inputs."""
    ss = st.session_state
    new = (ss.get(pin_key(pid, "name")) or "").strip()[:80]
    out = []
    for p in pins():
        if p.id == pid:
            s = p.scenario.model_copy(update={"name": new}) if new else p.scenario
            s = _named_after_inputs(s, p.preset, bool(new))
            p = replace(p, name=s.name, scenario=s, named=bool(new))
        out.append(p)
    ss[_PINS] = out


def load_pin(pid: str) -> None:
    """Callback of a pin's Load button: its inputs (and its name, if a person gave one) into the controls."""
    ss = st.session_state
    p = next((q for q in pins() if q.id == pid), None)
    if p is None:
        return
    ss[PRESET] = p.preset
    seed_inputs(p.scenario, named=p.named)


def shown(live: Scenario | None, lang: str) -> list[Shown]:
    """Pinned scenarios, then the live one, each with a unique label (in `lang`) and its colour."""
    items = [Shown(p.id, label_of(lang, p.scenario, p.preset, p.named), p.scenario, PIN_COLOURS[p.slot], True,
                   p.preset, p.named) for p in pins()]
    if live is not None:
        name = label_of(lang, live, live_preset(), live_named())
        items.append(Shown(LIVE, t(lang, "live_label", name=name), live, LIVE_COLOUR, False, live_preset(),
                           live_named()))
    seen: set[str] = set()
    out = []
    for s in items:
        label = _unique_name(s.label, seen)
        seen.add(label)
        out.append(replace(s, label=label))
    return out


def baseline_id(items: list[Shown]) -> str | None:
    ids = [s.id for s in items]
    b = st.session_state.get(BASE)
    if b in ids:
        return b
    return ids[0] if ids else None


def view_id() -> str:
    """The open view's id (the first view when unknown)."""
    from .views import VIEWS

    v = st.session_state.get(VIEW_ID)
    return v if v in VIEWS else VIEWS[0]


# --- Callbacks of the sidebar ----------------------------------------------------------------------


def on_preset() -> None:
    name = st.session_state.get(PRESET)
    if name in fl.presets():
        seed_inputs(fl.preset(name))


def closest_preset(s: Scenario) -> str:
    """The preset from which `s` differs in the fewest inputs (to keep links short)."""
    def cost(name: str) -> int:
        d = differences(fl.preset(name), s)
        return sum(1 for k in d if k not in ("name", "description"))

    return min(fl.presets(), key=cost)


def on_language() -> None:
    """The tabs follow the open view's id into the new language."""
    ss = st.session_state
    ss.pop(VIEW, None)
    ss[_LANG_PREV] = ss.get(LANG) or "en"


def notices(own_rerun: bool) -> list[tuple[str, dict[str, Any]]]:
    """What a link could not restore, shown until the person's next action: the app's own reruns (a
    refinement's, `own_rerun`) keep it on screen, where it used to vanish a second after it appeared."""
    ss = st.session_state
    if ss.get(_NOTICES_SHOWN) and not own_rerun:
        ss[_NOTICES] = []
    ss[_NOTICES_SHOWN] = True
    lang = ss.get(LANG) or "en"
    return [(key, E.localize(lang, {**kw, "key": key_text(lang, kw["key"])} if "key" in kw else kw))
            for key, kw in ss.get(_NOTICES, [])]


def init() -> None:
    """Once per browser session: the state from the link (or the first screen)."""
    from .views import VIEWS

    ss = st.session_state
    if ss.get(_INIT):
        return
    d = decode(st.query_params.to_dict())
    ss[LANG] = d.lang
    ss[_LANG_PREV] = d.lang
    ss[REPS] = d.reps
    ss[SEED] = d.seed
    ss[PRESET] = d.live_preset
    seed_inputs(d.live if d.live is not None else fl.preset(d.live_preset), named=LIVE in d.named)
    ss[_PINS] = []
    for k, (pin_preset, s) in enumerate(d.pins[:MAX_PINS], 1):
        ss[_PINS] = [*pins(), _new_pin(s, pin_preset, named=f"p{k}" in d.named)]
    ids = [p.id for p in pins()]
    if d.base == LIVE:
        ss[BASE] = LIVE
    elif d.base and d.base.isdigit() and 1 <= int(d.base) <= len(ids):
        ss[BASE] = ids[int(d.base) - 1]
    else:
        ss[BASE] = ids[0] if ids else LIVE
        if d.base:
            d.errors.append(("link_bad_value", {"key": "base", "value": d.base}))
    if d.view in VIEWS:
        ss[VIEW_ID] = d.view
    elif d.view is not None:
        d.errors.append(("link_bad_value", {"key": "view", "value": d.view}))
    ss[_NOTICES] = d.errors
    ss[_INIT] = True


def sync_link(live: Scenario | None) -> None:
    """Write the current state into the URL (without a rerun) when it changed."""
    ss = st.session_state
    view = view_id()
    q = encode(live_preset(), live, pins(), ss.get(BASE), ss.get(LANG, "en"), int(ss.get(REPS, DEFAULT_REPS)),
               int(ss.get(SEED, DEFAULT_SEED)), live_named(), None if view == "headline" else view)
    q.update(st.session_state.get(LINK_EXTRA) or {})  # e.g. the guided story's step
    if st.query_params.to_dict() != q:
        st.query_params.from_dict(q)


def policy_values() -> list[str]:
    return [p.value for p in Policy]
