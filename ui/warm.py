"""Start the engine's worker processes early, once per server process.

Spawning the workers and importing the engine in each takes about a second. Started in the
background when the first page begins, it overlaps with the app's own imports and drawing instead
of delaying the first results. The workers are joblib's reusable pool, which `sim.compare` then uses.
"""

from __future__ import annotations

import logging
import os
import threading
import time

import streamlit as st

LOG = logging.getLogger("zmot.ui")
PAUSE = 0.2  # s: long enough that every worker gets a task (and so imports the engine)


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
    except Exception:  # only an optimisation
        LOG.debug("worker warm-up failed", exc_info=True)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Once per server process: warm the workers in a background thread."""
    thread = threading.Thread(target=_warm, name="zmot-warm-workers", daemon=True)
    thread.start()
    return thread
