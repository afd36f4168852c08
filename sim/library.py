"""The scenario library: saved scenarios, per team and name, with versions, a trash, zip export and import.

One embedded SQLite file (standard library `sqlite3`, WAL mode, a busy timeout) so that several
processes (the app's server, the CLI) can save at once without losing anything. Where it lives:
the `path` argument (the CLI's `--library PATH`), else the `ZMOT_LIBRARY` environment variable,
else `library.sqlite3` in the user's data directory (`platformdirs`, app name "zmot-lab"). It is
created on first use; its schema version is `PRAGMA user_version`, brought up to date by the
`MIGRATIONS` list, in order.

Nothing is overwritten in place: saving under an existing (team, name) adds a version; deleting
moves every version of a (team, name) to the trash, from which `restore` brings them back.

A zip import is hostile input until proven otherwise: its size, member count, declared and actual
uncompressed sizes, member paths, text encoding, TOML nesting and numbers are checked before any
scenario is parsed, and every scenario file is validated on its own (a bad file is reported by name
and none of it is imported; the others still are).

Every error is a `LibraryError` (a `ValueError`) with a one-line message, a stable `code` and its
`params`, for the app to translate. No Streamlit here.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import sqlite3
import struct
import tomllib
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .presets import ScenarioError, scenario_from_toml, to_toml
from .scenario import Scenario

APP_NAME = "zmot-lab"
ENV_VAR = "ZMOT_LIBRARY"
FILE_NAME = "library.sqlite3"
DEFAULT_TEAM = "default"
BUSY_TIMEOUT_S = 30.0  # a writer waits this long for another to finish before giving up

# Limits on what an entry may hold.
MAX_NAME = 80  # as Scenario.name
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


# --- where the file lives, and its schema ------------------------------------------------------------

def default_path() -> Path:
    """`library.sqlite3` in the user's data directory (no directory is created)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / FILE_NAME


def library_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The explicit path, else `$ZMOT_LIBRARY`, else the default under the user's data directory."""
    if path is not None and str(path) != "":
        return Path(path).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env).expanduser() if env else default_path()


# Each migration: (version it brings the file to, statements). Applied in order, each in one
# transaction; never edit a released one, append a new one.
MIGRATIONS: list[tuple[int, tuple[str, ...]]] = [
    (1, (
        """CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            team TEXT NOT NULL,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            scenario_toml TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            seed INTEGER,
            replications INTEGER,
            created_at TEXT NOT NULL,
            results_json TEXT,
            deleted_at TEXT,
            UNIQUE (team, name, version)
        )""",
        "CREATE INDEX entries_latest ON entries (team, name, deleted_at, version)",
    )),
]


def schema_version() -> int:
    """The schema version this code writes (the last migration)."""
    return MIGRATIONS[-1][0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- entries ---------------------------------------------------------------------------------------------

KpiSummary = dict[str, dict[str, float | None]]


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


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _clean_label(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise LibraryError(f"{what}_invalid", f"the {what} must be text", value=repr(value)[:80])
    text = value.strip()
    if not text:
        raise LibraryError(f"{what}_invalid", f"the {what} must not be empty", value=text)
    if len(text) > limit:
        raise LibraryError(f"{what}_invalid", f"the {what} is too long ({len(text)} characters; at most {limit})",
                           value=text[:limit], limit=limit)
    if _CONTROL.search(text):
        raise LibraryError(f"{what}_invalid", f"the {what} must not hold control characters", value=_show(text))
    return text


def _clean_note(note: Any) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise LibraryError("note_invalid", "the note must be text")
    if len(note) > MAX_NOTE:
        raise LibraryError("note_invalid", f"the note is too long ({len(note)} characters; at most {MAX_NOTE})",
                           limit=MAX_NOTE)
    return note.replace("\x00", "")


def _clean_int(value: Any, what: str, lo: int, hi: int) -> int | None:
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
                               kpi=_show(str(kpi)))
        for k in ("mean", "ci_low", "ci_high"):
            v = vals.get(k)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise LibraryError("results_invalid", f"results: {_show(kpi)}.{k} is not a number", kpi=_show(kpi))
        out[kpi] = {k: _finite(vals.get(k)) for k in ("mean", "ci_low", "ci_high")}
    if len(json.dumps(out)) > MAX_RESULTS_BYTES:
        raise LibraryError("results_invalid", "the results are too large", limit=MAX_RESULTS_BYTES)
    return out


def _scenario_text(scenario: Scenario | str, name: str | None, origin: str) -> tuple[Scenario, str]:
    if isinstance(scenario, str):
        scenario = _validated(scenario, origin)
    elif not isinstance(scenario, Scenario):
        raise LibraryError("scenario_invalid", "a scenario or its TOML text is needed")
    if name is not None and name != scenario.name:
        scenario = scenario.model_copy(update={"name": name})
    return scenario, to_toml(scenario)


# --- hostile text --------------------------------------------------------------------------------------

def _show(name: str, limit: int = 80) -> str:
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


def _validated(text: str, origin: str) -> Scenario:
    return _validated_data(text, origin)[0]


def _validated_data(text: str, origin: str) -> tuple[Scenario, dict[str, Any]]:
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


# --- the library ---------------------------------------------------------------------------------------

_COLUMNS = ("team", "name", "version", "scenario_toml", "note", "seed", "replications", "created_at",
            "results_json", "deleted_at")
_LIST_COLUMNS = ["team", "name", "version", "versions", "note", "seed", "replications", "created_at",
                 "deleted", "has_results"]
_VERSION_COLUMNS = ["version", "created_at", "note", "seed", "replications", "deleted", "has_results"]


def _entry(row: sqlite3.Row, versions: tuple[int, ...] = ()) -> Entry:
    results = json.loads(row["results_json"]) if row["results_json"] else None
    return Entry(team=row["team"], name=row["name"], version=row["version"], scenario_toml=row["scenario_toml"],
                 note=row["note"], seed=row["seed"], replications=row["replications"],
                 created_at=row["created_at"], results=results, deleted=row["deleted_at"] is not None,
                 versions=versions)


class Library:
    """A scenario library in one SQLite file (created and migrated on first use).

    Every call opens its own short connection, so one `Library` may be shared between threads and
    several processes may use the same file at once.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = library_path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise LibraryError("library_open", f"cannot create the library's folder {self.path.parent}: "
                               f"{e.strerror or e}", path=str(self.path), reason=str(e)) from None
        with self._connect() as conn:
            _migrate(conn, self.path)

    # connections --------------------------------------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as e:
            raise LibraryError("library_open", f"cannot open the library {self.path}: {e}", path=str(self.path),
                               reason=str(e)) from None
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA synchronous = FULL")
            yield conn
        except sqlite3.DatabaseError as e:
            code = "library_corrupt" if "not a database" in str(e) or "malformed" in str(e) else "library_io"
            raise LibraryError(code, f"the library {self.path} cannot be used: {e}", path=str(self.path),
                               reason=str(e)) from None
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock at once (so version numbers cannot collide)."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # saving ---------------------------------------------------------------------------------------------

    def save(self, scenario: Scenario | str, *, name: str | None = None, team: str = DEFAULT_TEAM, note: str = "",
             seed: int | None = None, replications: int | None = None, results: Any = None) -> Entry:
        """Save a scenario (or its TOML text) as the next version of (team, name); returns the entry.

        `name` defaults to the scenario's own name; the stored scenario carries the entry's name.
        `results` is a `Results`, its `summary` frame or a mapping kpi -> {mean, ci_low, ci_high}.
        """
        if name is None and isinstance(scenario, Scenario):
            name = scenario.name
        clean_name = _clean_label(name, "name", MAX_NAME) if name is not None else None
        sc, text = _scenario_text(scenario, clean_name, "scenario")
        row = {"team": _clean_label(team, "team", MAX_TEAM), "name": clean_name or _clean_label(sc.name, "name",
                                                                                                MAX_NAME),
               "scenario_toml": text, "note": _clean_note(note), "seed": _clean_int(seed, "seed", 0, MAX_SEED),
               "replications": _clean_int(replications, "replications", 1, MAX_REPLICATIONS),
               "created_at": _now(), "results_json": _results_json(kpi_summary(results)), "deleted_at": None}
        with self._write() as conn:
            version = _insert(conn, row)
        return self.show(row["name"], team=row["team"], version=version)

    # reading --------------------------------------------------------------------------------------------

    def list(self, *, team: str | None = None, search: str | None = None, include_trash: bool = False,
             only_trash: bool = False) -> pd.DataFrame:
        """The latest version of every (team, name): team, name, version, versions, note, seed,
        replications, created_at, deleted, has_results. `search` looks in names and notes (any case).
        With `include_trash`, a (team, name) in the trash has a row of its own with `deleted` True.
        """
        where, params = [], []
        if team is not None:
            where.append("team = ?")
            params.append(team)
        sql = ("SELECT team, name, (deleted_at IS NOT NULL) AS deleted, MAX(version) AS version, COUNT(*) AS versions "
               f"FROM entries {'WHERE ' + ' AND '.join(where) if where else ''} GROUP BY team, name, deleted")
        with self._connect() as conn:
            groups = conn.execute(sql, params).fetchall()
            rows = []
            for g in groups:
                deleted = bool(g["deleted"])
                if (deleted and not (include_trash or only_trash)) or (only_trash and not deleted):
                    continue
                r = conn.execute("SELECT note, seed, replications, created_at, results_json IS NOT NULL AS has "
                                 "FROM entries WHERE team = ? AND name = ? AND version = ?",
                                 (g["team"], g["name"], g["version"])).fetchone()
                rows.append({"team": g["team"], "name": g["name"], "version": g["version"],
                             "versions": g["versions"], "note": r["note"], "seed": r["seed"],
                             "replications": r["replications"], "created_at": r["created_at"],
                             "deleted": deleted, "has_results": bool(r["has"])})
        if search:
            needle = search.casefold()
            rows = [r for r in rows if needle in r["name"].casefold() or needle in r["note"].casefold()]
        df = pd.DataFrame(rows, columns=_LIST_COLUMNS)
        df = df.sort_values(["team", "name", "deleted"], ignore_index=True,
                            key=lambda c: c.str.casefold() if pd.api.types.is_string_dtype(c) else c)
        return df.astype({"seed": "Int64", "replications": "Int64"})

    def changed(self) -> str:
        """A fingerprint of the content that changes whenever anything is saved, deleted, restored or
        imported (one cheap query), for a view that refreshes when teams save."""
        with self._connect() as conn:
            r = conn.execute("SELECT COUNT(*), MAX(id), SUM(deleted_at IS NOT NULL), MAX(deleted_at), "
                             "MAX(created_at) FROM entries").fetchone()
        return "|".join("" if v is None else str(v) for v in r)

    def teams(self) -> list[str]:
        with self._connect() as conn:
            return [r[0] for r in conn.execute("SELECT DISTINCT team FROM entries ORDER BY team")]

    def versions(self, name: str, *, team: str = DEFAULT_TEAM) -> pd.DataFrame:
        """Every version of (team, name), oldest first: version, created_at, note, seed, replications,
        deleted, has_results."""
        with self._connect() as conn:
            rows = conn.execute("SELECT version, created_at, note, seed, replications, deleted_at IS NOT NULL AS "
                                "deleted, results_json IS NOT NULL AS has_results FROM entries WHERE team = ? AND "
                                "name = ? ORDER BY version", (team, name)).fetchall()
            if not rows:
                raise _not_found(team, name, conn)
        df = pd.DataFrame([dict(r) for r in rows], columns=_VERSION_COLUMNS)
        df["deleted"] = df["deleted"].astype(bool)
        df["has_results"] = df["has_results"].astype(bool)
        return df.astype({"seed": "Int64", "replications": "Int64"})

    def show(self, name: str, *, team: str = DEFAULT_TEAM, version: int | None = None) -> Entry:
        """One version (the latest outside the trash by default, else the latest in it), with every version."""
        with self._connect() as conn:
            versions = tuple(r[0] for r in conn.execute(
                "SELECT version FROM entries WHERE team = ? AND name = ? ORDER BY version", (team, name)))
            if not versions:
                raise _not_found(team, name, conn)
            if version is None:
                row = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM entries WHERE team = ? AND name = ? "
                                   "ORDER BY deleted_at IS NOT NULL, version DESC LIMIT 1", (team, name)).fetchone()
            else:
                row = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM entries WHERE team = ? AND name = ? "
                                   "AND version = ?", (team, name, version)).fetchone()
        if row is None:
            raise LibraryError("version_not_found", f"{team}/{name} has no version {version} (versions: "
                               f"{', '.join(map(str, versions))})", team=team, name=name, version=version,
                               versions=list(versions))
        return _entry(row, versions)

    def entries(self, *, team: str | None = None, names: Iterable[tuple[str, str]] | None = None,
                include_trash: bool = False) -> list[Entry]:
        """Every version of the selected (team, name) pairs (all by default), oldest first."""
        with self._connect() as conn:
            rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM entries ORDER BY team, name, version").fetchall()
        wanted = None if names is None else {tuple(n) for n in names}
        if wanted is not None:
            present = {(r["team"], r["name"]) for r in rows}
            for t, n in sorted(wanted - present):
                raise _not_found(t, n)
        return [_entry(r) for r in rows
                if (team is None or r["team"] == team)
                and (wanted is None or (r["team"], r["name"]) in wanted)
                and (include_trash or r["deleted_at"] is None)]

    # trash ------------------------------------------------------------------------------------------------

    def delete(self, name: str, *, team: str = DEFAULT_TEAM) -> int:
        """Move every version of (team, name) to the trash; returns how many versions moved."""
        with self._write() as conn:
            n = conn.execute("UPDATE entries SET deleted_at = ? WHERE team = ? AND name = ? AND deleted_at IS NULL",
                             (_now(), team, name)).rowcount
            if n == 0:
                exists = conn.execute("SELECT 1 FROM entries WHERE team = ? AND name = ?", (team, name)).fetchone()
                if exists:
                    raise LibraryError("already_in_trash", f"{team}/{name} is already in the trash", team=team,
                                       name=name)
                raise _not_found(team, name, conn)
        return n

    def restore(self, name: str, *, team: str = DEFAULT_TEAM) -> int:
        """Bring every version of (team, name) back from the trash; returns how many came back."""
        with self._write() as conn:
            n = conn.execute("UPDATE entries SET deleted_at = NULL WHERE team = ? AND name = ? AND "
                             "deleted_at IS NOT NULL", (team, name)).rowcount
            if n == 0:
                exists = conn.execute("SELECT 1 FROM entries WHERE team = ? AND name = ?", (team, name)).fetchone()
                if exists:
                    raise LibraryError("not_in_trash", f"{team}/{name} is not in the trash", team=team, name=name)
                raise _not_found(team, name, conn)
        return n

    # export and import ------------------------------------------------------------------------------------

    def export_zip(self, *, team: str | None = None, names: Iterable[tuple[str, str]] | None = None,
                   include_trash: bool = False) -> bytes:
        """A zip of every version selected, one TOML scenario file each, and `manifest.json`."""
        chosen = self.entries(team=team, names=names, include_trash=include_trash)
        return _zip_entries(chosen)

    def import_zip(self, data: bytes | str | os.PathLike[str], *, team: str | None = None) -> ImportReport:
        """Import a zip made by `export_zip` (or any zip of scenario TOML files).

        The zip as a whole is refused (LibraryError) when it is too large, holds too many members,
        would expand beyond the cap, has a member path escaping its folder, a duplicate member or a
        bad manifest. Otherwise every scenario file is validated on its own: a bad one is reported
        in `problems` and nothing of it is imported. `team` puts every entry in that team. A version
        already in the library (same scenario, time and note) is skipped.
        """
        if team is not None:
            team = _clean_label(team, "team", MAX_TEAM)
        members, manifest = _read_zip(_zip_bytes(data))
        report = ImportReport()
        rows: list[tuple[str, dict[str, Any]]] = []
        by_file = {m.name: m for m in members}
        listed: set[str] = set()
        for item in manifest:
            listed.add(item["file"])
            member = by_file.get(item["file"])
            if member is None:
                report.problems.append(FileProblem(item["file"], LibraryError(
                    "file_missing", f"{_show(item['file'])}: listed in {MANIFEST} but not in the zip",
                    file=_show(item["file"]))))
                continue
            try:
                row = _import_row(member, item, team)
            except LibraryError as e:
                report.problems.append(FileProblem(member.name, e))
                continue
            rows.append((member.name, row))
        for member in members:
            if member.name in listed:
                continue
            try:
                row = _import_row(member, None, team)
            except LibraryError as e:
                report.problems.append(FileProblem(member.name, e))
                continue
            rows.append((member.name, row))
        if rows:
            with self._write() as conn:
                for file, row in rows:
                    same = conn.execute("SELECT version FROM entries WHERE team = ? AND name = ? AND "
                                        "scenario_toml = ? AND created_at = ? AND note = ?",
                                        (row["team"], row["name"], row["scenario_toml"], row["created_at"],
                                         row["note"])).fetchone()
                    if same:
                        report.skipped.append(ImportedEntry(file, row["team"], row["name"], same[0]))
                        continue
                    version = _insert(conn, row)
                    report.imported.append(ImportedEntry(file, row["team"], row["name"], version))
        return report


def _results_json(results: KpiSummary | None) -> str | None:
    return None if results is None else json.dumps(results, allow_nan=False, sort_keys=True)


def _insert(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    last = conn.execute("SELECT MAX(version) FROM entries WHERE team = ? AND name = ?",
                        (row["team"], row["name"])).fetchone()[0]
    version = (last or 0) + 1
    conn.execute(f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                 tuple(version if c == "version" else row[c] for c in _COLUMNS))
    return version


def _not_found(team: str, name: str, conn: sqlite3.Connection | None = None) -> LibraryError:
    others = [] if conn is None else [r[0] for r in conn.execute(
        "SELECT DISTINCT team FROM entries WHERE name = ? ORDER BY team", (name,))]
    hint = f" (it is in team {', '.join(repr(_show(t)) for t in others)})" if others else ""
    return LibraryError("not_found", f"no scenario named {_show(name)!r} in team {_show(team)!r}{hint}", team=team,
                        name=name, teams=others)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file up to `schema_version()`, one migration per transaction, in order."""
    latest = schema_version()
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > latest:
        raise LibraryError("library_newer", f"the library {path} was written by a newer ZMOT Lab (schema "
                           f"{found}; this one reads up to {latest})", path=str(path), found=found, supported=latest)
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    if found == latest:
        return
    for version, statements in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
            if version > current:
                for sql in statements:
                    conn.execute(sql)
                conn.execute(f"PRAGMA user_version = {int(version)}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


# --- zip ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Member:
    name: str
    data: bytes
    too_large: int = 0  # its size, when it is too large to read (it is then never expanded)


_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def _slug(text: str) -> str:
    s = _SLUG.sub("_", text).strip("._") or "_"
    return s[:60]


def _zip_entries(entries: list[Entry]) -> bytes:
    buf = io.BytesIO()
    used: set[str] = set()
    items = []
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for e in entries:
            base = f"{_slug(e.team)}/{_slug(e.name)}.v{e.version}"
            file, k = f"{base}.toml", 1
            while file.casefold() in used:
                k += 1
                file = f"{base}-{k}.toml"
            used.add(file.casefold())
            zf.writestr(file, e.scenario_toml)
            items.append({"file": file, "team": e.team, "name": e.name, "version": e.version, "note": e.note,
                          "seed": e.seed, "replications": e.replications, "created_at": e.created_at,
                          "deleted": e.deleted, "results": e.results})
        manifest = {"format": MANIFEST_FORMAT, "format_version": MANIFEST_VERSION, "exported_at": _now(),
                    "entries": items}
        zf.writestr(MANIFEST, json.dumps(manifest, indent=2, allow_nan=False))
    return buf.getvalue()


def _zip_bytes(data: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        if len(data) > MAX_ZIP_BYTES:
            raise _too_large(len(data))
        return data
    path = Path(data)
    try:
        size = path.stat().st_size
        if size > MAX_ZIP_BYTES:
            raise _too_large(size)
        with path.open("rb") as f:
            raw = f.read(MAX_ZIP_BYTES + 1)
    except OSError as e:
        raise LibraryError("zip_unreadable", f"cannot read {path}: {e.strerror or e}", file=str(path)) from None
    if len(raw) > MAX_ZIP_BYTES:
        raise _too_large(len(raw))
    return raw


def _too_large(size: int) -> LibraryError:
    return LibraryError("zip_too_large", f"the zip is too large ({size / 2**20:.1f} MiB; at most "
                        f"{MAX_ZIP_BYTES // 2**20} MiB)", size=size, limit=MAX_ZIP_BYTES)


def _eocd_count(data: bytes) -> int | None:
    """Members the end-of-central-directory record announces, read before zipfile builds its list."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if at < 0 or at + 22 > len(data):
        return None
    return struct.unpack("<H", data[at + 10: at + 12])[0]


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (name.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", name)) or ".." in parts
            or "\x00" in name)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, or None if it expands beyond `limit` (read in chunks, never past it)."""
    out = bytearray()
    with zf.open(info) as f:
        while chunk := f.read(64 * 1024):
            out += chunk
            if len(out) > limit:
                return None
    return bytes(out)


_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
               NotImplementedError, RuntimeError, struct.error, IndexError, KeyError, OverflowError)


def _read_zip(data: bytes) -> tuple[list[_Member], list[dict[str, Any]]]:
    """Members to import and the manifest's entries; the whole zip is refused on any zip-level problem."""
    count = _eocd_count(data)
    if count is not None and count > MAX_MEMBERS:
        raise _too_many(count)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as e:
        raise LibraryError("zip_invalid", f"not a zip file ({e})", reason=str(e)) from None
    with zf:
        try:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _too_many(len(infos))
            seen: set[str] = set()
            declared = 0
            for info in infos:
                if _unsafe(info.filename):
                    raise LibraryError("zip_unsafe_path", f"the zip holds a path leaving its folder: "
                                       f"{_show(info.filename)!r}", member=_show(info.filename))
                key = info.filename.replace("\\", "/").casefold()
                if key in seen:
                    raise LibraryError("zip_duplicate_member", f"the zip holds {_show(info.filename)!r} twice",
                                       member=_show(info.filename))
                seen.add(key)
                declared += max(0, info.file_size)
                if info.flag_bits & 0x1:
                    raise LibraryError("zip_encrypted", f"the zip is encrypted ({_show(info.filename)!r})",
                                       member=_show(info.filename))
            if declared > MAX_TOTAL_UNCOMPRESSED:
                raise _expands(declared)
            manifest: list[dict[str, Any]] = []
            members: list[_Member] = []
            total = 0
            for info in infos:
                name = info.filename
                if info.is_dir() or name.startswith("__MACOSX/"):
                    continue
                is_manifest = name == MANIFEST
                limit = MAX_MANIFEST_BYTES if is_manifest else MAX_SCENARIO_BYTES
                if info.file_size > limit:
                    if is_manifest:
                        raise LibraryError("manifest_invalid", f"{MANIFEST} is too large ({info.file_size:,} "
                                           f"bytes; at most {limit:,})", reason="too large")
                    members.append(_Member(name, b"", too_large=info.file_size))
                    continue
                room = MAX_TOTAL_UNCOMPRESSED - total
                raw = _read_member(zf, info, min(limit, room))
                if raw is None:  # it expands beyond what it declared
                    if room <= limit:
                        raise _expands(total + room + 1)
                    if is_manifest:
                        raise LibraryError("manifest_invalid", f"{MANIFEST} is too large (at most {limit:,} "
                                           "bytes)", reason="too large")
                    members.append(_Member(name, b"", too_large=limit + 1))
                    continue
                total += len(raw)
                if is_manifest:
                    manifest = _parse_manifest(raw)
                else:
                    members.append(_Member(name, raw))
        except LibraryError:
            raise
        except _ZIP_ERRORS as e:
            raise LibraryError("zip_invalid", f"the zip is damaged ({type(e).__name__}: {e})",
                               reason=str(e)) from None
    return members, manifest


def _too_many(n: int) -> LibraryError:
    return LibraryError("zip_too_many_members", f"the zip holds too many files ({n:,}; at most {MAX_MEMBERS:,})",
                        count=n, limit=MAX_MEMBERS)


def _expands(n: int) -> LibraryError:
    return LibraryError("zip_expands_too_much", f"the zip would expand to more than "
                        f"{MAX_TOTAL_UNCOMPRESSED // 2**20} MiB ({n / 2**20:,.0f} MiB declared or read); refused "
                        "before expanding it", size=n, limit=MAX_TOTAL_UNCOMPRESSED)


def _bad_manifest(reason: str) -> LibraryError:
    return LibraryError("manifest_invalid", f"{MANIFEST}: {reason}", reason=reason)


def _parse_manifest(raw: bytes) -> list[dict[str, Any]]:
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_constant=lambda c: None)
    except UnicodeDecodeError:
        raise _bad_manifest("not UTF-8 text") from None
    except RecursionError:
        raise _bad_manifest("nested too deeply") from None
    except ValueError as e:  # JSONDecodeError, or an integer beyond the digit limit
        raise _bad_manifest(f"not valid JSON ({e})") from None
    if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
        raise _bad_manifest(f"not a ZMOT Lab manifest (\"format\" must be {MANIFEST_FORMAT!r})")
    fv = doc.get("format_version")
    if isinstance(fv, bool) or not isinstance(fv, int) or fv < 1:
        raise _bad_manifest("\"format_version\" must be a whole number")
    if fv > MANIFEST_VERSION:
        raise _bad_manifest(f"written by a newer ZMOT Lab (format_version {fv}; this one reads up to "
                            f"{MANIFEST_VERSION})")
    items = doc.get("entries")
    if not isinstance(items, list):
        raise _bad_manifest("\"entries\" must be a list")
    if len(items) > MAX_MEMBERS:
        raise _bad_manifest(f"too many entries ({len(items):,}; at most {MAX_MEMBERS:,})")
    out, files, keys = [], set(), set()
    for i, item in enumerate(items):
        where = f"entry {i + 1}"
        if not isinstance(item, dict):
            raise _bad_manifest(f"{where} is not an object")
        file = item.get("file")
        if not isinstance(file, str) or not file or len(file) > 300 or _unsafe(file):
            raise _bad_manifest(f"{where}: \"file\" must be a path inside the zip")
        if file in files:
            raise _bad_manifest(f"{_show(file)!r} is listed twice")
        files.add(file)
        try:
            clean = {
                "file": file,
                "team": _clean_label(item.get("team", DEFAULT_TEAM), "team", MAX_TEAM),
                "name": _clean_label(item.get("name"), "name", MAX_NAME),
                "version": _clean_int(item.get("version"), "version", 1, 10**9),
                "note": _clean_note(item.get("note", "")),
                "seed": _clean_int(item.get("seed"), "seed", 0, MAX_SEED),
                "replications": _clean_int(item.get("replications"), "replications", 1, MAX_REPLICATIONS),
                "created_at": _clean_time(item.get("created_at")),
                "deleted": item.get("deleted", False),
                "results": kpi_summary(item.get("results")),
            }
        except LibraryError as e:
            raise _bad_manifest(f"{where} ({_show(file)}): {e.message}") from None
        if not isinstance(clean["deleted"], bool):
            raise _bad_manifest(f"{where} ({_show(file)}): \"deleted\" must be true or false")
        key = (clean["team"], clean["name"], clean["version"])
        if clean["version"] is not None:
            if key in keys:
                raise _bad_manifest(f"{where}: {clean['team']}/{clean['name']} v{clean['version']} is listed twice")
            keys.add(key)
        out.append(clean)
    out.sort(key=lambda c: (c["team"], c["name"], c["version"] or 0))
    return out


def _clean_time(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise LibraryError("time_invalid", "the time must be an ISO 8601 text")
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        raise LibraryError("time_invalid", f"the time {_show(value)!r} is not ISO 8601") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _import_row(member: _Member, item: dict[str, Any] | None, team: str | None) -> dict[str, Any]:
    """One file's entry row, fully validated (a LibraryError names the file)."""
    file = _show(member.name)
    if not member.name.lower().endswith(".toml"):
        raise LibraryError("file_not_scenario", f"{file}: not a scenario file (only .toml files and "
                           f"{MANIFEST} are read)", file=file)
    if member.too_large:
        raise LibraryError("file_too_large", f"{file}: too large ({member.too_large:,} bytes; at most "
                           f"{MAX_SCENARIO_BYTES:,})", file=file, size=member.too_large, limit=MAX_SCENARIO_BYTES)
    try:
        text = member.data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LibraryError("file_not_utf8", f"{file}: not UTF-8 text (byte {e.start})", file=file) from None
    if not text.strip():
        raise LibraryError("file_empty", f"{file}: empty", file=file)
    scenario, data = _validated_data(text, file)
    if item is not None:
        name = item["name"]
    else:  # the file's own name, else its file name
        stem = re.sub(r"\.v\d+$", "", Path(member.name.replace("\\", "/")).stem)
        name = scenario.name if isinstance(data.get("name"), str) else stem
        try:
            name = _clean_label(name, "name", MAX_NAME)
        except LibraryError as e:
            raise LibraryError(e.code, f"{file}: {e.message}", file=file, **e.params) from None
    _, toml_text = _scenario_text(scenario, name, file)
    return {"team": team or (item["team"] if item else DEFAULT_TEAM), "name": name, "scenario_toml": toml_text,
            "note": item["note"] if item else "", "seed": item["seed"] if item else None,
            "replications": item["replications"] if item else None,
            "created_at": (item["created_at"] if item else None) or _now(),
            "results_json": _results_json(item["results"] if item else None),
            "deleted_at": _now() if item and item["deleted"] else None}
