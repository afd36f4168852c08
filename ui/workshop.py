"""The scenario library in the app: the library of this server, who may delete what, bringing an entry
into the controls or the pins, and the library's errors in the user's language.

The library is the engine's (`sim.library.Library`, one SQLite file: `ZMOT_LIBRARY` or the user's data
folder). A library error never reaches the screen as a traceback: `error_text` says it in the user's
language, and the action that failed changed nothing. Messages of a callback (which runs before the
page is drawn) wait in the session state until the page shows them (`flash`, `show_flash`).
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from sim.library import Library
from sim.library_entries import Entry
from sim.library_rules import LibraryError
from sim.library_store import library_path
from sim.scenario_errors import ScenarioError

from . import (
    access,
    text_workshop,  # registers the workshop's strings
)
from . import state as S
from .text import t

LOG = logging.getLogger("zmot.ui")
TEAM = "ws.team"  # this session's team (the save form's field)
TEAM_KEPT = "_ws_team"  # the same, kept while the library's tab is closed
OWN = "_ws_own"  # the (team, name) entries this session saved
_FLASH = "_ws_flash"


# --- The library ---------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(path: str) -> Library:
    return Library(path)


def library() -> Library:
    """This server's library (opened and migrated once per path); LibraryError when it cannot be."""
    return _open(str(library_path()))


def can_delete(entry: Entry | dict[str, Any]) -> bool:
    """Whether this session may move `entry` to the trash (or restore it): the one place the library
    views ask. The rule is `ui.access`'s: everyone without a facilitator code; with one, the facilitator
    any entry and a participant only the entries it saved in this browser session."""
    return access.can_delete(entry, own=st.session_state.get(OWN, set()))


def saved_here(team: str, name: str) -> None:
    """Remember that this session saved (team, name): its participant may trash it (`can_delete`)."""
    st.session_state.setdefault(OWN, set()).add((team, name))


# --- Errors and messages -------------------------------------------------------------------------------


def error_text(lang: str, e: Exception) -> str:
    """A library or scenario error in the user's language (the engine's English message as a fallback)."""
    if isinstance(e, LibraryError):
        params = {k: v for k, v in e.params.items() if isinstance(v, (str, int, float))}
        key = f"ws.err.{e.code}"
        if key in text_workshop.STRINGS["en"]:
            try:
                return t(lang, key, **{"name": "", "team": "", "version": "", "path": "", "reason": e.message,
                                       **params})
            except (KeyError, IndexError, ValueError):
                pass
        return t(lang, "ws.err.generic", message=e.message)
    if isinstance(e, ScenarioError):
        return t(lang, "ws.err.scenario_invalid", reason=str(e))
    return t(lang, "ws.err.generic", message=str(e)[:300])


def flash(kind: str, key: str, **kw: Any) -> None:
    """A message for the next drawing of the page (kind: success, info, warning, error)."""
    st.session_state.setdefault(_FLASH, []).append((kind, key, kw))


def flash_error(e: Exception) -> None:
    st.session_state.setdefault(_FLASH, []).append(("error", None, {"error": e}))


def show_flash(lang: str) -> None:
    """Show the waiting messages once, in the user's language."""
    for kind, key, kw in st.session_state.pop(_FLASH, []):
        text = t(lang, key, **kw) if key else f"{error_text(lang, kw['error'])} {t(lang, 'ws.nothing_lost')}"
        getattr(st, kind)(text)


# --- Entries into the app --------------------------------------------------------------------------------


def display_name(entry: Entry) -> str:
    """The name an entry takes on screen: its name, with its team (two teams may use one name)."""
    return f"{entry.name} ({entry.team})"[:80]


def _entry(team: str, name: str, version: int | None) -> Entry | None:
    try:
        e = library().show(name, team=team, version=version)
        e.scenario  # noqa: B018 (validated now, so that a bad entry changes nothing)
        return e
    except (LibraryError, ScenarioError) as err:
        LOG.info("library entry %s/%s v%s refused: %s", team, name, version, err)
        flash_error(err)
        return None


def load_entry(team: str, name: str, version: int | None = None) -> None:
    """Callback: the entry's inputs into the controls, under the entry's name."""
    e = _entry(team, name, version)
    if e is None:
        return
    S.load_scenario(e.scenario.model_copy(update={"name": display_name(e)}), named=True)
    flash("success", "ws.loaded", name=e.name, team=e.team, version=e.version)


def pin_entry(team: str, name: str, version: int | None = None) -> None:
    """Callback: the entry pinned beside the others (when a pin is free)."""
    e = _entry(team, name, version)
    if e is None:
        return
    if not S.pin_scenario(e.scenario.model_copy(update={"name": display_name(e)}), named=True):
        flash("warning", "ws.pins_full", n=S.MAX_PINS)
        return
    flash("success", "ws.pinned", name=e.name, team=e.team, version=e.version)


def _trash_action(team: str, name: str, restore: bool) -> None:
    """Move every version of (team, name) to the trash or back, if this session may."""
    if not can_delete({"team": team, "name": name}):
        flash("warning", "ws.delete_denied")
        return
    lib = library()
    try:
        n = (lib.restore if restore else lib.delete)(name, team=team)
    except LibraryError as e:
        flash_error(e)
        return
    flash("success", "ws.restored" if restore else "ws.deleted", name=name, team=team, n=n)


def delete_entry(team: str, name: str) -> None:
    """Callback: every version of (team, name) to the trash."""
    _trash_action(team, name, restore=False)


def restore_entry(team: str, name: str) -> None:
    """Callback: every version of (team, name) back from the trash."""
    _trash_action(team, name, restore=True)
