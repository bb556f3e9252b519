"""The regression baseline: a summary of fixed runs, checked into tests/baseline.json.

A test compares today's summary with it, so an unintended change to any mechanism
shows up. A deliberate change updates it, and says so in the commit:

    .venv/bin/python -m sim.science.baseline --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from sim.inputs.scenario import load_scenario
from sim.model.metrics import METRICS

PATH = Path(__file__).resolve().parent / "baseline.json"
RUNS = (("npm", 1), ("trust", 1), ("reform", 2), ("scandal", 3))
SIZE = dict(units=6, staff_per_unit=8, citizens=600)
STEPS = 156


def summary() -> dict:
    """{scenario/seed: {metric: mean over the last 52 weeks}} for the fixed runs."""
    out = {}
    for name, seed in RUNS:
        model = load_scenario(name).model(seed, **SIZE).run(STEPS)
        tail = np.vstack(model.history[-52:])
        out[f"{name}/{seed}"] = {m: round(float(v), 10) for m, v in zip(METRICS, tail.mean(axis=0))}
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    current = summary()
    if "--update" in argv:
        PATH.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"wrote {PATH}")
        return 0
    print(json.dumps(current, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
