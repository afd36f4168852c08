"""Loading a scenario file into the live controls (the sidebar's uploader), with one message about it.

A file with every input (or `extends = "preset"`) replaces the live scenario; a partial file changes only
what it names, on top of the scenario on screen; an empty file changes nothing; a file that is not TOML
is refused in the user's language. Each says so, and a message belongs to the file it is about.
"""

from __future__ import annotations

import tomllib
from typing import Any

import streamlit as st

from sim.library_rules import MAX_SCENARIO_BYTES
from sim.presets import scenario_from_dict, scenario_from_toml
from sim.scenario_errors import ScenarioError

from . import errors as E
from . import fields as fl
from . import text_room  # noqa: F401 (registers the limits' strings)
from .state import NAME, PRESET, UPLOAD, closest_preset, live_data, live_named, seed_inputs

_UPLOAD_MSG = "_upload_msg"
MAX_UPLOAD_BYTES = MAX_SCENARIO_BYTES  # one scenario file, as the library's import; Streamlit's own cap is 1 MB


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in top.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _settings(raw: dict[str, Any]) -> int:
    """How many of a scenario's inputs a file sets (policy and every numeric field)."""
    n = int("policy" in raw)
    for f in fl.all_fields():
        try:
            fl.get(raw, f.path)
            n += 1
        except (KeyError, TypeError):
            pass
    return n


def on_upload() -> None:
    """Callback of the file uploader: load a TOML scenario, or explain why not and change nothing."""
    ss = st.session_state
    f = ss.get(UPLOAD)
    if f is None:
        ss[_UPLOAD_MSG] = None
        return

    def say(kind: str, key: str, **kw: Any) -> None:
        ss[_UPLOAD_MSG] = (kind, key, {"file": f.name, **kw}, f.file_id)

    if not f.name.lower().endswith(".toml"):
        return say("error", "upload_not_toml")
    if f.size > MAX_UPLOAD_BYTES:  # read no further: a scenario is about 3 KB
        return say("error", "limits.upload_too_large", size=f"{f.size / 1024:,.0f}", limit=MAX_UPLOAD_BYTES // 1024)
    try:
        text = f.getvalue().decode("utf-8")
    except UnicodeDecodeError:
        return say("error", "upload_not_text")
    try:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            scenario_from_toml(text, f.name)  # the engine's own message
            raise
        if not raw:
            return say("info", "upload_empty")
        total = len(fl.all_fields()) + 1
        n = _settings(raw)
        if "extends" in raw or n >= total:
            s = scenario_from_toml(text, f.name)
            partial = False
        else:
            s = scenario_from_dict({**_merge(live_data(), raw), "extends": None}, f.name)
            partial = True
    except ScenarioError as e:  # put into words when shown, in the language of the moment (ui.errors)
        return say("error", "upload_error", error=E.coded(e))
    except tomllib.TOMLDecodeError as e:
        msg = f"{f.name}: not valid TOML: {e}"
        return say("error", "upload_error", error=E.Coded((E.Problem("bad_toml", "", {"detail": str(e)}, msg),), msg))
    named = "name" in raw and str(raw["name"]) not in fl.presets()
    if partial:
        keep_name = live_named() and not named
        seed_inputs(s.model_copy(update={"name": ss.get(NAME)}) if keep_name else s, named=named or keep_name)
        return say("success", "upload_partial", n=n)
    ss[PRESET] = closest_preset(s)
    seed_inputs(s, named=named)
    return say("success", "upload_ok")


def upload_message() -> tuple[str, str, dict[str, Any]] | None:
    """The message about the file currently in the uploader, if any."""
    ss = st.session_state
    msg = ss.get(_UPLOAD_MSG)
    f = ss.get(UPLOAD)
    if not msg or f is None or msg[3] != f.file_id:
        return None
    return msg[0], msg[1], msg[2]


