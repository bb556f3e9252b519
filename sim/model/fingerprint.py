"""The model's fingerprint: one short hash that names a version of the model.

It hashes what makes the model's numbers: every input's declaration (default, bounds,
plausible range: the coefficient tables and the levers), every field's declaration
(axis, start), every random stream's draws, the week plan's steps in order, and the
regression baseline (the numbers of fixed runs, which a change to any mechanism's
arithmetic moves and which is updated deliberately, ``python -m sim.science.baseline
--update``). A change to documentation, reports or the command line keeps it; a change
to the model changes it. Caches, sweep stores and the plausible set carry it, so
results from another model are not mixed with this one's.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from sim.inputs.schema import SPEC_LIST
from sim.model.plan import STEPS, step_name
from sim.model.state import FIELDS, STREAMS

BASELINE = Path(__file__).resolve().parents[1] / "science" / "baseline.json"


def parts() -> dict:
    """What the fingerprint hashes, as plain data."""
    return {
        "inputs": [[s.name, s.group, repr(s.default), s.low, s.high, list(s.plausible) if s.plausible else None,
                    list(s.choices), s.mechanism] for s in SPEC_LIST],
        "fields": [[f.name, f.axis, f.start, f.dtype.__name__, f.owner] for f in FIELDS.values()],
        "streams": [[s.name, s.axis, [list(d) for d in s.draws]] for s in STREAMS.values()],
        "week": [step_name(step) for step in STEPS],
        "baseline": json.loads(BASELINE.read_text(encoding="utf-8")),
    }


@cache
def fingerprint() -> str:
    """Twelve hex digits naming this version of the model."""
    text = json.dumps(parts(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
