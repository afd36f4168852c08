"""The link (URL query parameters) of a state, and back: only what differs from a preset.

Link format: `preset=NAME` and `section.field=VALUE` for the live scenario; `p1=NAME` and
`p1.section.field=VALUE` for pinned scenario 1 (up to 4); `base=live|1..4`; `r=` replications,
`seed=`, `lang=en|fr`, `view=` the open view's id. A link with no scenario at all opens the first screen.
A scenario's `name` travels only when a person gave it (otherwise the name follows its policy and split).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.presets import DEFAULT_PRESET, differences, scenario_from_dict
from sim.scenario import Scenario
from sim.scenario_errors import ScenarioError

from . import fields as fl
from .defaults import DEFAULT_REPS, DEFAULT_SEED, FIRST_LIVE, FIRST_PINS, LIVE, MAX_PINS, MAX_REPS, MAX_SEED
from .errors import coded
from .text import LANG_KEY, LANGS, field_text, t


def strip_origin(message: str, origin: str) -> str:
    return message.removeprefix(f"{origin}: ")


@dataclass
class Decoded:
    lang: str = "en"
    reps: int = DEFAULT_REPS
    seed: int = DEFAULT_SEED
    live_preset: str = DEFAULT_PRESET
    live: Scenario | None = None
    pins: list[tuple[str, Scenario]] = field(default_factory=list)
    base: str | None = None  # "live" or "1".."4"
    view: str | None = None  # the open view's id, as the link says (checked against the views by the state)
    named: set[str] = field(default_factory=set)  # "live", "p1".."p4": whose name a person gave
    errors: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


_RESERVED = {LANG_KEY, "r", "seed", "base", "preset", "view", "story", "step"}  # story, step: ui.story


def _scenario_path(key: str) -> bool:
    return key in ("name", "description", "policy") or fl.field_by_path(key) is not None


_KEY_LABELS = {"seed": "seed_label", LANG_KEY: "lang_label", "preset": "preset_label", "base": "baseline_label",
               "policy": "policy_label"}


def key_text(lang: str, key: str) -> str:
    """A link's parameter as the page names it: the input's label in `lang`, then the key as the link
    has it (a pin's inputs are prefixed `p1.` and so on); other keys as they are."""
    head, _, rest = key.partition(".")
    path = rest if rest and head[:1] == "p" and head[1:].isdigit() else key
    if path in _KEY_LABELS:
        label = t(lang, _KEY_LABELS[path])
    elif fl.field_by_path(path) is not None:
        label = field_text(lang, path, None)[0]
    else:
        return key
    return t(lang, "err.field", label=label, path=key)


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
        errors.append(("link_raw", {"error": coded(e, "link")}))  # put into words when shown (ui.errors)
        return base


def _int_param(params: dict[str, str], key: str, default: int, lo: int, hi: int, errors: list) -> int:
    if key not in params:
        return default
    try:
        v = int(params[key])
        if not lo <= v <= hi:
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
    d.lang = params.get(LANG_KEY, "en") if params.get(LANG_KEY, "en") in LANGS else "en"
    if LANG_KEY in params and params[LANG_KEY] not in LANGS:
        errors.append(("link_bad_value", {"key": LANG_KEY, "value": params[LANG_KEY]}))
    d.reps = _int_param(params, "r", DEFAULT_REPS, 1, MAX_REPS, errors)
    if errors and errors[-1] == ("link_bad_value", {"key": "r", "value": params.get("r")}):
        errors[-1] = ("link_bad_reps", {"value": params["r"], "max": MAX_REPS})
    d.seed = _int_param(params, "seed", DEFAULT_SEED, 0, MAX_SEED, errors)

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
    d.view = params.get("view")
    if "name" in params:
        d.named.add(LIVE)
    d.named |= {k for k in pin_keys if f"{k}.name" in params}
    return d


def _scenario_params(preset: str, s: Scenario, named: bool) -> dict[str, str]:
    """What differs from the preset; the name and description only when a person gave them."""
    skip = set() if named else {"name", "description"}
    return {k: fl.format_value(v) for k, v in differences(fl.preset(preset), s).items() if k not in skip}


def encode(live_preset: str, live: Scenario | None, pinned: list, base: str | None, lang: str,
           reps: int, seed: int, live_named: bool = False, view: str | None = None) -> dict[str, str]:
    """The link of a state: only what differs from the presets and from the defaults.

    `pinned`: the pins (`state.Pin`: id, preset, scenario, named).
    """
    q: dict[str, str] = {}
    if lang != "en":
        q[LANG_KEY] = lang
    if reps != DEFAULT_REPS:
        q["r"] = str(reps)
    if seed != DEFAULT_SEED:
        q["seed"] = str(seed)
    if view:
        q["view"] = view
    q["preset"] = live_preset
    if live is not None:
        q.update(_scenario_params(live_preset, live, live_named))
    for i, p in enumerate(pinned, 1):
        q[f"p{i}"] = p.preset
        q.update({f"p{i}.{k}": v for k, v in _scenario_params(p.preset, p.scenario, p.named).items()})
    default_base = pinned[0].id if pinned else LIVE
    if base is not None and base != default_base:
        q["base"] = LIVE if base == LIVE else str(1 + [p.id for p in pinned].index(base))
    return q
