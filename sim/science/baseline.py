"""The regression baseline: a summary of fixed runs, shipped as sim/science/baseline.json.

A test compares today's summary with it, so an unintended change to any mechanism
shows up (and an installed copy can check itself: ``python -m sim.science.baseline
--check``). A deliberate change updates it, and says so in the commit:

    .venv/bin/python -m sim.science.baseline --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from sim.inputs.scenario import load_scenario
from sim.model.metrics import METRICS
from sim.model.model import SteeringModel

PATH = Path(__file__).resolve().parent / "baseline.json"
RUNS = (("npm", 1), ("trust", 1), ("reform", 2), ("scandal", 3))
SIZE = dict(units=6, staff_per_unit=8, citizens=600)
STEPS = 156


def summary() -> dict:
    """{scenario/seed: {metric: mean over the last 52 weeks}} for the fixed runs."""
    out = {}
    for name, seed in RUNS:
        model = SteeringModel.from_scenario(load_scenario(name), seed, **SIZE).run(STEPS)
        tail = np.vstack(model.history[-52:])
        out[f"{name}/{seed}"] = {m: round(float(v), 10) for m, v in zip(METRICS, tail.mean(axis=0))}
    return out


def differences(current: dict, expected: dict, rel: float = 1e-6, tiny: float = 1e-9) -> list[str]:
    """Every run and metric where ``current`` departs from ``expected``."""
    out = [f"{run}: missing" for run in expected if run not in current]
    out += [f"{run}: not in the baseline" for run in current if run not in expected]
    for run in set(current) & set(expected):
        for name, value in expected[run].items():
            now = current[run].get(name)
            if now is None or abs(now - value) > max(rel * abs(value), tiny):
                out.append(f"{run} {name}: {value} -> {now}")
    return sorted(out)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    current = summary()
    if "--update" in argv:
        PATH.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"wrote {PATH}")
        return 0
    if "--check" in argv:
        changed = differences(current, json.loads(PATH.read_text()))
        print("\n".join(changed) if changed else f"matches {PATH.name}: {len(current)} runs")
        return 1 if changed else 0
    print(json.dumps(current, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
