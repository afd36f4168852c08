"""ZMOT Lab's page, the script Streamlit runs for every browser session (served by `app.py`).

A thin shell: the session state (`ui.state`) and the link (`ui.link`), the sidebar (`ui.inputs`), the
runs of the `sim` engine for a page (`ui.orchestrate`, over the cache in `ui.run`), the scenario bar and
the views (`ui.views`). The first screen's presets are named in `ui.defaults`.
"""

from __future__ import annotations

import gc
import sys

import streamlit as st

from ui import text, warm

st.set_page_config(page_title="ZMOT Lab", page_icon="📈", layout="wide", initial_sidebar_state="expanded")
warm.start()  # the engine's workers start while the rest of the app is imported and drawn
starting = None
if "ui.views" not in sys.modules:  # a server's first page: a word on screen while the app imports itself
    lang = st.session_state.get(text.LANG_KEY) or st.query_params.get(text.LANG_KEY, "en")
    starting = st.empty()
    starting.caption("⏳ " + text.t(lang if lang in text.LANGS else "en", "starting"))

from ui import access as A  # noqa: E402
from ui import orchestrate as O  # noqa: E402
from ui import state as S  # noqa: E402
from ui import story, widget_text  # noqa: E402
from ui import views as V  # noqa: E402
from ui.inputs import render_sidebar  # noqa: E402
from ui.text import t  # noqa: E402
from ui.views import bar, takeaway  # noqa: E402

if starting is not None:  # this server process's first page: the app is now imported
    gc.freeze()  # its modules live as long as the server: no garbage collection need ever scan them again
    starting.empty()


def main() -> None:
    S.init()
    ss = st.session_state
    lang = ss.get(S.LANG) or "en"
    widget_text.show(lang)  # Streamlit's own texts (the uploader's, "Press Enter to apply") in the language
    if not A.gate(lang):  # a workshop code, when the server has one, before anything else is shown
        return
    story.from_link(lang)  # a link to a story's step sets its scenarios before the widgets are drawn
    live, live_error = S.live_scenario()
    render_sidebar(lang, live, live_error)
    with st.sidebar:
        A.facilitator_box(lang)

    bar.header(lang)
    for key, kw in S.notices(O.own_rerun()):  # what a link could not restore, until the next action
        st.warning(t(lang, "link_error", error=t(lang, key, **kw)))
    story_box = st.container()
    compare_box = st.container()  # the comparison table, first under the title: a projector's first screen
    items = S.shown(live, lang)
    bar.scenario_bar(lang, items, live_error)

    status = st.container()
    line = status.empty()  # the status area's first slot: a run's progress, then the status line
    seed, replications = int(ss.get(S.SEED, S.DEFAULT_SEED)), int(ss.get(S.REPS, S.DEFAULT_REPS))
    detail = O.needs_detail()
    hold = O.settle()
    shown, data, seconds, stopped = O.fetch(lang, items, seed, replications, status, line, detail, hold)
    ctx = None
    view = "none"
    if shown:
        base_id = S.baseline_id(items)
        ids = [s.id for s in shown]
        ctx = V.Ctx(lang, shown, data, ids.index(base_id) if base_id in ids else 0, seed, replications)
        O.status_line(lang, line, ctx, seconds)
        if len(shown) > 1:
            with compare_box:  # above the cards, which grow tall with five scenarios at 1280 px
                V.comparison(ctx)
        takeaway.download(ctx, "page")
        view = V.tabs(ctx)
    elif not stopped:
        st.info(t(lang, "no_results"))
    story.panel(lang, ctx, story_box)
    O.ready_marker(ctx, view, seconds, lang)
    S.sync_link(live)
    if not stopped:
        O.speculate(live, seed, replications, detail)


main()
