"""Runs per minute of a sweep on two cores at the default size: `steersim sweep` (local
processes) next to the same runs through `mesa.batch_run`, in the same run.

    .venv/bin/python benchmarks/sweep_speed.py [--runs-per-cell 5] [--workers 2]

The sweep: indicators {4, 24} x discretion {0.2, 0.8} on the npm defaults, 260 weeks,
N replicates per cell (seeds 1..N), both ways.
"""

from __future__ import annotations

import argparse
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs-per-cell", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    n = 4 * args.runs_per_cell
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.toml"
        path.write_text(EXPERIMENT.format(replicates=args.runs_per_cell))
        experiment = load_experiment(path)
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
    print(f"  mesa.batch_run   : {theirs:6.1f} s  {60 * n / theirs:7.0f} runs/min")
    print(f"  ratio            : {theirs / ours:.2f}x")


if __name__ == "__main__":
    main()
