"""Facilitator board: every team's latest saved scenario in one comparison, for the projector.

The scenarios are rerun together on the page's seed and replications (from the cache when already
computed), so every difference is paired on common random numbers, whatever seed a team saved with.
The board is filterable by team, and refreshes itself a few seconds after a team saves (a fragment
watches the library's fingerprint, `Library.changed`), or at once with its Refresh button.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable

import streamlit as st

from sim.library_rules import LibraryError
from sim.presets import DEFAULT_PRESET
from sim.scenario_errors import ScenarioError

from .. import charts as C
from .. import fields as fl
from .. import jobs as J
from .. import report as RP
from .. import run as R
from .. import state as S
from .. import story
from .. import workshop as W
from ..text import kpi_label, t
from . import board_shift, takeaway
from .common import Ctx, show_chart
from .headline import HEADLINE, metric_label, summary_text

LOG = logging.getLogger("zmot.ui")
MAX_SCENARIOS = 12  # on one projector screen
REFRESH_S = 5  # how often the board looks for new saves
REFERENCE_COLOUR = "#666666"
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#B07AA1", "#8C564B",
           "#9C9C00", "#1F3A93", "#E377C2")  # Okabe-Ito first, then distinct darker hues
TEAMS = "board.teams"
REFERENCE = "board.reference"
_CSS = """<style>
.zmot-board {width:100%;border-collapse:collapse;font-size:1.15rem;line-height:1.25}
.zmot-board th,.zmot-board td {padding:.35rem .5rem;border-bottom:1px solid #e6e6e6;text-align:right;vertical-align:top}
.zmot-board thead th {font-weight:600;font-size:1rem} .zmot-board thead th:first-child {text-align:left}
.zmot-board tbody th {text-align:left;font-weight:400;min-width:11rem}
.zmot-board .ci,.zmot-board .tag {color:#666;font-size:.8em}
.zmot-board .good {color:#09814a;font-size:.8em} .zmot-board .bad {color:#c0392b;font-size:.8em}
.zmot-board .flat {color:#666;font-size:.8em} .zmot-board .hl {background:#fff3c4}
@container (max-width: 1100px) { /* a 1280-pixel screen, sidebar open: smaller type */
 .zmot-board {font-size:.95rem} .zmot-board thead th {font-size:.85rem}
 .zmot-board th,.zmot-board td {padding:.3rem .3rem} .zmot-board tbody th {min-width:7rem}
}
</style>"""


def _changed(seen: str) -> bool:
    """Whether the library changed since the board was drawn (an unreadable library: not as far as we know)."""
    try:
        return W.library().changed() != seen
    except LibraryError:
        return False


@st.fragment(run_every=REFRESH_S)
def _watch(seen: str) -> None:
    """Every few seconds: a whole-page rerun when the library changed since the board was drawn."""
    if _changed(seen):
        st.rerun(scope="app")


def _follow(seen: str, clock: Callable[[], float] = time.monotonic) -> Callable[[bool], None]:
    """The watcher's work while the page's script waits at its end (`orchestrate.while_waiting`).

    Streamlit runs a fragment's timed rerun only once the page's script is done, and in a busy room the
    work a page waits for at its end (a refinement, the split's neighbours) is work that can wait: the
    projector's page once sat in such a wait for over a minute, and its board showed none of the teams'
    saves meanwhile. This hook, called while the script waits, looks at the library every `REFRESH_S` and
    redraws the page when it changed."""
    due = [clock() + REFRESH_S]

    def look(final: bool) -> None:
        if final or clock() < due[0]:
            return
        due[0] = clock() + REFRESH_S
        if _changed(seen):
            st.rerun()
    return look


def _latest(lib, teams: list[str]) -> tuple[list, int]:
    """The latest version of every (team, name) outside the trash, the most recent first, and how many."""
    df = lib.list()
    if teams:
        df = df[df["team"].isin(teams)]
    df = df.sort_values("created_at", ascending=False)
    total = len(df)
    out = []
    for r in df.head(MAX_SCENARIOS).itertuples(index=False):
        out.append(lib.show(r.name, team=r.team, version=int(r.version)))
    return sorted(out, key=lambda e: (e.team.casefold(), e.name.casefold())), total


def colours(order: list[tuple[str, str]], shown: list[tuple[str, str]]) -> list[str]:
    """The colour of each shown (team, name): the palette's colour at its rank in the library's save order
    (`Library.save_order`), so a scenario keeps its colour whatever the team filter and whoever saves next.
    Past the palette's length two ranks share a colour: the later one, when both are shown, takes the next
    colour free on screen."""
    rank = {p: i for i, p in enumerate(order)}
    picked: dict[tuple[str, str], int] = {}
    for p in sorted(shown, key=lambda p: rank.get(p, len(order))):
        c = rank.get(p, len(order)) % len(COLOURS)
        while c in picked.values() and len(picked) < len(COLOURS):
            c = (c + 1) % len(COLOURS)
        picked[p] = c
    return [COLOURS[picked[p]] for p in shown]


def _items(lang: str, entries: list, reference: bool, order: list[tuple[str, str]]) -> list[S.Shown]:
    items = []
    if reference:
        items.append(S.Shown("ref", t(lang, "ws.board_reference_label"), fl.preset(DEFAULT_PRESET), REFERENCE_COLOUR,
                             True, DEFAULT_PRESET, True))
    hues = colours(order, [(e.team, e.name) for e in entries])
    for i, (e, colour) in enumerate(zip(entries, hues, strict=True)):
        try:
            sc = e.scenario
        except (ScenarioError, LibraryError) as err:
            st.warning(t(lang, "ws.board_skipped", name=f"{e.team} · {e.name}", error=W.error_text(lang, err)))
            continue
        items.append(S.Shown(f"b{i}", f"{e.team} · {e.name}"[:80], sc, colour, True, DEFAULT_PRESET, True))
    return items


def _results(lang: str, items: list[S.Shown], seed: int, replications: int) -> tuple[list, list]:
    """Each scenario's results on one seed and replication count (common random numbers)."""
    found, missing = {}, {}
    for s in items:
        d = R.lookup(s.scenario, seed, replications, False)
        if d is None:
            missing[s.id] = s.scenario
        else:
            found[s.id] = d
    if missing:
        too_large = R.check(list(missing.values()), replications, lang, {s.scenario.name: s.label for s in items})
        if too_large:
            st.error(t(lang, "run_too_large", error=too_large))
            return [], []
        with st.spinner(t(lang, "ws.board_running", n=len(missing), r=replications)):
            try:
                for k, d in zip(missing, R.compute(list(missing.values()), seed, replications, False), strict=True):
                    found[k] = d
            except J.TimeLimit as e:  # the server's time limit: said, not retried
                st.warning(t(lang, "limits.timeout_none", limit=f"{J.time_limit():g}", done=e.done, total=e.total))
            except Exception:  # one bad scenario must not hide the others
                LOG.exception("board run failed")
                for k, sc in missing.items():
                    try:
                        found[k] = R.compute([sc], seed, replications, False)[0]
                    except Exception as e:
                        LOG.exception("board run failed")
                        name = next(s.label for s in items if s.id == k)
                        st.warning(t(lang, "ws.board_failed", name=name, error=R.describe_error(e)))
    shown = [s for s in items if s.id in found]
    return shown, [found[s.id] for s in shown]


def board(ctx: Ctx) -> None:
    """The guided story's way in, then the board."""
    story.chooser(ctx.lang)
    st.divider()
    _board(ctx)


def _board(ctx: Ctx) -> None:
    lang = ctx.lang
    try:
        lib = W.library()
        stamp = lib.changed()
        teams = lib.teams()
    except LibraryError as e:
        st.error(W.error_text(lang, e) + " " + t(lang, "ws.nothing_lost"))
        return
    st.subheader(t(lang, "ws.board_title"))
    st.caption(t(lang, "ws.board_intro", seed=ctx.seed, r=ctx.replications))
    c1, c2 = st.columns([3, 3], vertical_alignment="bottom")
    chosen = c1.multiselect(t(lang, "ws.board_teams"), teams, key=TEAMS, placeholder=t(lang, "ws.all_teams"))
    row = c2.container(horizontal=True, vertical_alignment="center")  # wraps on a narrow screen
    reference = row.toggle(t(lang, "ws.board_reference"), value=True, key=REFERENCE)
    row.button(t(lang, "ws.board_refresh"), key="board.refresh", help=t(lang, "ws.board_refresh_help"),
              icon=":material/refresh:")
    _watch(stamp)
    from .. import orchestrate  # imports the views: only when drawing
    orchestrate.while_waiting(_follow(stamp))
    try:
        entries, total = _latest(lib, [x for x in chosen if x in teams])
        order = lib.save_order()
    except LibraryError as e:
        st.error(W.error_text(lang, e))
        return
    if not entries:
        st.info(t(lang, "ws.board_empty"))
        return
    if total > len(entries):
        st.caption(t(lang, "ws.board_too_many", n=len(entries), total=total))
    items, data = _results(lang, _items(lang, entries, reference, order), ctx.seed, ctx.replications)
    if not items:
        return
    bctx = Ctx(lang, items, data, 0, ctx.seed, ctx.replications)
    _figures(bctx)
    st.caption(t(lang, "ws.board_stamp", time=datetime.datetime.now().strftime("%H:%M:%S")))
    takeaway.download(bctx, "board", title=t(lang, "ws.report_board_title"))


def _figures(ctx: Ctx) -> None:
    lang = ctx.lang
    kpis = R.kpi_table(ctx.data, ctx.labels)
    diffs = R.paired_differences(ctx.data, ctx.labels, ctx.base)
    weeks = ctx.data[ctx.base].horizon_weeks
    st.markdown(f"#### {t(lang, 'ws.board_table_title')}")
    columns = [(k, metric_label(lang, k, weeks)) for k in HEADLINE]
    table = RP.headline_table(kpis, diffs, columns, ctx.labels, ctx.colours, ctx.base, lang)
    wrap = "overflow-x:auto;container-type:inline-size"  # too wide a table scrolls in its own box, not the page
    st.markdown(f'{_CSS}<div class="zmot-board-wrap" style="{wrap}">{table}</div>', unsafe_allow_html=True)
    st.caption(t(lang, "ws.report_headline_note", base=ctx.labels[ctx.base], r=ctx.replications))
    if len(ctx.items) > 1:
        rows = RP.difference_rows(kpis, diffs, ctx.labels, ctx.base, HEADLINE, lang)
        others = [i for i in range(len(ctx.items)) if i != ctx.base]
        if not rows.empty:
            show_chart("board-differences", lambda w: C.differences(
                rows, category="kpi", order=[kpi_label(lang, k) for k in HEADLINE],
                labels=[ctx.labels[i] for i in others], colours=[ctx.colours[i] for i in others],
                value_title=t(lang, "axis.rel_diff"), title=t(lang, "ws.board_chart"), width=w),
                rows, ctx)
        with st.expander(t(lang, "summary_title")):
            st.markdown(summary_text(ctx, diffs.set_index(["scenario", "kpi"])))
    board_shift.shift_view(ctx)
