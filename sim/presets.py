"""Scenarios as TOML files a person can read and edit, with errors that say what to fix.

A preset may `extends = "other_preset"` and change only what it stands for; any other scenario file
is read on top of the default preset, so a file needs only the fields it changes. Every problem
(syntax, unknown key, wrong type, value out of range, impossible combination) becomes one
`ScenarioError` naming the field and, where there is one, the allowed range.

Every TOML text, a file's or a --set value's, is read by `read_toml`, which refuses a text over
MAX_TOML_BYTES and nesting deeper than MAX_TOML_DEPTH with one line, never a RecursionError.

Error codes
-----------
A `ScenarioError` reads as one English line (`str(err)`, what the CLI and the app show) and carries
the same content for a program: `err.problems`, a list of `Problem(code, field, params, message)`.
`code` is a stable identifier a translation can key on; `field` the dotted path of the input ("" for
the whole text); `params` a small JSON-able dict. `err.code` and `err.params` are the first problem's.

================  =====================================================================  =======================
code              meaning                                                                params
================  =====================================================================  =======================
bad_toml          the text is not valid TOML                                             detail
too_deep          arrays or tables nested deeper than MAX_TOML_DEPTH                     limit
too_large         a text or file larger than MAX_TOML_BYTES                              size, limit
unreadable        the file cannot be read (rights, not UTF-8...)                         detail
not_a_preset      neither a preset name nor a file                                       value, presets
extends_unknown   `extends` names no preset                                              value, presets
extends_loop      presets extend each other too deeply (a loop?)                         limit
bad_assignment    a --set that is not path.to.field=value                                value
not_a_section     a --set path through a plain value, or a section given as a value      value (, section)
unknown_field     a key the scenario does not have                                       suggestion (if any)
missing           a required field is absent                                             -
not_a_number      a boolean, a string or another non-number for a numeric field          value, kind
not_an_integer    a fraction for a whole-number field                                    value, bounds
out_of_range      a number outside the field's bounds                                    value, ge/gt/le/lt
not_a_choice      a word that is not one of the allowed ones (the policy)                value, choices
too_long          a text longer than allowed                                             value, max_length
not_a_text        a non-text value for a text field                                      value
order             an ordered pair inverted: `field` must not exceed `other`              value, other,
                                                                                         other_value
no_selling_time   admin and prospecting shares leave the reps no time to sell            value, other, lt
invalid           anything else (the message says what)                                  -
================  =====================================================================  =======================

Bounds in `params` use pydantic's names: ge (>=), gt (>), le (<=), lt (<).
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import annotated_types as at
import tomli_w
from pydantic import BaseModel, ValidationError

from .scenario import Scenario

PRESETS_DIR = Path(__file__).resolve().parent.parent / "presets"
DEFAULT_PRESET = "baseline_2011"
MAX_EXTENDS_DEPTH = 5
MAX_TOML_BYTES = 1_000_000  # a scenario is a few kilobytes; a megabyte is a mistake, not a scenario
MAX_TOML_DEPTH = 8  # a scenario nests two levels (section.field); far deeper is never a scenario


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: a stable code, the field, its parameters and the English line."""

    code: str
    field: str
    params: dict[str, Any]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "params": dict(self.params), "message": self.message}


class ScenarioError(ValueError):
    """A scenario that cannot be used, with a message meant for the person who wrote it.

    `str(err)` is one English line, "ORIGIN: message; message". `err.problems` holds each problem
    with its code and parameters (see the module docstring), so that an interface can translate it.
    A plain string still works, `ScenarioError("...")`: one problem of code "invalid".
    """

    def __init__(self, problems: str | Problem | list[Problem], origin: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem("invalid", "", {}, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.origin = origin
        text = "; ".join(p.message for p in self.problems)
        super().__init__(f"{origin}: {text}" if origin else text)

    @property
    def code(self) -> str:
        """The first problem's code (most errors have one problem)."""
        return self.problems[0].code if self.problems else "invalid"

    @property
    def params(self) -> dict[str, Any]:
        return self.problems[0].params if self.problems else {}

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "message": str(self), "problems": [p.to_dict() for p in self.problems]}


def _error(origin: str, code: str, message: str, field_path: str = "", **params: Any) -> ScenarioError:
    return ScenarioError([Problem(code, field_path, params, message)], origin)


def _plain(value: Any) -> Any:
    """A value fit for `params`: scalars as they are (long texts cut), anything else by its type name."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= 80 else value[:77] + "..."
    return type(value).__name__


def _short_repr(value: Any) -> str:
    text = repr(_plain(value)) if isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def preset_names() -> list[str]:
    """Preset names, the default first, then alphabetical."""
    names = sorted(p.stem for p in PRESETS_DIR.glob("*.toml"))
    return [DEFAULT_PRESET] + [n for n in names if n != DEFAULT_PRESET]


def _presets_text() -> str:
    return ", ".join(preset_names())


def list_presets() -> list[tuple[str, str]]:
    """(name, description) of every preset, the default first."""
    return [(n, load_preset(n).description) for n in preset_names()]


def _depth(data: Any) -> int:
    """Deepest nesting of tables and arrays (stops counting past the limit), without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack and deepest <= MAX_TOML_DEPTH:
        node, d = stack.pop()
        deepest = max(deepest, d)
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((c, d + 1) for c in children if isinstance(c, dict | list))
    return deepest


def _nesting_before_parsing(text: str) -> int:
    """A conservative look at the text before the parser sees it: the deepest nesting of arrays and
    inline tables, and the most parts of one dotted key. tomllib recurses on the first and takes
    time and memory quadratic in the second (a 1 MB key `a.a.a...` would exhaust the memory)."""
    deepest, stack, key, dots, i, n = 0, [], True, 0, 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and text[j:j + len(quote)] != quote:
                j += 2 if c == '"' and text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c == "\n" and (not stack or stack[-1] == "h"):
            stack, key, dots = [], True, 0
        elif c == "[":
            stack.append("h" if key and (not stack or stack[-1] == "h") else "[")
        elif c == "{":
            stack.append("{")
            key, dots = True, 0
        elif c in "]}":
            if stack:
                stack.pop()
            key = key and bool(stack) and stack[-1] == "h"
        elif c == "," and stack and stack[-1] == "{":
            key, dots = True, 0
        elif c == "=":
            key = False
        elif c == "." and key:
            dots += 1
        deepest = max(deepest, len(stack), dots)
        if deepest > MAX_TOML_DEPTH:
            break
        i += 1
    return deepest


def read_toml(text: str, origin: str) -> dict[str, Any]:
    """Parse TOML text into a mapping, or raise one clear ScenarioError (syntax, size, nesting)."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TOML_BYTES:
        raise _error(origin, "too_large", f"too large ({size:,} bytes; the limit is {MAX_TOML_BYTES:,})",
                     size=size, limit=MAX_TOML_BYTES)
    too_deep = _error(origin, "too_deep", f"nested too deeply (more than {MAX_TOML_DEPTH} levels of arrays or "
                      "tables); a scenario is sections of fields", limit=MAX_TOML_DEPTH)
    if _nesting_before_parsing(text) > MAX_TOML_DEPTH:
        raise too_deep
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _error(origin, "bad_toml", f"not valid TOML: {e}", detail=str(e)) from None
    except RecursionError:
        raise too_deep from None
    if _depth(data) > MAX_TOML_DEPTH:
        raise too_deep
    return data


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in top.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _extends_unknown(origin: str, parent: Any) -> ScenarioError:
    return _error(origin, "extends_unknown", f"extends = {_short_repr(parent)} is not a preset; presets: "
                  f"{_presets_text()}", "extends", value=_plain(parent), presets=preset_names())


def _layers(data: dict[str, Any], origin: str, depth: int = 0) -> dict[str, Any]:
    """Resolve `extends`: the named preset first, then this file's values on top."""
    data = dict(data)
    parent = data.pop("extends", None if origin == DEFAULT_PRESET else DEFAULT_PRESET)
    if parent is None:
        return data
    if not isinstance(parent, str) or parent not in preset_names():
        raise _extends_unknown(origin, parent)
    if depth >= MAX_EXTENDS_DEPTH:
        raise _error(origin, "extends_loop", "presets extend each other too deeply (a loop?)", "extends",
                     limit=MAX_EXTENDS_DEPTH)
    base = read_toml((PRESETS_DIR / f"{parent}.toml").read_text(encoding="utf-8"), parent)
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


def _bounds(path: tuple[str | int, ...]) -> dict[str, float]:
    """The field's bounds by pydantic's names (ge, gt, le, lt, max_length)."""
    info = _field_info(path)
    out: dict[str, float] = {}
    for m in info.metadata if info is not None else ():
        for name in ("ge", "gt", "le", "lt", "max_length"):
            if isinstance(getattr(m, name, None), int | float):
                out[name] = getattr(m, name)
    return out


def _suggest(path: tuple[str | int, ...]) -> str:
    parent = _field_info(path[:-1]) if len(path) > 1 else None
    model = Scenario if parent is None else parent.annotation
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ""
    close = difflib.get_close_matches(str(path[-1]), list(model.model_fields), n=1, cutoff=0.4)
    return f" (did you mean '{close[0]}'?)" if close else ""


_CODES = {  # pydantic's error type -> our stable code
    "extra_forbidden": "unknown_field", "missing": "missing",
    "not_a_number": "not_a_number", "float_type": "not_a_number", "float_parsing": "not_a_number",
    "int_type": "not_a_number", "int_parsing": "not_a_number", "int_from_float": "not_an_integer",
    "greater_than": "out_of_range", "greater_than_equal": "out_of_range", "less_than": "out_of_range",
    "less_than_equal": "out_of_range", "finite_number": "out_of_range",
    "enum": "not_a_choice", "string_too_long": "too_long", "string_type": "not_a_text",
    "model_type": "not_a_section", "model_attributes_type": "not_a_section", "dict_type": "not_a_section",
    "order": "order", "no_selling_time": "no_selling_time",
}


def validation_problems(err: ValidationError) -> list[Problem]:
    """Each pydantic error as a Problem: code, dotted field, parameters and one readable message."""
    problems = []
    for e in err.errors():
        loc = tuple(e["loc"])
        ctx = dict(e.get("ctx") or {})
        code = _CODES.get(e["type"], "invalid")
        name = ".".join(str(p) for p in loc)
        field_path = name or str(ctx.get("field", ""))
        if code == "unknown_field":
            hint = _suggest(loc)
            params = {"suggestion": hint.split("'")[1]} if hint else {}
            problems.append(Problem(code, field_path, params, f"{name}: unknown field{hint}"))
            continue
        if code == "missing":
            problems.append(Problem(code, field_path, {}, f"{name}: missing"))
            continue
        msg = e["msg"].removeprefix("Value error, ")
        has_value = bool(loc) and not isinstance(e.get("input"), dict)
        params = {k: _plain(v) for k, v in ctx.items() if k not in ("field", "expected")}
        if has_value:
            params.setdefault("value", _plain(e["input"]))
        if code == "not_a_choice":
            params["choices"] = [x.strip(" '") for x in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
                                 if x.strip(" '")]
        if loc:
            params.update({k: v for k, v in _bounds(loc).items() if k not in params})
        value = f" (got {_short_repr(e['input'])})" if has_value else ""
        rng = allowed_range(loc)
        where = f"{name}: " if loc else ""
        allowed = f"; allowed: {rng}" if rng else ""
        problems.append(Problem(code, field_path, params, f"{where}{msg}{value}{allowed}"))
    return problems


def describe_validation_error(err: ValidationError, origin: str) -> str:
    """One readable line: each problem with its field, what is wrong and the allowed range."""
    return str(ScenarioError(validation_problems(err), origin))


def scenario_from_dict(data: dict[str, Any], origin: str = "scenario") -> Scenario:
    """Validate a (possibly partial) scenario mapping layered over its preset."""
    if not isinstance(data, dict):
        raise _error(origin, "invalid", f"expected a mapping of sections, got {type(data).__name__}")
    try:
        return Scenario.model_validate(_layers(data, origin))
    except ValidationError as e:
        raise ScenarioError(validation_problems(e), origin) from None
    except RecursionError:  # a mapping built in code, nested beyond what validation can walk
        raise _error(origin, "too_deep", "nested too deeply", limit=MAX_TOML_DEPTH) from None


def scenario_from_toml(text: str, origin: str = "scenario file") -> Scenario:
    return scenario_from_dict(read_toml(text, origin), origin)


def load_preset(name: str) -> Scenario:
    if name not in preset_names():
        raise _error("", "not_a_preset", f"no preset named {_short_repr(name)}; presets: {_presets_text()}",
                     value=_plain(name), presets=preset_names())
    return scenario_from_toml((PRESETS_DIR / f"{name}.toml").read_text(encoding="utf-8"), name)


def _file_text(spec: str) -> str:
    path = Path(spec)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL byte in it
        is_file = False
    if not is_file:
        raise _error("", "not_a_preset", f"{_short_repr(spec)} is neither a preset ({_presets_text()}) nor a file",
                     value=_plain(spec), presets=preset_names())
    try:
        size = path.stat().st_size
        if size > MAX_TOML_BYTES:
            raise _error(spec, "too_large", f"too large ({size:,} bytes; the limit is {MAX_TOML_BYTES:,})",
                         size=size, limit=MAX_TOML_BYTES)
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise _error(spec, "unreadable", f"cannot read: {e}", detail=str(e)) from None


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
    return _error("", code, f"--set {_short_repr(a)}: {message}", value=_plain(a), **params)


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
                raise _assignment_error(a, "not_a_section", f"{p!r} is not a section{_suggest(tuple(sections))}",
                                        section=_plain(p))
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
