"""A guided story for the facilitator, read from an editable TOML file and validated with pydantic.

`stories/<name>.<lang>.toml` (the folder: `$ZMOT_STORIES`, else `stories/` beside the app), the
language's file else the English one. A story is a title and 1 to 12 steps; each step sets the
scenarios on screen (presets, with the inputs it changes), opens one view, highlights one figure and
asks one debrief question. A bad file gives a `StoryError` listing every problem by step and key, with
text keys of `ui.text` so the app says it in the user's language. No Streamlit here.

```toml
title = "From the 2011 habit to your decision"
[[steps]]
title = "Two reps' budget moved to marketing"
text = "What the step shows, in a sentence or two."
view = "headline"                  # a view's id: headline, funnel, reps, journey, board...
highlight = "wins"                 # a figure's id (python -m sim run --format json lists them)
question = "Who answers the buyers who raise their hand now?"
baseline = 1                       # which scenario the others are compared with (1 = the first)
scenarios = [
  { preset = "baseline_2011", name = "2011 habit" },
  { preset = "baseline_2011", name = "Two reps to marketing", set = { "budget.sales_share" = 0.6 } },
]
```
The last scenario goes into the controls (the live scenario) and the others are pinned, so the
facilitator can move its inputs while the room watches. Every step sets all the scenarios on screen, so
a step shows the same thing whether it is reached by Next, by Back or by its link.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from sim.kpis import KPI_BY_NAME
from sim.presets import scenario_from_dict
from sim.scenario import Scenario
from sim.scenario_errors import ScenarioError

from . import fields as fl

ENV_VAR = "ZMOT_STORIES"
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "stories"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$")
MAX_BYTES = 64 * 1024
MAX_PINNED = 4  # as ui.defaults.MAX_PINS


class StoryError(ValueError):
    """A story that cannot be used: its file and every problem as (where, text key, params)."""

    def __init__(self, file: str, problems: list[tuple[str, str, dict[str, Any]]]) -> None:
        super().__init__(f"{file}: " + "; ".join(f"{w} {k} {p}" for w, k, p in problems))
        self.file = file
        self.problems = problems


class ScenarioRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    preset: str
    name: str = Field(min_length=1, max_length=80)
    set: dict[str, float | int | str] = Field(default_factory=dict)

    @field_validator("preset")
    @classmethod
    def _preset(cls, v: str) -> str:
        if v not in fl.presets():
            raise PydanticCustomError("unknown_preset", "unknown preset",
                                      {"value": v, "allowed": ", ".join(fl.presets())})
        return v

    @model_validator(mode="after")
    def _builds(self) -> ScenarioRef:
        try:
            self.scenario()
        except (ScenarioError, KeyError, ValueError) as e:
            raise PydanticCustomError("bad_set", "bad settings", {"reason": str(e).removeprefix("story: ")}) from None
        return self

    def scenario(self) -> Scenario:
        """The scenario: the preset, the keys of `set` changed, the step's name."""
        data = fl.preset(self.preset).model_dump(mode="json")
        for path, v in self.set.items():
            if path != "policy" and fl.field_by_path(path) is None:
                raise KeyError(f"'{path}' is not an input")
            fl.put(data, path, v)
        return scenario_from_dict({**data, "name": self.name, "extends": None}, "story")


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=120)
    text: str = Field(default="", max_length=2000)
    view: str = "headline"
    highlight: str
    question: str = Field(min_length=1, max_length=500)
    scenarios: list[ScenarioRef] = Field(min_length=1, max_length=MAX_PINNED + 1)
    baseline: int = Field(default=1, ge=1)

    @field_validator("view")
    @classmethod
    def _view(cls, v: str, info: ValidationInfo) -> str:
        views = (info.context or {}).get("views")
        if views is not None and v not in views:
            raise PydanticCustomError("unknown_view", "unknown view", {"value": v, "allowed": ", ".join(views)})
        return v

    @field_validator("highlight")
    @classmethod
    def _kpi(cls, v: str) -> str:
        if v not in KPI_BY_NAME:
            raise PydanticCustomError("unknown_kpi", "unknown figure", {"value": v})
        return v

    @model_validator(mode="after")
    def _baseline(self) -> Step:
        if self.baseline > len(self.scenarios):
            raise PydanticCustomError("bad_baseline", "bad baseline", {"value": self.baseline,
                                                                        "n": len(self.scenarios)})
        return self

    def pinned(self) -> list[Scenario]:
        return [r.scenario() for r in self.scenarios[:-1]]

    def live(self) -> Scenario:
        return self.scenarios[-1].scenario()


class Story(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=120)
    intro: str = Field(default="", max_length=2000)
    steps: list[Step] = Field(min_length=1, max_length=12)


# --- Files ---------------------------------------------------------------------------------------------


def folder() -> Path:
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env).expanduser() if env else DEFAULT_DIR


def available(where: Path | None = None) -> list[str]:
    """The stories in the folder, by name (`workshop` for `workshop.en.toml`)."""
    where = where or folder()
    try:
        names = {p.name.split(".")[0] for p in where.glob("*.toml")}
    except OSError:
        return []
    return sorted(n for n in names if NAME.match(n))


def path_of(name: str, lang: str, where: Path | None = None) -> Path:
    where = where or folder()
    own = where / f"{name}.{lang}.toml"
    return own if own.exists() else where / f"{name}.en.toml"


_PYDANTIC_KEYS = {"missing": "missing", "extra_forbidden": "unknown_key", "string_too_short": "length",
                  "string_too_long": "length", "too_short": "count", "too_long": "count"}
_OWN = {"unknown_preset", "bad_set", "unknown_view", "unknown_kpi", "bad_baseline"}


def _where(loc: Sequence[Any]) -> str:
    """'steps.3.scenarios.2.preset' with 1-based numbers (what a person counts in the file)."""
    return ".".join(str(x + 1) if isinstance(x, int) else str(x) for x in loc)


def parse(text: str, file: str, views: Sequence[str] | None = None) -> Story:
    """A story from TOML text; StoryError listing every problem."""
    if len(text) > MAX_BYTES:
        raise StoryError(file, [("", "ws.story_err.too_large", {"limit": MAX_BYTES // 1024})])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise StoryError(file, [("", "ws.story_err.toml", {"reason": str(e)})]) from None
    except (ValueError, RecursionError):
        raise StoryError(file, [("", "ws.story_err.toml", {"reason": "too deep or too large"})]) from None
    try:
        return Story.model_validate(data, context={"views": list(views) if views is not None else None})
    except ValidationError as e:
        problems = []
        for err in e.errors():
            kind = err["type"]
            ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
            if kind in _OWN:
                problems.append((_where(err["loc"]), f"ws.story_err.{kind}", ctx))
            elif kind in _PYDANTIC_KEYS:
                problems.append((_where(err["loc"]), f"ws.story_err.{_PYDANTIC_KEYS[kind]}", ctx))
            else:
                problems.append((_where(err["loc"]), "ws.story_err.other", {"reason": err["msg"]}))
        raise StoryError(file, problems) from None


def load(name: str, lang: str, views: Sequence[str] | None = None, where: Path | None = None) -> Story:
    """The story `name` in `lang` (else English); StoryError when it is missing or bad."""
    if not NAME.match(name or ""):
        raise StoryError(str(name)[:40], [("", "ws.story_err.unknown", {"names": ", ".join(available(where))})])
    path = path_of(name, lang, where)
    try:
        raw = path.read_bytes()
    except OSError:
        raise StoryError(name, [("", "ws.story_err.unknown", {"names": ", ".join(available(where))})]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StoryError(path.name, [("", "ws.story_err.encoding", {})]) from None
    return parse(text, path.name, views)
