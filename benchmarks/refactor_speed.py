"""Is the declared-modules engine slower than the one before it? A run alone (the one-run
Mesa model, the classroom page's path) and a batch of 26 runs (a sweep's path), each at
the default size for 260 weeks after its burn-in, timed for this checkout and another
one (``--before``) in the same run, alternating, each in a fresh process.

    git worktree add /tmp/before 66bc1f4   # the last commit before the declared modules
    .venv/bin/python benchmarks/refactor_speed.py --before /tmp/before

Prints ms per week (a run alone) and ms per run-week (the batch): the median of
``--repeats`` alternating measurements each, and the ratio after/before.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Timed in a fresh process with the checkout's own ``sim`` first on the path.
ALONE = """
import time
from sim import SteeringModel
model = SteeringModel(rng=1, collect=False)
t0 = time.perf_counter()
model.run(260)
print((time.perf_counter() - t0) / 260 * 1000)
"""
BATCH = """
import time
from sim.inputs.scenario import load_scenario
from sim.model.batching import batch_runs
engine = batch_runs([(load_scenario("npm"), seed) for seed in range(1, 27)])
t0 = time.perf_counter()
engine.run(260)
print((time.perf_counter() - t0) / 260 / 26 * 1000)
"""


def timed(checkout: Path, code: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="another checkout of steersim")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    results: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.repeats):
        for label, code in (("a run alone, ms/week", ALONE), ("a batch of 26, ms per run-week", BATCH)):
            for which, checkout in (("before", args.before), ("after", ROOT)):
                results.setdefault((label, which), []).append(timed(checkout, code))
    print(f"{'':<32} {'before':>8} {'after':>8} {'after/before':>13}")
    for label in ("a run alone, ms/week", "a batch of 26, ms per run-week"):
        old, new = (statistics.median(results[(label, w)]) for w in ("before", "after"))
        print(f"{label:<32} {old:>8.3f} {new:>8.3f} {new / old:>13.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
