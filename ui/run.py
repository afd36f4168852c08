"""Simulation runs for the app: cached, compact, cancellable, never a traceback on screen.

Each scenario's results are cached with `st.cache_data` under a key made of the scenario (without its
name and description, which change nothing), the seed, the number of replications and a fingerprint of
the engine's code. Replication i of a scenario does not depend on the other scenarios of the run
(`sim.streams`), so scenarios can be cached one by one and still be compared on common random numbers;
all the scenarios missing from the cache run together in one `sim.compare` call, spread over the cores.

What is cached is small (`ScenarioData`): the KPI table per replication and the summary; with `detail`,
also weekly bands, histograms and a sample of buyers for the timeline. The per-buyer tables (tens of
thousands of rows) are reduced once, when computed, so a rerun that hits the cache stays cheap. Detail
costs the engine a good third more time, so it is computed only for the views that draw it (rep load,
buyer journey); the headline and the funnel need only the KPIs, which keeps slider moves fast.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

import sim
from sim import figures as F
from sim.experiment import Results, RunTooLarge, check_size, compare, expected_buyers
from sim.scenario import Scenario

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


def compute(scenarios: Sequence[Scenario], seed: int, replications: int, detail: bool,
            progress: Callable[[float], None] | None = None, n_jobs: int | None = None) -> list[ScenarioData]:
    """Run the scenarios together (common random numbers), reduce and cache each result.

    When a run is interrupted from `progress` (Streamlit stops the script to rerun it), joblib kills its
    worker pool as the abandoned run is collected; the collection is forced here, before the next run,
    so that the next run gets a fresh pool instead of a pool shut down under its feet. A run that met a
    pool shut down by another session's interruption is retried once.
    """
    t0 = time.perf_counter()
    try:
        try:
            cmp = compare(list(scenarios), replications, seed, detail=detail, progress=progress, n_jobs=n_jobs)
        except Exception as e:
            if not _pool_shut_down(e):
                raise
            cmp = compare(list(scenarios), replications, seed, detail=detail, progress=progress, n_jobs=n_jobs)
    except BaseException as e:
        if not isinstance(e, Exception):  # an interruption: finish the abandoned run's clean-up now
            e.__traceback__ = None
            gc.collect()
        raise
    seconds = time.perf_counter() - t0
    out = []
    for res, s in zip(cmp.results, scenarios, strict=True):
        key = run_key(s, seed, replications, detail)
        data = reduce(res, key, seconds, detail)
        _cache(key, data)
        out.append(data)
    return out


def _pool_shut_down(e: BaseException) -> bool:
    while e is not None:
        if "shutdown" in str(e).lower() or type(e).__name__ == "ShutdownExecutorError":
            return True
        e = e.__cause__ or e.__context__
    return False


def simulated_buyers(scenarios: Sequence[Scenario], replications: int) -> float:
    return sum(expected_buyers(s) for s in scenarios) * replications


def check(scenarios: Sequence[Scenario], replications: int, lang: str = "en") -> str | None:
    """Why a run is too large, in `lang` (from the error's code, `ui.errors`), else None."""
    try:
        check_size(list(scenarios), replications)
    except RunTooLarge as e:
        return describe_error(e, lang)
    return None


def describe_error(e: BaseException, lang: str = "en") -> str:
    """A one-line, user-readable account of an engine failure (the traceback goes to the server log)."""
    from .errors import coded, explain

    return explain(lang, coded(e))


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
