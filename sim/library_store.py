"""The scenario library's SQLite file: where it lives, its schema and migrations, and how it is opened.

Where it lives: the `path` argument (the CLI's `--library PATH`), else the `ZMOT_LIBRARY` environment
variable, else `library.sqlite3` in the user's data directory (`platformdirs`, app name "zmot-lab").
Its schema version is `PRAGMA user_version`, brought up to date by the `MIGRATIONS` list, in order.
WAL mode and a busy timeout let several processes (the app's server, the CLI) write at once.

Kept apart from the library's operations (`sim.library`) so that the file's layout and its upkeep are
read in one place. No Streamlit.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .library_rules import LibraryError

APP_NAME = "zmot-lab"
ENV_VAR = "ZMOT_LIBRARY"
FILE_NAME = "library.sqlite3"
BUSY_TIMEOUT_S = 30.0  # a writer waits this long for another to finish before giving up


# --- where the file lives ----------------------------------------------------------------------------------

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


# --- its schema ----------------------------------------------------------------------------------------------

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


def migrate(conn: sqlite3.Connection, path: Path) -> None:
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


# --- opening it ------------------------------------------------------------------------------------------------

@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A short connection to the file; any SQLite failure becomes a `LibraryError`."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as e:
        raise LibraryError("library_open", f"cannot open the library {path}: {e}", path=str(path),
                           reason=str(e)) from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA synchronous = FULL")
        yield conn
    except sqlite3.DatabaseError as e:
        code = "library_corrupt" if "not a database" in str(e) or "malformed" in str(e) else "library_io"
        raise LibraryError(code, f"the library {path} cannot be used: {e}", path=str(path),
                           reason=str(e)) from None
    finally:
        conn.close()


@contextmanager
def write_transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction, taking the write lock at once (so version numbers cannot collide)."""
    with connect(path) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
