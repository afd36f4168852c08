"""Simulation runs for the app: cached, compact, cancellable, never a traceback on screen.

Each scenario's results are cached with `st.cache_data` under a key made of the scenario (without its
name and description, which change nothing), the seed, the number of replications and a fingerprint of
the engine's code. Replication i of a scenario does not depend on the other scenarios of the run
(`sim.streams`), so scenarios can be cached one by one and still be compared on common random numbers;
the scenarios missing from the cache run on the server's scheduler (`jobs`: one registry of the work in
flight, shared fairly between sessions), and the size guard is the engine's (`guard`).

What is cached is small (`ScenarioData`): the KPI table per replication and the summary; with `detail`,
also weekly bands, histograms and a sample of buyers for the timeline. The per-buyer tables (tens of
thousands of rows) are reduced once, when computed, so a rerun that hits the cache stays cheap. Detail
costs the engine a good third more time, so it is computed only for the views that draw it (rep load,
buyer journey); the headline and the funnel need only the KPIs, which keeps slider moves fast.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

import sim
from sim import figures as F
from sim.experiment import Results, RunTooLarge, check_size, estimate_work
from sim.scenario import Scenario

from . import jobs as J

LOG = logging.getLogger("zmot.ui")

CACHE_ENTRIES = 256  # scenarios kept per server (a few hundred kB each)
LARGE_RUN_BUYERS = 400_000  # a run simulating more buyers than this gets a Stop button
SPECULATE_BUYERS = 200_000  # a neighbour of the budget split is precomputed only if its run is this small
PROGRESS_BUYERS = 200_000  # and more than this a progress bar (reporting progress slows the engine a little)

_ENGINE_DIR = Path(sim.__file__).resolve().parent


def _fingerprint() -> str:
    h = hashlib.sha1()
    for p in sorted(_ENGINE_DIR.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


ENGINE = _fingerprint()  # a code change of the engine never serves stale results


def run_key(s: Scenario, seed: int, replications: int, detail: bool = False) -> str:
    body = s.model_dump_json(exclude={"name", "description"})
    return hashlib.sha1(f"{body}|{seed}|{replications}|{detail}|{ENGINE}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class ScenarioData:
    """What the views need of one scenario's replications."""

    key: str
    reps: int
    horizon_weeks: int
    hours_per_week: float
    replications: int
    seconds: float
    per_replication: pd.DataFrame  # replication x KPI
    summary: pd.DataFrame  # kpi, unit, mean, ci_low, ci_high, replications
    run_end_week: float  # end of the simulation, weeks from its start (warm-up included)
    kpis: dict[str, tuple[float, float, float]]  # kpi -> (mean, ci_low, ci_high), for quick look-ups
    detail: bool = False  # the frames below are filled only with detail
    weekly: pd.DataFrame | None = None  # metric (utilization, queue_length), week, mean, ci_low, ci_high
    response: pd.DataFrame | None = None  # bucket, order, buyers_per_replication, share
    zmot: pd.DataFrame | None = None  # days (bin start), share
    journey: pd.DataFrame | None = None  # share_bin (bin start), share
    timeline: pd.DataFrame | None = None  # a sample of buyers of replication 1

    def kpi(self, name: str) -> tuple[float, float, float]:
        nan = math.nan
        return self.kpis.get(name, (nan, nan, nan))


# --- The cache ---------------------------------------------------------------------------------------


class _Miss(Exception):
    pass


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _cache(key: str, _data: ScenarioData | None = None) -> ScenarioData:
    """A keyed store: called with data it keeps it; called without, it raises _Miss if it has none."""
    if _data is None:
        raise _Miss
    return _data


def cached(key: str) -> ScenarioData | None:
    try:
        return _cache(key)
    except _Miss:
        return None


# --- Reducing an engine result ---------------------------------------------------------------------


def reduce(res: Results, key: str, seconds: float, detail: bool) -> ScenarioData:
    s = res.scenario
    ex = s.experiment
    extra = {}
    if detail:
        b = res.buyers
        extra = {"detail": True, "weekly": F.weekly_bands(res), "response": F.response_buckets(b, res.replications),
                 "zmot": F.zmot_histogram(b), "journey": F.journey_histogram(b), "timeline": F.timeline_sample(b)}
    return ScenarioData(
        key=key, reps=s.reps, horizon_weeks=ex.horizon_weeks, hours_per_week=s.sales.hours_per_week,
        replications=res.replications, seconds=seconds, per_replication=res.per_replication,
        summary=res.summary, run_end_week=float(ex.warmup_weeks + ex.horizon_weeks + ex.follow_up_weeks),
        kpis={str(r.kpi): (float(r.mean), float(r.ci_low), float(r.ci_high))
              for r in res.summary.itertuples(index=False)},
        **extra,
    )


# --- Running -----------------------------------------------------------------------------------------


def lookup(s: Scenario, seed: int, replications: int, detail: bool) -> ScenarioData | None:
    """A cached result good enough for the views: with detail if asked, else any."""
    found = cached(run_key(s, seed, replications, True))
    if found is None and not detail:
        found = cached(run_key(s, seed, replications, False))
    return found


def session_id() -> str:
    """This browser session's id (the scheduler's unit of fairness); 'server' outside a session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx is not None else f"{J.SERVER_WORK}{threading.get_ident()}"


def maker(s: Scenario, seed: int, detail: bool, t0: float) -> Callable[[Results, int], ScenarioData]:
    """What the scheduler makes of a job's first n replications: reduced and cached (an n-replication
    run: replication i does not depend on the others)."""
    def make(res: Results, n: int) -> ScenarioData:
        key = run_key(s, seed, n, detail)
        data = reduce(res, key, time.perf_counter() - t0, detail)
        _cache(key, data)
        return data
    return make


def compute(scenarios: Sequence[Scenario], seed: int, replications: int, detail: bool,
            progress: Callable[[float], None] | None = None, whole: bool = True) -> list[ScenarioData]:
    """Run the scenarios on the server's scheduler (`jobs`), sharing any already in flight; reduce and
    cache each. `progress(fraction)` may raise to stop waiting (the work goes on while others hold it).
    A run stopped by the time limit raises `jobs.TimeLimit`. Without `whole`, nobody is waiting for more
    than the first replications (the warm-up's first screen): the rest can wait (`jobs.Job.deferrable`)."""
    sched, sid, t0 = J.scheduler(), session_id(), time.perf_counter()
    held = [(s, sched.acquire(run_key(s, seed, replications, detail), s, seed, replications, detail, sid,
                              whole=whole)) for s in scenarios]
    jobs = [j for _, j in held]
    try:
        while not sched.wait(jobs, lambda: all(j.over for j in jobs), 0.05):
            if progress:
                progress(min(j.fraction() for j in jobs))
        out = []
        for s, j in held:
            if j.state != "done":
                if j.state == "failed" and j.error is not None:
                    raise j.error
                raise J.TimeLimit(j.prefix(), replications)
            out.append(sched.collect(j, maker(s, seed, detail, t0)))
        return out
    finally:
        for j in jobs:
            sched.release(j, sid)


def simulated_buyers(scenarios: Sequence[Scenario], replications: int) -> float:
    """The engine's own estimate of a run's work (simulated buyers x replications)."""
    return estimate_work(list(scenarios), replications)


CONFIRM_FACTOR = 4.0  # above the engine's limit and up to this multiple of it, a run asks to be confirmed


def guard(scenarios: Sequence[Scenario], replications: int, lang: str = "en",
          names: Mapping[str, str] | None = None) -> tuple[str, str | None]:
    """The engine's size guard for a run: ('ok', None), ('confirm', message) or ('refuse', message).

    The engine's one guard (`check_size`) decides; the app only chooses what to do with its verdict: a
    run up to CONFIRM_FACTOR times the engine's limit may be confirmed (and then runs forced, still
    within the time limit); a larger one, or a sales team beyond the model's bound, is refused. The
    message is in `lang`, from the error's code (`ui.errors`), naming scenarios as the page does (`names`).
    """
    from sim import experiment as E

    try:
        check_size(list(scenarios), replications)
        return "ok", None
    except RunTooLarge as e:
        message = describe_error(e, lang, names)
    if any(s.reps > E.MAX_REPS for s in scenarios):  # the model's own bound: never forced
        return "refuse", message
    work = E.estimate_work(list(scenarios), replications)
    return ("confirm" if work <= CONFIRM_FACTOR * E.max_buyer_runs() else "refuse"), message


def check(scenarios: Sequence[Scenario], replications: int, lang: str,
          names: Mapping[str, str] | None = None) -> str | None:
    """Why a run is too large, in `lang` (from the error's code, `ui.errors`), else None."""
    try:
        check_size(list(scenarios), replications)
    except RunTooLarge as e:
        return describe_error(e, lang, names)
    return None


def describe_error(e: BaseException, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
    """A one-line, user-readable account of an engine failure (the traceback goes to the server log);
    `names` maps the engine's scenario names to the labels on screen."""
    from .errors import coded, explain

    return explain(lang, coded(e), names)


# --- Comparisons -------------------------------------------------------------------------------------


def paired_differences(data: Sequence[ScenarioData], labels: Sequence[str], base: int) -> pd.DataFrame:
    """Scenario minus baseline, replication by replication, with its 95% interval (sim.stats)."""
    return _paired(tuple(d.key for d in data), tuple(labels), base, data)


@st.cache_data(max_entries=64, show_spinner=False)
def _paired(keys: tuple[str, ...], labels: tuple[str, ...], base: int, _data: Sequence[ScenarioData]
            ) -> pd.DataFrame:
    return F.paired_differences([d.per_replication for d in _data], labels, base)


def kpi_table(data: Sequence[ScenarioData], labels: Sequence[str]) -> pd.DataFrame:
    frames = [d.summary.assign(scenario=label) for d, label in zip(data, labels, strict=True)]
    if not frames:
        return pd.DataFrame(columns=["scenario", "kpi", "unit", "mean", "ci_low", "ci_high", "replications"])
    df = pd.concat(frames, ignore_index=True)
    return df[["scenario", "kpi", "unit", "mean", "ci_low", "ci_high", "replications"]]


# --- Calibration (only when its tab is open) ------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def _calibration(key: str, _scenario: Scenario, seed: int, replications: int) -> pd.DataFrame:
    from sim.calibrate import calibration_table

    return calibration_table(_scenario, replications, seed)


def calibration(s: Scenario, seed: int, replications: int) -> tuple[pd.DataFrame | None, str | None]:
    """The engine's table of published figures for `s`, or None and why not ('unavailable' if absent)."""
    try:
        import sim.calibrate  # noqa: F401
    except ImportError:
        return None, "unavailable"
    try:
        return _calibration(run_key(s, seed, replications), s, seed, replications), None
    except Exception as e:  # the engine's failure must not take the page down
        LOG.exception("calibration failed")
        return None, describe_error(e)
