"""The scenario library: saved scenarios, per team and name, with versions, a trash, zip export and import.

One embedded SQLite file (standard library `sqlite3`, WAL mode, a busy timeout) so that several
processes (the app's server, the CLI) can save at once without losing anything. Where it lives:
the `path` argument (the CLI's `--library PATH`), else the `ZMOT_LIBRARY` environment variable,
else `library.sqlite3` in the user's data directory (`platformdirs`, app name "zmot-lab"). It is
created on first use; its schema version is `PRAGMA user_version`, brought up to date by the
`MIGRATIONS` list, in order.

Nothing is overwritten in place: saving under an existing (team, name) adds a version; deleting
moves every version of a (team, name) to the trash, from which `restore` brings them back.

A zip import is hostile input until proven otherwise: the zip itself is checked by `library_zip`
(size, members, expansion, paths, manifest) before anything is expanded; then every scenario file is
validated on its own (its text encoding here, its TOML nesting and numbers by `library_rules`): a bad
file is reported by name and none of it is imported; the others still are.

Every error is a `LibraryError` (a `ValueError`, from `library_rules` with the limits) with a one-line
message, a stable `code` and its `params`, for the app to translate. No Streamlit here.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .library_rules import (
    DEFAULT_TEAM,
    MANIFEST,
    MAX_REPLICATIONS,
    MAX_SCENARIO_BYTES,
    MAX_SEED,
    MAX_TEAM,
    KpiSummary,
    LibraryError,
    clean_int,
    clean_label,
    clean_note,
    kpi_summary,
    now_text,
    scenario_text,
    shown,
    validated_data,
)
from .library_zip import Member, read_zip, write_zip, zip_bytes
from .presets import scenario_from_toml
from .scenario import MAX_NAME, Scenario

APP_NAME = "zmot-lab"
ENV_VAR = "ZMOT_LIBRARY"
FILE_NAME = "library.sqlite3"
BUSY_TIMEOUT_S = 30.0  # a writer waits this long for another to finish before giving up


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


# --- entries ---------------------------------------------------------------------------------------------


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
        clean_name = clean_label(name, "name", MAX_NAME) if name is not None else None
        sc, text = scenario_text(scenario, clean_name, "scenario")
        row = {"team": clean_label(team, "team", MAX_TEAM), "name": clean_name or clean_label(sc.name, "name",
                                                                                                MAX_NAME),
               "scenario_toml": text, "note": clean_note(note), "seed": clean_int(seed, "seed", 0, MAX_SEED),
               "replications": clean_int(replications, "replications", 1, MAX_REPLICATIONS),
               "created_at": now_text(), "results_json": _results_json(kpi_summary(results)), "deleted_at": None}
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
                             (now_text(), team, name)).rowcount
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
        return write_zip(chosen)

    def import_zip(self, data: bytes | str | os.PathLike[str], *, team: str | None = None) -> ImportReport:
        """Import a zip made by `export_zip` (or any zip of scenario TOML files).

        The zip as a whole is refused (LibraryError) when it is too large, holds too many members,
        would expand beyond the cap, has a member path escaping its folder, a duplicate member or a
        bad manifest. Otherwise every scenario file is validated on its own: a bad one is reported
        in `problems` and nothing of it is imported. `team` puts every entry in that team. A version
        already in the library (same scenario, time and note) is skipped.
        """
        if team is not None:
            team = clean_label(team, "team", MAX_TEAM)
        members, manifest = read_zip(zip_bytes(data))
        report = ImportReport()
        rows: list[tuple[str, dict[str, Any]]] = []
        by_file = {m.name: m for m in members}
        listed: set[str] = set()
        for item in manifest:
            listed.add(item["file"])
            member = by_file.get(item["file"])
            if member is None:
                report.problems.append(FileProblem(item["file"], LibraryError(
                    "file_missing", f"{shown(item['file'])}: listed in {MANIFEST} but not in the zip",
                    file=shown(item["file"]))))
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
    hint = f" (it is in team {', '.join(repr(shown(t)) for t in others)})" if others else ""
    return LibraryError("not_found", f"no scenario named {shown(name)!r} in team {shown(team)!r}{hint}", team=team,
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


def _import_row(member: Member, item: dict[str, Any] | None, team: str | None) -> dict[str, Any]:
    """One file's entry row, fully validated (a LibraryError names the file)."""
    file = shown(member.name)
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
    scenario, data = validated_data(text, file)
    if item is not None:
        name = item["name"]
    else:  # the file's own name, else its file name
        stem = re.sub(r"\.v\d+$", "", Path(member.name.replace("\\", "/")).stem)
        name = scenario.name if isinstance(data.get("name"), str) else stem
        try:
            name = clean_label(name, "name", MAX_NAME)
        except LibraryError as e:
            raise LibraryError(e.code, f"{file}: {e.message}", file=file, **e.params) from None
    _, toml_text = scenario_text(scenario, name, file)
    return {"team": team or (item["team"] if item else DEFAULT_TEAM), "name": name, "scenario_toml": toml_text,
            "note": item["note"] if item else "", "seed": item["seed"] if item else None,
            "replications": item["replications"] if item else None,
            "created_at": (item["created_at"] if item else None) or now_text(),
            "results_json": _results_json(item["results"] if item else None),
            "deleted_at": now_text() if item and item["deleted"] else None}
