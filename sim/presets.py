"""Scenarios as TOML files a person can read and edit, with errors that say what to fix.

A preset may `extends = "other_preset"` and change only what it stands for; any other scenario file
is read on top of the default preset, so a file needs only the fields it changes. Every problem
(syntax, unknown key, wrong type, value out of range, impossible combination) becomes one
`ScenarioError` naming the field and, where there is one, the allowed range.

Every TOML text, a file's or a --set value's, is read by `read_toml` (`sim.safe_toml`, with its size
and nesting caps); the error codes a `ScenarioError` carries are listed in `sim.scenario_errors`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .safe_toml import MAX_TOML_BYTES, MAX_TOML_DEPTH, read_toml
from .scenario import Scenario
from .scenario_errors import (
    ScenarioError,
    plain_param,
    scenario_error,
    short_repr,
    suggest_field,
    validation_problems,
)

PRESETS_DIR = Path(__file__).resolve().parent.parent / "presets"
DEFAULT_PRESET = "baseline_2011"
MAX_EXTENDS_DEPTH = 5


def preset_names() -> list[str]:
    """Preset names, the default first, then alphabetical."""
    names = sorted(p.stem for p in PRESETS_DIR.glob("*.toml"))
    return [DEFAULT_PRESET] + [n for n in names if n != DEFAULT_PRESET]


def _presets_text() -> str:
    return ", ".join(preset_names())


def list_presets() -> list[tuple[str, str]]:
    """(name, description) of every preset, the default first."""
    return [(n, load_preset(n).description) for n in preset_names()]


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in top.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _extends_unknown(origin: str, parent: Any) -> ScenarioError:
    return scenario_error(origin, "extends_unknown", f"extends = {short_repr(parent)} is not a preset; presets: "
                          f"{_presets_text()}", "extends", value=plain_param(parent), presets=preset_names())


def _layers(data: dict[str, Any], origin: str, depth: int = 0) -> dict[str, Any]:
    """Resolve `extends`: the named preset first, then this file's values on top."""
    data = dict(data)
    parent = data.pop("extends", None if origin == DEFAULT_PRESET else DEFAULT_PRESET)
    if parent is None:
        return data
    if not isinstance(parent, str) or parent not in preset_names():
        raise _extends_unknown(origin, parent)
    if depth >= MAX_EXTENDS_DEPTH:
        raise scenario_error(origin, "extends_loop", "presets extend each other too deeply (a loop?)", "extends",
                             limit=MAX_EXTENDS_DEPTH)
    base = read_toml((PRESETS_DIR / f"{parent}.toml").read_text(encoding="utf-8"), parent)
    return _merge(_layers(base, parent, depth + 1), data)


def scenario_from_dict(data: dict[str, Any], origin: str = "scenario") -> Scenario:
    """Validate a (possibly partial) scenario mapping layered over its preset."""
    if not isinstance(data, dict):
        raise scenario_error(origin, "invalid", f"expected a mapping of sections, got {type(data).__name__}")
    try:
        return Scenario.model_validate(_layers(data, origin))
    except ValidationError as e:
        raise ScenarioError(validation_problems(e), origin) from None
    except RecursionError:  # a mapping built in code, nested beyond what validation can walk
        raise scenario_error(origin, "too_deep", "nested too deeply", limit=MAX_TOML_DEPTH) from None


def scenario_from_toml(text: str, origin: str = "scenario file") -> Scenario:
    return scenario_from_dict(read_toml(text, origin), origin)


def load_preset(name: str) -> Scenario:
    if name not in preset_names():
        raise scenario_error("", "not_a_preset", f"no preset named {short_repr(name)}; presets: {_presets_text()}",
                             value=plain_param(name), presets=preset_names())
    return scenario_from_toml((PRESETS_DIR / f"{name}.toml").read_text(encoding="utf-8"), name)


def _file_text(spec: str) -> str:
    path = Path(spec)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL byte in it
        is_file = False
    if not is_file:
        raise scenario_error("", "not_a_preset", f"{short_repr(spec)} is neither a preset ({_presets_text()}) "
                             "nor a file", value=plain_param(spec), presets=preset_names())
    try:
        size = path.stat().st_size
        if size > MAX_TOML_BYTES:
            raise scenario_error(spec, "too_large", f"too large ({size:,} bytes; the limit is {MAX_TOML_BYTES:,})",
                                 size=size, limit=MAX_TOML_BYTES)
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise scenario_error(spec, "unreadable", f"cannot read: {e}", detail=str(e)) from None


def resolve(spec: str | None) -> Scenario:
    """A preset name or a path to a TOML file; the default preset when None."""
    if spec is None:
        return load_preset(DEFAULT_PRESET)
    if spec in preset_names():
        return load_preset(spec)
    return scenario_from_toml(_file_text(spec), str(Path(spec)))


def parent_of(spec: str | None) -> str | None:
    """The preset a preset or scenario file is layered on: its `extends`, the default preset when it
    has none, and None for the default preset itself."""
    if spec is None or spec == DEFAULT_PRESET:
        return None
    if spec in preset_names():
        data = read_toml((PRESETS_DIR / f"{spec}.toml").read_text(encoding="utf-8"), spec)
    else:
        data = read_toml(_file_text(spec), spec)
    parent = data.get("extends", DEFAULT_PRESET)
    return parent if isinstance(parent, str) and parent in preset_names() else DEFAULT_PRESET


def _parse_value(raw: str) -> Any:
    try:
        return read_toml(f"v = {raw}", "--set")["v"]
    except ScenarioError as e:
        if e.code != "bad_toml":
            raise
        return raw  # a bare word, such as a policy name


def _assignment_error(a: str, code: str, message: str, **params: Any) -> ScenarioError:
    return scenario_error("", code, f"--set {short_repr(a)}: {message}", value=plain_param(a), **params)


def relayer(scenario: Scenario, parent: str, own_parent: str | None = None) -> Scenario:
    """The scenario re-layered on preset `parent`: what it changes from the preset it was layered on
    (`own_parent`), applied on top of `parent`.

    When `own_parent` is not given: a scenario named after a preset is taken to be layered where that
    preset is (the default preset on nothing); any other on the default preset.
    """
    if not isinstance(parent, str) or parent not in preset_names():
        raise _extends_unknown("--set", parent)
    if own_parent is None and scenario.name in preset_names():
        own_parent = parent_of(scenario.name)
    base = load_preset(own_parent or DEFAULT_PRESET)
    data = load_preset(parent).model_dump(mode="json")
    for path, value in differences(base, scenario).items():
        *sections, leaf = path.split(".")
        node = data
        for p in sections:
            node = node[p]
        node[leaf] = value
    data["extends"] = None
    return scenario_from_dict(data, "--set")


def with_overrides(scenario: Scenario, assignments: list[str], own_parent: str | None = None) -> Scenario:
    """Apply 'section.field=value' assignments (the CLI's --set) and validate the result.

    `extends=NAME` is applied first: the scenario is re-layered on preset NAME (see `relayer`;
    `own_parent`, when the caller knows it, is the preset the scenario was layered on), then the
    other assignments apply in order.
    """
    parsed = []
    for a in assignments:
        key, sep, raw = a.partition("=")
        if not sep or not key.strip():
            raise _assignment_error(a, "bad_assignment", "expected path.to.field=value")
        parsed.append((a, key.strip(), raw.strip()))
    parents = [raw for _, key, raw in parsed if key == "extends"]
    if parents:
        scenario = relayer(scenario, _parse_value(parents[-1]), own_parent)
    data = scenario.model_dump(mode="json")
    for a, key, raw in parsed:
        if key == "extends":
            continue
        *sections, leaf = key.split(".")
        node = data
        for p in sections:
            if not isinstance(node.get(p), dict):
                raise _assignment_error(a, "not_a_section", f"{p!r} is not a section{suggest_field(tuple(sections))}",
                                        section=plain_param(p))
            node = node[p]
        node[leaf] = _parse_value(raw)
    data["extends"] = None
    return scenario_from_dict(data, "--set")


def to_dict(scenario: Scenario) -> dict[str, Any]:
    return scenario.model_dump(mode="json")


def to_toml(scenario: Scenario) -> str:
    """The whole scenario as TOML, loadable by the CLI and the app."""
    data = to_dict(scenario)
    head = {k: v for k, v in data.items() if not isinstance(v, dict)}
    body = {k: v for k, v in data.items() if isinstance(v, dict)}
    return "# ZMOT Lab scenario\n" + tomli_w.dumps({**head, **body})


def differences(base: Scenario, other: Scenario) -> dict[str, Any]:
    """Dotted paths and values where `other` differs from `base` (for links that stay short)."""
    out: dict[str, Any] = {}

    def walk(a: dict[str, Any], b: dict[str, Any], prefix: str) -> None:
        for k, v in b.items():
            if isinstance(v, dict):
                walk(a.get(k, {}), v, f"{prefix}{k}.")
            elif a.get(k) != v:
                out[f"{prefix}{k}"] = v

    walk(to_dict(base), to_dict(other), "")
    return out
