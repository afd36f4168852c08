"""The main area's views, one module each, and the tabs that hold them.

Views are identified by a stable id (`VIEWS`), never by their translated label: the session state
(`state.VIEW_ID`) and the link (`view=`) hold the id, and the tab labels follow the language. Only the
open tab is drawn (`st.tabs(..., on_change=...)`), so a rerun does the work of one view. Each view is
wrapped so that a failure shows a short message, never a traceback, and leaves the rest of the page
working.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from .. import state as S
from ..text import t
from . import about, board, calibration, funnel, headline, journey, library, matters, reps, shift
from .common import Ctx, guard
from .funnel import STAGES
from .headline import HEADLINE, comparison

DRAW: dict[str, Callable[[Ctx], None]] = {
    "headline": headline.headline,
    "funnel": funnel.funnel,
    "reps": reps.reps,
    "journey": journey.journey,
    "shift": shift.shift,
    "matters": matters.matters,
    "calibration": calibration.calibration,
    "library": library.library,  # the workshop: save, browse, load (ui.workshop)
    "board": board.board,  # the facilitator's board
    "about": about.about,
}
VIEWS = tuple(DRAW)  # the tabs, in order; ids used in the state, the link and the results marker
DETAIL_VIEWS = ("reps", "journey")  # views that draw per-buyer detail

__all__ = ["DETAIL_VIEWS", "HEADLINE", "STAGES", "VIEWS", "Ctx", "comparison", "tabs"]


def _on_tab(lang: str) -> None:
    """Callback of the tabs: remember the open view by its id."""
    ss = st.session_state
    labels = {t(lang, f"tab.{v}"): v for v in VIEWS}
    ss[S.VIEW_ID] = labels.get(ss.get(S.VIEW), VIEWS[0])


def tabs(ctx: Ctx) -> str:
    """Draw the open tab; returns its id."""
    lang = ctx.lang
    ss = st.session_state
    labels = [t(lang, f"tab.{v}") for v in VIEWS]
    current = S.view_id()
    if ss.get(S.VIEW) not in labels:  # a new language or a link: the widget follows the id
        ss.pop(S.VIEW, None)
    containers = st.tabs(labels, key=S.VIEW, default=labels[VIEWS.index(current)], on_change=_on_tab,
                         args=(lang,))
    opened = VIEWS[0]
    for view, container in zip(VIEWS, containers, strict=True):
        if container.open is False:
            continue
        opened = view
        with container:
            guard(lang, view, lambda v=view: DRAW[v](ctx))
    return opened
