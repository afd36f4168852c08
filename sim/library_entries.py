"""What the scenario library hands back: a saved entry, an import's report, and an entry's row.

Kept apart from the library's operations (`sim.library`) because the app, the CLI and the zip files
(`sim.library_zip`) read entries without caring how they are stored. No Streamlit.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .library_rules import KpiSummary, LibraryError
from .presets import scenario_from_toml
from .scenario import Scenario

# The columns of the `entries` table (`sim.library_store`) an entry is written to and read from.
ENTRY_COLUMNS = ("team", "name", "version", "scenario_toml", "note", "seed", "replications", "created_at",
                 "results_json", "deleted_at")


@dataclass(frozen=True)
class Entry:
    """One saved version of a team's scenario."""

    team: str
    name: str
    version: int
    scenario_toml: str  # a complete scenario, loadable on its own
    note: str
    seed: int | None
    replications: int | None
    created_at: str  # UTC, ISO 8601
    results: KpiSummary | None  # kpi -> {mean, ci_low, ci_high}
    deleted: bool = False  # in the trash
    versions: tuple[int, ...] = ()  # every version of this team and name (filled by `show`)

    @property
    def scenario(self) -> Scenario:
        return scenario_from_toml(self.scenario_toml, f"{self.team}/{self.name} v{self.version}")

    def to_dict(self) -> dict[str, Any]:
        return {"team": self.team, "name": self.name, "version": self.version, "note": self.note,
                "seed": self.seed, "replications": self.replications, "created_at": self.created_at,
                "deleted": self.deleted, "versions": list(self.versions), "results": self.results,
                "scenario_toml": self.scenario_toml}


@dataclass(frozen=True)
class ImportedEntry:
    file: str
    team: str
    name: str
    version: int


@dataclass(frozen=True)
class FileProblem:
    file: str
    error: LibraryError

    @property
    def message(self) -> str:
        return self.error.message


@dataclass
class ImportReport:
    """What an import did: entries added, entries already there (skipped), and every bad file."""

    imported: list[ImportedEntry] = field(default_factory=list)
    skipped: list[ImportedEntry] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def entry_from_row(row: sqlite3.Row, versions: tuple[int, ...] = ()) -> Entry:
    """The entry a row of `ENTRY_COLUMNS` holds."""
    results = json.loads(row["results_json"]) if row["results_json"] else None
    return Entry(team=row["team"], name=row["name"], version=row["version"], scenario_toml=row["scenario_toml"],
                 note=row["note"], seed=row["seed"], replications=row["replications"],
                 created_at=row["created_at"], results=results, deleted=row["deleted_at"] is not None,
                 versions=versions)


def results_json(results: KpiSummary | None) -> str | None:
    """A KPI summary as its `results_json` column (strict JSON: no NaN)."""
    return None if results is None else json.dumps(results, allow_nan=False, sort_keys=True)
