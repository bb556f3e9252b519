"""Named random streams: one seed per run drives everything.

Each mechanism draws from its own stream, keyed by the run's seed, the stream's
name and the week, and draws one value per agent slot. Changing one mechanism (or
adding a draw to it) therefore does not reshuffle the others, and two scenarios run
with the same seed see the same citizens, needs and shocks (common random numbers):
their difference is the regime's effect, not noise.
"""

from __future__ import annotations

import zlib

import numpy as np


def stable_hash(name: str) -> int:
    """A hash of ``name`` that is the same in every process and Python version."""
    return zlib.crc32(name.encode("utf-8"))


class Streams:
    """Factory of independent generators: ``streams("needs", week)``."""

    def __init__(self, seed: int):
        self.seed = int(seed)

    def __call__(self, name: str, step: int = 0) -> np.random.Generator:
        return np.random.Generator(np.random.PCG64(
            np.random.SeedSequence([self.seed, stable_hash(name), int(step)])))
