"""What can be wrong with a scenario, said so that a person can fix it and a program can translate it.

Every problem with a scenario (syntax, unknown key, wrong type, value out of range, impossible
combination) becomes one `ScenarioError` naming the field and, where there is one, the allowed range.
Kept apart from the presets (`sim.presets`) and the TOML reading (`sim.safe_toml`), which both raise it,
so that the error vocabulary is defined and documented in one place.

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
too_deep          arrays or tables nested deeper than MAX_TOML_DEPTH (`sim.safe_toml`)   limit
too_large         a text or file larger than MAX_TOML_BYTES (`sim.safe_toml`)            size, limit
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
from dataclasses import dataclass
from typing import Any

import annotated_types as at
from pydantic import BaseModel, ValidationError

from .scenario import Scenario


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


def scenario_error(origin: str, code: str, message: str, field_path: str = "", **params: Any) -> ScenarioError:
    """A ScenarioError of one problem."""
    return ScenarioError([Problem(code, field_path, params, message)], origin)


def plain_param(value: Any) -> Any:
    """A value fit for `params`: scalars as they are (long texts cut), anything else by its type name."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= 80 else value[:77] + "..."
    return type(value).__name__


def short_repr(value: Any) -> str:
    """A value as it appears in a message: its repr, cut to 80 characters."""
    text = repr(plain_param(value)) if isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


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


def suggest_field(path: tuple[str | int, ...]) -> str:
    """' (did you mean 'x'?)' for a misspelt field at `path` when a close one exists, '' otherwise."""
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
            hint = suggest_field(loc)
            params = {"suggestion": hint.split("'")[1]} if hint else {}
            problems.append(Problem(code, field_path, params, f"{name}: unknown field{hint}"))
            continue
        if code == "missing":
            problems.append(Problem(code, field_path, {}, f"{name}: missing"))
            continue
        msg = e["msg"].removeprefix("Value error, ")
        has_value = bool(loc) and not isinstance(e.get("input"), dict)
        params = {k: plain_param(v) for k, v in ctx.items() if k not in ("field", "expected")}
        if has_value:
            params.setdefault("value", plain_param(e["input"]))
        if code == "not_a_choice":
            params["choices"] = [x.strip(" '") for x in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
                                 if x.strip(" '")]
        if loc:
            params.update({k: v for k, v in _bounds(loc).items() if k not in params})
        value = f" (got {short_repr(e['input'])})" if has_value else ""
        rng = allowed_range(loc)
        where = f"{name}: " if loc else ""
        allowed = f"; allowed: {rng}" if rng else ""
        problems.append(Problem(code, field_path, params, f"{where}{msg}{value}{allowed}"))
    return problems


def describe_validation_error(err: ValidationError, origin: str) -> str:
    """One readable line: each problem with its field, what is wrong and the allowed range."""
    return str(ScenarioError(validation_problems(err), origin))
