"""Each mechanism moves the outcome it is about, in the direction SCIENCE.md gives,
across seeds (paired: same seeds for both settings; the 95% CI must exclude zero)."""

import numpy as np
import pytest

from conftest import paired_effect, run, tail_mean
from sim.mechanisms import citizens, trust


def assert_positive(effect):
    mean, lo, hi = effect
    assert lo > 0, f"expected a positive effect, got {mean:.4f} [{lo:.4f}, {hi:.4f}]"


def assert_negative(effect):
    mean, lo, hi = effect
    assert hi < 0, f"expected a negative effect, got {mean:.4f} [{lo:.4f}, {hi:.4f}]"


def test_m1_incentive_pay_shifts_time_to_the_measured_and_costs_unmeasured_quality():
    low, high = dict(incentive_strength=0.0), dict(incentive_strength=1.0)
    assert_positive(paired_effect("reported_outcomes", low, high))
    assert_negative(paired_effect("service_quality", low, high))


def test_m2_target_pressure_with_weak_audit_widens_the_gaming_gap():
    weak = dict(audit_rate=0.05)
    assert_positive(paired_effect("gaming_gap", dict(weak, target_pressure=0.1),
                                  dict(weak, target_pressure=1.0)))
    # and audits narrow it
    assert_negative(paired_effect("gaming_gap", dict(audit_rate=0.0), dict(audit_rate=1.0)))


def test_m3_monitoring_crowds_out_motivation():
    assert_negative(paired_effect("staff_motivation", dict(monitoring=0.0), dict(monitoring=1.0)))


def test_m3_autonomy_crowds_motivation_in():
    assert_positive(paired_effect("staff_motivation", dict(discretion=0.0), dict(discretion=1.0)))


def test_m4_many_knaves_lower_quality_and_follow_up_matters_more_for_them():
    assert_negative(paired_effect("service_quality", dict(low_motivation_share=0.1),
                                  dict(low_motivation_share=0.8)))


def test_m5_trust_is_lost_faster_than_it_is_built():
    t = np.array([0.5])
    up = trust.asymmetric_update(t, good=np.array([1.0]), bad=np.array([0.0]), up=0.05, loss_ratio=3)
    down = trust.asymmetric_update(t, good=np.array([0.0]), bad=np.array([1.0]), up=0.05, loss_ratio=3)
    assert (t - down)[0] == pytest.approx(3 * (up - t)[0])
    assert_positive(paired_effect("felt_trust", dict(trust_loss_ratio=5.0), dict(trust_loss_ratio=1.0)))


def test_m6_punishing_every_error_adds_indicators_and_control():
    loud = dict(media_attention=1.0, incident_reaction=1.0)
    forgive = dict(loud, error_policy="forgive_minor")
    punish = dict(loud, error_policy="punish_all")
    seeds = range(1, 9)
    assert_positive(paired_effect("indicators", forgive, punish, seeds=seeds))
    assert_positive(paired_effect("control_drift", forgive, punish, seeds=seeds))


def test_m7_indicators_and_rules_raise_admin_and_burden_lowers_take_up():
    assert_positive(paired_effect("admin_share", dict(indicators=2), dict(indicators=60)))
    assert_negative(paired_effect("rules", dict(rule_pruning=0.0), dict(rule_pruning=1.0)))
    assert_negative(paired_effect("take_up", dict(documentation_hours=0.2),
                                  dict(documentation_hours=4.0)))


def test_m7_burden_hits_citizens_with_few_resources_hardest():
    burden = citizens.burden(np.array([4.0]), 400.0)
    poor, rich = citizens.take_up_probability(burden, np.array([0.1, 0.9]))
    assert poor < rich < 1.0


def test_m8_protected_learning_time_builds_skill():
    assert_positive(paired_effect("skill", dict(learning_time=0.0), dict(learning_time=1.0)))


def test_m9_admin_load_raises_strain_and_turnover():
    low, high = dict(documentation_hours=0.2), dict(documentation_hours=4.0)
    assert_positive(paired_effect("strain", low, high))
    assert_positive(paired_effect("turnover", low, high, steps=208, seeds=range(1, 9)))


def test_m10_support_and_discretion_raise_felt_trust():
    assert_positive(paired_effect("felt_trust", dict(discretion=0.1, support=0.1),
                                  dict(discretion=0.9, support=0.9)))


def test_m10_collaboration_reward_helps_complex_needs():
    assert_positive(paired_effect("complex_need_quality", dict(collaboration_reward=0.0),
                                  dict(collaboration_reward=1.0)))


def test_m10_learning_inspection_builds_skill_where_control_audits_do_not():
    assert_positive(paired_effect("skill", dict(audit_style="control", audit_rate=0.8),
                                  dict(audit_style="learning", audit_rate=0.8)))


def test_a_scandal_adds_indicators_and_rules():
    from sim.inputs.events import Incident
    calm = run(1, 80, events=[])
    scandal = run(1, 80, events=[Incident(week=40, severity=1.0, unit=0)])
    assert tail_mean(scandal, "indicators", 10) > tail_mean(calm, "indicators", 10)
    assert tail_mean(scandal, "control_drift", 10) > tail_mean(calm, "control_drift", 10)
