"""The app's defaults in one place: the first screen's presets, the experiment's defaults and limits.

The first screen's preset names are the engine's (`presets/*.toml`); they are named here only, so that
switching the first screen to other presets is a one-line change.
"""

from __future__ import annotations

import inspect

from sim.experiment import compare

FIRST_PINS = ("baseline_2011",)  # pinned on the first screen; the first pinned scenario is the baseline
FIRST_LIVE = "seed_advice"  # the live scenario of the first screen: the seed's whole advice
MAX_PINS = 4
LIVE = "live"  # the live scenario's id

# Defaults of the experiment come from the engine itself.
_COMPARE = inspect.signature(compare).parameters
DEFAULT_REPS: int = _COMPARE["replications"].default
DEFAULT_SEED: int = _COMPARE["seed"].default
MAX_REPS = 200  # replications: beyond this, intervals barely narrow and a workshop waits minutes
MAX_SEED = 2**32 - 1  # numpy's SeedSequence takes any non-negative int; links stay short
