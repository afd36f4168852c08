"""Access in a shared room: a workshop code before anything is shown, a facilitator code for the rest.

Codes come from the server's environment (`ZMOT_WORKSHOP_CODE`, `ZMOT_FACILITATOR_CODE`) or from
Streamlit's secrets (`workshop_code`, `facilitator_code` in `.streamlit/secrets.toml`), the environment
first. Without any code the app is a single-user tool: no gate, and its one user may do everything.

- With a workshop code, `gate` shows only a password field until the workshop code (or the facilitator
  code) is typed. With a facilitator code, `facilitator_box` in the sidebar unlocks the facilitator's
  actions for this browser session; other engineers' views ask `is_facilitator()` and `can_delete(entry)`.
- A typed code is compared in constant time (`hmac.compare_digest`, against both codes every time),
  never logged, never put in the link (a password widget's value stays in the session), and its widget
  is emptied once checked.
- Wrong codes are rate-limited per browser session and per client address (Streamlit's
  `st.context.ip_address`, when it has one), with a delay that doubles after each wrong code (1 s, 2 s,
  4 s... up to `MAX_DELAY_S`). During the delay a code is refused without being compared.
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections.abc import Collection
from typing import Any

import streamlit as st

from . import text_room  # noqa: F401 (registers the strings)
from .text import t

ENV_WORKSHOP = "ZMOT_WORKSHOP_CODE"
ENV_FACILITATOR = "ZMOT_FACILITATOR_CODE"
SECRET_WORKSHOP = "workshop_code"
SECRET_FACILITATOR = "facilitator_code"
MAX_DELAY_S = 60.0
ADDRESS_FREE_FAILS = 5  # a client address (a whole room behind one NAT) gets this many wrong codes free

ROLE = "_access_role"  # None, "participant" or "facilitator"
CODE = "access.code"  # the gate's password field
FAC_CODE = "access.facilitator_code"  # the sidebar's facilitator field
_MSG = "_access_msg"
_FAILS = "_access_fails"
_UNTIL = "_access_until"

PARTICIPANT, FACILITATOR = "participant", "facilitator"


def _setting(env: str, secret: str) -> str:
    value = os.environ.get(env, "")
    if not value:
        try:
            value = str(st.secrets.get(secret, "") or "")
        except Exception:  # no secrets file: Streamlit raises rather than returning nothing
            value = ""
    return value.strip()


def codes() -> tuple[str, str]:
    """(workshop code, facilitator code), '' where none is set."""
    return _setting(ENV_WORKSHOP, SECRET_WORKSHOP), _setting(ENV_FACILITATOR, SECRET_FACILITATOR)


def enabled() -> bool:
    """Whether the server was started with any code (a workshop room rather than a single-user tool)."""
    return any(codes())


def role() -> str | None:
    return st.session_state.get(ROLE)


def is_facilitator() -> bool:
    """Whether this browser session may do the facilitator's actions (delete others' library entries,
    manage the board). Always true without a facilitator code: a single-user tool has one user."""
    _, fac = codes()
    return not fac or role() == FACILITATOR


def can_delete(entry: Any, own: Collection[tuple[str, str]] = ()) -> bool:
    """Whether this session may delete a library entry (`sim.library_entries.Entry` or a mapping with 'team'
    and 'name'): the facilitator any entry; a participant only those in `own`, the (team, name) pairs it
    saved itself. A team's name is whatever a participant types, so it proves nothing: naming itself "red"
    must not let one team trash another's work."""
    if is_facilitator():
        return True
    get = entry.get if isinstance(entry, dict) else lambda k: getattr(entry, k, None)
    return (get("team"), get("name")) in own


# --- Rate limiting -----------------------------------------------------------------------------------


class _Limiter:
    """Wrong codes per client address, server-wide (sessions are per browser tab and cost nothing)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.fails: dict[str, int] = {}
        self.until: dict[str, float] = {}

    def wait(self, address: str | None) -> float:
        with self.lock:
            return max(0.0, self.until.get(address or "", 0.0) - time.monotonic()) if address else 0.0

    def failed(self, address: str | None) -> None:
        if not address:
            return
        with self.lock:
            n = self.fails[address] = self.fails.get(address, 0) + 1
            if n > ADDRESS_FREE_FAILS:
                self.until[address] = time.monotonic() + delay(n - ADDRESS_FREE_FAILS)
            if len(self.fails) > 10_000:  # never grows without bound
                self.fails.clear()
                self.until.clear()

    def succeeded(self, address: str | None) -> None:
        if address:
            with self.lock:
                self.fails.pop(address, None)
                self.until.pop(address, None)


@st.cache_resource(show_spinner=False)
def _limiter() -> _Limiter:
    return _Limiter()


def delay(fails: int) -> float:
    """Seconds to wait after `fails` wrong codes: 1, 2, 4, ... up to MAX_DELAY_S."""
    return min(MAX_DELAY_S, 2.0 ** max(0, fails - 1))


def _address() -> str | None:
    try:
        return st.context.ip_address or None
    except Exception:
        return None


def _wait_left() -> float:
    ss = st.session_state
    return max(ss.get(_UNTIL, 0.0) - time.monotonic(), _limiter().wait(_address()), 0.0)


def check(typed: str) -> str | None:
    """The role a typed code grants, else None; rate-limited (see the module's note). Sets the message."""
    ss = st.session_state
    left = _wait_left()
    if left > 0:
        ss[_MSG] = ("access.wait", {"sec": f"{left:.0f}" if left >= 1 else "1"})
        return None
    workshop, fac = codes()
    given = typed.encode("utf-8")
    # Both comparisons always run, in constant time: nothing to learn from how long a refusal took.
    is_fac = bool(fac) and hmac.compare_digest(given, fac.encode("utf-8"))
    is_part = bool(workshop) and hmac.compare_digest(given, workshop.encode("utf-8"))
    address = _address()
    if is_fac or is_part:
        ss[_FAILS] = 0
        ss[_UNTIL] = 0.0
        ss[_MSG] = None
        _limiter().succeeded(address)
        return FACILITATOR if is_fac else PARTICIPANT
    n = ss[_FAILS] = ss.get(_FAILS, 0) + 1
    ss[_UNTIL] = time.monotonic() + delay(n)
    _limiter().failed(address)
    ss[_MSG] = ("access.wrong", {"sec": f"{delay(n):.0f}"})
    return None


def _on_code(key: str) -> None:
    ss = st.session_state
    typed = str(ss.get(key) or "").strip()  # as the codes set: a code pasted with a space still opens
    ss[key] = ""  # the code never stays in the session's widget state
    if not typed:
        return
    granted = check(typed)
    if granted == FACILITATOR or (granted == PARTICIPANT and role() != FACILITATOR):
        ss[ROLE] = granted


def _message(lang: str) -> None:
    msg = st.session_state.get(_MSG)
    if msg:
        st.error(t(lang, msg[0], **msg[1]))


def gate(lang: str) -> bool:
    """True when the app may be shown; otherwise draws the code field alone and returns False."""
    workshop, _ = codes()
    if not workshop or role() in (PARTICIPANT, FACILITATOR):
        return True
    st.title(t(lang, "app_title"))
    st.write(t(lang, "access.prompt"))
    with st.form("access.form", clear_on_submit=False, border=False):
        st.text_input(t(lang, "access.label"), type="password", key=CODE, autocomplete="off")
        st.form_submit_button(t(lang, "access.submit"), on_click=_on_code, args=(CODE,))
    _message(lang)
    return False


def facilitator_box(lang: str) -> None:
    """In the sidebar: the facilitator's code field (when one is set), or that the session has it."""
    _, fac = codes()
    if not fac:
        return
    with st.expander(t(lang, "access.facilitator"), expanded=False):
        if role() == FACILITATOR:
            st.caption(t(lang, "access.facilitator_on"))
            return
        with st.form("access.facilitator_form", border=False):
            st.text_input(t(lang, "access.facilitator_label"), type="password", key=FAC_CODE, autocomplete="off")
            st.form_submit_button(t(lang, "access.submit"), on_click=_on_code, args=(FAC_CODE,))
        _message(lang)
