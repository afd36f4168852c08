"""Where a waiting script lets Streamlit stop it for a newer input, without sending anything to the browser.

Streamlit stops a script for a newer input only at its yield points: each message to the page, and
each read of the session state. A wait that reported to the page every 50 ms to stay interruptible
made every open page redraw twenty times a second while the engine worked, and with eight sessions
in a room the browsers' redraws cost more than the engine. A read of the session state stops the
script just as well and costs the page nothing; the page hears only of real progress.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

_KEY = "_checkpoint"  # never set: reading it is the point


def checkpoint() -> None:
    """A point where a newer input (or a Stop) ends this run; nothing reaches the page."""
    st.session_state.get(_KEY)


def on_change(report: Callable[[int], None], steps: int = 100) -> Callable[[float], None]:
    """`report(step)` for a fraction done, called only when the step (of `steps`) changes; every call is a
    checkpoint."""
    last = [-1]

    def update(fraction: float) -> None:
        checkpoint()
        step = round(min(max(float(fraction), 0.0), 1.0) * steps)
        if step != last[0]:
            last[0] = step
            report(step)

    return update
