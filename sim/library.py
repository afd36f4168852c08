"""The scenario library: saved scenarios, per team and name, with versions, a trash, zip export and import.

One embedded SQLite file (standard library `sqlite3`, WAL mode, a busy timeout) so that several
processes (the app's server, the CLI) can save at once without losing anything. Where it lives, its
schema and its migrations are `library_store`'s; it is created on first use. The entries handed back
are `library_entries`'.

Nothing is overwritten in place: saving under an existing (team, name) adds a version; deleting
moves every version of a (team, name) to the trash, from which `restore` brings them back.

A zip import is hostile input until proven otherwise: the zip itself is checked by `library_zip`
(size, members, expansion, paths, manifest) before anything is expanded; then every scenario file is
validated on its own by `library_import`: a bad file is reported by name and none of it is imported;
the others still are.

Every error is a `LibraryError` (a `ValueError`, from `library_rules` with the limits) with a one-line
message, a stable `code` and its `params`, for the app to translate. No Streamlit here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from typing import Any

import pandas as pd

from .library_entries import ENTRY_COLUMNS, Entry, ImportedEntry, ImportReport, entry_from_row, results_json
from .library_import import rows_to_import
from .library_rules import (
    DEFAULT_TEAM,
    MAX_REPLICATIONS,
    MAX_SEED,
    MAX_TEAM,
    LibraryError,
    clean_int,
    clean_label,
    clean_note,
    kpi_summary,
    now_text,
    scenario_text,
    shown,
)
from .library_store import connect, library_path, migrate, write_transaction
from .library_zip import read_zip, write_zip, zip_bytes
from .scenario import MAX_NAME, Scenario

_LIST_COLUMNS = ["team", "name", "version", "versions", "note", "seed", "replications", "created_at",
                 "deleted", "has_results"]
_VERSION_COLUMNS = ["version", "created_at", "note", "seed", "replications", "deleted", "has_results"]


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
        with connect(self.path) as conn:
            migrate(conn, self.path)

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
               "created_at": now_text(), "results_json": results_json(kpi_summary(results)), "deleted_at": None}
        with write_transaction(self.path) as conn:
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
        with connect(self.path) as conn:
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
        with connect(self.path) as conn:
            r = conn.execute("SELECT COUNT(*), MAX(id), SUM(deleted_at IS NOT NULL), MAX(deleted_at), "
                             "MAX(created_at) FROM entries").fetchone()
        return "|".join("" if v is None else str(v) for v in r)

    def teams(self) -> list[str]:
        with connect(self.path) as conn:
            return [r[0] for r in conn.execute("SELECT DISTINCT team FROM entries ORDER BY team")]

    def save_order(self) -> list[tuple[str, str]]:
        """Every (team, name), the trash's too, in the order of its first save: a rank that no later save,
        deletion or restore changes (the board colours scenarios by it)."""
        with connect(self.path) as conn:
            return [(r[0], r[1]) for r in conn.execute(
                "SELECT team, name FROM entries GROUP BY team, name ORDER BY MIN(id)")]

    def versions(self, name: str, *, team: str = DEFAULT_TEAM) -> pd.DataFrame:
        """Every version of (team, name), oldest first: version, created_at, note, seed, replications,
        deleted, has_results."""
        with connect(self.path) as conn:
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
        with connect(self.path) as conn:
            versions = tuple(r[0] for r in conn.execute(
                "SELECT version FROM entries WHERE team = ? AND name = ? ORDER BY version", (team, name)))
            if not versions:
                raise _not_found(team, name, conn)
            if version is None:
                row = conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries WHERE team = ? AND name = ? "
                                   "ORDER BY deleted_at IS NOT NULL, version DESC LIMIT 1", (team, name)).fetchone()
            else:
                row = conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries WHERE team = ? AND name = ? "
                                   "AND version = ?", (team, name, version)).fetchone()
        if row is None:
            raise LibraryError("version_not_found", f"{team}/{name} has no version {version} (versions: "
                               f"{', '.join(map(str, versions))})", team=team, name=name, version=version,
                               versions=list(versions))
        return entry_from_row(row, versions)

    def entries(self, *, team: str | None = None, names: Iterable[tuple[str, str]] | None = None,
                include_trash: bool = False) -> list[Entry]:
        """Every version of the selected (team, name) pairs (all by default), oldest first."""
        with connect(self.path) as conn:
            rows = conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries "
                                "ORDER BY team, name, version").fetchall()
        wanted = None if names is None else {tuple(n) for n in names}
        if wanted is not None:
            present = {(r["team"], r["name"]) for r in rows}
            for t, n in sorted(wanted - present):
                raise _not_found(t, n)
        return [entry_from_row(r) for r in rows
                if (team is None or r["team"] == team)
                and (wanted is None or (r["team"], r["name"]) in wanted)
                and (include_trash or r["deleted_at"] is None)]

    # trash ------------------------------------------------------------------------------------------------

    def delete(self, name: str, *, team: str = DEFAULT_TEAM) -> int:
        """Move every version of (team, name) to the trash; returns how many versions moved."""
        with write_transaction(self.path) as conn:
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
        with write_transaction(self.path) as conn:
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
        rows, problems = rows_to_import(*read_zip(zip_bytes(data)), team)
        report = ImportReport(problems=problems)
        if rows:
            with write_transaction(self.path) as conn:
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


def _insert(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    last = conn.execute("SELECT MAX(version) FROM entries WHERE team = ? AND name = ?",
                        (row["team"], row["name"])).fetchone()[0]
    version = (last or 0) + 1
    conn.execute(f"INSERT INTO entries ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})",
                 tuple(version if c == "version" else row[c] for c in ENTRY_COLUMNS))
    return version


def _not_found(team: str, name: str, conn: sqlite3.Connection | None = None) -> LibraryError:
    others = [] if conn is None else [r[0] for r in conn.execute(
        "SELECT DISTINCT team FROM entries WHERE name = ? ORDER BY team", (name,))]
    hint = f" (it is in team {', '.join(repr(shown(t)) for t in others)})" if others else ""
    return LibraryError("not_found", f"no scenario named {shown(name)!r} in team {shown(team)!r}{hint}", team=team,
                        name=name, teams=others)
