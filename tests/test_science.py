"""The science a user relies on, at the default organisation: every stylized fact holds
above its minimum effect size at ten seeds, the status quo sits in the calibration bands
at a steady state, reforms take time, and no regime wins by construction."""

import dataclasses

import numpy as np
import pytest

from sim import api
from sim.execution.ensemble import run_many
from sim.execution.executor import Executor
from sim.inputs.events import SetLevers
from sim.inputs.scenario import load_scenario
from sim.science.facts import FACTS
from sim.science.stats import mean_ci

pytestmark = pytest.mark.slow
SEEDS = list(range(1, 11))


#: Facts the model does not yet reproduce, with why. Strict: when the model is fixed the
#: test fails until the entry is removed, so this list can only shrink honestly.
KNOWN_FAILURES: dict[str, str] = {  # fact id -> why it does not hold yet (a strict xfail), as measured
    "SF11": "indicators' validity falls after they are introduced, but by 0.011 [-0.023, +0.001] at 10 seeds, "
            "short of 0.03: since targets pull work beyond the value-optimal split only as far as the goal is "
            "contested (goal_contest 0.5), there is less diversion to erode it; at goal_contest 0.9 it falls by 0.029",
    "SF18": "protected learning time dips first (-0.0044) but is not better after 8 years (-0.0003 [-0.0004, "
            "-0.0001]): skill now also grows from managers' support and from correction (learn_from_manager, "
            "learn_from_correction, 0.004 each, sizes assumed), so the time set aside adds little; with both at 0 "
            "the later gain is +0.0011",
}


@pytest.mark.parametrize("fact", [pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[f.id]))
                                  if f.id in KNOWN_FAILURES else f for f in FACTS], ids=[f.id for f in FACTS])
def test_every_stylized_fact_holds_above_its_minimum_at_ten_seeds(fact):
    result = fact.run(SEEDS, executor=Executor(2))
    failed = [f"{c.label}: {c.ci[0]:+.4f} [{c.ci[1]:+.4f}, {c.ci[2]:+.4f}], minimum {c.minimum}"
              for c in result.checks if not c.holds]
    assert not failed, f"{fact.id} ({fact.statement}) does not hold: " + "; ".join(failed)


def test_the_status_quo_sits_inside_every_calibration_band():
    table = api.calibrate(seeds=4, workers=2).table
    outside = table[~table["inside"]]
    assert outside.empty, outside[["target", "band_low", "band_high", "model"]].to_string()


def _window(series, scenario, metric, start, end):
    block = series[(series["scenario"] == scenario) & series["week"].between(start, end)]
    return block.groupby("seed")[metric].mean().to_numpy()


def test_the_status_quo_is_a_steady_state_and_the_headline_holds_at_5_and_20_years():
    npm, trust = load_scenario("npm"), load_scenario("trust")
    s = run_many([npm, trust], [1, 2, 3, 4], 1040, executor=Executor(2))
    for metric in ("admin_share", "direct_time_share", "rules"):
        early, late = _window(s, "npm", metric, 209, 260).mean(), _window(s, "npm", metric, 989, 1040).mean()
        assert abs(late / early - 1) < 0.10, f"npm {metric}: {early:.3f} at 5 years, {late:.3f} at 20"
    assert 0.23 <= _window(s, "npm", "admin_share", 989, 1040).mean() <= 0.45
    assert 0.30 <= _window(s, "npm", "direct_time_share", 989, 1040).mean() <= 0.45
    for end in (260, 1040):
        d = _window(s, "trust", "service_quality", end - 51, end) - _window(s, "npm", "service_quality", end - 51, end)
        assert mean_ci(d)[1] > 0, f"trust - npm at week {end}: {d}"


def test_an_imposed_reform_dips_first_gains_under_5_percent_in_a_year_and_co_created_dips_less():
    reform = load_scenario("reform")
    week = reform.events[0].week
    co = dataclasses.replace(reform, name="co-created", events=(dataclasses.replace(reform.events[0], co_created=True),))
    s = run_many([reform, co], [1, 2, 3, 4, 5, 6], week + 52, executor=Executor(2))
    before = _window(s, "reform", "service_quality", week - 12, week)
    quarters = [_window(s, "reform", "service_quality", week + k, week + k + 12) for k in (1, 14, 27, 40)]
    assert (np.min(quarters, axis=0) < before - 0.003).all(), "a measurable dip first"
    year = np.max(quarters, axis=0)
    assert (year < 1.05 * before).all(), "no gain above 5% of the pre-switch level within 52 weeks"
    dip = lambda name: np.min([_window(s, name, "service_quality", week + k, week + k + 12) for k in (1, 14)], axis=0)
    assert mean_ci(dip("co-created") - dip("reform"))[1] > 0, "co-created dips less"


def test_no_regime_wins_by_construction_each_wins_in_its_own_world():
    # the evidence's worlds: a narrow, measurable goal with many low-motivation staff
    # favours NPM's full preset; broad work with committed professionals favours trust
    narrow = dict(measurability=0.9, complex_share=0.05, professional_bias=0.5, low_motivation_share=0.5, goal_contest=0.2)
    broad = dict(measurability=0.3, complex_share=0.35, low_motivation_share=0.05)
    for world, winner in ((narrow, "npm"), (broad, "trust")):
        scs = [dataclasses.replace(load_scenario(n), inputs=dict(load_scenario(n).inputs, **world)) for n in ("npm", "trust")]
        s = run_many(scs, [1, 2, 3, 4], 260, executor=Executor(2))
        d = _window(s, "trust", "service_quality", 209, 260) - _window(s, "npm", "service_quality", 209, 260)
        lo, hi = mean_ci(d)[1:]
        assert (hi < 0) if winner == "npm" else (lo > 0), f"{winner} should win in {world}: {d}"


def test_over_every_kind_of_public_service_npm_wins_more_often_the_more_measurable_the_work(tmp_path):
    # behaviour inputs and coefficients within their plausible ranges, the work from
    # social work to a waiting-time target: npm's share of wins must rise with
    # measurability (Holmström & Milgrom 1991), none where almost nothing can be
    # measured and a fifth or more where most can; a pooled share would only weigh the
    # bands by the assumed mix of services
    result = api.robustness("npm", "trust", samples=200, vary=["behaviour", "coefficient", "services"],
                            metrics=["service_quality"], out=tmp_path / "r", workers=2)
    measurability = result.points["measurability"].to_numpy()
    npm_wins = result.difference("service_quality") < 0
    low, high = measurability < 0.2, measurability > 0.7
    assert low.sum() >= 20 and high.sum() >= 20
    assert npm_wins[low].mean() <= 0.05, f"npm wins {npm_wins[low].mean():.0%} where little is measurable"
    assert npm_wins[high].mean() >= 0.2, f"npm wins {npm_wins[high].mean():.0%} where most is measurable"
    assert npm_wins[high].mean() <= 0.8, "trust should still win some measurable worlds (committed staff)"


def test_when_learning_time_is_raised_quality_dips_first():
    base = load_scenario("npm")
    more = dataclasses.replace(base, name="more learning", events=(SetLevers(10, dict(learning_time=1.0)),))
    s = run_many([base, more], [1, 2, 3], 40, executor=Executor(2))
    d = _window(s, "more learning", "service_quality", 11, 40) - _window(s, "npm", "service_quality", 11, 40)
    assert (d < 0).all()
