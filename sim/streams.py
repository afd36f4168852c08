"""Random streams: one seed in, one independent stream per replication and per purpose.

`SeedSequence(seed).spawn` gives replication i the same child whatever the number of replications
and whatever the scenario, so scenarios compared on the same seed share random numbers (common random
numbers) purpose by purpose: a change of policy does not shift the buyers' arrivals or attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PURPOSES = ("arrivals", "buyers", "research", "decisions", "reps", "prospecting")


@dataclass(frozen=True)
class Streams:
    """The generators of one replication, one per purpose."""

    arrivals: np.random.Generator
    buyers: np.random.Generator
    research: np.random.Generator
    decisions: np.random.Generator
    reps: np.random.Generator
    prospecting: np.random.Generator


def replication_streams(seed: int, replication: int) -> Streams:
    """The streams of replication `replication` (0-based) under `seed`."""
    rep_seq = np.random.SeedSequence(seed, spawn_key=(replication,))
    children = rep_seq.spawn(len(PURPOSES))
    return Streams(**{name: np.random.default_rng(c) for name, c in zip(PURPOSES, children, strict=True)})


class Buffered:
    """Scalar draws served from pre-drawn blocks: numpy's per-call cost dominates single draws.

    Uniforms, unit exponentials and gammas of a fixed shape come from one generator, in blocks, so a
    sequence of calls is reproducible for a given seed.
    """

    __slots__ = ("_e", "_ei", "_g", "_gi", "_gshape", "_rng", "_u", "_ui")
    BLOCK = 4096

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._u: list[float] = []
        self._ui = 0
        self._e: list[float] = []
        self._ei = 0
        self._g: list[float] = []
        self._gi = 0
        self._gshape = 0.0

    def uniform(self) -> float:
        if self._ui >= len(self._u):
            self._u = self._rng.random(self.BLOCK).tolist()
            self._ui = 0
        self._ui += 1
        return self._u[self._ui - 1]

    def exponential(self, mean: float) -> float:
        if self._ei >= len(self._e):
            self._e = self._rng.standard_exponential(self.BLOCK).tolist()
            self._ei = 0
        self._ei += 1
        return self._e[self._ei - 1] * mean

    def standard_gamma(self, shape: float) -> float:
        """Gamma draw of unit scale for a shape that seldom changes (a rep task's, set by the scenario):
        blocks too, drawn anew if the shape changes."""
        if self._gi >= len(self._g) or shape != self._gshape:
            self._g = self._rng.standard_gamma(shape, self.BLOCK).tolist()
            self._gi = 0
            self._gshape = shape
        self._gi += 1
        return self._g[self._gi - 1]

    def gamma(self, shape: float, scale: float) -> float:
        """Gamma draw; called once per research leg, so numpy's own call is fine."""
        if shape <= 0:
            return 0.0
        return float(self._rng.gamma(shape, scale))

    def binomial(self, n: int, p: float) -> int:
        if n <= 0 or p <= 0:
            return 0
        return int(self._rng.binomial(n, min(p, 1.0)))

    def poisson(self, lam: float) -> int:
        return int(self._rng.poisson(lam)) if lam > 0 else 0
