"""Runs per minute of a sweep on two cores at the default size: `steersim sweep` (local
processes, batched runs) next to the same runs through `mesa.batch_run`, and through
the sweep of another checkout of steersim (``--before``, e.g. the code before batching),
in the same run.

    .venv/bin/python benchmarks/sweep_speed.py [--runs-per-cell 25] [--workers 2]
    git worktree add /tmp/before 65fcbb9   # the last commit before the batched engine
    .venv/bin/python benchmarks/sweep_speed.py --before /tmp/before

The sweep: indicators {4, 24} x discretion {0.2, 0.8} on the npm defaults, 260 weeks,
N replicates per cell (seeds 1..N), every way.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mesa

from sim import SteeringModel
from sim.execution.executor import Executor
from sim.execution.sweep import sweep
from sim.inputs.experiment import load_experiment

EXPERIMENT = """
name = "bench"
scenario = "npm"
design = "grid"
replicates = {replicates}
steps = 260
window = 52
metrics = ["service_quality", "admin_share"]

[vary]
indicators = [4, 24]
discretion = [0.2, 0.8]
"""


#: The sweep, timed, as another checkout's code runs it (its own ``sim`` package).
BEFORE = """
import sys, time
from pathlib import Path
from sim.execution.executor import Executor
from sim.execution.sweep import sweep
from sim.inputs.experiment import load_experiment
experiment = load_experiment(Path(sys.argv[1]))
t0 = time.perf_counter()
sweep(experiment, Path(sys.argv[2]), Executor(int(sys.argv[3])), progress=False)
print(time.perf_counter() - t0)
"""


def before(checkout: Path, experiment: Path, out: Path, workers: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([sys.executable, "-c", BEFORE, str(experiment), str(out), str(workers)],
                          cwd=checkout, env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs-per-cell", type=int, default=25)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--before", type=Path, help="another checkout of steersim to time too")
    args = parser.parse_args(argv)
    n = 4 * args.runs_per_cell
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.toml"
        path.write_text(EXPERIMENT.format(replicates=args.runs_per_cell))
        experiment = load_experiment(path)
        earlier = before(args.before.resolve(), path, Path(tmp) / "before", args.workers) if args.before else None
        t0 = time.perf_counter()
        sweep(experiment, Path(tmp) / "out", Executor(args.workers), progress=False)
        ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    mesa.batch_run(SteeringModel, parameters={"indicators": [4, 24], "discretion": [0.2, 0.8]},
                   rng=list(range(1, args.runs_per_cell + 1)), max_steps=260,
                   number_processes=args.workers, display_progress=False)
    theirs = time.perf_counter() - t0
    print(f"{n} runs of 260 weeks at the default size, {args.workers} processes")
    print(f"  steersim sweep   : {ours:6.1f} s  {60 * n / ours:7.0f} runs/min")
    if earlier is not None:
        print(f"  --before sweep   : {earlier:6.1f} s  {60 * n / earlier:7.0f} runs/min"
              f"   ({earlier / ours:.2f}x slower)")
    print(f"  mesa.batch_run   : {theirs:6.1f} s  {60 * n / theirs:7.0f} runs/min"
          f"   ({theirs / ours:.2f}x slower)")


if __name__ == "__main__":
    main()
