"""ZMOT Lab's simulation engine: B2B buyers self-qualify to their Zero Moment of Truth.

The package runs without Streamlit: `run` and `compare` return tidy DataFrames; `python -m sim` is
its command line. Names are imported on first use, so that a worker process importing `sim.model`
does not pay for pandas and SciPy.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Comparison": "experiment", "Results": "experiment", "RunTooLarge": "experiment", "compare": "experiment",
    "run": "experiment", "sweep": "experiment", "KPI_BY_NAME": "kpis", "KPIS": "kpis",
    "DEFAULT_PRESET": "presets", "list_presets": "presets", "load_preset": "presets", "resolve": "presets",
    "Policy": "scenario", "Scenario": "scenario", "ScenarioError": "scenario_errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
