"""One replication in a worker process: simulate, then reduce to KPIs (and raw arrays if asked).

Kept apart from `experiment` so that a worker process imports only the model (numpy, SimPy,
pydantic), not pandas, SciPy or joblib: workers then start in a fraction of the time.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kpis import replication_kpis
from .model import simulate
from .records import Replication
from .scenario import Scenario


@dataclass(frozen=True)
class RepOut:
    replication: int
    kpis: dict[str, float]
    raw: Replication | None


def run_one(s: Scenario, seed: int, r: int, keep_raw: bool) -> RepOut:
    raw = simulate(s, seed, r)
    return RepOut(r, replication_kpis(raw, s), raw if keep_raw else None)


def run_batch(jobs: list[tuple[int, Scenario, int]], seed: int, keep_raw: bool) -> list[tuple[int, RepOut]]:
    return [(k, run_one(s, seed, r, keep_raw)) for k, s, r in jobs]


def warm_up() -> bool:
    """Nothing to do: importing this module in a worker was the point."""
    return True


_ENGINE_FILES = ("scenario.py", "sections.py", "streams.py", "curves.py", "groups.py", "reps.py", "buyers.py",
                 "records.py", "research.py", "sales_cycle.py", "model.py", "kpis.py", "replicate.py")


def engine_fingerprint() -> str:
    """A hash of the engine's source: two processes with the same one give the same numbers for the same
    seed (a Dask cluster's workers are checked against the client with it)."""
    import hashlib
    from pathlib import Path

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _ENGINE_FILES:
        h.update(name.encode())
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]
