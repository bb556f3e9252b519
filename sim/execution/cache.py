"""The run cache: a run that has been made in this process is not made again.

A run is fixed by its scenario's inputs and events, its seed, its horizon and the code
version, so those make its key. ``steersim validate`` compares many variants against
the same baseline runs; with the cache each is simulated once.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict

import pandas as pd

MAX_RUNS = 2000
_MEMORY: OrderedDict[str, pd.DataFrame] = OrderedDict()


def key(scenario, seed: int, steps: int, units: bool) -> str:
    from sim import __version__
    payload = json.dumps({"inputs": sorted(scenario.inputs.items()),
                          "events": [repr(e) for e in scenario.events], "seed": int(seed),
                          "steps": int(steps), "units": bool(units), "version": __version__},
                         sort_keys=True, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def get(k: str) -> pd.DataFrame | None:
    frame = _MEMORY.get(k)
    if frame is not None:
        _MEMORY.move_to_end(k)
    return frame


def put(k: str, frame: pd.DataFrame) -> None:
    _MEMORY[k] = frame
    while len(_MEMORY) > MAX_RUNS:
        _MEMORY.popitem(last=False)


def clear() -> None:
    _MEMORY.clear()
