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

#: Philox keys are two 64-bit words.
KEY_WORDS = 2


def stable_hash(name: str) -> int:
    """A hash of ``name`` that is the same in every process and Python version."""
    return zlib.crc32(name.encode("utf-8"))


class Streams:
    """Independent generators by name.

    ``streams("network.social")`` is a fresh generator keyed by (seed, name, step);
    ``streams.weekly("needs")`` is one generator per name that the model draws from
    every week, always the same number of values (one per agent slot), so week W of a
    stream is the same whatever other streams did. (Making a keyed generator each week
    cost more than the arithmetic of a whole week at the default size.)
    """

    def __init__(self, seed: int, names: frozenset[str] | None = None):
        self.seed = int(seed)
        self.names = names
        self._keys: dict[str, np.ndarray] = {}
        self._weekly: dict[str, np.random.Generator] = {}

    def weekly(self, name: str) -> np.random.Generator:
        gen = self._weekly.get(name)
        if gen is None:
            gen = self._weekly[name] = self(f"weekly.{name}")
        return gen

    def state(self) -> dict:
        """The weekly streams' positions, to resume them later (``restore``)."""
        return {name: gen.bit_generator.state for name, gen in self._weekly.items()}

    def restore(self, state: dict) -> None:
        self._weekly = {}
        for name, position in state.items():
            gen = self.weekly(name)
            gen.bit_generator.state = position

    def __call__(self, name: str, step: int = 0) -> np.random.Generator:
        # Philox is counter-based: the key names the stream (seed, name), the counter's
        # second word the week, so each (name, week) is its own independent sequence.
        key = self._keys.get(name)
        if key is None:
            if self.names is not None and name.removeprefix("weekly.") not in self.names:
                raise KeyError(f"no random stream {name!r}; the model's streams are declared in "
                               f"each mechanism's STREAMS: {', '.join(sorted(self.names))}")
            key = np.random.SeedSequence([self.seed, stable_hash(name)]).generate_state(KEY_WORDS, np.uint64)
            self._keys[name] = key
        return np.random.Generator(np.random.Philox(key=key, counter=[0, int(step), 0, 0]))
