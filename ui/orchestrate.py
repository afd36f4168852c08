"""Running the scenarios for a page: cache look-ups, one engine run for what is missing, its progress
and Stop button, the status line, the results marker and the precomputation of the split's neighbours.

Beside `run` (the cached engine runs themselves); drawing is left to `views`.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

import sim

from . import jobs as J
from . import run as R
from . import state as S
from .checkpoint import checkpoint, on_change
from .formats import value
from .text import t
from .views import DETAIL_VIEWS
from .views.common import Ctx

LOG = logging.getLogger("zmot.ui")
READY_ID = "zmot-results-ready"
BURST_GAP = 0.6  # s between two edits' runs: closer than this, the edits are one burst
QUIET = 0.35  # s: how long a run in a burst waits for the next edit before computing
_LAST_RUN = "_last_run_started"

_STOPPED = "_stopped_run"
_CONFIRMED = "_confirmed_run"
_REFINE = "_refine_jobs"  # jobs whose first replications are on screen, refined at the end of the script
_REFINED = "_refined_rerun"
_HOOKS = "_refine_hooks"  # a view's redraws while `refine` waits: hook(final) (the budget shift's curve)
_KEEP = "_keep_first"  # "Stop here" pressed during a long refinement
_KEPT = "_kept_runs"  # run key -> the results of fewer replications kept by "Stop here", while on screen


def _stop(run_id: str) -> None:
    st.session_state[_STOPPED] = run_id


def _resume() -> None:
    st.session_state[_STOPPED] = None


def _confirm(run_id: str) -> None:
    st.session_state[_CONFIRMED] = run_id


def _keep() -> None:
    st.session_state[_KEEP] = True


def _refine_kept() -> None:
    st.session_state[_KEPT] = {}


def own_rerun() -> bool:
    """Whether this run is the app's own, after a refinement (`refine`), rather than a person's action."""
    return bool(st.session_state.get(_REFINED))


def needs_detail() -> bool:
    """Whether the open tab draws per-buyer detail (known before the tabs are drawn: the state has it)."""
    return S.view_id() in DETAIL_VIEWS


def settle() -> float | None:
    """In a burst of edits, wait for the hands to pause before drawing: no flashing intermediate states.

    A run that starts within `BURST_GAP` s of the previous edit's run belongs to a burst: it draws
    nothing for `QUIET` s (returned: the monotonic time before which it holds its drawing), waiting at
    checkpoints where Streamlit drops this run for a newer input. Its engine work starts at once all
    the same (`fetch`): a dropped run's jobs are released, and the scheduler stops feeding a job nobody
    holds within one batch. By the end of the pause the last edit's first replications are usually
    computed: they are drawn at once, as for a single edit, and refined to the full count (the
    refinement changes no input). Only the last edit is drawn. A single edit at rest is not delayed.
    No wall clock decides any figure.
    """
    ss = st.session_state
    if ss.pop(_REFINED, False):  # the app's own rerun after a refinement: not an edit
        return None
    now = time.monotonic()
    last, ss[_LAST_RUN] = ss.get(_LAST_RUN), now
    if last is None or now - last > BURST_GAP:
        return None
    return now + QUIET


def _hold(until: float | None) -> None:
    """Draw nothing before `until` (a burst's pause, `settle`); a newer input stops this run meanwhile."""
    while until is not None and time.monotonic() < until:
        checkpoint()
        time.sleep(0.05)


def fetch(lang: str, items: list[S.Shown], seed: int, replications: int, status, line, detail: bool,
          hold: float | None = None) -> tuple[list[S.Shown], list[R.ScenarioData], float | None, bool]:
    """Results for every scenario, from the cache or from one engine run; errors said, not raised.

    Nothing is returned (so nothing drawn) before `hold`, the end of a burst's pause (`settle`); the
    engine works meanwhile.

    Returns the scenarios with results, their results, the seconds spent computing (None when all came
    from the cache) and whether the run was stopped by the user.
    """
    # `line`, the first slot of the status area, holds a run's progress and then the status line: one
    # line, always in the same place, never the new run's progress beside the last run's status line.
    note = line
    ss = st.session_state
    kept = ss.get(_KEPT) or {}
    found: dict[str, R.ScenarioData] = {}
    missing: dict[str, sim.Scenario] = {}
    keys = []
    for s in items:
        k = R.run_key(s.scenario, seed, replications, detail)
        keys.append(k)
        if k in found or k in missing:
            continue
        d = R.lookup(s.scenario, seed, replications, detail) or kept.get(k)
        if d is None:
            missing[k] = s.scenario
        else:
            found[k] = d
    ss[_KEPT] = {k: d for k, d in kept.items() if k in keys}  # a kept run stays while it is on screen
    if ss.pop(_KEEP, False):
        _keep_first(missing, found, seed, detail)
    J.scheduler().retain(R.session_id(), set(missing))  # what this session asked before and no longer needs
    ss[_REFINE] = []
    ss[_HOOKS] = []
    errors: dict[str, str] = {}
    seconds = None
    stopped = False
    if missing:
        verdict, message = R.guard(list(missing.values()), replications, lang,
                                   {s.scenario.name: s.label for s in items})
        run_id = "|".join(sorted(missing))
        if verdict == "refuse" or (verdict == "confirm" and ss.get(_CONFIRMED) != run_id):
            with status:
                if verdict == "refuse":  # one message for the whole run, not one identical box per scenario
                    st.error(t(lang, "limits.refused", error=message))
                else:
                    st.warning(t(lang, "limits.confirm", error=message))
                    st.button(t(lang, "limits.confirm_button"), key="run.confirm", on_click=_confirm, args=(run_id,))
            for k in missing:
                errors[k] = ""
        elif ss.get(_STOPPED) == run_id:
            with status:
                st.info(t(lang, "stopped"))
                st.button(t(lang, "run_button"), key="run.go", on_click=_resume)
            for k in missing:
                errors[k] = ""
            stopped = True
        else:
            seconds = _compute(lang, missing, seed, replications, detail, status, note, run_id, found, errors, hold)
    _hold(hold)  # figures from the cache wait for the hands too
    shown, data = [], []
    for s, k in zip(items, keys, strict=True):
        if k in found:
            shown.append(s)
            data.append(found[k])
        elif errors.get(k):
            status.error(t(lang, "run_failed", name=s.label, error=errors[k]))
    return shown, data, seconds, stopped


def _keep_first(missing: dict[str, sim.Scenario], found: dict[str, R.ScenarioData], seed: int,
                detail: bool) -> None:
    """"Stop here": the replications of this session's refining jobs finished so far become its results
    (kept while on screen, `_KEPT`), and the jobs are let go (nobody else holding them, they stop)."""
    sched, sid = J.scheduler(), R.session_id()
    for k in list(missing):
        job = sched.held(k, sid)
        if job is None:
            continue
        d = sched.collect(job, R.maker(missing[k], seed, detail, time.perf_counter()))
        sched.release(job, sid)
        if d is not None:
            found[k] = st.session_state[_KEPT][k] = d
            del missing[k]


def _compute(lang: str, missing: dict[str, sim.Scenario], seed: int, replications: int, detail: bool, status,
             note, run_id: str, found: dict[str, R.ScenarioData], errors: dict[str, str],
             hold: float | None) -> float:
    """Hold the missing scenarios' jobs on the server's scheduler and wait for them, or for their first
    replications (`jobs.first_reps`), which are shown at once and refined at the end of the script."""
    size = R.simulated_buyers(list(missing.values()), replications)
    t0 = time.perf_counter()
    text = t(lang, "status_running", n=len(missing), r=replications)
    if size > R.PROGRESS_BUYERS:
        box = note.container()  # the bar and its Stop button in one slot, emptied together when the run ends
        bar = box.progress(0.0, text=text)
        if size > R.LARGE_RUN_BUYERS:
            box.button(t(lang, "stop_button"), key="run.stop", on_click=_stop, args=(run_id,),
                       help=t(lang, "stop_help"))
        progress = on_change(lambda step: bar.progress(step / 100, text=text))
    else:
        note.caption(text)
        progress = on_change(lambda _step: None)  # a checkpoint only: a short run's line says enough

    sched, sid = J.scheduler(), R.session_id()
    first = J.first_reps(replications)
    # A burst's run draws nothing during its pause: meanwhile every core may work on its replications
    # (unless other sessions are at work: a room's cores go to their first figures first).
    whole = first is None or (hold is not None and not sched.others_active(sid))
    held = {k: sched.acquire(k, sc, seed, replications, detail, sid, whole=whole) for k, sc in missing.items()}
    jobs = list(held.values())

    def ready() -> bool:
        return all(j.over for j in jobs) or (first is not None and all(j.prefix() >= first for j in jobs))

    try:
        _hold(hold)
        while not sched.wait(jobs, ready, 0.05):
            progress(min(j.fraction() for j in jobs))
    except BaseException:  # a new input: this page no longer waits (another may still hold the work)
        for j in jobs:
            sched.release(j, sid)
        raise
    if whole and first is not None:  # after a burst's pause: the page draws, a core for it
        sched.want(jobs, sid, whole=False)
    timed_out = 0
    for k, j in held.items():
        make = R.maker(missing[k], seed, detail, t0)
        try:
            if j.state == "done":
                found[k] = sched.collect(j, make)
            elif j.state == "running":
                found[k] = sched.collect(j, make, first)
                st.session_state[_REFINE].append(j)  # refined at the end of the page, by work that can wait
            elif j.state == "timeout":
                timed_out = max(timed_out, 1)
                d = sched.collect(j, make)
                if d is not None:
                    found[k] = d
                else:
                    errors[k] = ""
            else:
                errors[k] = R.describe_error(j.error, lang) if j.error else "failed"
        except Exception as e:  # one bad scenario must not hide the others
            LOG.exception("simulation failed")
            errors[k] = R.describe_error(e, lang)
    if timed_out:
        done = min((found[k].replications for k in held if k in found), default=0)
        key = "limits.timeout" if done else "limits.timeout_none"
        status.warning(t(lang, key, limit=f"{J.time_limit():g}", done=done, total=replications))
    note.empty()
    return max(j.elapsed() for j in jobs)  # the engine's time, even for a job another page or run began


def status_line(lang: str, line, ctx: Ctx | None, seconds: float | None) -> None:
    """The status area's first slot, `line` (as given to `fetch`): what is on screen, or that it refines."""
    if ctx is None:
        return
    timing = t(lang, "status_timing", sec=f"{seconds:.1f}") if seconds is not None else ""
    done = ctx.done
    ss = st.session_state
    if ss.get(_REFINE) and done < ctx.replications:
        box = line.container()
        box.caption("⏳ " + t(lang, "limits.refining", done=done, total=ctx.replications))
        if R.simulated_buyers([s.scenario for s in ctx.items], ctx.replications) > R.LARGE_RUN_BUYERS:
            box.button(t(lang, "limits.keep_button"), key="run.keep", on_click=_keep,
                       help=t(lang, "limits.keep_help"))
        return
    if ss.get(_KEPT) and done < ctx.replications:
        box = line.container()
        box.caption("⏹ " + t(lang, "limits.kept", done=done, total=ctx.replications))
        box.button(t(lang, "limits.refine_button", total=ctx.replications), key="run.refine",
                   on_click=_refine_kept)
        return
    line.caption("✓ " + t(lang, "status_ready", n=len(ctx.items), r=ctx.replications, seed=ctx.seed,
                            timing=timing))


def ready_marker(ctx: Ctx | None, view: str, seconds: float | None, lang: str) -> None:
    """An invisible element, last on the page, that browser tests and benchmarks wait for.

    `data-results` changes whenever the figures on screen change (scenarios, seed, replications,
    baseline), so a test can wait for the new value after moving a slider.
    """
    key = "none" if ctx is None else "-".join([d.key[:8] for d in ctx.data] + [str(ctx.base)])
    wins = "" if ctx is None else value(ctx.data[-1].kpi("wins")[0], "buyers", "en")
    ms = "" if seconds is None else f"{seconds * 1000:.0f}"
    final = "0" if st.session_state.get(_REFINE) else "1"
    st.markdown(f'<div id="{READY_ID}" data-results="{key}" data-final="{final}" data-view="{view}" data-lang="{lang}" '
                f'data-compute-ms="{ms}" data-last-wins="{wins}" style="display:none"></div>', unsafe_allow_html=True)


def refine_later(jobs: list, hook) -> None:
    """A view's jobs refined at the end of the page like the run's own; `hook(final)` is called while
    waiting (to redraw) and once when they are over; the page then reruns."""
    ss = st.session_state
    J.scheduler().want(jobs, R.session_id(), whole=False)
    ss.setdefault(_REFINE, []).extend(jobs)
    ss.setdefault(_HOOKS, []).append(hook)


def while_waiting(hook) -> None:
    """`hook(final)` called while this page's script waits at its end (a refinement, the split's
    neighbours), as `refine_later`'s hooks are, but with no job of its own: a view's watch on the world
    outside (the board's library)."""
    st.session_state.setdefault(_HOOKS, []).append(hook)


def _wait_at_end(jobs: list, hooks: list, stop=None) -> None:
    """The page is drawn; wait for `jobs` to be over (or `stop()`), at checkpoints where a new input ends
    the run, calling the views' hooks (`refine_later`, `while_waiting`) meanwhile: a fragment's timed
    rerun waits for the script's end, so a hook does a watcher's work while the script waits."""
    sched = J.scheduler()
    while not sched.wait(jobs, lambda: all(j.over for j in jobs), 0.05):
        checkpoint()
        for hook in hooks:
            hook(False)
        if stop is not None and stop():
            return


def refine() -> None:
    """At the end of a script that showed a run's first replications: wait for the rest, then rerun the
    page, which collects the full run from the finished jobs. The page is drawn by now, so when no other
    session is at work the session waits for every replication and the refinement may take every core;
    in a room it stays work that can wait (`jobs`), leaving a core to the other pages. The rerun keeps
    every input as the session holds it; a new input interrupts the wait (`checkpoint`)."""
    ss = st.session_state
    jobs = ss.get(_REFINE) or []
    if not jobs:
        return
    sched, hooks, sid = J.scheduler(), ss.get(_HOOKS) or [], R.session_id()
    # The page is drawn: its refinement may take every core, unless other sessions are at work (a room's
    # cores then go to their pages and first figures first).
    if not sched.others_active(sid):
        sched.want(jobs, sid, whole=True)
    _wait_at_end(jobs, hooks)
    for hook in hooks:
        hook(True)
    ss[_REFINE] = []
    ss[_HOOKS] = []
    ss[_REFINED] = True
    st.rerun()


def speculate(live: sim.Scenario | None, seed: int, replications: int, detail: bool) -> None:
    """After the page is drawn (and refined), compute the live scenario one budget-split notch either way.

    Moving the split a notch at a time is the workshop's main gesture; with the neighbours in the cache
    the next move shows in a rerun's time. The neighbours are speculative jobs on the server's
    scheduler: any session's real request goes first, they never take the last free worker, and none
    are asked for while other sessions are at work (`jobs.Scheduler.others_active`). A new input
    interrupts the wait (the jobs are then dropped unless the new page asks for one of them).
    """
    from .inputs import split_neighbours

    refine()
    if live is None or J.scheduler().others_active(R.session_id()):  # a room at work: real requests only
        return
    # Each neighbour is its own run, so each is held to the size limit on its own.
    todo = [s for s in split_neighbours(live) if R.lookup(s, seed, replications, detail) is None
            and R.guard([s], replications)[0] == "ok" and R.simulated_buyers([s], replications) <= R.SPECULATE_BUYERS]
    if not todo:
        return
    sched, sid, t0 = J.scheduler(), R.session_id(), time.perf_counter()
    held = [(s, sched.acquire(R.run_key(s, seed, replications, detail), s, seed, replications, detail, sid,
                              speculative=True)) for s in todo]
    jobs = [j for _, j in held]
    # A room that starts work meanwhile ends the wait: its requests go first, and a page waiting for work
    # that yields to them could wait as long as the room works (its board frozen meanwhile).
    _wait_at_end(jobs, st.session_state.get(_HOOKS) or [], stop=lambda: sched.others_active(sid))
    for s, j in held:
        try:
            if j.state == "done":
                sched.collect(j, R.maker(s, seed, detail, t0))
        except Exception:  # only an optimisation
            LOG.debug("speculative run failed", exc_info=True)
        sched.release(j, sid)
