"""Running the scenarios for a page: cache look-ups, one engine run for what is missing, its progress
and Stop button, the status line, the results marker and the precomputation of the split's neighbours.

Beside `run` (the cached engine runs themselves); drawing is left to `views`.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

import sim

from . import run as R
from . import state as S
from . import warm
from .text import t, value
from .views import DETAIL_VIEWS
from .views.common import Ctx

LOG = logging.getLogger("zmot.ui")
READY_ID = "zmot-results-ready"
BURST_GAP = 0.6  # s between two runs' starts: closer than this, the edits are one burst
QUIET = 0.35  # s: how long a run in a burst waits for the next edit before computing
_LAST_RUN = "_last_run_started"

_STOPPED = "_stopped_run"


def _stop(run_id: str) -> None:
    st.session_state[_STOPPED] = run_id


def _resume() -> None:
    st.session_state[_STOPPED] = None


def needs_detail() -> bool:
    """Whether the open tab draws per-buyer detail (known before the tabs are drawn: the state has it)."""
    return S.view_id() in DETAIL_VIEWS


def settle(status) -> None:
    """In a burst of edits, wait for the hands to pause before drawing: no flashing intermediate states.

    A run that starts within `BURST_GAP` s of the previous one's start belongs to a burst: it waits
    `QUIET` s first, reporting to the page every 50 ms, which is where Streamlit drops this run for a
    newer input. The burst's last edit is then the only one drawn, and it settles about `QUIET` s after
    the hands stop. A single edit at rest is not delayed. No wall clock decides any figure.
    """
    ss = st.session_state
    now = time.monotonic()
    last, ss[_LAST_RUN] = ss.get(_LAST_RUN), now
    if last is None or now - last > BURST_GAP:
        return
    spot = status.empty()
    end = now + QUIET
    while time.monotonic() < end:
        spot.empty()  # a point where a newer input stops this run
        time.sleep(0.05)


def fetch(lang: str, items: list[S.Shown], seed: int, replications: int, status, detail: bool) -> tuple[
        list[S.Shown], list[R.ScenarioData], float | None, bool]:
    """Results for every scenario, from the cache or from one engine run; errors said, not raised.

    Returns the scenarios with results, their results, the seconds spent computing (None when all came
    from the cache) and whether the run was stopped by the user.
    """
    # The first slot of the status area holds a run's progress, whether or not this run computes: the
    # status line then always lands in the same place, and no faded line of the previous run lingers
    # below it while the script precomputes the split's neighbours (see `speculate`).
    note = status.empty()
    found: dict[str, R.ScenarioData] = {}
    missing: dict[str, sim.Scenario] = {}
    keys = []
    for s in items:
        k = R.run_key(s.scenario, seed, replications, detail)
        keys.append(k)
        if k in found or k in missing:
            continue
        d = R.lookup(s.scenario, seed, replications, detail)
        if d is None:
            missing[k] = s.scenario
        else:
            found[k] = d
    if missing:  # a warm-up in progress may be computing exactly these (the first screen)
        warm.wait()
        for k, sc in list(missing.items()):
            d = R.lookup(sc, seed, replications, detail)
            if d is not None:
                found[k] = d
                del missing[k]
    errors: dict[str, str] = {}
    seconds = None
    stopped = False
    if missing:
        too_large = R.check(list(missing.values()), replications, lang)
        run_id = "|".join(sorted(missing))
        if too_large:  # one message for the whole run, not one identical box per scenario
            status.error(t(lang, "run_too_large", error=too_large))
            for k in missing:
                errors[k] = ""
        elif st.session_state.get(_STOPPED) == run_id:
            with status:
                st.info(t(lang, "stopped"))
                st.button(t(lang, "run_button"), key="run.go", on_click=_resume)
            for k in missing:
                errors[k] = ""
            stopped = True
        else:
            seconds = _compute(lang, missing, seed, replications, detail, status, note, run_id, found, errors)
    shown, data = [], []
    for s, k in zip(items, keys, strict=True):
        if k in found:
            shown.append(s)
            data.append(found[k])
        elif errors.get(k):
            status.error(t(lang, "run_failed", name=s.label, error=errors[k]))
    return shown, data, seconds, stopped


def _compute(lang: str, missing: dict[str, sim.Scenario], seed: int, replications: int, detail: bool, status,
             note, run_id: str, found: dict[str, R.ScenarioData], errors: dict[str, str]) -> float:
    size = R.simulated_buyers(list(missing.values()), replications)
    t0 = time.perf_counter()
    text = t(lang, "status_running", n=len(missing), r=replications)
    with status:
        if size > R.PROGRESS_BUYERS:
            bar = note.progress(0.0, text=text)
            if size > R.LARGE_RUN_BUYERS:
                st.button(t(lang, "stop_button"), key="run.stop", on_click=_stop, args=(run_id,),
                          help=t(lang, "stop_help"))

            def progress(fraction: float) -> None:  # also where a Stop or a new input interrupts the run
                bar.progress(min(max(float(fraction), 0.0), 1.0), text=text)
        else:
            note.caption(text)
            progress = None

    keys, scenarios = list(missing), list(missing.values())
    try:
        for k, d in zip(keys, R.compute(scenarios, seed, replications, detail, progress), strict=True):
            found[k] = d
    except Exception as e:  # one bad scenario must not hide the others: run them one by one
        LOG.exception("simulation failed")
        if len(keys) == 1:
            errors[keys[0]] = R.describe_error(e, lang)
        else:
            for k, s in zip(keys, scenarios, strict=True):
                try:
                    found[k] = R.compute([s], seed, replications, detail)[0]
                except Exception as e1:
                    LOG.exception("simulation failed")
                    errors[k] = R.describe_error(e1, lang)
    note.empty()
    return time.perf_counter() - t0


def status_line(lang: str, status, ctx: Ctx | None, seconds: float | None) -> None:
    if ctx is None:
        return
    timing = t(lang, "status_timing", sec=f"{seconds:.1f}") if seconds is not None else ""
    status.caption("✓ " + t(lang, "status_ready", n=len(ctx.items), r=ctx.replications, seed=ctx.seed,
                            timing=timing))


def ready_marker(ctx: Ctx | None, view: str, seconds: float | None, lang: str) -> None:
    """An invisible element, last on the page, that browser tests and benchmarks wait for.

    `data-results` changes whenever the figures on screen change (scenarios, seed, replications,
    baseline), so a test can wait for the new value after moving a slider.
    """
    key = "none" if ctx is None else "-".join([d.key[:8] for d in ctx.data] + [str(ctx.base)])
    wins = "" if ctx is None else value(ctx.data[-1].kpi("wins")[0], "buyers", "en")
    ms = "" if seconds is None else f"{seconds * 1000:.0f}"
    st.markdown(f'<div id="{READY_ID}" data-results="{key}" data-view="{view}" data-lang="{lang}" '
                f'data-compute-ms="{ms}" data-last-wins="{wins}" style="display:none"></div>', unsafe_allow_html=True)


def speculate(live: sim.Scenario | None, seed: int, replications: int, detail: bool) -> None:
    """After the page is drawn, compute the live scenario one budget-split notch either way.

    Moving the split a notch at a time is the workshop's main gesture; with the neighbours in the cache
    the next move shows in a rerun's time. The work runs at the end of the script, after the results
    marker, in this process and one replication at a time; any new input interrupts it (each progress
    report is a point where Streamlit can stop the script), so it delays what the user asked for by one
    replication at most and never disturbs the worker pool that the user's own runs use.
    """
    from .inputs import split_neighbours

    if live is None:
        return
    # Each neighbour is its own run, so each is held to the size limit on its own (held together, the
    # two neighbours of the default scenario exceeded it, and a move after any other change never found
    # its result ready).
    todo = [s for s in split_neighbours(live) if R.lookup(s, seed, replications, detail) is None
            and not R.check([s], replications) and R.simulated_buyers([s], replications) <= R.SPECULATE_BUYERS]
    if not todo:
        return
    spot = st.empty()

    def progress(_fraction: float) -> None:
        spot.empty()  # a no-op for the page, and a point where a new input interrupts this run

    for s in todo:
        try:
            R.compute([s], seed, replications, detail, progress, n_jobs=1)
        except Exception:  # only an optimisation
            LOG.debug("speculative run failed", exc_info=True)

