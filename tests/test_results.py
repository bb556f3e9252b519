"""Results as a notebook user meets them: a batch of runs as one tidy table whose runs
are the runs a model alone makes, results that show themselves and draw themselves, and
inputs found by group."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import sim
from sim.model.metrics import KEY_METRICS, METRICS

SMALL = {"units": 4, "citizens": 300, "staff_per_unit": 5, "burn_in": 20}


@pytest.fixture(scope="module")
def batch():
    runs = [("trust", 1, SMALL), ("trust", 2, SMALL), ("npm", 1, {**SMALL, "discretion": 0.7}),
            ("npm", 1, {**SMALL, "discretion": 0.2})]
    return sim.run_batch(runs, steps=12, workers=1, progress=False)


def test_a_batch_is_one_tidy_table_a_row_per_run_and_week_with_the_inputs_that_vary(batch):
    frame = batch.frame
    assert len(frame) == 4 * 12 and list(frame.groupby("run")["week"].agg(list)) == [list(range(1, 13))] * 4
    assert {"run", "scenario", "seed", "label", "discretion", "input_indicators"} <= set(frame.columns)
    assert set(METRICS) <= set(frame.columns)  # every metric a column
    assert batch.within == ["discretion"]
    assert list(batch.labels) == ["trust (discretion=0.8)", "trust (discretion=0.8)", "npm (discretion=0.7)",
                                  "npm (discretion=0.2)"]
    first = frame[frame["run"] == 2]
    assert (first["discretion"] == 0.7).all() and (first["input_indicators"] == 24).all()


def test_a_run_in_a_batch_has_the_numbers_of_the_same_model_run_alone(batch):
    alone = sim.SteeringModel(rng=1, collect=False, **{**sim.load_scenario("npm").inputs, **SMALL,
                                                       "discretion": 0.2}).run(12)
    expected = alone.history_frame().iloc[1:].reset_index(drop=True)
    got = batch.frame[batch.frame["run"] == 3].reset_index(drop=True)
    for metric in METRICS:
        assert np.array_equal(got[metric].to_numpy(), expected[metric].to_numpy(), equal_nan=True), metric


def test_a_batch_summary_is_a_row_per_run_with_each_metrics_late_mean(batch):
    summary = batch.summary(window=4)
    assert list(summary["run"]) == [0, 1, 2, 3]
    late = batch.frame[(batch.frame["run"] == 0) & (batch.frame["week"] > 8)]["service_quality"].mean()
    assert summary.loc[0, "service_quality"] == pytest.approx(late)


@pytest.mark.parametrize("runs,needle", [
    ("npm", "'runs'"), ([("npm",)], "'runs[0]'"), ([("npm", -1)], "'runs[0] seed'"),
    ([("npm", 1, {"discretoin": 0.5})], "did you mean 'discretion'"), ([], "at least one run"),
    ([("reform", 1)], "beyond steps 12"),
])
def test_a_bad_batch_is_refused_in_one_line_naming_the_run(runs, needle):
    with pytest.raises(sim.SteersimInputError) as error:
        sim.run_batch(runs, steps=12, workers=1, progress=False)
    assert needle in str(error.value) and "\n" not in str(error.value)


def test_results_show_themselves_and_draw_a_figure_once(batch):
    result = sim.run("npm", seeds=2, steps=12, set=SMALL, workers=1, progress=False)
    page = result._repr_html_()
    assert "npm: 2 seeds (1-2), 12 weeks" in page and "service_quality" in page and "<table" in page
    shown = batch._repr_html_()
    assert "4 runs of trust, npm, 12 weeks" in shown and "within a scenario: discretion" in shown
    for r in (result, batch):
        open_before = plt.get_fignums()
        fig = r.plot()
        assert plt.get_fignums() == open_before, "left open for the inline backend to draw again"
        titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
        assert len(titles) == len(KEY_METRICS) and all(ax.get_ylabel() for ax in fig.axes if ax.get_title())


def test_a_comparison_shows_its_sentences_and_table():
    both = sim.compare("npm", "trust", seeds=2, steps=12, set=SMALL, workers=1, progress=False)
    page = both._repr_html_()
    assert "npm vs trust: 2 seeds (1-2) paired, 12 weeks" in page
    assert both.summary()[0].split(" (")[0] in page and "<table" in page


def test_inputs_are_found_by_group_or_mechanism_as_a_table():
    regime = sim.inputs("regime")
    assert isinstance(regime, pd.DataFrame) and "discretion" in regime.index
    assert set(regime["group"]) == {"regime"} and len(regime) == len(sim.INPUTS) - len(
        sim.inputs("organisation")) - len(sim.inputs("behaviour")) - len(sim.inputs("coefficient"))
    gaming = sim.inputs("gaming")
    assert set(gaming["mechanism"]) == {"gaming"} and len(gaming) >= 3
    assert sim.inputs(uncertain=True)["uncertain"].all()
    assert {"default", "unit", "allowed", "plausible", "meaning", "source"} <= set(regime.columns)
    with pytest.raises(sim.SteersimInputError, match="did you mean 'regime'"):
        sim.inputs("regim")
