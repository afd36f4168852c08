"""The scenario's inputs as the UI sees them, read from the schema (bounds, types, descriptions).

Nothing here repeats a number of the model: bounds come from the pydantic metadata of `sim.sections`,
values from the presets. The only choices made here are presentational: which inputs an executive sees
first in each group, and which 0-1 inputs are shown as percentages.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import annotated_types as at
from pydantic import BaseModel

from sim.presets import PRESETS_DIR, load_preset, preset_names
from sim.scenario import Policy, Scenario

SECTIONS = ("market", "research", "marketing", "sales", "budget", "experiment")

# Shown first in their group; the others follow under "More settings". Unknown names are ignored.
KEY_FIELDS = {
    "market": ("arrivals_per_week", "deal_value_median_eur", "group_size_mean"),
    "research": ("need_mean_touchpoints", "pace_mean_per_week", "rep_aversion_mean", "patience_hours_mean"),
    "marketing": ("reveal_probability", "nurture_touches_per_week", "mql_threshold", "affinity_per_touch"),
    "sales": ("prospecting_share", "admin_share", "opportunity_hours_mean", "qualification_hours",
              "hours_per_week"),
    "budget": ("gtm_budget_eur_per_year", "cost_per_rep_eur_per_year", "content_share_of_marketing"),
    "experiment": ("horizon_weeks", "warmup_weeks", "follow_up_weeks"),
}
SPLIT_PATH = "budget.sales_share"  # has its own control: the budget split
NOT_PERCENT = frozenset({"marketing.sov_elasticity"})  # bounded by 0-1 but an exponent, not a share


@dataclass(frozen=True)
class Field:
    path: str
    section: str
    name: str
    kind: type  # float or int
    lo: tuple[str, float] | None  # ("ge", 0.0) or ("gt", 0.0)
    hi: tuple[str, float] | None  # ("le", 1.0) or ("lt", 1.0)
    description: str

    @property
    def percent(self) -> bool:
        return (self.kind is float and self.path not in NOT_PERCENT and self.lo is not None
                and self.hi is not None and self.lo[1] >= 0 and self.hi[1] <= 1)


def _bounds(metadata: list[Any]) -> tuple[tuple[str, float] | None, tuple[str, float] | None]:
    lo = hi = None
    for m in metadata:
        if isinstance(m, at.Ge):
            lo = ("ge", float(m.ge))
        elif isinstance(m, at.Gt):
            lo = ("gt", float(m.gt))
        elif isinstance(m, at.Le):
            hi = ("le", float(m.le))
        elif isinstance(m, at.Lt):
            hi = ("lt", float(m.lt))
    return lo, hi


@functools.cache
def all_fields() -> tuple[Field, ...]:
    """Every numeric input of a scenario, section by section, key fields first."""
    out = []
    for section in SECTIONS:
        info = Scenario.model_fields.get(section)
        model = info.annotation if info else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        key = [n for n in KEY_FIELDS.get(section, ()) if n in model.model_fields]
        names = key + [n for n in model.model_fields if n not in key]
        for name in names:
            f = model.model_fields[name]
            kind = int if f.annotation is int else float
            lo, hi = _bounds(f.metadata)
            out.append(Field(f"{section}.{name}", section, name, kind, lo, hi, f.description or ""))
    return tuple(out)


def fields_of(section: str) -> list[Field]:
    return [f for f in all_fields() if f.section == section]


def field_by_path(path: str) -> Field | None:
    return next((f for f in all_fields() if f.path == path), None)


def is_key_field(f: Field) -> bool:
    return f.name in KEY_FIELDS.get(f.section, ())


def get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node[part]
    return node


def put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = data
    for p in parents:
        node = node.setdefault(p, {})
    node[leaf] = value


def parse_value(path: str, raw: str) -> Any:
    """A text value (from a link) as the field's type; ValueError when it cannot be one."""
    if path in ("name", "description"):
        return raw
    if path == "policy":
        return Policy(raw).value
    f = field_by_path(path)
    if f is None:
        raise KeyError(path)
    if f.kind is int:
        return int(raw)
    x = float(raw)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError(raw)
    return x


def format_value(v: Any) -> str:
    """A value as short, exact text for a link."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float):
        text = repr(v)
        return text[:-2] if text.endswith(".0") else text
    return str(v)


# --- Presets, read once per file version -----------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _preset_at(name: str, mtime: float) -> Scenario:  # the file time is the cache key
    return load_preset(name)


def preset(name: str) -> Scenario:
    """A preset, re-read when any preset file changed (presets extend each other)."""
    try:
        mtime = max((p.stat().st_mtime for p in Path(PRESETS_DIR).glob("*.toml")), default=0.0)
    except OSError:
        mtime = 0.0
    return _preset_at(name, mtime)


def presets() -> list[str]:
    return preset_names()
