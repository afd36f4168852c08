"""Get the first screen ready early, once per server process.

Spawning the engine's worker processes (and importing the engine in each) takes about a second, and
the first screen's comparison one more. Started in a background thread as soon as the app is first
imported, both overlap with the app's own imports and drawing; the first page then waits only for
what is left (`wait`). The workers are joblib's reusable pool, which `sim.compare` then uses, and the
first screen's results land in the same cache as every other run.
"""

from __future__ import annotations

import logging
import os
import threading
import time

import streamlit as st

LOG = logging.getLogger("zmot.ui")
PAUSE = 0.2  # s: long enough that every worker gets a task (and so imports the engine)
WAIT = 30.0  # s: the longest a page waits for the warm-up before running its own


def touch(pause: float) -> int:
    """Run in a worker: import the engine, hold the worker a moment."""
    import sim.experiment  # noqa: F401

    time.sleep(pause)
    return os.getpid()


def _warm() -> None:
    try:
        from joblib import Parallel, delayed

        from sim.experiment import default_jobs

        n = default_jobs()
        if n > 1:  # tasks that hold each worker a moment, so that every worker imports the engine
            Parallel(n_jobs=n, backend="loky")(delayed(touch)(PAUSE) for _ in range(n))

        from . import fields as fl
        from . import run as R
        from . import state as S

        scenarios = [fl.preset(n) for n in (*S.FIRST_PINS, S.FIRST_LIVE) if n in fl.presets()]
        todo = [s for s in scenarios if R.lookup(s, S.DEFAULT_SEED, S.DEFAULT_REPS, False) is None]
        if todo:
            R.compute(todo, S.DEFAULT_SEED, S.DEFAULT_REPS, False)
    except Exception:  # only an optimisation: the page computes what it needs anyway
        LOG.debug("warm-up failed", exc_info=True)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Once per server process: warm the workers and compute the first screen in the background."""
    thread = threading.Thread(target=_warm, name="zmot-warm-up", daemon=True)
    thread.start()
    return thread


def wait() -> None:
    """Before running anything itself, a page lets a warm-up in progress finish (it may hold the result)."""
    thread = start()
    if thread.is_alive():
        thread.join(WAIT)
