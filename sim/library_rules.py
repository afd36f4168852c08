"""The scenario library's rules for what it accepts: its limits, its one error type, and the cleaning of
everything that comes from outside (names, teams, notes, whole numbers, times, KPI summaries, TOML text).

TOML text is hostile until proven otherwise: its nesting and numbers are checked before it is parsed as
a scenario. Used by the library (`sim.library`), its store, its entries, its imports and its zip files
(`sim.library_store`, `sim.library_entries`, `sim.library_import`, `sim.library_zip`). No Streamlit.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from .presets import scenario_from_toml, to_toml
from .scenario import Scenario
from .scenario_errors import ScenarioError

DEFAULT_TEAM = "default"


# Limits on what an entry may hold.
MAX_TEAM = 40
MAX_NOTE = 2000
MAX_SEED = 2**63 - 1  # SQLite's INTEGER
MAX_REPLICATIONS = 100_000
MAX_RESULTS_BYTES = 256 * 1024

# Limits on a zip to import (checked before anything is expanded).
MAX_ZIP_BYTES = 16 * 1024 * 1024  # the upload itself
MAX_MEMBERS = 1000
MAX_TOTAL_UNCOMPRESSED = 64 * 1024 * 1024  # declared sizes, summed, and the bytes actually read
MAX_SCENARIO_BYTES = 256 * 1024  # one TOML file (a full scenario is about 3 KB)
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_NESTING = 16  # tables and arrays inside each other in a TOML file (a scenario needs 2)
MAX_ABS_INT = 2**63  # larger integers in a TOML file are refused

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "zmot-lab-library"
MANIFEST_VERSION = 1


class LibraryError(ValueError):
    """A library operation that cannot be done: a one-line message, a stable code and its params."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        message = " ".join(str(message).split("\n"))
        super().__init__(message)
        self.code = code
        self.params = params
        self.message = message


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


KpiSummary = dict[str, dict[str, float | None]]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean_label(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise LibraryError(f"{what}_invalid", f"the {what} must be text", value=repr(value)[:80])
    text = value.strip()
    if not text:
        raise LibraryError(f"{what}_invalid", f"the {what} must not be empty", value=text)
    if len(text) > limit:
        raise LibraryError(f"{what}_invalid", f"the {what} is too long ({len(text)} characters; at most {limit})",
                           value=text[:limit], limit=limit)
    if _CONTROL.search(text):
        raise LibraryError(f"{what}_invalid", f"the {what} must not hold control characters", value=shown(text))
    return text


def clean_note(note: Any) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise LibraryError("note_invalid", "the note must be text")
    if len(note) > MAX_NOTE:
        raise LibraryError("note_invalid", f"the note is too long ({len(note)} characters; at most {MAX_NOTE})",
                           limit=MAX_NOTE)
    return note.replace("\x00", "")


def clean_int(value: Any, what: str, lo: int, hi: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise LibraryError(f"{what}_invalid", f"the {what} must be a whole number from {lo} to {hi:,}",
                           value=repr(value)[:40], low=lo, high=hi)
    return int(value)


def _finite(x: Any) -> float | None:
    if x is None or isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def kpi_summary(results: Any) -> KpiSummary | None:
    """kpi -> {mean, ci_low, ci_high} from a `Results`, its `summary` frame, or such a mapping."""
    if results is None:
        return None
    summary = getattr(results, "summary", results)
    out: KpiSummary = {}
    if isinstance(summary, pd.DataFrame):
        if not {"kpi", "mean", "ci_low", "ci_high"} <= set(summary.columns):
            raise LibraryError("results_invalid", "the results need the columns kpi, mean, ci_low, ci_high")
        for row in summary.itertuples(index=False):
            out[str(row.kpi)] = {k: _finite(getattr(row, k)) for k in ("mean", "ci_low", "ci_high")}
        return out
    if not isinstance(summary, Mapping):
        raise LibraryError("results_invalid", "the results must map each KPI to its mean, ci_low and ci_high")
    for kpi, vals in summary.items():
        if not isinstance(kpi, str) or not kpi or len(kpi) > 100 or not isinstance(vals, Mapping):
            raise LibraryError("results_invalid", "the results must map each KPI to its mean, ci_low and ci_high",
                               kpi=shown(str(kpi)))
        for k in ("mean", "ci_low", "ci_high"):
            v = vals.get(k)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise LibraryError("results_invalid", f"results: {shown(kpi)}.{k} is not a number", kpi=shown(kpi))
        out[kpi] = {k: _finite(vals.get(k)) for k in ("mean", "ci_low", "ci_high")}
    if len(json.dumps(out)) > MAX_RESULTS_BYTES:
        raise LibraryError("results_invalid", "the results are too large", limit=MAX_RESULTS_BYTES)
    return out


def scenario_text(scenario: Scenario | str, name: str | None, origin: str) -> tuple[Scenario, str]:
    if isinstance(scenario, str):
        scenario = validated(scenario, origin)
    elif not isinstance(scenario, Scenario):
        raise LibraryError("scenario_invalid", "a scenario or its TOML text is needed")
    if name is not None and name != scenario.name:
        scenario = scenario.model_copy(update={"name": name})
    return scenario, to_toml(scenario)


def shown(name: str, limit: int = 80) -> str:
    """A name safe to print on one line: control characters escaped, cut to `limit`."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], name)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _depth(value: Any) -> int:
    """How deeply tables and arrays nest, without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            deepest = max(deepest, d + 1)
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            deepest = max(deepest, d + 1)
            stack.extend((x, d + 1) for x in v)
        if deepest > MAX_NESTING:
            break
    return deepest


def _huge_number(value: Any) -> bool:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, int) and not isinstance(v, bool) and abs(v) > MAX_ABS_INT:
            return True
    return False


def validated(text: str, origin: str) -> Scenario:
    return validated_data(text, origin)[0]


def validated_data(text: str, origin: str) -> tuple[Scenario, dict[str, Any]]:
    """A scenario from TOML text that may be hostile (nesting and giant numbers are refused first),
    with the file's own mapping."""
    if len(text) > MAX_SCENARIO_BYTES:
        raise LibraryError("file_too_large", f"{origin}: too large ({len(text):,} characters; at most "
                           f"{MAX_SCENARIO_BYTES:,})", file=origin, size=len(text), limit=MAX_SCENARIO_BYTES)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise LibraryError("file_too_deep", f"{origin}: nested too deeply (at most {MAX_NESTING} levels)",
                           file=origin, limit=MAX_NESTING) from None
    except tomllib.TOMLDecodeError as e:
        raise LibraryError("file_invalid", f"{origin}: not valid TOML: {e}", file=origin, reason=str(e)) from None
    except ValueError:  # an integer beyond Python's digit limit (4,300 digits)
        raise LibraryError("file_number_too_large", f"{origin}: a number is too large (thousands of digits)",
                           file=origin, limit=MAX_ABS_INT) from None
    if _depth(data) > MAX_NESTING:
        raise LibraryError("file_too_deep", f"{origin}: nested too deeply (at most {MAX_NESTING} levels)",
                           file=origin, limit=MAX_NESTING)
    if _huge_number(data):
        raise LibraryError("file_number_too_large", f"{origin}: a number is too large (beyond {MAX_ABS_INT:,})",
                           file=origin, limit=MAX_ABS_INT)
    try:
        return scenario_from_toml(text, origin), data
    except ScenarioError as e:
        raise LibraryError("scenario_invalid", str(e), file=origin, reason=str(e)) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as e:
        raise LibraryError("scenario_invalid", f"{origin}: not a usable scenario ({type(e).__name__}: {e})",
                           file=origin, reason=str(e)) from None


def clean_time(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise LibraryError("time_invalid", "the time must be an ISO 8601 text")
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        raise LibraryError("time_invalid", f"the time {shown(value)!r} is not ISO 8601") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
