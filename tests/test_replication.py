"""The study library: every shipped study is a valid, sourced setting of the model; a
malformed study file stops with one line and writes nothing; verdicts follow what was
published; `steersim replicate` runs a study and writes its report."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import cli

from sim.errors import SteersimInputError
from sim.inputs.schema import INPUTS
from sim.inputs.study import Published, load_study, study_names
from sim.science.replication import verdict

ROOT = Path(__file__).resolve().parent.parent


def test_the_library_holds_ten_studies_six_of_them_testing_each_setting_value_sourced():
    studies = [load_study(name) for name in study_names()]
    assert len(studies) >= 10 and sum(s.role == "testing" for s in studies) >= 6
    for s in studies:
        assert all("assumption" in source or len(source) > 20 for _, source in s.setting.values()), s.id
        assert all(o.confirmed for o in s.outcomes) and s.citation and s.design
        if s.role == "sizing":
            assert INPUTS[s.sizes].group == "coefficient", s.id
        # a study never sets an assumption about people or a coefficient: both arms hold the defaults
        for arm in (s.baseline, s.treatment):
            assert not [k for k in arm.inputs if INPUTS[k].group in ("behaviour", "coefficient")], s.id


def _study(tmp_path, text: str) -> Path:
    path = tmp_path / "study.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """id = "tiny"
title = "A tiny study for the tests"
citation = "Nobody (2026). A test."
role = "testing"
design = "a test of the format"

[setting]
measurability = { value = 0.8, source = "assumption for the test" }
units = { value = 4, source = "a small organisation keeps the test fast" }
staff_per_unit = { value = 4, source = "a small organisation keeps the test fast" }
citizens = { value = 200, source = "a small organisation keeps the test fast" }
burn_in = { value = 20, source = "a short past keeps the test fast" }

[baseline]
scenario = "targets"
levers = { target_pressure = { value = 0.2, source = "assumption for the test" } }

[treatment]
levers = { target_pressure = { value = 0.9, source = "assumption for the test" } }

[run]
follow = 12
seeds = 2

[[outcomes]]
id = "measured"
what = "the measured part rose"
observable = "measured_quality"
published = { kind = "sign", direction = 1, units = "score 0-1", source = "the test" }
confirmed = "a test file"
"""


@pytest.mark.parametrize("change, key, says", [
    ('published = { kind = "sign", direction = 1, units = "score 0-1", source = "the test" }\n', "outcomes[0].published",
     "missing"),
    ('observable = "measured_quality"', "outcomes[0].observable", "no metric 'measured_qualty'"),
    ('units = { value = 4, source = "a small organisation keeps the test fast" }',
     "setting.trust_loss_ratio", "never an assumption about people or a mechanism's coefficient"),
    ('levers = { target_pressure = { value = 0.2, source = "assumption for the test" } }',
     "baseline.levers.hours_scale", "never an assumption about people or a mechanism's coefficient"),
    ('[baseline]', "basline", "unknown key"),
    ('scenario = "targets"', "baseline.scenario", "no scenario 'targts'"),
    ('confirmed = "a test file"\n', "treatment.week", "ranks units by the weeks before the change"),
])
def test_a_malformed_study_file_gets_one_line_and_nothing_is_written(tmp_path, capsys, change, key, says):
    broken = {
        "outcomes[0].published": GOOD.replace(change, ""),
        "outcomes[0].observable": GOOD.replace(change, 'observable = "measured_qualty"'),
        "setting.trust_loss_ratio": GOOD.replace(change, 'trust_loss_ratio = { value = 3, source = "a guess" }'),
        "baseline.levers.hours_scale": GOOD.replace(
            change, 'levers = { hours_scale = { value = 2.5, source = "a guess" } }'),
        "basline": GOOD.replace(change, "[basline]"),
        "baseline.scenario": GOOD.replace(change, 'scenario = "targts"'),
        "treatment.week": GOOD.replace(change, change + '\n[[checks]]\nid = "q"\nwhat = "top spared"\n'
                                       'kind = "quartiles"\noutcome = "measured"\nshare = 0.3\n'
                                       'source = "the test"\n'),
    }[key]
    path = _study(tmp_path, broken)
    out = tmp_path / "out"
    status, _, err = cli(capsys, "replicate", path, "--out", out)
    assert status == 2 and len(err.strip().splitlines()) == 1, err
    assert str(path.name) in err and key.split(".")[-1].split("[")[0] in err and says in err, err
    assert not out.exists()


def test_replicate_runs_a_study_and_writes_its_report(tmp_path, capsys):
    path = _study(tmp_path, GOOD)
    status, out, _ = cli(capsys, "replicate", path, "--out", tmp_path / "out", "--workers", 1)
    assert status == 0
    row = next(line for line in out.splitlines() if line.strip().startswith("measured "))
    assert "tiny (testing)" in out and "rose" in row and "[" in row  # published beside the model's CI
    assert any(v in row for v in ("right sign", "wrong sign", "no clear effect"))
    for name in ("table.csv", "checks.csv", "forest.png", "report.md", "report.html"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    from sim.model.fingerprint import fingerprint  # every verdict names the model it was reached on
    assert set(pd.read_csv(tmp_path / "out" / "table.csv")["model"]) == {fingerprint()}
    assert fingerprint() in (tmp_path / "out" / "report.md").read_text()
    status, schema, _ = cli(capsys, "schema", "study")
    assert status == 0 and json.loads(schema)["title"] == "steersim study file"


def _published(**fields):
    return Published(**{"units": "score", "source": "the test", **fields})


def test_verdicts_follow_what_was_published():
    inside, outside, wrong = np.array([0.5, 0.52, 0.48]), np.array([0.9, 0.95, 0.92]), np.array([-0.2, -0.25, -0.22])
    interval = _published(kind="interval", estimate=0.5, low=0.4, high=0.6)
    assert verdict(interval, inside)[0] == "inside the published interval"
    assert verdict(interval, outside)[0] == "right sign, wrong size"
    assert verdict(interval, wrong)[0] == "wrong sign"
    assert verdict(_published(kind="sign", direction=1), inside)[0] == "right sign"
    assert verdict(_published(kind="sign", direction=1), np.array([-0.1, 0.1, 0.0]))[0] == "no clear effect"
    null = _published(kind="null", bound=0.05)
    assert verdict(null, np.array([0.01, -0.01, 0.0]))[0] == "inside the equivalence bound"
    assert verdict(null, np.array([0.2, 0.21, 0.19]))[0] == "outside the equivalence bound"
    assert verdict(_published(kind="null"), inside)[0] == "not testable"
    assert verdict(_published(kind="none", why="one score"), np.array([]))[0] == "not represented"


def test_an_outcome_with_no_published_direction_is_shown_for_a_check_and_one_without_values_is_refused(tmp_path):
    from sim.science.replication import replicate_study
    shown = GOOD + '''
[[outcomes]]
id = "unmeasured"
what = "the unmeasured part, for the check"
observable = "unmeasured_quality"
published = { kind = "none", units = "score 0-1", why = "the test publishes no direction", source = "the test" }
confirmed = "a test file"

[[checks]]
id = "smaller"
what = "the unmeasured part moved by less than the measured part"
kind = "smaller_than"
outcome = "unmeasured"
than = "measured"
share = 1.0
source = "the test"
'''
    result = replicate_study(load_study(_study(tmp_path, shown)))
    unmeasured = next(o for o in result.outcomes if o.outcome.id == "unmeasured")
    assert unmeasured.verdict == "shown, not tested" and unmeasured.values.size == 2
    assert result.checks[0].values.size == 2  # the check compared the two
    # a check on an outcome the model has no values for is one line, not an internal error
    no_values = shown.replace('observable = "unmeasured_quality"\npublished = { kind = "none"', 'published = { kind = "none"')
    with pytest.raises(SteersimInputError, match=r"outcome 'unmeasured' has no 'observable': nothing to check") as caught:
        load_study(_study(tmp_path, no_values))
    assert caught.value.key == "checks[0].outcome"
