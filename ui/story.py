"""The guided story on screen: a panel above the scenarios with the step, its figure and its question,
back and next buttons, and a link per step (`?story=workshop&step=3`).

A step sets every scenario on screen (the pins and the live scenario), the baseline and the open view,
so it shows the same thing whether it is reached by Next, by Back or by its link; it is applied in a
button's callback or, for a link, once when the session starts, always before the widgets are drawn. A
story file that cannot be used (`ui.story_file`) is explained in the user's language and changes nothing
on screen.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import streamlit as st

import sim

from . import report as RP
from . import run as R
from . import state as S
from . import story_file as SF
from . import text_workshop  # noqa: F401 (registers the workshop's strings)
from .formats import diff, value
from .text import kpi_label, t

LOG = logging.getLogger("zmot.ui")
ACTIVE = "_story"  # {"name": str, "step": int (0-based)}
_MSG = "_story_msg"
_LINK_DONE = "_story_link_done"
_SCROLL = "_story_scroll"  # set when a button opens a step: the panel then brings itself into view, once
PICK = "story.pick"

# A step opened from below (Start the story at the board's foot, Next under a tall figure) keeps the page
# where it was, with the step's title and figure out of sight: the panel scrolls to the top of the window.
_SCROLL_JS = """<script data-nonce="NONCE">
(() => { const panel = document.querySelector('.st-key-story-panel'); if (!panel) return;
  const top = panel.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight / 3) panel.scrollIntoView({block: 'start'}); })();
</script>"""
# A figure card's label is its scenario's full name. Streamlit cuts a metric's label to one line with an
# ellipsis: at 1280 px with the sidebar open, the third card of the workshop's step 3 read "Nurture and two
# reps to market…" and the room could not tell which scenario it was. In the story panel a label wraps
# instead (a word too long for its card breaks), its help icon at its first line; the cards stretch to one
# height (`height="stretch"`) and the label takes the spare room, so every card's figure and difference stay
# on one line across the row, however many lines each name takes.
_CARDS_CSS = """<style>
.st-key-story-panel [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
.st-key-story-panel [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p
  {white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere}
.st-key-story-panel [data-testid="stMetric"] > div {display: flex; flex-direction: column; height: 100%}
.st-key-story-panel [data-testid="stMetricLabel"] {flex-grow: 1; align-content: start; align-items: start}
</style>"""


def _views() -> list[str]:
    from .views import VIEWS  # imported late: the views import this module

    return list(VIEWS)


def error_text(lang: str, e: SF.StoryError) -> str:
    parts = []
    for where, key, params in e.problems:
        try:
            text = t(lang, key, **params)
        except (KeyError, IndexError, ValueError):
            text = t(lang, "ws.story_err.other", reason=str(params)[:200])
        parts.append(f"`{where}`: {text}" if where else text)
    return t(lang, "ws.story_bad_file", file=e.file, error=" · ".join(parts))


def _load(name: str, lang: str) -> SF.Story:
    return SF.load(name, lang, _views())


def link(name: str, step: int, lang: str) -> str:
    """The query string of a step (1-based), in the language on screen."""
    q = f"?story={name}&step={step + 1}"
    return q + (f"&lang={lang}" if lang != "en" else "")


def apply(name: str, step: int, lang: str) -> bool:
    """Set the scenarios, baseline and view of a step (0-based); False (and a message) when it cannot be."""
    ss = st.session_state
    try:
        story = _load(name, lang)
    except SF.StoryError as e:
        ss[_MSG] = ("error", error_text(lang, e))
        return False
    if not 0 <= step < len(story.steps):
        ss[_MSG] = ("warning", t(lang, "ws.story_bad_step", step=step + 1, n=len(story.steps)))
        step = 0
    s = story.steps[step]
    try:
        pinned, live = s.pinned(), s.live()
    except Exception as e:  # the file changed between validation and now: say so, change nothing
        LOG.exception("story step failed")
        ss[_MSG] = ("error", t(lang, "ws.story_bad_file", file=name, error=str(e)[:300]))
        return False
    for p in S.pins():  # the step's scenarios replace the pins
        S.remove_pin(p.id)
    for sc in pinned:
        S.pin_scenario(sc, named=True)
    S.load_scenario(live, named=True)
    ids = [p.id for p in S.pins()] + [S.LIVE]
    ss[S.BASE] = ids[s.baseline - 1] if s.baseline - 1 < len(ids) else ids[0]
    ss[S.VIEW_ID] = s.view
    ss.pop(S.VIEW, None)  # the tabs follow the id
    ss[ACTIVE] = {"name": name, "step": step}
    ss[S.LINK_EXTRA] = {"story": name, "step": str(step + 1)}
    return True


def _into_view() -> None:
    """The panel brings itself into view on the next draw (a nonce new each time, so the browser runs the
    script again); only after a button: a link opens the page at its top, the panel in sight."""
    st.session_state[_SCROLL] = uuid.uuid4().hex


def start(name: str, lang: str) -> None:
    """Callback: the story's first step."""
    if apply(name, 0, lang):
        _into_view()


def go(delta: int, lang: str) -> None:
    """Callback of Back and Next."""
    a = st.session_state.get(ACTIVE)
    if a and apply(a["name"], a["step"] + delta, lang):
        _into_view()


def end() -> None:
    ss = st.session_state
    ss.pop(ACTIVE, None)
    ss.pop(S.LINK_EXTRA, None)


def from_link(lang: str) -> None:
    """Once per session, before the widgets: a link's `story=` and `step=` open that step."""
    ss = st.session_state
    if ss.get(_LINK_DONE):
        return
    ss[_LINK_DONE] = True
    q = st.query_params.to_dict()
    if "story" not in q:
        return
    raw = q.get("step", "1")
    try:
        step = int(raw) - 1
    except ValueError:
        step = -1
    apply(q["story"], step, lang)


def chooser(lang: str) -> None:
    """The facilitator's way in: pick a story, start it."""
    names = SF.available()
    st.markdown(f"#### {t(lang, 'ws.story_title')}")
    if not names:
        st.info(t(lang, "ws.story_none", folder=str(SF.folder())))
        return
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    name = c1.selectbox(t(lang, "ws.story_pick"), names, key=PICK, format_func=lambda n: _title(n, lang))
    try:
        story = _load(name, lang)
    except SF.StoryError as e:  # said before the story starts; the button stays off
        st.error(error_text(lang, e))
        story = None
    c2.button(t(lang, "ws.story_start"), key="story.start", on_click=start, args=(name, lang),
              help=t(lang, "ws.story_start_help"), icon=":material/play_arrow:", disabled=story is None)
    if story is not None and story.intro:
        st.caption(story.intro)


def _title(name: str, lang: str) -> str:
    """A story's title in the picker; its file's name when the file cannot be read (explained below it)."""
    try:
        return _load(name, lang).title
    except SF.StoryError:
        return name


def panel(lang: str, ctx: Any, box) -> None:
    """The open step, drawn in `box` (above the scenarios): step, text, highlighted figure, question."""
    ss = st.session_state
    msg = ss.pop(_MSG, None)
    if msg:
        getattr(box, msg[0])(msg[1])
    a = ss.get(ACTIVE)
    if not a:
        return
    try:
        story = _load(a["name"], lang)
    except SF.StoryError as e:
        box.error(error_text(lang, e))
        return
    i = min(a["step"], len(story.steps) - 1)
    s = story.steps[i]
    with box.container(border=True, key="story-panel"):
        st.html(_CARDS_CSS)
        st.caption(f"{story.title} · {t(lang, 'ws.story_step', i=i + 1, n=len(story.steps))}")
        st.markdown(f"### {s.title}")
        if s.text:
            st.markdown(s.text)
        _figure(lang, s.highlight, ctx)
        st.info(f"**{t(lang, 'ws.story_question')}** — {s.question}", icon=":material/forum:")
        row = st.container(horizontal=True, vertical_alignment="center")
        row.button(t(lang, "ws.story_back"), key="story.back", on_click=go, args=(-1, lang), disabled=i == 0)
        row.button(t(lang, "ws.story_next"), key="story.next", on_click=go, args=(1, lang),
                   disabled=i >= len(story.steps) - 1, type="primary")
        row.button(t(lang, "ws.story_end"), key="story.end", on_click=end)
        row.caption(t(lang, "ws.story_link", link=link(a["name"], i, lang)))
        nonce = ss.pop(_SCROLL, None)
        if nonce:
            st.html(_SCROLL_JS.replace("NONCE", nonce), unsafe_allow_javascript=True)


def _figure(lang: str, kpi: str, ctx: Any) -> None:
    """The step's figure for every scenario on screen, with its paired difference to the baseline."""
    st.markdown(t(lang, "ws.story_look", kpi=kpi_label(lang, kpi)))
    if ctx is None:
        return
    unit = sim.KPI_BY_NAME[kpi].unit if kpi in sim.KPI_BY_NAME else ""
    diffs = R.paired_differences(ctx.data, ctx.labels, ctx.base).set_index(["scenario", "kpi"])
    cols = st.columns(max(1, len(ctx.items)))
    for i, (col, item, d) in enumerate(zip(cols, ctx.items, ctx.data, strict=False)):
        mean, lo, hi = d.kpi(kpi)
        ci = t(lang, "delta_ci", lo=value(lo, unit, lang), hi=value(hi, unit, lang))
        if i == ctx.base or (item.label, kpi) not in diffs.index:
            col.metric(item.label, value(mean, unit, lang), delta=t(lang, "baseline_delta"), delta_color="off",
                       delta_arrow="off", border=True, height="stretch", help=ci)
            continue
        r = diffs.loc[(item.label, kpi)]
        clear = bool(r["ci_low"] > 0 or r["ci_high"] < 0)  # within noise: grey and no arrow ('↑ 0.0 pts')
        col.metric(item.label, value(mean, unit, lang), delta=diff(r["mean"], unit, lang),
                   delta_color=RP.delta_colour(kpi) if clear else "off", delta_arrow="auto" if clear else "off",
                   border=True, height="stretch", help=ci)
