"""Robustness as users meet it: it recovers a known answer, resumes after a kill, speaks
JSON, and its plausible set reproduces the calibration bands."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import cli

from sim import api
from sim.inputs.scenario import load_scenario
from sim.model.model import SteeringModel

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SMALL = dict(units=6, staff_per_unit=8, citizens=600, burn_in=104)
FIX = [f"--fix={k}={v}" for k, v in SMALL.items()]


def test_robustness_recovers_a_known_deciding_input_and_threshold(tmp_path):
    # with everything else fixed, the winner turns on measurability alone; find the
    # threshold the slow way (a fine grid on the same seed) and ask robustness for it
    grid = np.round(np.arange(0.6, 0.96, 0.05), 2)
    d = []
    for m in grid:
        q = [SteeringModel.from_scenario(load_scenario(n), 1, measurability=m, **SMALL).run(156).history_frame()["service_quality"].iloc[-52:].mean()
             for n in ("npm", "trust")]
        d.append(q[1] - q[0])
    threshold = float(np.interp(0, -np.array(d), grid))  # d falls with measurability
    result = api.robustness("npm", "trust", samples=32, vary=["measurability=0.3:0.95"], fix=SMALL, steps=156,
                            metrics=["service_quality"], out=tmp_path / "r", workers=2)
    summary = result.summary("service_quality")
    assert summary["deciding"][0] == "measurability"
    npm_region = next(r for r in result.regions("service_quality") if r.winner == "npm")
    assert list(npm_region.limits) == ["measurability"]
    low, high = npm_region.limits["measurability"]
    assert abs(low - threshold) < 0.06, f"PRIM threshold {low:.3f}, grid {threshold:.3f}"
    assert "npm wins when measurability >" in npm_region.words()


def test_a_killed_robustness_run_resumes_without_losing_a_point(tmp_path):
    out = tmp_path / "rob"
    args = [sys.executable, "-m", "sim.cli", "robustness", "--samples", "40", "--metrics", "service_quality",
            "--steps", "30", "--workers", "2", "--out", str(out), "--vary", "behaviour", *FIX]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    runs = out / "runs"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(runs.glob("part-*.parquet"))) < 1:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    before = pd.read_parquet(runs)
    assert 0 < len(before) < 80
    r = subprocess.run(args + ["--resume", "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    after = pd.read_parquet(runs)
    assert sorted(after["run_id"]) == list(range(80))  # every run exactly once
    kept = after.set_index("run_id").loc[before["run_id"], "service_quality"]
    assert np.allclose(kept.to_numpy(), before.set_index("run_id")["service_quality"].to_numpy())
    data = json.loads(r.stdout)
    share = data["metrics"]["service_quality"]["share"]
    assert 0 <= share <= 1 and data["samples"] == 40


def test_bad_robustness_input_is_one_line(capsys, tmp_path):
    for args, needle in ((["--vary", "nosuch"], "no uncertain input or group 'nosuch'"),
                         (["--vary", "discretion=0.9:0.1"], "must be below"),
                         (["--design", "sobol", "--samples", "100"], "power of two"),
                         (["--fix", "units=0"], "'units'"), (["--metrics", "qualty"], "did you mean")):
        status, _, err = cli(capsys, "robustness", "--out", tmp_path / "x", *args)
        assert status == 2 and needle in err and err.count("\n") == 1, err


def test_every_world_of_the_plausible_set_reproduces_the_bands(tmp_path):
    from sim.science.calibration import TARGETS
    from sim.science.plausible import _world
    result = api.calibrate(seeds=2, workers=2, plausible=24, vary=["behaviour"])
    accepted = result.plausible.accepted
    assert len(accepted) >= 1, result.plausible.text()
    names = result.plausible.names
    for _, row in accepted.head(3).iterrows():
        again = _world((0, {n: row[n] for n in names}, int(row["seed"])))
        for t in TARGETS:
            assert t.band[0] <= again[t.name] <= t.band[1], (t.name, again[t.name])
    paths = result.report(tmp_path)
    plausible = pd.read_parquet(paths["plausible"])
    assert set(names) <= set(plausible.columns) and len(plausible) == len(accepted)


def test_a_deciding_input_is_named_only_when_it_stands_out_over_chance():
    from sim.science.discovery import deciding_inputs, family_wise_p, standing_out
    rng = np.random.default_rng(5)
    noise = pd.DataFrame(rng.random((30, 200)), columns=[f"x{i}" for i in range(200)])
    # 30 worlds, 200 inputs that do nothing: the strongest correlation is chance
    assert standing_out(noise, rng.normal(size=30)) is None
    # one input that moves the difference strongly is named, even among the 200
    assert standing_out(noise, 3 * noise["x17"].to_numpy() + 0.3 * rng.normal(size=30)) == "x17"
    # 5 worlds: among 200 inputs several rank the worlds perfectly by chance; a p-value from
    # the t approximation (1e-24) times 200 would name one, the permutation test does not
    few = noise.iloc[:5]
    strength, p = family_wise_p(few, rng.normal(size=5))
    assert strength.max() == pytest.approx(1) and p.min() > 0.05
    assert standing_out(few, rng.normal(size=5)) is None
    # robustness names the same way: its table carries the adjusted p, its line only survivors
    difference = rng.normal(size=30)
    table = deciding_inputs(noise, difference, top=3)
    assert (table["p_family"] > 0.05).all()
    # robustness works the first ten out once and shows fewer: the rows must not change
    assert table.equals(deciding_inputs(noise, difference, top=10).head(3))
    # a world whose difference is missing is left out, not read as a perfect correlation
    holes = difference.copy()
    holes[:3] = np.nan
    assert (family_wise_p(noise, holes)[1] > 0.05).all()


def test_a_sobol_index_is_named_only_clear_of_the_noise_floor():
    from sim.science.discovery import sobol_standouts
    # what unshared run noise gives inert inputs: small, tight total indices, CIs above 0
    inert = [(f"x{i}", 0.03 + 0.002 * i, 0.01) for i in range(8)]
    table = pd.DataFrame(inert + [("strong", 0.6, 0.08), ("weak", 0.12, 0.03)],
                         columns=["input", "ST", "ST_conf"]).sort_values("ST", ascending=False)
    assert (table["ST"] - table["ST_conf"] > 0).all()  # the old rule named all ten
    assert sobol_standouts(table)["input"].tolist() == ["strong", "weak"]
    # and the sentence says which, or that none stands out (a table holds "none" as NaN)
    from sim.science.world import _turns_on
    assert _turns_on("x17") == "; it turns mainly on x17"
    assert "no single input stands out" in _turns_on(float("nan")) == _turns_on(None)


def test_services_samples_the_work_over_its_whole_range_and_work_over_one_service():
    from sim.inputs.schema import INPUTS
    from sim.science.robustness import choose_uncertainties, parse_ranges
    names, ranges = parse_ranges(["services"])
    assert set(names) == set(choose_uncertainties(["work"])) == {"measurability", "complex_share", "measurement_noise", "goal_contest"}
    assert ranges["measurability"] == (0.05, 0.95)
    assert INPUTS["measurability"].plausible == (0.2, 0.7)  # what 'work' samples
    assert parse_ranges(["services", "measurability=0.5:0.9"])[1]["measurability"] == (0.5, 0.9)



def test_prim_takes_whole_number_inputs_among_the_uncertainties():
    # start_tenure_weeks is a whole-number coefficient; the EMA Workbench's pasting wrote
    # a half-way value (508.5) into its int64 column and pandas refused it
    import numpy as np
    import pandas as pd

    from sim.science.discovery import prim_region
    rng = np.random.default_rng(0)
    x = pd.DataFrame({"start_tenure_weeks": rng.integers(260, 781, 200), "measurability": rng.random(200),
                      "steering_reach": rng.random(200)})
    wins = ((x["start_tenure_weeks"] > 500) & (x["measurability"] > 0.5)).to_numpy() ^ (rng.random(200) < 0.1)
    region = prim_region(x, wins, "npm")
    assert region is not None and set(region.limits) <= set(x.columns)


def test_a_plausible_set_kept_by_another_model_is_refused(tmp_path):
    # the evidence judges each version of the model anew: a plausible set carries the
    # fingerprint of the model it was kept by, and another model will not use it
    from sim.errors import SteersimInputError
    from sim.model.fingerprint import fingerprint
    from sim.science.robustness import read_plausible
    path = tmp_path / "plausible.parquet"
    pd.DataFrame({"measurability": [0.4, 0.5], "seed": [1, 2], "model": [fingerprint()] * 2}).to_parquet(path)
    assert list(read_plausible(path).columns) == ["measurability"]
    pd.DataFrame({"measurability": [0.4], "seed": [1], "model": ["0123456789ab"]}).to_parquet(path)
    with pytest.raises(SteersimInputError, match="0123456789ab.*calibrate --plausible"):
        read_plausible(path)


def test_groups_of_inputs_bring_only_what_can_act_in_the_scenarios_and_a_named_mechanism_all_of_its():
    # the market's coefficients act only where a market lever is on: an analysis of npm against
    # trust that varies 'coefficient' must not sample them (its worlds would change, its answer not)
    from sim.inputs.scenario import load_scenario
    from sim.inputs.schema import INPUTS, UNCERTAINTIES
    from sim.science.robustness import choose_uncertainties
    market = {n for n in UNCERTAINTIES if INPUTS[n].mechanism == "market"}
    assert market
    without = [load_scenario("npm"), load_scenario("trust")]
    with_market = [load_scenario("npm"), load_scenario("choice")]
    assert not market & set(choose_uncertainties(["behaviour", "coefficient"], scenarios=without))
    assert not market & set(choose_uncertainties(None, scenarios=without))
    assert market <= set(choose_uncertainties(["coefficient"], scenarios=with_market))
    assert market <= set(choose_uncertainties(["market"], scenarios=without))  # asked for by name
