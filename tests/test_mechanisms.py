"""Every mechanism function on its own: bounds, directions, and both sides of each lever.
Pure functions on small arrays, so this runs in a second."""

import inspect
from pathlib import Path

import numpy as np
import pytest

from sim.inputs.schema import make_params
from sim.mechanisms import (
    MODULES,
    audits,
    change,
    citizens,
    delivery,
    effort,
    followup,
    gaming,
    imitation,
    incidents,
    learning,
    market,
    measurement,
    motivation,
    population,
    rules,
    staffing,
    steering,
    strain,
    trust,
    workload,
)
from sim.model.past import poisson_cdf

C = make_params().namespace()
A = np.array
LOW, HIGH = A([0.1]), A([0.9])


def test_every_mechanism_function_is_tested_here_and_every_step_is_in_the_week():
    # a pure function (arrays in, values out) is tested here on its own; a step (a
    # function of the state) runs in the week plan, which the model tests run
    from sim.model.plan import STEPS

    text = Path(__file__).read_text()
    untested, unplanned = [], []
    for name in MODULES:
        module = __import__(f"sim.mechanisms.{name}", fromlist=["x"])
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or fname.startswith("_"):
                continue
            if list(inspect.signature(fn).parameters)[:1] == ["s"]:
                called = fn in STEPS or any(f"{name}.{fname}(" in inspect.getsource(m) for m in _model_modules())
                if not called:
                    unplanned.append(f"{name}.{fname}")
            elif f"{name}.{fname}(" not in text:
                untested.append(f"{name}.{fname}")
    assert not untested, untested
    assert not unplanned, unplanned


def _model_modules():
    import sim.mechanisms as mechanisms
    import sim.model.engine as engine
    import sim.model.past as past

    return [engine, past, mechanisms] + [__import__(f"sim.mechanisms.{m}", fromlist=["x"]) for m in MODULES]


# ------------------------------------------------------------------ workload (M1, M7, M8)
def test_workload_time_is_split_into_shares_that_never_exceed_the_week():
    assert workload.coverage(indicators=A([4.0]), measurability=A([0.9]), c=C) > workload.coverage(
        indicators=A([4.0]), measurability=A([0.4]), c=C
    )
    assert (
        workload.central_offload(central_per_frontline=A([0.0]), c=C)
        == 0
        < workload.central_offload(central_per_frontline=A([0.1]), c=C)
        < C.offload_max
    )
    base = dict(
        documentation_hours=A([1.5]),
        caseload=A([5.0]),
        completeness=A([0.8]),
        indicators=A([24.0]),
        measurability=0.4,
        rules_in_force=150.0,
        audit_rate=A([0.5]),
        learning_audits=A([0.0]),
        offload=A([0.2]),
    )
    admin = workload.admin_hours(**base, c=C)
    assert workload.admin_hours(**{**base, "indicators": A([40.0])}, c=C) > admin
    assert workload.admin_hours(**{**base, "measurability": 0.9}, c=C) < admin  # cheap to measure
    assert workload.admin_hours(**{**base, "offload": A([0.5])}, c=C) < admin
    shares = workload.allocate(
        hours=A([40.0]),
        admin=admin,
        development=A([1.0]),
        learning_time=A([0.5]),
        strain=A([0.3]),
        complex_share=A([0.25]),
        collaboration_reward=A([0.1]),
        incentive_strength=A([0.6]),
        c=C,
    )
    assert all(s >= 0 for s in shares) and abs(float(np.sum(shares)) + C.other_share - 1) < 1e-12
    squeezed = workload.allocate(
        hours=A([40.0]),
        admin=A([100.0]),
        development=A([1.0]),
        learning_time=A([0.5]),
        strain=A([0.3]),
        complex_share=A([0.25]),
        collaboration_reward=A([0.1]),
        incentive_strength=A([0.6]),
        c=C,
    )
    assert squeezed[0] <= C.max_admin_share and squeezed[4] >= 0


def test_workload_the_motivated_absorb_admin_and_the_pull_bends_the_split():
    assert (
        workload.overtime(admin_share=A([0.35]), motivation=HIGH, c=C)
        > workload.overtime(admin_share=A([0.35]), motivation=LOW, c=C)
        > 0
    )
    assert workload.overtime(admin_share=A([0.1]), motivation=HIGH, c=C) == 0
    prof = workload.unsteered_focus(measurability=0.4, professional_bias=0.3, citizen_panel=A([0.0]), c=C)
    assert (
        prof
        < 0.4
        < workload.unsteered_focus(measurability=0.4, professional_bias=0.0, citizen_panel=A([0.0]), c=C) + 1e-12
    )
    assert (
        workload.unsteered_focus(measurability=0.4, professional_bias=0.3, citizen_panel=A([1.0]), c=C) > prof
    )  # a panel narrows the bias
    pulled = workload.focus_target(
        professional_focus=prof,
        coverage=A([0.8]),
        pay_pull=effort.weighed_pay(incentive_power=A([1.0]), incentive_strength=A([0.8]), incentive_response=0.5),
        target_pressure=A([0.8]),
        goal_push=A([1.0]),
        motivation=LOW,
        practice_focus=A([0.0]),
        measurability=0.4,
        goal_contest=1.0,
        c=C,
    )
    resisted = workload.focus_target(
        professional_focus=prof,
        coverage=A([0.8]),
        pay_pull=effort.weighed_pay(incentive_power=A([1.0]), incentive_strength=A([0.8]), incentive_response=0.5),
        target_pressure=A([0.8]),
        goal_push=A([1.0]),
        motivation=HIGH,
        practice_focus=A([0.0]),
        measurability=0.4,
        goal_contest=1.0,
        c=C,
    )
    assert pulled > resisted > prof
    assert prof < workload.follow_focus(focus=prof, target=pulled, c=C) < pulled
    # an uncontested goal: the pull only corrects the professions' bias, up to the value-optimal split
    agreed = dict(professional_focus=prof, coverage=A([0.8]), pay_pull=A([0.8]), target_pressure=A([0.8]),
                  goal_push=A([1.0]), motivation=LOW, practice_focus=A([0.0]), measurability=0.4, c=C)
    uncontested = workload.focus_target(**agreed, goal_contest=0.0)
    assert prof < uncontested == pytest.approx(0.4)  # corrected, not diverted
    assert uncontested < workload.focus_target(**agreed, goal_contest=0.5) < workload.focus_target(
        **agreed, goal_contest=1.0)


# ------------------------------------------------------------------ measurement (M1, M2)
def test_measurement_noise_pay_power_targets_and_the_ratchet():
    assert (
        measurement.noise_sd(measurement_noise=0.1, indicators=A([24.0]), c=C)
        < measurement.noise_sd(measurement_noise=0.1, indicators=A([4.0]), c=C)
        < 0.1
    )
    assert measurement.incentive_power(noise=A([0.3]), c=C) < measurement.incentive_power(noise=A([0.05]), c=C) <= 1
    assert measurement.threshold(target_pressure=A([1.0]), c=C) > measurement.threshold(target_pressure=A([0.0]), c=C)
    assert measurement.ratcheted(base_target=A([0.6]), last_year_result=A([0.8]), ratchet=A([0.5])) == pytest.approx(
        0.7
    )
    assert measurement.ratcheted(base_target=A([0.6]), last_year_result=A([0.5]), ratchet=A([0.5])) == pytest.approx(
        0.6
    )
    assert measurement.holdback(ratchet=A([1.0]), target_pressure=A([1.0]), motivation=LOW, c=C) > measurement.holdback(
        ratchet=A([1.0]), target_pressure=A([1.0]), motivation=HIGH, c=C
    )
    honest, none = measurement.report(
        measured_score=A([0.5]),
        gaming=A([0.0]),
        noise=A([0.0]),
        noise_draw=A([0.0]),
        target=A([0.8]),
        bunch_draw=A([0.99]),
        c=C,
    )
    gamed, inflated = measurement.report(
        measured_score=A([0.5]),
        gaming=A([0.5]),
        noise=A([0.0]),
        noise_draw=A([0.0]),
        target=A([0.8]),
        bunch_draw=A([0.99]),
        c=C,
    )
    assert honest == pytest.approx(0.5) and gamed > honest and none == 0 and inflated == pytest.approx(gamed - honest)
    # honest noise is not inflation: an audit of the records finds only what gaming added
    noisy, clean = measurement.report(
        measured_score=A([0.5]),
        gaming=A([0.0]),
        noise=A([0.1]),
        noise_draw=A([0.977]),
        target=A([0.8]),
        bunch_draw=A([0.99]),
        c=C,
    )
    assert 0.65 < noisy < 0.75 and clean == 0  # about two SDs up
    # an honest reading is unbiased and bounded, even near the top of the scale
    draws = (np.arange(20000) + 0.5) / 20000
    for score in (0.1, 0.5, 0.95):
        read = measurement.reading(measured_score=np.full(draws.size, score), noise=0.3, draw=draws)
        assert read.mean() == pytest.approx(score, abs=1e-3) and read.min() >= 0 and read.max() <= 1
    assert measurement.reading(measured_score=A([0.5]), noise=0.0, draw=A([0.9])) == 0.5
    assert measurement.reading(measured_score=A([1.0]), noise=0.3, draw=A([0.1])) == 1.0
    # ... shaped like the Beta it replaced: at noise 0.1 the same variance between 0.021 and
    # 0.979, the same skewness between about 0.09 and 0.91 and more beyond (leaning away
    # from the nearer end), rising with the draw (common random numbers hold draw by draw)
    from scipy import stats
    for score in (0.05, 0.1, 0.3, 0.5, 0.8, 0.9, 0.95):
        read = measurement.reading(measured_score=np.full(draws.size, score), noise=0.1, draw=draws)
        concentration = score * (1 - score) / 0.01
        beta = stats.beta(score * concentration, (1 - score) * concentration)
        skew, beta_skew = stats.skew(read), float(beta.stats(moments="s"))
        assert read.mean() == pytest.approx(score, abs=1e-9)
        assert read.std() == pytest.approx(beta.std(), rel=1e-3)
        if 0.1 <= score <= 0.9:
            assert skew == pytest.approx(beta_skew, abs=0.02)
        else:
            assert abs(skew) > abs(beta_skew) and np.sign(skew) == np.sign(beta_skew)
        assert np.all(np.diff(read) >= 0)
    # where two pieces cannot hold the Beta's variance (at most m(1-m)/3: above noise 0.354
    # at every score) the reading is less noisy than the Beta, never outside 0-1
    wide = measurement.reading(measured_score=np.full(draws.size, 0.5), noise=0.5, draw=draws)
    assert wide.var() == pytest.approx(0.25 / 3, rel=1e-3) and wide.min() >= 0 and wide.max() <= 1
    # no noise to draw where the variance would be below the smallest double: exact, and no
    # warning or NaN for scores or noise near nothing
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        edge = measurement.reading(measured_score=A([5e-324, 1e-17, 0.3, 1 - 1e-16, 0.3]),
                                   noise=A([0.1, 0.1, 1e-160, 0.1, 1e-150]), draw=A([0.3, 0.9, 0.5, 0.01, 0.7]))
    assert np.all(np.isfinite(edge)) and np.all((edge >= 0) & (edge <= 1)) and edge[2] == 0.3
    # a near miss (0.70 gamed a little to about 0.72) is pushed just over the target of 0.8 ...
    bunched, bunch_inflation = measurement.report(
        measured_score=A([0.70]),
        gaming=A([0.1]),
        noise=A([0.0]),
        noise_draw=A([0.0]),
        target=A([0.8]),
        bunch_draw=A([0.01]),
        c=C,
    )
    assert 0.8 <= bunched <= 0.8 + C.bunch_margin and bunch_inflation > 0.08
    # ... unless the draw says this worker does not push it
    assert (
        measurement.report(
            measured_score=A([0.70]),
            gaming=A([0.1]),
            noise=A([0.0]),
            noise_draw=A([0.0]),
            target=A([0.8]),
            bunch_draw=A([0.99]),
            c=C,
        )[0]
        < 0.8
    )


# ------------------------------------------------------------------ gaming (M2)
def test_gaming_grows_with_pressure_shrinks_with_deterrence_and_integrity():
    g = lambda **k: gaming.intensity(
        **{
            **dict(
                propensity=0.5,
                gaming_stakes=A([0.8]),
                deterrence=audits.deterrence(audit_rate=A([0.2]), learning_audits=A([0.0]), c=C),
                integrity=A([0.5]),
                gaming_skill=A([0.5]),
                has_indicators=A([1.0]),
                practice_gaming=A([0.0]),
                c=C,
            ),
            **k,
        }
    )
    control, learning = (
        audits.deterrence(audit_rate=A([0.9]), learning_audits=A([style]), c=C) for style in (0.0, 1.0)
    )
    assert g(gaming_stakes=A([1.0])) > g() > g(deterrence=learning) > g(deterrence=control) >= 0
    assert (
        gaming.stakes(target_pressure=A([1.0]), incentive_strength=A([1.0]), c=C)
        > gaming.stakes(target_pressure=A([1.0]), incentive_strength=A([0.0]), c=C)
        == 1
    )  # Campbell's law
    assert g(integrity=A([0.9])) < g() and g(has_indicators=A([0.0])) == 0
    assert (
        gaming.learn(gaming_skill=A([0.2]), gaming_stakes=A([1.0]), has_indicators=A([1.0]), integrity=A([0.2]), c=C)
        > gaming.learn(gaming_skill=A([0.2]), gaming_stakes=A([1.0]), has_indicators=A([1.0]), integrity=A([0.8]), c=C)
        > 0.2
    )
    assert gaming.tickbox_target(
        incentive_strength=A([1.0]), coverage=A([0.8]), monitoring=A([0.5]), audit_rate=A([0.5]), c=C
    ) > gaming.tickbox_target(
        incentive_strength=A([0.0]), coverage=A([0.8]), monitoring=A([0.5]), audit_rate=A([0.5]), c=C
    )
    assert 0.4 < gaming.follow_tickbox(completeness=A([0.4]), target=A([0.9]), c=C) < 0.9


# ------------------------------------------------------------------ effort (M4)
def test_effort_control_helps_with_the_low_motivated_and_hurts_with_the_committed():
    steward, agent = A([1.0]), A([0.0])  # manager stewardship 1 = no control
    assert effort.pairing(motivation=agent, manager_stewardship=steward, c=C) < effort.pairing(
        motivation=agent, manager_stewardship=agent, c=C
    )  # knave: control helps
    assert effort.pairing(motivation=HIGH, manager_stewardship=steward, c=C) > effort.pairing(
        motivation=HIGH, manager_stewardship=agent, c=C
    )  # knight: control hurts
    control, learning = (
        audits.deterrence(audit_rate=A([0.8]), learning_audits=A([style]), c=C) for style in (0.0, 1.0)
    )
    base = dict(
        motivation=LOW,
        manager_stewardship=A([0.5]),
        deterrence=audits.deterrence(audit_rate=A([0.2]), learning_audits=A([0.0]), c=C),
        pay_pull=A([0.0]),
        followup=A([0.0]),
        correction=A([0.0]),
        used_discretion=A([0.5]),
        strain=A([0.2]),
        resisting=A([0.0]),
        competition=A([0.0]),
        c=C,
    )
    e = effort.core_effort(**base)
    assert (
        effort.core_effort(**{**base, "deterrence": control})
        > effort.core_effort(**{**base, "deterrence": learning})
        > e
    )
    corrected = effort.core_effort(**{**base, "followup": A([1.0]), "correction": A([1.0])})
    false_alarm = effort.core_effort(**{**base, "followup": A([1.0])})
    assert corrected > false_alarm > e  # a false alarm has less to correct
    assert (
        effort.core_effort(**{**base, "followup": A([1.0]), "c": make_params({"false_alarm_push": 0.0}).namespace()})
        == e
    )
    paid = effort.weighed_pay(incentive_power=A([1.0]), incentive_strength=A([0.8]), incentive_response=0.5)
    assert effort.core_effort(**{**base, "pay_pull": paid}) > e  # pay drives the knave
    # pay's pull is linear in the stake, on the same scale as its costs
    def pull(stake):
        return effort.weighed_pay(incentive_power=A([1.0]), incentive_strength=A([stake]),
                                  incentive_response=1.0)[0]
    assert pull(0.0) == 0 and pull(0.6) == pytest.approx(6 * pull(0.1))
    assert effort.core_effort(**{**base, "motivation": A([1.0]), "pay_pull": paid}) == effort.core_effort(
        **{**base, "motivation": A([1.0])}
    )
    # a provider that can lose its citizens and their payment: the knave works harder, the knight does not
    at_stake = market.competition(money_follows=A([0.9]), choice=A([1.0]), contestable=A([1.0]), reach=A([1.0]))
    assert effort.core_effort(**{**base, "competition": at_stake}) > e
    assert effort.core_effort(**{**base, "motivation": A([1.0]), "competition": at_stake}) == effort.core_effort(
        **{**base, "motivation": A([1.0])})
    assert market.competition(money_follows=A([0.9]), choice=A([1.0]), contestable=A([0.0]), reach=A([1.0])) == 0
    assert market.competition(money_follows=A([0.9]), choice=A([0.0]), contestable=A([1.0]), reach=A([1.0])) == 0
    assert effort.core_effort(**{**base, "used_discretion": A([1.0])}) < e  # room to shirk
    assert effort.core_effort(**{**base, "strain": A([0.9])}) < e
    resisting = effort.resistance(imposed_load=A([0.4]), felt_trust=A([0.2]), c=C)
    assert effort.core_effort(**{**base, "resisting": resisting}) < e  # resistance to imposed change
    assert (
        effort.resistance(imposed_load=A([0.4]), felt_trust=A([0.8]), c=C) < resisting
    )  # less where management is trusted
    assert effort.resistance(imposed_load=A([0.0]), felt_trust=A([0.2]), c=C) == 0  # co-created: no imposed load
    paid_low = effort.measured_multiplier(
        coverage=A([0.8]),
        pay_pull=effort.weighed_pay(incentive_power=A([1.0]), incentive_strength=A([1.0]), incentive_response=0.5),
        target_pressure=A([0.0]),
        motivation=LOW,
        held_back=A([0.0]),
        goal_push=A([1.0]),
        c=C,
    )
    paid_high = effort.measured_multiplier(
        coverage=A([0.8]),
        pay_pull=effort.weighed_pay(incentive_power=A([1.0]), incentive_strength=A([1.0]), incentive_response=0.5),
        target_pressure=A([0.0]),
        motivation=HIGH,
        held_back=A([0.0]),
        goal_push=A([1.0]),
        c=C,
    )
    assert paid_low > paid_high > 1  # pay works most on the low-motivated
    assert (
        effort.measured_multiplier(
            coverage=A([0.8]),
            pay_pull=effort.weighed_pay(incentive_power=A([1.0]), incentive_strength=A([1.0]), incentive_response=0.5),
            target_pressure=A([0.0]),
            motivation=LOW,
            held_back=A([0.2]),
            goal_push=A([1.0]),
            c=C,
        )
        < paid_low
    )
    # by default (goal_hold 1) a pressed target pushes everyone alike, above it or not
    goal = dict(coverage=A([0.8]), pay_pull=A([0.0]), target_pressure=A([1.0]), motivation=LOW,
                held_back=A([0.0]), c=C)
    assert C.goal_hold == 1
    assert [effort.pushed_by_goal(shortfall=A([x]), c=C)[0] for x in (0.0, 0.05, 0.5)] == [1, 1, 1]
    # below 1, it pushes those short of it in proportion, and those above it by goal_hold only
    held = make_params({"goal_hold": 0.25}).namespace()
    pushes = [effort.pushed_by_goal(shortfall=A([x]), c=held) for x in (0.0, held.goal_reach / 2, 0.5)]
    assert pushes[0] == 0.25 < pushes[1] < pushes[2] == 1
    above, near, far = (effort.measured_multiplier(**goal, goal_push=push) for push in pushes)
    assert 1 < above < near < far


# ------------------------------------------------------------------ managers
def test_followup_managers_relax_with_trust_and_follow_up_reported_shortfalls():
    assert (
        followup.control(monitoring=A([0.8]), trust_in_staff=A([1.0]), c=C)
        < followup.control(monitoring=A([0.8]), trust_in_staff=A([0.0]), c=C)
        == pytest.approx(0.8)
    )

    def follow(reported, measured, before=(0.0, 0.0), unit_pressed=1.0):
        return followup.follow_up(
            followup=A([before[0]]),
            correction=A([before[1]]),
            target=A([0.8]),
            reported=A([reported]),
            measured_score=A([measured]),
            target_pressure=A([1.0]),
            coverage=A([1.0]),
            goal_push=A([unit_pressed]),
            c=C,
        )

    short, real = follow(0.5, 0.5)
    assert short > 0 and real == short  # a real shortfall is all correction
    assert follow(0.9, 0.9) == (0, 0)
    alarm, nothing = follow(0.5, 0.85)  # noise reads a worker at target as short
    assert alarm == short and nothing == 0
    assert follow(0.5, 0.6)[1] == pytest.approx(follow(0.6, 0.6)[0])  # only the real part corrects
    kept, kept_real = follow(0.9, 0.9, before=(0.5, 0.2))
    assert kept < 0.5 and kept_real < 0.2  # both lapse
    # a unit that meets its target passes on less pressure: its short workers are followed up less
    assert follow(0.5, 0.5, unit_pressed=0.0) == (0, 0)
    assert 0 < follow(0.5, 0.5, unit_pressed=0.5)[0] < short
    times = followup.manager_time(
        indicators=A([80.0]),
        target_pressure=A([1.0]),
        audit_rate=A([1.0]),
        control_audits=A([1.0]),
        manager_control=A([1.0]),
        support=A([1.0]),
        collaboration_reward=A([1.0]),
        c=C,
    )
    assert float(np.sum(times)) <= 1 + 1e-12


# ------------------------------------------------------------------ audits
def test_audits_find_gaming_and_real_failures_and_the_style_decides_what_follows():
    audited = audits.audit(audit_rate=A([0.5, 0.5]), draw=A([0.01, 0.99]))
    assert audited.tolist() == [True, False]
    # inflation in score units against the tolerance; failures judged on the work itself
    caught, failure = audits.findings(
        audited=A([True, True, False]), inflation=A([0.3, 0.0, 0.3]), work_quality=A([0.9, 0.2, 0.2]), c=C
    )
    assert caught.tolist() == [True, False, False] and failure.tolist() == [False, True, False]
    control = audits.consequences(
        audited=A([True]),
        caught=A([True]),
        failure=A([True]),
        learning_style=A([0.0]),
        gaming_skill=A([0.5]),
        skill=A([0.5]),
        followup=A([0.0]),
        correction=A([0.0]),
        c=C,
    )
    learning = audits.consequences(
        audited=A([True]),
        caught=A([True]),
        failure=A([True]),
        learning_style=A([1.0]),
        gaming_skill=A([0.5]),
        skill=A([0.5]),
        followup=A([0.0]),
        correction=A([0.0]),
        c=C,
    )
    assert control[0] < learning[0]  # control knocks gaming skill back harder
    assert learning[1] > control[1] > 0.5  # learning teaches; a control audit's real finding teaches less
    assert control[2] > learning[2] == 0  # control follows up failures
    assert control[3] == control[2]  # a failure found is real: all of it corrects
    assert control[4] > learning[4] == 0  # control reads as punishment


# ------------------------------------------------------------------ delivery
def test_delivery_discretion_fits_but_spreads_and_errs_where_skill_is_low():
    assert (
        delivery.part_quality(hours=A([2.0]), weight=0.5, c=C)
        > delivery.part_quality(hours=A([1.0]), weight=0.5, c=C)
        > 0
    )
    assert delivery.documentation_coverage(
        documentation_hours=A([2.0]), completeness=A([0.8]), c=C
    ) > delivery.documentation_coverage(documentation_hours=A([0.5]), completeness=A([0.8]), c=C)
    assert delivery.guidance(useful_rules=A([100.0]), c=C) > delivery.guidance(useful_rules=A([20.0]), c=C)
    assert delivery.fit(used_discretion=HIGH, motivation=HIGH, skill=HIGH, rules_in_force=100.0, c=C) > delivery.fit(
        used_discretion=LOW, motivation=HIGH, skill=HIGH, rules_in_force=100.0, c=C
    )
    assert delivery.fit(used_discretion=HIGH, motivation=HIGH, skill=HIGH, rules_in_force=100.0, c=C) - delivery.fit(
        used_discretion=LOW, motivation=HIGH, skill=HIGH, rules_in_force=100.0, c=C
    ) > delivery.fit(used_discretion=HIGH, motivation=LOW, skill=HIGH, rules_in_force=100.0, c=C) - delivery.fit(
        used_discretion=LOW, motivation=LOW, skill=HIGH, rules_in_force=100.0, c=C
    )  # knights use room better
    assert delivery.fit(used_discretion=HIGH, motivation=HIGH, skill=HIGH, rules_in_force=1000.0, c=C) < delivery.fit(
        used_discretion=HIGH, motivation=HIGH, skill=HIGH, rules_in_force=10.0, c=C
    )
    assert delivery.fit(used_discretion=HIGH, motivation=HIGH, skill=LOW, rules_in_force=100.0, c=C) < delivery.fit(
        used_discretion=HIGH, motivation=HIGH, skill=HIGH, rules_in_force=100.0, c=C
    )  # judgement  # rules leave less room
    assert delivery.continuity(tenure=A([0.0]), records=A([0.8]), c=C) > delivery.continuity(
        tenure=A([0.0]), records=A([0.1]), c=C
    )
    assert delivery.continuity(tenure=A([500.0]), records=A([0.1]), c=C) > delivery.continuity(
        tenure=A([0.0]), records=A([0.1]), c=C
    )
    risk = lambda **k: delivery.error_risk(
        **{
            **dict(
                skill=A([0.4]),
                used_discretion=A([0.3]),
                strain=A([0.3]),
                guided=A([0.5]),
                records=A([0.5]),
                forgiving=A([0.0]),
                motivation=A([0.6]),
                c=C,
            ),
            **k,
        }
    )
    assert risk(used_discretion=A([0.9])) > risk() > risk(records=A([0.9])) and risk(guided=A([0.9])) < risk()
    assert (
        risk(skill=A([0.9]), used_discretion=A([0.9])) - risk(skill=A([0.9])) < risk(used_discretion=A([0.9])) - risk()
    )
    assert delivery.judgement_spread(
        used_discretion=HIGH, guided=A([0.0]), records=A([0.0]), c=C
    ) > delivery.judgement_spread(used_discretion=LOW, guided=A([0.0]), records=A([0.0]), c=C)
    assert delivery.judgement_spread(
        used_discretion=HIGH, guided=A([0.9]), records=A([0.9]), c=C
    ) < delivery.judgement_spread(used_discretion=HIGH, guided=A([0.0]), records=A([0.0]), c=C)


def test_delivery_true_quality_stays_in_bounds_and_misallocation_costs_it():
    args = dict(
        core_hours=A([16.0]),
        gaming=A([0.0]),
        effort=A([0.8]),
        measured_multiplier=A([1.0]),
        skill=A([0.8]),
        caseload=A([5.0]),
        focus=A([0.4]),
        measurability=0.4,
        motivation=A([0.7]),
        fitted=A([0.9]),
        kept=A([1.0]),
        error_risk=A([0.002]),
        c=C,
    )
    measured, true, unmeasured, steerable = delivery.deliver(**args)
    assert 0 < true < 1 and 0 < steerable < 1 and 1 - C.steering_reach <= true / (1 - C.error_quality_loss * 0.002)
    assert delivery.deliver(**{**args, "focus": A([0.9])})[1] < true
    assert delivery.deliver(**{**args, "gaming": A([0.5])})[1] < true
    assert (
        delivery.gamed(gaming=A([0.0]), c=C) == 1 and 0 < delivery.gamed(gaming=A([1.0]), c=C) < 1
    )  # hit the target, miss the point
    assert delivery.deliver(**{**args, "motivation": A([0.1])})[2] < unmeasured  # care
    assert delivery.reached(steerable=A([1.0]), error_risk=A([0.0]), c=C) == pytest.approx(1.0)
    alone = delivery.complex_quality(
        steerable=steerable,
        error_risk=A([0.002]),
        own_hours_per_case=A([0.0]),
        partner_hours=A([0.0]),
        coordination=A([0.0]),
        records=A([0.5]),
        c=C,
    )
    together = delivery.complex_quality(
        steerable=steerable,
        error_risk=A([0.002]),
        own_hours_per_case=A([2.0]),
        partner_hours=A([1.0]),
        coordination=A([0.1]),
        records=A([0.5]),
        c=C,
    )
    assert alone < together <= true + 1e-12


# ------------------------------------------------------------------ motivation, trust, strain, learning
def test_motivation_is_crowded_out_by_control_and_in_by_autonomy():
    m = lambda **k: motivation.target(
        **{
            **dict(
                public_service_motivation=A([0.7]),
                crowding_sensitivity=A([1.0]),
                control=A([0.5]),
                felt_trust=A([0.3]),
                incentive_strength=A([0.5]),
                followup=A([0.0]),
                used_discretion=A([0.3]),
                support=A([0.3]),
                learning_visit=A([0.0]),
                target_met=A([0.0]),
                taking_part=A([0.1]),
                imposed_load=A([0.0]),
                c=C,
            ),
            **k,
        }
    )
    assert m(target_met=A([1.0])) > m()  # meeting one's target is positive feedback
    assert m(control=A([1.0])) < m() < m(used_discretion=A([0.9])) and m(
        crowding_sensitivity=A([0.0]), control=A([1.0])
    ) > m(control=A([1.0]))
    assert m(imposed_load=A([1.0])) < m() and m(taking_part=A([1.0])) > m()  # imposed change costs, taking part gives
    assert 0.5 < motivation.update(motivation=A([0.5]), wanted=A([0.9]), c=C) < 0.9


def test_trust_is_lost_faster_than_it_is_built():
    t = A([0.5])
    up = trust.asymmetric_update(level=t, good=A([1.0]), bad=A([0.0]), up=0.05, loss_ratio=3.0)
    down = trust.asymmetric_update(level=t, good=A([0.0]), bad=A([1.0]), up=0.05, loss_ratio=3.0)
    assert (t - down)[0] == pytest.approx(3 * (up - t)[0])
    good, bad = trust.felt_signals(
        discretion=A([0.9]),
        support=A([0.9]),
        trust_in_staff=A([0.9]),
        control=A([0.1]),
        learning_visit=A([1.0]),
        punished=A([0.0]),
        followup=A([0.0]),
        correction=A([0.0]),
        taking_part=A([1.0]),
        imposed_load=A([0.0]),
        c=C,
    )
    good2, bad2 = trust.felt_signals(
        discretion=A([0.1]),
        support=A([0.1]),
        trust_in_staff=A([0.1]),
        control=A([0.9]),
        learning_visit=A([0.0]),
        punished=A([1.0]),
        followup=A([1.0]),
        correction=A([0.0]),
        taking_part=A([0.0]),
        imposed_load=A([1.0]),
        c=C,
    )
    assert good > good2 and bad < bad2 and 0 <= min(good, bad2) and max(good, bad2) <= 1
    # follow-up aimed at a real shortfall reads as less distrust than a false alarm
    felt = dict(discretion=A([0.5]), support=A([0.5]), trust_in_staff=A([0.5]), control=A([0.5]),
                learning_visit=A([0.0]), punished=A([0.0]), followup=A([0.5]), taking_part=A([0.0]),
                imposed_load=A([0.0]), c=C)
    assert trust.felt_signals(**felt, correction=A([0.5]))[1] < trust.felt_signals(**felt, correction=A([0.0]))[1]
    near, far = (
        trust.manager_signals(
            targets_met=A([1.0]),
            caught_share=A([0.0]),
            incident_severity=A([0.0]),
            closeness=A([1.0]),
            unit_quality=A([0.5]),
            c=C,
        ),
        trust.manager_signals(
            targets_met=A([1.0]),
            caught_share=A([0.0]),
            incident_severity=A([0.0]),
            closeness=A([0.0]),
            unit_quality=A([0.5]),
            c=C,
        ),
    )
    assert near[0] == pytest.approx(0.5) and far[0] == pytest.approx(C.manager_reads_reports)


def test_strain_rises_with_admin_and_conflict_and_drives_quits():
    assert strain.role_conflict(
        focus=A([0.8]), professional_focus=A([0.3]), discretion=A([0.8]), target_pressure=A([0.8]), goal_contest=1.0,
        c=C
    ) > strain.role_conflict(
        focus=A([0.3]), professional_focus=A([0.3]), discretion=A([0.1]), target_pressure=A([0.1]), goal_contest=1.0,
        c=C
    )
    # a target on a goal nobody disputes asks nothing one does not value
    assert strain.role_conflict(
        focus=A([0.8]), professional_focus=A([0.3]), discretion=A([0.8]), target_pressure=A([0.8]), goal_contest=0.0,
        c=C
    ) == 0
    s = lambda **k: strain.target(
        **{
            **dict(
                caseload=A([5.0]),
                capacity=A([1.0]),
                admin_share=A([0.3]),
                conflict=A([0.2]),
                used_discretion=A([0.3]),
                support=A([0.3]),
                control=A([0.5]),
                felt_trust=A([0.3]),
                change_load=A([0.0]),
                overtime=A([0.0]),
                c=C,
            ),
            **k,
        }
    )
    assert s(admin_share=A([0.6])) > s() > s(support=A([0.9])) and s(overtime=A([0.1])) > s()
    assert 0.2 < strain.update(strain=A([0.2]), wanted=A([0.8]), c=C) < 0.8
    assert (
        strain.quit_probability(strain=A([0.9]), motivation=A([0.2]), quit_sensitivity=0.5, c=C)
        > strain.quit_probability(strain=A([0.1]), motivation=A([0.8]), quit_sensitivity=0.5, c=C)
        > 0
    )


def test_learning_builds_skill_and_hires_start_lower():
    none = dict(skill=A([0.5]), learning_share=A([0.0]), collaboration_share=A([0.0]), support=A([0.0]),
                correction=A([0.0]), supporting_time=A([0.0]), c=C)
    base = learning.update_skill(**none)
    assert learning.update_skill(**{**none, "learning_share": A([0.05]), "collaboration_share": A([0.05]),
                                    "support": A([0.5])}) > base
    # follow-up on a real shortfall, and a manager's time supporting staff, teach
    assert learning.update_skill(**{**none, "correction": A([0.5])}) > base
    assert learning.update_skill(**{**none, "supporting_time": A([0.3])}) > base
    assert learning.update_skill(**{**none, "skill": A([0.99])}) < 0.99  # erodes without learning
    assert learning.hire_skill(draw=A([1.0]), c=C) < 0.8


# ------------------------------------------------------------------ steering, incidents, rules
def test_steering_punish_all_reacts_to_every_incident_forgive_minor_only_to_serious():
    pref = A([0.5, 0.5])
    minor = A([0.2, 0.0])
    p_punish, ind_punish, rules_punish = steering.react(
        control_preference=pref,
        attention=A([1.0, 1.0]),
        incident_severity=minor,
        incident_news=minor,
        forgive_minor=0.0,
        incident_reaction=0.5,
        control_baseline=0.5,
        citizen_panel=0.0,
        c=C,
    )
    p_forgive, ind_forgive, _ = steering.react(
        control_preference=pref,
        attention=A([1.0, 1.0]),
        incident_severity=minor,
        incident_news=minor,
        forgive_minor=1.0,
        incident_reaction=0.5,
        control_baseline=0.5,
        citizen_panel=0.0,
        c=C,
    )
    assert ind_punish > ind_forgive == 0 and rules_punish > 0 and (p_punish > p_forgive).all()
    serious = A([0.9, 0.0])
    assert (
        steering.react(
            control_preference=pref,
            attention=A([1.0, 1.0]),
            incident_severity=serious,
            incident_news=serious,
            forgive_minor=1.0,
            incident_reaction=0.5,
            control_baseline=0.5,
            citizen_panel=0.0,
            c=C,
        )[1]
        > 0
    )
    # the forgiving threshold reads the incident's severity, the push its weight in the news
    assert steering.react(
        control_preference=pref,
        attention=A([1.0, 1.0]),
        incident_severity=serious,
        incident_news=serious / 4,
        forgive_minor=1.0,
        incident_reaction=0.5,
        control_baseline=0.5,
        citizen_panel=0.0,
        c=C,
    )[1] == pytest.approx(
        steering.react(
            control_preference=pref,
            attention=A([1.0, 1.0]),
            incident_severity=serious,
            incident_news=serious,
            forgive_minor=1.0,
            incident_reaction=0.5,
            control_baseline=0.5,
            citizen_panel=0.0,
            c=C,
        )[1]
        / 4
    )
    assert (
        steering.drift(control_preference=A([0.7, 0.7]), control_baseline=0.5) == pytest.approx(0.2)
        and steering.drift(control_preference=A([0.3]), control_baseline=0.5) == 0
    )
    assert steering.with_drift(lever=A([0.5]), drift=0.2) == pytest.approx(0.6)


def test_steering_the_board_forgets_its_extra_control_and_follows_the_levers_it_sets():
    # the baseline is the mean of the three control levers
    assert steering.control_baseline(
        target_pressure=A([0.9]), monitoring=A([0.6]), audit_rate=A([0.3])
    ) == pytest.approx(0.6)
    # what the board added fades, faster with a citizen panel
    kept = steering.fading(citizen_panel=A([0.0]), c=C)
    assert steering.fading(citizen_panel=A([1.0]), c=C) < kept < 1
    # new levers move the preference by the change in control they set, within 0-1
    assert steering.follow_new_levers(
        control_preference=A([0.5]), baseline_before=0.6, baseline_after=0.2
    ) == pytest.approx(0.1)
    assert steering.follow_new_levers(control_preference=A([0.1]), baseline_before=0.6, baseline_after=0.2) == 0


def test_incidents_come_from_serious_errors_and_shake_trust():
    assert (
        incidents.probability(serious_errors=A([5.0]), media_attention=1.0, c=C)
        > incidents.probability(serious_errors=A([5.0]), media_attention=0.0, c=C)
        > 0
    )
    sev = incidents.draw(chance=A([0.5, 0.5]), draw_happens=A([0.1, 0.9]), draw_severity=A([0.5, 0.5]), c=C)
    assert sev[0] > 0 and sev[1] == 0
    assert (incidents.citizen_shock(trust=A([0.5]), severity_total=2.0, media_attention=0.5, c=C) < 0.5).all()
    # a unit's incident weighs by the region's size; a scheduled scandal in full
    severity, news = incidents.news(
        random_severity=A([0.4, 0.0]), scandal_severity=A([0.0, 0.8]), n_staff=2 * C.news_staff, c=C
    )
    assert severity.tolist() == [0.4, 0.8] and news == pytest.approx([0.2, 0.8])
    # punish-all blames every incident; forgive-minor only the serious ones
    minor, serious = C.serious_severity / 2, (1 + C.serious_severity) / 2
    assert incidents.blame(incident_severity=A([minor]), error_policy=A([0.0]), c=C) == pytest.approx(minor)
    assert incidents.blame(incident_severity=A([minor]), error_policy=A([1.0]), c=C) == 0
    assert incidents.blame(incident_severity=A([serious]), error_policy=A([1.0]), c=C) == pytest.approx(serious)


def test_rules_settle_or_bloat_and_cuts_relapse():
    npm = rules.after_years(
        rule_creation=0.6, rule_bloat=0.5, rule_pruning=0.1, environment_change=0.15, weeks=52 * 30, c=C
    )
    trust_ = rules.after_years(
        rule_creation=0.3, rule_bloat=0.5, rule_pruning=0.5, environment_change=0.15, weeks=52 * 30, c=C
    )
    bloat = rules.after_years(
        rule_creation=1.0, rule_bloat=1.0, rule_pruning=1.0, environment_change=0.15, weeks=52 * 30, c=C
    )
    assert sum(trust_) < sum(npm) < 300 < sum(bloat)
    assert rules.weekly(rate_per_year=0.5) > rules.weekly(rate_per_year=0.1) > 0
    assert (
        rules.reviewed(rule_pruning=1.0, c=C)
        > rules.reviewed(rule_pruning=0.1, c=C)
        > rules.reviewed(rule_pruning=0.0, c=C)
        == 0
    )
    useful, dead = rules.after_a_week(
        useful_rules=50.0,
        dead_rules=50.0,
        rule_creation=0.6,
        rule_bloat=0.5,
        rule_pruning=0.1,
        environment_change=0.15,
        added=0.0,
        c=C,
    )
    assert useful > 50  # unmet needs are written


# ------------------------------------------------------------------ staffing and citizens
def test_staffing_central_posts_follow_demands_and_a_fixed_budget_pays_for_everything():
    lean = staffing.overhead_needed(
        frontline=200, indicators=8.0, rules_in_force=90.0, audit_rate=0.2, central_staff=0.3, c=C
    )
    assert (
        staffing.overhead_needed(
            frontline=200, indicators=24.0, rules_in_force=150.0, audit_rate=0.5, central_staff=0.7, c=C
        )
        > lean
        > 0
    )
    assert (
        5 < staffing.follow_overhead(overhead=5.0, needed=10.0, c=C) < 10
        and 5 < staffing.follow_overhead(overhead=10.0, needed=5.0, c=C) < 10
    )
    assert staffing.rules_written(overhead=20.0, frontline=200, c=C) > staffing.rules_written(
        overhead=5.0, frontline=200, c=C
    )
    others = staffing.posts_besides_frontline(
        frontline=200,
        units=20,
        overhead=10.0,
        support=0.3,
        audit_rate=0.5,
        citizen_panel=0.0,
        citizens=2000,
        review_hours_per_week=8.0,
        work_hours=40.0,
        c=C,
    )
    more_support = staffing.posts_besides_frontline(
        frontline=200,
        units=20,
        overhead=10.0,
        support=0.8,
        audit_rate=0.5,
        citizen_panel=0.0,
        citizens=2000,
        review_hours_per_week=8.0,
        work_hours=40.0,
        c=C,
    )
    budget = staffing.paid_posts(frontline=200, capacity=1.0, incentive_strength=0.6, others=others, c=C)
    assert staffing.frontline_capacity(
        budget=budget, others=others, frontline=200, incentive_strength=0.6, c=C
    ) == pytest.approx(1.0)
    assert (
        staffing.frontline_capacity(budget=budget, others=more_support, frontline=200, incentive_strength=0.6, c=C) < 1
    )


def test_citizens_burden_deters_the_poor_most_and_trust_reacts_to_quality():
    burden = citizens.burden(documentation_hours=A([4.0]), rules_in_force=400.0, c=C)
    poor, rich = citizens.take_up_probability(burden_of_unit=burden, resources=A([0.1, 0.9]), c=C)
    assert poor < rich <= 1
    cases, cx, apply = citizens.arrive(
        need_cdf=np.cumsum([0.6, 0.3, 0.1]),
        complex_share=0.25,
        take_up=A([0.9]),
        draw=A([0.91, 0.93, 0.95, 0.3]),
    )
    # 0.91: two cases (0.9-1.0), a tenth into the bin (complex: under a quarter), 0.4 into
    # the complex part (applies: under 0.9); 0.93 and 0.95 the simple part; 0.3 none
    assert list(cases) == [2, 2, 2, 0] and list(cx) == [True, False, False, False]
    assert list(apply) == [True, True, True, True]
    # one uniform carries all three: the complex share and take-up hold among those with
    # needs, independently of the number of cases
    draws = (np.arange(200_000) + 0.5) / 200_000
    cases, cx, apply = citizens.arrive(need_cdf=np.cumsum([0.6, 0.3, 0.1]), complex_share=0.25,
                                       take_up=np.full(draws.size, 0.7), draw=draws)
    assert [np.mean(cases == k) for k in (0, 1, 2)] == pytest.approx([0.6, 0.3, 0.1], abs=1e-6)
    for k in (1, 2):
        assert cx[cases == k].mean() == pytest.approx(0.25, abs=1e-3)
        assert apply[cases == k].mean() == pytest.approx(0.7, abs=1e-3)
        assert apply[(cases == k) & cx].mean() == pytest.approx(0.7, abs=1e-3)
    # a share of 0 or 1 (a column per run, as a batch has it), take-up of 0 or 1, a draw past
    # the table's last entry, and one that rounds to its bin's top (0.4938...: within the bin
    # it is 1.0 unless kept below): no warning, the shares exact
    import warnings
    grid = np.tile(draws[::10], (2, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cases, cx, apply = citizens.arrive(need_cdf=np.cumsum([0.6, 0.3, 0.09]), complex_share=A([[0.0], [1.0]]),
                                           take_up=np.tile([[1.0], [0.0]], (1, grid.shape[1])), draw=grid)
        top, top_cx, top_apply = citizens.arrive(need_cdf=poisson_cdf(1.698), complex_share=1.0,
                                                 take_up=A([1.0]), draw=A([0.49386689460786454]))
    assert not cx[0].any() and cx[1].all() and apply[0].all() and not apply[1].any()
    assert cases.max() == 3 and np.mean(cases[0] == 3) == pytest.approx(0.01, abs=1e-3)
    assert top_cx[0] and top_apply[0]
    friends = __import__("scipy.sparse", fromlist=["x"]).csr_matrix(np.eye(2))
    s, t = citizens.react(
        satisfaction=A([0.5, 0.5]),
        trust=A([0.5, 0.5]),
        served=A([1.0, 1.0]),
        unmet=A([0.0, 0.0]),
        received=A([0.95, 0.5]),
        friends_mean=friends,
        has_friends=A([0.0, 0.0]),
        up=0.05,
        loss_ratio=3.0,
        c=C,
    )
    assert t[0] > t[1] and s[0] > s[1]


# ------------------------------------------------------------------ change, imitation, population
def test_change_costs_before_it_pays_and_participation_lightens_it():
    assert change.add_load(load=0.0, distance=0.5, participation=1.0, c=C) < change.add_load(
        load=0.0, distance=0.5, participation=0.0, c=C
    )
    assert change.absorb(load=1.0, c=C) < 1
    assert (
        change.hours(load=A([1.0]), participation=A([1.0]), co_creating=A([0.0]), c=C)
        > change.hours(load=A([0.0]), participation=A([1.0]), co_creating=A([0.0]), c=C)
        > change.hours(load=A([0.0]), participation=A([0.0]), co_creating=A([0.0]), c=C)
        == 0
    )
    # co-creating is not free: a co-created change costs meeting hours on the whole change
    relieved = change.add_load(load=0.0, distance=0.5, participation=1.0, c=C)
    co_created = change.hours(
        load=A([relieved]), participation=A([0.0]), co_creating=A([change.co_creation_load(distance=0.5, c=C)]), c=C
    )
    assert co_created > change.hours(load=A([relieved]), participation=A([0.0]), co_creating=A([0.0]), c=C)
    # ... and while it is worked out, staff take part in shaping their work
    assert change.taking_part(
        participation=A([0.1]), co_creating=A([change.co_creation_load(distance=0.5, c=C)]), c=C
    ) == pytest.approx(0.6)
    assert change.taking_part(participation=A([0.8]), co_creating=A([C.change_per_distance]), c=C) == 1
    # an imposed reform meets no participation, however much staff take part in calm
    # times; a co-created one meets what the units practise plus the involvement of
    # working it out, in proportion to how far it moves, so co-creation where staff are
    # never involved is only partly theirs
    practised = A([0.1, 0.6])
    imposed = change.reform_participation(participation=practised, distance=A([0.4, 0.4]), co_created=0.0, c=C)
    co_created = change.reform_participation(participation=practised, distance=A([0.4, 0.4]), co_created=1.0, c=C)
    assert (imposed == 0).all()
    assert co_created == pytest.approx(np.minimum(practised + C.co_creation_taking_part * 0.4, 1))
    assert co_created[0] < 1 and co_created[0] < co_created[1]
    assert change.reform_participation(participation=A([0.1]), distance=A([0.05]), co_created=1.0, c=C) < co_created[0]
    assert change.disrupted_skill(skill=A([0.8]), load=A([1.0]), c=C) < 0.8
    assert change.follow_lever(in_force=A([10.0]), lever=A([20.0]), c=C) - 10 > 10 - change.follow_lever(
        in_force=A([10.0]), lever=A([0.0]), c=C
    )
    assert 0.3 < change.practise_discretion(used_discretion=A([0.3]), delegated=A([0.8]), c=C) < 0.8


def test_imitation_copies_what_looks_better_and_the_pool_sorts_by_regime():
    looks = imitation.looks(
        unit_reported=A([0.9, 0.5]),
        unit_quality=A([0.5, 0.9]),
        target_pressure=A([1.0, 1.0]),
        peer_draw=A([0.0, 0.0]),
        c=C,
    )
    assert looks[0] > looks[1]  # under pressed targets, what looks better is what reports better
    practice = np.array([[0.0, 0.2], [0.0, 0.0]])
    moved = imitation.copy_practices(
        practice=practice,
        signal=A([0.5, 0.9]),
        other=A([1, 0]),
        compares=A([True, True]),
        drift_draw=np.zeros((2, 2)),
        c=C,
    )
    assert moved[0, 0] > 0 and moved[0, 1] == pytest.approx(0.2)
    assert (
        imitation.applicant_low_motivation(
            low_motivation_share=0.2, incentive_strength=A([0.9]), discretion=A([0.1]), c=C
        )
        > 0.2
        > imitation.applicant_low_motivation(
            low_motivation_share=0.2, incentive_strength=A([0.1]), discretion=A([0.9]), c=C
        )
    )


def test_population_knights_and_knaves():
    assert population.motivation_trait(low=A([True]), draw=A([1.0]), c=C) < population.motivation_trait(
        low=A([False]), draw=A([0.0]), c=C
    )
    # at the allowed top of base and spread, motivation stays a score, spread over the room left
    top = make_params({"motivation_high": 0.9, "motivation_range": 0.5}).namespace()
    spread = population.motivation_trait(low=np.zeros(3, dtype=bool), draw=A([0.0, 0.5, 1.0]), c=top)
    assert spread.tolist() == pytest.approx([0.9, 0.95, 1.0])
    rng = np.random.default_rng(1)
    assert 0.5 < population.integrity(rng=rng, n=5000, c=C).mean() < 0.8
    assert (population.sensitivity(rng=rng, n=1000, crowding_sensitivity=1.0, unaffected_share=1.0, c=C) == 0).all()


# ------------------------------------------------------------------ the market (M13)
def test_payment_models_act_only_through_their_own_shares_and_a_budget_buys_nothing():
    zero, full = A([0.0]), A([1.0])
    # a budget (every share 0): no return visits, no access relief, no selection, no coding
    assert market.return_visit_rate(payment_per_visit=zero, reach=full, c=C) == 0
    assert market.access_relief(payment_capitation=zero, payment_per_case=zero, choice=full, contestable=full,
                                reach=full, c=C) == 0
    assert market.selection(flat_shares=zero, risk_adjustment=zero, reach=full, c=C) == 0
    assert market.billing_hours(flat_shares=zero, risk_adjustment=zero, purchaser_provider_split=zero,
                                coordination_payment=zero, crossing=full, c=C) == 0
    # per visit buys return visits, in proportion to its share and to how far the provider acts on it
    assert market.return_visit_rate(payment_per_visit=A([0.5]), reach=full, c=C) == pytest.approx(0.5 * C.return_visits)
    public = market.payment_reach(private=A([False]), c=C)
    assert market.payment_reach(private=A([True]), c=C) == 1 and public == pytest.approx(C.public_response)
    assert market.return_visit_rate(payment_per_visit=A([0.5]), reach=public, c=C) == pytest.approx(
        0.5 * C.return_visits * C.public_response)
    # capitation eases access only where citizens can leave: under choice, with another provider in reach
    def relief(capitation=0.8, per_case=0.0, choice=full, contestable=full):
        return market.access_relief(payment_capitation=A([capitation]), payment_per_case=A([per_case]), choice=choice,
                                    contestable=contestable, reach=full, c=C)
    assert relief(choice=zero) == 0 and relief(contestable=zero) == 0 and relief() > 0
    # a price per case pays for every case handled: access eases even where nobody can leave
    assert relief(capitation=0.0, per_case=0.8, choice=zero, contestable=zero) == pytest.approx(0.8 * C.access_effort)
    # in reach: an urban unit with another urban unit; never a rural one, nor the only urban one
    rural = A([[False, False, True], [False, True, True]])
    assert market.contestable(rural=rural).tolist() == [[1.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    # risk adjustment trades selection for coding hours
    flat = market.selection(flat_shares=A([0.8]), risk_adjustment=zero, reach=full, c=C)
    adjusted = market.selection(flat_shares=A([0.8]), risk_adjustment=full, reach=full, c=C)
    assert flat > 0 and adjusted == 0
    assert market.billing_hours(flat_shares=A([0.8]), risk_adjustment=full, purchaser_provider_split=zero,
                                coordination_payment=zero, crossing=zero, c=C) > 0


def test_the_purchaser_provider_split_and_paid_coordination_cost_documentation_and_posts():
    zero, full = A([0.0]), A([1.0])
    split = market.billing_hours(flat_shares=zero, risk_adjustment=zero, purchaser_provider_split=full,
                                 coordination_payment=zero, crossing=zero, c=C)
    assert split == pytest.approx(C.contract_hours)
    def claimed(crossing):
        return market.billing_hours(flat_shares=zero, risk_adjustment=zero, purchaser_provider_split=zero,
                                    coordination_payment=full, crossing=A([crossing]), c=C)
    # claimed only on complex cases, as far as they cross providers: nothing while every place is the region's
    assert claimed(1.0) == pytest.approx(C.coordination_claim_hours * C.complex_share) and claimed(0.0) == 0
    # a private provider's partners are all at another provider; a public one's, the private places' share
    places = A([[True, False, False, False, False]])
    assert market.crossing(private=places).tolist() == [[1.0, 0.25, 0.25, 0.25, 0.25]]
    assert market.crossing(private=A([[False]])).tolist() == [[0.0]]
    assert market.purchaser_posts(purchaser_provider_split=full, frontline=200, c=C) == pytest.approx(200 * C.purchaser_staff)
    assert market.purchaser_posts(purchaser_provider_split=zero, frontline=200, c=C) == 0


def test_a_place_pays_where_the_list_and_the_price_cover_the_cost_and_less_in_the_rural_part():
    even, urban, rural = A([1.0]), A([False]), A([True])
    assert market.margin(listed_share=even, money_follows=A([0.9]), rural=urban, c=C) == pytest.approx(C.price_margin)
    assert market.margin(listed_share=even, money_follows=A([0.9]), rural=rural, c=C) == pytest.approx(
        C.price_margin - C.rural_cost_premium)
    # a short list loses money only where the money follows the citizens
    short = A([0.7])
    assert market.margin(listed_share=short, money_follows=A([0.9]), rural=urban, c=C) < 0
    assert market.margin(listed_share=short, money_follows=A([0.0]), rural=urban, c=C) == pytest.approx(C.price_margin)


def test_a_private_provider_leaves_a_place_that_does_not_pay_and_the_region_takes_it_back():
    private = A([[True, True, False, False]])
    money = A([[-0.1, 0.1, 0.1, -0.1]])
    always, never, open_, closed = np.zeros((1, 4)), np.ones((1, 4)), np.ones((1, 4)), np.zeros((1, 4))
    # the loss-maker leaves, the paying one stays, a paying public place is taken, a losing one is not
    after = market.ownership(private=private, margin=money, open_to_providers=open_, draw=always, c=C)
    assert after.tolist() == [[False, True, True, False]]
    # a market that closed (no choice, or no purchaser): every private provider leaves, nobody comes
    assert market.ownership(private=private, margin=money, open_to_providers=closed, draw=always, c=C).tolist() == [
        [False, False, False, False]]
    # the draw decides when: above both rates nothing changes this week
    assert market.ownership(private=private, margin=money, open_to_providers=open_, draw=never, c=C).tolist() == \
        private.tolist()


def test_collaboration_with_another_provider_counts_less_unless_coordination_is_paid_for():
    all_partners, private_partners = A([10.0, 10.0]), A([4.0, 4.0])
    public_worker, private_worker = A([False, False]), A([True, True])
    worth = C.cross_provider_collaboration
    got = market.partner_collaboration(all_partners=all_partners, private_partners=private_partners,
                                       private_worker=public_worker, coordination_payment=A([0.0]), c=C)
    assert got == pytest.approx([10 - (1 - worth) * 4] * 2)  # only the partners at private providers count less
    got = market.partner_collaboration(all_partners=all_partners, private_partners=private_partners,
                                       private_worker=private_worker, coordination_payment=A([0.0]), c=C)
    assert got == pytest.approx([10 * worth] * 2)  # every partner of a private worker is another employer
    paid = market.partner_collaboration(all_partners=all_partners, private_partners=private_partners,
                                        private_worker=private_worker, coordination_payment=A([1.0]), c=C)
    assert paid == pytest.approx([10.0, 10.0])


def test_the_better_resourced_weigh_switching_more_often_and_nobody_without_choice():
    resources = A([0.0, 0.5, 1.0])
    rate = market.review_probability(choice=A([1.0]), resources=resources, c=C)
    assert rate[0] < rate[1] < rate[2] == pytest.approx(C.choice_review_rate)
    assert (market.review_probability(choice=A([0.0]), resources=resources, c=C) == 0).all()


def test_a_citizen_moves_only_to_another_provider_whose_user_is_clearly_happier():
    yes, no = A([True]), A([False])

    def moved(*, weighs=yes, own=0.6, friend=0.8, elsewhere=yes, far=0.0):
        return bool(market.moves(weighs=weighs, own_satisfaction=A([own]), friend_satisfaction=A([friend]),
                                 elsewhere=elsewhere, far=A([far]), c=C)[0])
    assert moved()
    assert not moved(weighs=no) and not moved(elsewhere=no)
    assert not moved(friend=0.6 + C.switching_cost / 2)  # happier, but not by the cost of switching
    assert not moved(friend=0.6 + C.switching_cost + C.travel_cost / 2, far=1.0)  # not worth the travel
    assert moved(friend=0.6 + C.switching_cost + C.travel_cost / 2, far=0.0)


def test_flat_capitation_lowers_the_take_up_of_complex_needs_only():
    rng = np.random.default_rng(3)
    draw = rng.random(200_000)
    need_cdf = poisson_cdf(0.5)
    take_up = np.full(draw.size, 0.9)
    same = citizens.arrive(need_cdf=need_cdf, complex_share=0.25, take_up=take_up, draw=draw)
    selected = citizens.arrive(need_cdf=need_cdf, complex_share=0.25, take_up=take_up, draw=draw,
                               take_up_complex=np.full(draw.size, 0.6))
    assert np.array_equal(same[0], selected[0]) and np.array_equal(same[1], selected[1])  # same needs
    simple, complex_ = ~same[1] & (same[0] > 0), same[1] & (same[0] > 0)
    assert np.array_equal(same[2][simple], selected[2][simple])  # simple needs: the same citizens apply
    assert selected[2][complex_].mean() == pytest.approx(0.6, abs=0.01)
    assert same[2][complex_].mean() == pytest.approx(0.9, abs=0.01)


def test_return_visits_fall_less_on_complex_needs_and_take_part_of_a_case():
    served, is_complex = A([2, 2, 0]), A([False, True, False])
    visits, caseload = market.visits_booked(served=served, is_complex=is_complex, rate=A([0.5, 0.5, 0.5]), c=C)
    assert visits[0] == 2 * (1 + 0.5) and visits[1] == 2 * (1 + 0.5 * C.return_visits_complex) and visits[2] == 0
    extra = visits - served
    assert np.allclose(caseload, served + extra * C.return_visit_length)
    none, load = market.visits_booked(served=served, is_complex=is_complex, rate=A([0.0, 0.0, 0.0]), c=C)
    assert np.array_equal(none, served) and np.array_equal(load, served)
