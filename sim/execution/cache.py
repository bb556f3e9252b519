"""The run cache: a run that has been made in this process is not made again.

A run is fixed by its scenario's inputs and events, its seed, its horizon and the code
that computes it, so those make its key. The code is the source of the modules that
determine a run's numbers (``code_key``), not the version number: an edit to a
mechanism in a live notebook kernel (with autoreload, or after a restart) makes new
keys, so no run made by the old code is served again. ``steersim validate`` compares
many variants against the same baseline runs; with the cache each is simulated once.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path

import pandas as pd

MAX_RUNS = 2000
_MEMORY: OrderedDict[str, pd.DataFrame] = OrderedDict()

#: The subpackages of ``sim`` whose modules determine a run's numbers: the model, its
#: mechanisms and its inputs (schema, scenario files, events); the shipped presets are
#: read as well.
CODE_PACKAGES = ("model", "mechanisms", "inputs")
#: Modules at the top of ``sim`` that determine a run's numbers too: the closed-form
#: distributions the mechanisms draw from.
CODE_MODULES = ("numerics.py",)
_HASHED: dict[tuple, str] = {}


def _code_files() -> list[Path]:
    from sim.inputs.data import presets_dir
    package = Path(__file__).resolve().parents[1]
    files = [p for name in CODE_PACKAGES for p in (package / name).glob("*.py")]
    files += [package / name for name in CODE_MODULES]
    return sorted(files) + sorted(presets_dir().glob("*.toml"))


def code_key() -> str:
    """A hash of the source of every module that determines a run's numbers
    (``CODE_PACKAGES``, and the presets). The files are looked at (size and modification time) on every
    call and read again only when one has changed, so a key costs a few dozen stats."""
    files = _code_files()
    stamp = tuple((str(p), st.st_size, st.st_mtime_ns) for p in files if (st := p.stat()))
    if stamp not in _HASHED:
        digest = hashlib.sha256()
        for p in files:
            digest.update(p.name.encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
        _HASHED.clear()
        _HASHED[stamp] = digest.hexdigest()[:16]
    return _HASHED[stamp]


def key(scenario, seed: int, steps: int, units: bool, code: str | None = None) -> str:
    """The cache key of one run: the model's fingerprint names the version, and the code key
    guards against an edit the fingerprint cannot see (``code``: a ``code_key()`` already
    taken for a batch of keys)."""
    from sim.model.fingerprint import fingerprint
    payload = json.dumps({"model": fingerprint(), "inputs": sorted(scenario.inputs.items()),
                          "events": [repr(e) for e in scenario.events], "seed": int(seed),
                          "steps": int(steps), "units": bool(units), "code": code or code_key()},
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
