"""ZMOT Lab in the browser: `streamlit run app.py` serves the page (`ui/page.py`), ready before anyone asks.

A workshop's server starts before the room arrives. Started with the server (`st.App`'s lifespan), a
background thread loads the page's code and warms the engine (`ui.warm`: the worker processes, the first
screen's scenarios) while nobody waits: the first visitor then gets what every later one gets, instead
of paying for the imports, the workers' start and the first run. The server answers from its first
second all the same: a page that arrives before the thread is done waits only for what is left.
"""

from __future__ import annotations

import gc
import importlib
import logging
import pkgutil
from contextlib import asynccontextmanager

import anyio
import streamlit as st

PAGE = "ui/page.py"
LOG = logging.getLogger("zmot.ui")


def _ready() -> None:
    try:
        import ui
        from ui import warm

        warm.start()  # the workers first: they start while the page's code is imported below
        for module in pkgutil.walk_packages(ui.__path__, "ui."):
            if module.name != "ui.page":  # the page itself is a script, run per session
                importlib.import_module(module.name)
        gc.freeze()  # the modules live as long as the server: no garbage collection need scan them again
    except Exception:  # only an optimisation: the first page loads what it needs anyway
        LOG.debug("preload failed", exc_info=True)


@asynccontextmanager
async def _lifespan(_app: st.App):
    await anyio.to_thread.run_sync(_ready)
    yield


app = st.App(PAGE, lifespan=_lifespan)
