"""Scenarios as TOML files a person can read and edit, with errors that say what to fix.

A preset may `extends = "other_preset"` and change only what it stands for; any other scenario file
is read on top of the default preset, so a file needs only the fields it changes. Every problem
(syntax, unknown key, wrong type, value out of range, impossible combination) becomes one
`ScenarioError` naming the field and, where there is one, the allowed range.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

import annotated_types as at
import tomli_w
from pydantic import BaseModel, ValidationError

from .scenario import Scenario

PRESETS_DIR = Path(__file__).resolve().parent.parent / "presets"
DEFAULT_PRESET = "baseline_2011"
MAX_EXTENDS_DEPTH = 5


class ScenarioError(ValueError):
    """A scenario that cannot be used, with a message meant for the person who wrote it."""


def preset_names() -> list[str]:
    """Preset names, the default first, then alphabetical."""
    names = sorted(p.stem for p in PRESETS_DIR.glob("*.toml"))
    return [DEFAULT_PRESET] + [n for n in names if n != DEFAULT_PRESET]


def list_presets() -> list[tuple[str, str]]:
    """(name, description) of every preset, the default first."""
    return [(n, load_preset(n).description) for n in preset_names()]


def _read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{origin}: not valid TOML: {e}") from None


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in top.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _layers(data: dict[str, Any], origin: str, depth: int = 0) -> dict[str, Any]:
    """Resolve `extends`: the named preset first, then this file's values on top."""
    data = dict(data)
    parent = data.pop("extends", None if origin == DEFAULT_PRESET else DEFAULT_PRESET)
    if parent is None:
        return data
    if not isinstance(parent, str) or parent not in preset_names():
        raise ScenarioError(f"{origin}: extends = {parent!r} is not a preset; presets: {', '.join(preset_names())}")
    if depth >= MAX_EXTENDS_DEPTH:
        raise ScenarioError(f"{origin}: presets extend each other too deeply (a loop?)")
    base = _read_toml((PRESETS_DIR / f"{parent}.toml").read_text(encoding="utf-8"), parent)
    return _merge(_layers(base, parent, depth + 1), data)


def _field_info(path: tuple[str | int, ...]):
    model: type[BaseModel] = Scenario
    info = None
    for part in path:
        fields = model.model_fields
        if not isinstance(part, str) or part not in fields:
            return None
        info = fields[part]
        ann = info.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            model = ann
    return info


def allowed_range(path: tuple[str | int, ...]) -> str:
    """'from 0 to 1000' for a bounded numeric field, '' otherwise."""
    info = _field_info(path)
    if info is None:
        return ""
    lo = hi = None
    for m in info.metadata:
        if isinstance(m, at.Ge):
            lo = f"from {m.ge:g}"
        elif isinstance(m, at.Gt):
            lo = f"above {m.gt:g}"
        elif isinstance(m, at.Le):
            hi = f"up to {m.le:g}"
        elif isinstance(m, at.Lt):
            hi = f"below {m.lt:g}"
    return " ".join(x for x in (lo, hi) if x)


def _suggest(path: tuple[str | int, ...]) -> str:
    parent = _field_info(path[:-1]) if len(path) > 1 else None
    model = Scenario if parent is None else parent.annotation
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ""
    close = difflib.get_close_matches(str(path[-1]), list(model.model_fields), n=1, cutoff=0.4)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe_validation_error(err: ValidationError, origin: str) -> str:
    """One readable line per problem: the field, what is wrong, the allowed range."""
    lines = []
    for e in err.errors():
        loc = tuple(e["loc"])
        field = ".".join(str(p) for p in loc) or "scenario"
        if e["type"] == "extra_forbidden":
            lines.append(f"{field}: unknown field{_suggest(loc)}")
            continue
        if e["type"] == "missing":
            lines.append(f"{field}: missing")
            continue
        msg = e["msg"].removeprefix("Value error, ")
        value = f" (got {e['input']!r})" if loc and not isinstance(e.get("input"), dict) else ""
        rng = allowed_range(loc)
        where = f"{field}: " if loc else ""
        lines.append(f"{where}{msg}{value}" + (f"; allowed: {rng}" if rng else ""))
    return f"{origin}: " + "; ".join(lines)


def scenario_from_dict(data: dict[str, Any], origin: str = "scenario") -> Scenario:
    """Validate a (possibly partial) scenario mapping layered over its preset."""
    try:
        return Scenario.model_validate(_layers(data, origin))
    except ValidationError as e:
        raise ScenarioError(describe_validation_error(e, origin)) from None


def scenario_from_toml(text: str, origin: str = "scenario file") -> Scenario:
    return scenario_from_dict(_read_toml(text, origin), origin)


def load_preset(name: str) -> Scenario:
    if name not in preset_names():
        raise ScenarioError(f"no preset named {name!r}; presets: {', '.join(preset_names())}")
    return scenario_from_toml((PRESETS_DIR / f"{name}.toml").read_text(encoding="utf-8"), name)


def resolve(spec: str | None) -> Scenario:
    """A preset name or a path to a TOML file; the default preset when None."""
    if spec is None:
        return load_preset(DEFAULT_PRESET)
    if spec in preset_names():
        return load_preset(spec)
    path = Path(spec)
    if not path.is_file():
        raise ScenarioError(f"{spec!r} is neither a preset ({', '.join(preset_names())}) nor a file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ScenarioError(f"{spec}: cannot read: {e}") from None
    return scenario_from_toml(text, str(path))


def _parse_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw  # a bare word, such as a policy name


def with_overrides(scenario: Scenario, assignments: list[str]) -> Scenario:
    """Apply 'section.field=value' assignments (the CLI's --set) and validate the result."""
    data = scenario.model_dump(mode="json")
    for a in assignments:
        key, sep, raw = a.partition("=")
        if not sep or not key.strip():
            raise ScenarioError(f"--set {a!r}: expected path.to.field=value")
        *parents, leaf = key.strip().split(".")
        node = data
        for p in parents:
            if not isinstance(node.get(p), dict):
                raise ScenarioError(f"--set {a!r}: {p!r} is not a section{_suggest(tuple(parents))}")
            node = node[p]
        node[leaf] = _parse_value(raw.strip())
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
