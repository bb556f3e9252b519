"""The benchmark scripts keep working as the API moves (their figures are in
benchmarks/README.md; speed itself is not asserted here)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_sweep_benchmark_runs_both_ways(capsys):
    _load("sweep_speed").main(["--runs-per-cell", "1", "--workers", "1"])
    out = capsys.readouterr().out
    assert "4 runs of 260 weeks" in out
    assert "steersim sweep" in out and "mesa.batch_run" in out
