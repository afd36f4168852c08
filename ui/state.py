"""Session state: the live inputs, the pinned scenarios, the baseline, the language, and the link.

Everything lives in `st.session_state`, so browser sessions never see each other's work. The live
scenario is rebuilt from the input widgets on every rerun and validated by the engine. The URL's query
parameters hold only what differs from a preset (`sim.presets.differences`), for the live scenario and
each pinned one, so a copied link reopens the same comparison.

Link format: `preset=NAME` and `section.field=VALUE` for the live scenario; `p1=NAME` and
`p1.section.field=VALUE` for pinned scenario 1 (up to 4); `base=live|1..4`; `r=` replications,
`seed=`, `lang=en|fr`. A link with no scenario at all opens the first screen.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field, replace
from typing import Any

import streamlit as st

from sim.experiment import compare
from sim.presets import DEFAULT_PRESET, ScenarioError, differences, scenario_from_dict, scenario_from_toml
from sim.scenario import Policy, Scenario

from . import fields as fl
from .text import LANGS, TEXT

MAX_PINS = 4
FIRST_PINS = ("baseline_2011",)  # pinned on the first screen; the first pinned scenario is the baseline
FIRST_LIVE = "zmot_nurture"  # the live scenario of the first screen
LIVE = "live"
LIVE_COLOUR = "#0072B2"  # Okabe-Ito blue
PIN_COLOURS = ("#E69F00", "#009E73", "#D55E00", "#CC79A7")  # Okabe-Ito orange, green, vermillion, purple

# Defaults of the experiment come from the engine itself.
_COMPARE = inspect.signature(compare).parameters
DEFAULT_REPS: int = _COMPARE["replications"].default
DEFAULT_SEED: int = _COMPARE["seed"].default

# Session-state keys (widget keys are stable: browser tests rely on them).
LANG = "lang"
PRESET = "preset"
POLICY = "in.policy"
SPLIT = "in.budget.sales_share"
NAME = "live.name"
REPS = "in.replications"
SEED = "in.seed"
BASE = "baseline"
VIEW = "view"
UPLOAD = "upload"
PIN_ADD = "pin.add"
_PINS = "_pins"
_NEXT_PIN = "_next_pin"
_DESC = "_live_description"
_NOTICES = "_notices"
_UPLOAD_MSG = "_upload_msg"
_INIT = "_initialized"
_LANG_PREV = "_lang_prev"


def input_key(path: str) -> str:
    return f"in.{path}"


def pin_key(pid: str, what: str) -> str:
    return f"pin.{pid}.{what}"


@dataclass(frozen=True)
class Pin:
    id: str
    name: str
    preset: str  # the preset it is described against in links
    scenario: Scenario
    slot: int  # its colour


@dataclass(frozen=True)
class Shown:
    """A scenario on screen: pinned or live, with its unique label and colour."""

    id: str
    label: str
    scenario: Scenario
    colour: str
    pinned: bool


# --- Widget values <-> scenario values -------------------------------------------------------------


def to_widget(f: fl.Field, v: Any) -> Any:
    if f.percent:
        return round(float(v) * 100, 6)
    return int(v) if f.kind is int else float(v)


def from_widget(f: fl.Field, w: Any) -> Any:
    if f.percent:
        return round(float(w) / 100, 10)
    return int(w) if f.kind is int else float(w)


def seed_inputs(s: Scenario) -> None:
    """Set every input widget to the scenario's values (before the widgets are drawn, or in a callback)."""
    ss = st.session_state
    data = s.model_dump(mode="json")
    for f in fl.all_fields():
        v = fl.get(data, f.path)
        ss[input_key(f.path)] = float(v) if f.path == fl.SPLIT_PATH else to_widget(f, v)
    ss[POLICY] = s.policy.value
    ss[NAME] = s.name
    ss[_DESC] = s.description


def live_data() -> dict[str, Any]:
    """The live inputs as a scenario mapping."""
    ss = st.session_state
    data: dict[str, Any] = {
        "name": (ss.get(NAME) or ss.get(PRESET) or "live").strip()[:80] or "live",
        "description": ss.get(_DESC, ""),
        "policy": ss.get(POLICY),
    }
    for f in fl.all_fields():
        w = ss.get(input_key(f.path))
        fl.put(data, f.path, float(w) if f.path == fl.SPLIT_PATH else from_widget(f, w))
    return data


def _strip_origin(message: str, origin: str) -> str:
    return message.removeprefix(f"{origin}: ")


def live_scenario() -> tuple[Scenario | None, str | None]:
    """The validated live scenario, or None and the engine's explanation of what is impossible."""
    try:
        return scenario_from_dict({**live_data(), "extends": None}, "inputs"), None
    except ScenarioError as e:
        return None, _strip_origin(str(e), "inputs")
    except (TypeError, ValueError) as e:  # an input missing from the state: say so rather than crash
        return None, str(e)


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


def _new_pin(s: Scenario, preset_name: str, name: str | None = None) -> Pin:
    ss = st.session_state
    current = pins()
    used = {p.slot for p in current}
    slot = next(i for i in range(len(PIN_COLOURS)) if i not in used)
    ss[_NEXT_PIN] = ss.get(_NEXT_PIN, 0) + 1
    name = _unique_name(name or s.name, {p.name for p in current})
    return Pin(f"p{ss[_NEXT_PIN]}", name, preset_name, s.model_copy(update={"name": name}), slot)


def add_pin() -> None:
    """Callback of the Pin button: keep the live scenario."""
    s, _ = live_scenario()
    if s is None or len(pins()) >= MAX_PINS:
        return
    st.session_state[_PINS] = [*pins(), _new_pin(s, st.session_state.get(PRESET, DEFAULT_PRESET))]


def remove_pin(pid: str) -> None:
    st.session_state[_PINS] = [p for p in pins() if p.id != pid]


def rename_pin(pid: str) -> None:
    ss = st.session_state
    new = (ss.get(pin_key(pid, "name")) or "").strip()[:80]
    out = []
    for p in pins():
        if p.id == pid and new:
            new = _unique_name(new, {q.name for q in pins() if q.id != pid})
            p = replace(p, name=new, scenario=p.scenario.model_copy(update={"name": new}))
        out.append(p)
    ss[_PINS] = out


def shown(live: Scenario | None, lang: str) -> list[Shown]:
    """Pinned scenarios, then the live one, each with a unique label and its colour."""
    items = [Shown(p.id, p.name, p.scenario, PIN_COLOURS[p.slot], True) for p in pins()]
    if live is not None:
        label = TEXT[lang]["live_label"].format(name=live.name)
        items.append(Shown(LIVE, label, live, LIVE_COLOUR, False))
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


def on_upload() -> None:
    """Callback of the file uploader: load a TOML scenario, or explain why not and change nothing."""
    ss = st.session_state
    f = ss.get(UPLOAD)
    if f is None:
        ss[_UPLOAD_MSG] = None
        return
    try:
        text = f.getvalue().decode("utf-8")
    except UnicodeDecodeError:
        ss[_UPLOAD_MSG] = ("error", "upload_not_text", {"file": f.name}, f.file_id)
        return
    try:
        s = scenario_from_toml(text, f.name)
    except ScenarioError as e:
        ss[_UPLOAD_MSG] = ("error", "upload_error", {"file": f.name, "error": str(e)}, f.file_id)
        return
    ss[PRESET] = closest_preset(s)
    seed_inputs(s)
    ss[_UPLOAD_MSG] = ("success", "upload_ok", {"file": f.name}, f.file_id)


def upload_message() -> tuple[str, str, dict[str, Any]] | None:
    """The message about the file currently in the uploader, if any."""
    ss = st.session_state
    msg = ss.get(_UPLOAD_MSG)
    f = ss.get(UPLOAD)
    if not msg or f is None or msg[3] != f.file_id:
        return None
    return msg[0], msg[1], msg[2]


def on_language() -> None:
    """Keep the open tab when the language (and so the tab labels) changes."""
    ss = st.session_state
    old, new = ss.get(_LANG_PREV, "en"), ss.get(LANG) or "en"
    view = ss.get(VIEW)
    if view is not None:
        for key, text in TEXT[old].items():
            if key.startswith("tab.") and text == view:
                ss[VIEW] = TEXT[new][key]
                break
    ss[_LANG_PREV] = new


def notices() -> list[tuple[str, str, dict[str, Any]]]:
    return list(st.session_state.get(_NOTICES, []))


def clear_notices() -> None:
    st.session_state[_NOTICES] = []


# --- Links -------------------------------------------------------------------------------------------


@dataclass
class Decoded:
    lang: str = "en"
    reps: int = DEFAULT_REPS
    seed: int = DEFAULT_SEED
    live_preset: str = DEFAULT_PRESET
    live: Scenario | None = None
    pins: list[tuple[str, Scenario]] = field(default_factory=list)
    base: str | None = None  # "live" or "1".."4"
    errors: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


_RESERVED = {"lang", "r", "seed", "base", "preset"}


def _scenario_path(key: str) -> bool:
    return key in ("name", "description", "policy") or fl.field_by_path(key) is not None


def _build(preset_name: str, overrides: dict[str, str], prefix: str, errors: list) -> Scenario:
    base = fl.preset(preset_name)
    data = base.model_dump(mode="json")
    for path, raw in overrides.items():
        try:
            fl.put(data, path, fl.parse_value(path, raw))
        except (ValueError, KeyError):
            errors.append(("link_bad_value", {"key": prefix + path, "value": raw}))
    try:
        return scenario_from_dict({**data, "extends": None}, "link")
    except ScenarioError as e:
        errors.append(("link_raw", {"error": _strip_origin(str(e), "link")}))
        return base


def _int_param(params: dict[str, str], key: str, default: int, lo: int, errors: list) -> int:
    if key not in params:
        return default
    try:
        v = int(params[key])
        if v < lo:
            raise ValueError
        return v
    except ValueError:
        errors.append(("link_bad_value", {"key": key, "value": params[key]}))
        return default


def decode(params: dict[str, str]) -> Decoded:
    """The state a link describes; anything unusable is reported in `errors` and left at its default."""
    d = Decoded()
    errors = d.errors
    names = fl.presets()
    d.lang = params.get("lang", "en") if params.get("lang", "en") in LANGS else "en"
    if "lang" in params and params["lang"] not in LANGS:
        errors.append(("link_bad_value", {"key": "lang", "value": params["lang"]}))
    d.reps = _int_param(params, "r", DEFAULT_REPS, 1, errors)
    d.seed = _int_param(params, "seed", DEFAULT_SEED, 0, errors)

    pin_keys = [f"p{i}" for i in range(1, MAX_PINS + 1)]
    first_screen = "preset" not in params and not any(k in params for k in pin_keys)
    first_live = FIRST_LIVE if FIRST_LIVE in names else DEFAULT_PRESET
    d.live_preset = params.get("preset", first_live if first_screen else DEFAULT_PRESET)
    if d.live_preset not in names:
        errors.append(("link_bad_value", {"key": "preset", "value": d.live_preset}))
        d.live_preset = first_live

    live_over: dict[str, str] = {}
    pin_over: dict[str, dict[str, str]] = {k: {} for k in pin_keys}
    for key, raw in params.items():
        if key in _RESERVED or key in pin_keys:
            continue
        head, _, rest = key.partition(".")
        if head in pin_keys and _scenario_path(rest):
            pin_over[head][rest] = raw
        elif _scenario_path(key):
            live_over[key] = raw
        else:
            errors.append(("link_unknown", {"key": key}))
    d.live = _build(d.live_preset, live_over, "", errors)

    if first_screen:
        d.pins = [(n, fl.preset(n)) for n in FIRST_PINS if n in names]
    for k in pin_keys:
        if k not in params:
            continue
        name = params[k]
        if name not in names:
            errors.append(("link_bad_value", {"key": k, "value": name}))
            continue
        d.pins.append((name, _build(name, pin_over[k], f"{k}.", errors)))
    d.base = params.get("base")
    return d


def encode(live_preset: str, live: Scenario | None, pinned: list[Pin], base: str | None, lang: str,
           reps: int, seed: int) -> dict[str, str]:
    """The link of a state: only what differs from the presets and from the defaults."""
    q: dict[str, str] = {}
    if lang != "en":
        q["lang"] = lang
    if reps != DEFAULT_REPS:
        q["r"] = str(reps)
    if seed != DEFAULT_SEED:
        q["seed"] = str(seed)
    q["preset"] = live_preset
    if live is not None:
        for k, v in differences(fl.preset(live_preset), live).items():
            q[k] = fl.format_value(v)
    for i, p in enumerate(pinned, 1):
        q[f"p{i}"] = p.preset
        for k, v in differences(fl.preset(p.preset), p.scenario).items():
            q[f"p{i}.{k}"] = fl.format_value(v)
    default_base = pinned[0].id if pinned else LIVE
    if base is not None and base != default_base:
        q["base"] = LIVE if base == LIVE else str(1 + [p.id for p in pinned].index(base))
    return q


def init() -> None:
    """Once per browser session: the state from the link (or the first screen)."""
    ss = st.session_state
    if ss.get(_INIT):
        return
    d = decode(st.query_params.to_dict())
    ss[LANG] = d.lang
    ss[_LANG_PREV] = d.lang
    ss[REPS] = d.reps
    ss[SEED] = d.seed
    ss[PRESET] = d.live_preset
    seed_inputs(d.live if d.live is not None else fl.preset(d.live_preset))
    ss[_PINS] = []
    for preset_name, s in d.pins[:MAX_PINS]:
        ss[_PINS] = [*pins(), _new_pin(s, preset_name)]
    ids = [p.id for p in pins()]
    if d.base == LIVE:
        ss[BASE] = LIVE
    elif d.base and d.base.isdigit() and 1 <= int(d.base) <= len(ids):
        ss[BASE] = ids[int(d.base) - 1]
    else:
        ss[BASE] = ids[0] if ids else LIVE
        if d.base:
            d.errors.append(("link_bad_value", {"key": "base", "value": d.base}))
    ss[_NOTICES] = d.errors
    ss[_INIT] = True


def sync_link(live: Scenario | None) -> None:
    """Write the current state into the URL (without a rerun) when it changed."""
    ss = st.session_state
    q = encode(ss.get(PRESET, DEFAULT_PRESET), live, pins(), ss.get(BASE), ss.get(LANG, "en"),
               int(ss.get(REPS, DEFAULT_REPS)), int(ss.get(SEED, DEFAULT_SEED)))
    if st.query_params.to_dict() != q:
        st.query_params.from_dict(q)


def policy_values() -> list[str]:
    return [p.value for p in Policy]
