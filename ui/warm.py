"""Get the first screen ready early, once per server process.

Started in a background thread as soon as the app is first imported, the first screen's comparison
runs while the app imports the rest of itself and draws the sidebar; the first page then waits only for
what is left. Its results land in the same cache as every other run.

Where a cold first page spends its time on two cores (measured with `bench/ui_latency.py`, browser on
the same machine): about 0.7 s until the page's code is loaded and connected, then the script's imports
(about a second), the worker processes' start (about half a second) and the first screen's first
replications, all competing for the same two cores. So the warm-up starts the engine's worker pool (the
scheduler's, `jobs`, which every later run uses) before it imports anything else, without waiting for
the workers: it then queues the first screen at once, in batches small enough that a worker that starts
late takes its share of the work instead of holding up the end. Nobody waits for more than the first
screen's first replications: the rest is refined by one worker, the other core left to the first page.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st

LOG = logging.getLogger("zmot.ui")


def _warm() -> None:
    try:
        from sim.replicate import warm_up

        from . import jobs as J

        pool = J.scheduler().pool()  # first: the workers start and import the engine while this thread
        for _ in range(J.scheduler().workers):  # imports the rest (the presets, the cache)
            pool.submit(warm_up)

        from . import defaults as S
        from . import fields as fl
        from . import run as R

        scenarios = [fl.preset(n) for n in (*S.FIRST_PINS, S.FIRST_LIVE) if n in fl.presets()]
        todo = [s for s in scenarios if R.lookup(s, S.DEFAULT_SEED, S.DEFAULT_REPS, False) is None]
        if todo:  # jobs on the server's scheduler: the first pages hold the same jobs and wait for them
            R.compute(todo, S.DEFAULT_SEED, S.DEFAULT_REPS, False, whole=False)  # the first page refines them
    except Exception:  # only an optimisation: the page computes what it needs anyway
        LOG.debug("warm-up failed", exc_info=True)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Once per server process: warm the workers and compute the first screen in the background."""
    thread = threading.Thread(target=_warm, name="zmot-warm-up", daemon=True)
    thread.start()
    return thread
