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
    # --before times another checkout's sweep in a subprocess: here this very checkout
    _load("sweep_speed").main(["--runs-per-cell", "1", "--workers", "1", "--before", str(ROOT)])
    out = capsys.readouterr().out
    assert "4 runs of 260 weeks" in out
    assert "steersim sweep" in out and "mesa.batch_run" in out and "--before sweep" in out


@pytest.mark.slow
def test_the_batched_engine_benchmark_runs():
    agents, runs, per_week, reading = _load("speed").batched(2)
    assert agents == 2227 and runs >= 2 and 0 < reading < per_week / runs


def test_the_base_install_stays_under_650_mb_and_leaves_one_command_extras_out():
    # the wheel's own dependencies, as installed here (benchmarks/install_size.py; a fresh
    # venv from the wheel, pip included, measured 599 MB on 2026-12-07)
    total, sizes = _load("install_size").measure(set())
    assert total <= 650e6, f"{total / 1e6:.0f} MB: {sorted(sizes.items(), key=lambda kv: -kv[1])[:5]}"
    assert not {"ema-workbench", "scikit-learn", "statsmodels", "babel", "solara", "distributed"} & set(sizes)


def test_the_committed_replication_benchmark_was_run_on_todays_model():
    # benchmarks/replication.py takes about 40 minutes, so its output is committed; it
    # must name the model the tests run, and cover every shipped study in every variant
    import json

    import pandas as pd

    from sim.inputs.study import study_names
    from sim.model.fingerprint import fingerprint
    bench = _load("replication")
    summary = json.loads((ROOT / "benchmarks" / "replication.json").read_text())
    assert summary["model"] == fingerprint(), "the model changed: run python benchmarks/replication.py"
    table = pd.read_csv(ROOT / "benchmarks" / "replication.csv")
    assert set(table["study"]) == set(study_names())
    assert set(table["variant"]) == {v[0] for v in bench.VARIANTS} == set(summary["variants"])
    assert (table.groupby(["study", "variant"])["seeds"].first() == 10).all()
    # the verdicts and the fragile marks the page shows are the table's, not typed
    verdicts = table.groupby(["study", "variant"])["study_verdict"].first()
    for (study, variant), verdict in verdicts.items():
        assert summary["verdicts"][study][variant] == verdict
    flips = {study for study, v in verdicts.groupby(level="study") if v.nunique() > 1}
    assert set(summary["fragile"]) == flips


def test_the_replication_benchmark_scales_a_study_and_it_still_loads(tmp_path):
    from sim.inputs.study import load_study, studies_dir
    bench = _load("replication")
    source = studies_dir() / "glewwe_2010.toml"
    path = tmp_path / "glewwe_2010.toml"
    path.write_text(bench.variant_text(source, 0.5, 2.0))
    half, same = load_study(path), load_study(source)
    assert half.follow == same.follow // 2 and [o.window for o in half.outcomes][0] == [26, 52]
    assert half.baseline.inputs["units"] == 2 * same.baseline.inputs.get("units", 20)


def test_the_readme_shows_the_committed_npm_families_by_band_run_on_todays_model():
    # benchmarks/bands.py takes about 10 minutes (two robustness runs of 200 worlds)
    import json

    from sim.model.fingerprint import fingerprint
    bands = _load("bands")
    data = json.loads((ROOT / "benchmarks" / "bands.json").read_text())
    assert data["model"] == fingerprint(), "the model changed: run python benchmarks/bands.py"
    assert set(data["presets"]) == {"npm", "targets"} and data["samples"] == 200
    for preset in data["presets"].values():
        assert sum(b["worlds"] for b in preset["bands"]) == preset["worlds"] >= 190
        assert all(b["ci95"][0] <= b["share"] <= b["ci95"][1] for b in preset["bands"])
    assert bands.committed() == bands.block(data), "run: python benchmarks/bands.py --update-readme"


def test_the_model_reads_indicators_with_the_candidate_the_numerics_benchmarks_measured():
    # benchmarks/reading_numerics.py and reading_effect.py measured the prototype
    # ``split_matched``; the model's reading is the same function, to rounding
    import numpy as np

    from sim.numerics import split_reading
    rng = np.random.default_rng(5)
    mean, noise, draw = rng.uniform(0.01, 0.99, 50_000), rng.uniform(0.02, 0.3, 50_000), rng.random(50_000)
    measured = _load("reading_numerics").split_matched(mean, noise, draw)
    assert np.abs(split_reading(mean, noise, draw) - measured).max() < 1e-12


def test_the_numerics_decision_in_the_readme_shows_what_the_committed_benchmark_measured():
    # benchmarks/README.md's table of the reading's effect is typed from reading_effect.json:
    # its headline figures must be the file's (re-run the script and the table together)
    import json
    effect = json.loads((ROOT / "benchmarks" / "reading_effect.json").read_text(encoding="utf-8"))
    text = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    section = text[text.index("**What each does to the model's numbers.**"):text.index("**Needs from one uniform.**")]
    matched, uniform = effect["runs"]["split_matched"], effect["runs"]["split_uniform"]
    assert f"On model {effect['model']}:" in section
    for run, where, shown in ((matched, "default", "{:.2f}"), (matched, "at_high_noise", "{:.1f}"),
                              (uniform, "default", "{:.1f}"), (uniform, "at_high_noise", "{:.1f}")):
        largest = run[where]["largest_shifts"][0]["in_half_widths"]
        assert shown.format(largest) in section, (where, largest)
    assert f"{matched['largest_study_outcome_shift'][0]:.2f}" in section
    assert f"{matched['default']['systematic']} of {matched['default']['scenario_means_checked']}" in section
    assert not matched["verdicts_changed"] and not matched["checks_changed"]
    assert matched["at_high_noise"]["contrast_sign_flips"] == ["trust - npm below_target"]
