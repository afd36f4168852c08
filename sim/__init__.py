"""ZMOT Lab's simulation engine: B2B buyers self-qualify to their Zero Moment of Truth.

The package runs without Streamlit: `run` and `compare` return tidy DataFrames; `python -m sim` is
its command line.
"""

from .experiment import Comparison, Results, RunTooLarge, compare, run
from .kpis import KPI_BY_NAME, KPIS
from .presets import DEFAULT_PRESET, ScenarioError, list_presets, load_preset, resolve
from .scenario import Policy, Scenario

__all__ = [
    "DEFAULT_PRESET",
    "KPIS",
    "KPI_BY_NAME",
    "Comparison",
    "Policy",
    "Results",
    "RunTooLarge",
    "Scenario",
    "ScenarioError",
    "compare",
    "list_presets",
    "load_preset",
    "resolve",
    "run",
]
