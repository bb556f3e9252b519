"""Service delivery: the true quality of each worker's cases, their serious errors, and
how differently like cases are treated.

A case has a measurable part (weight ``measurability``) and a part no indicator
captures. Each part's quality saturates with the effective hours spent on it (time x
skill x effort), so time pulled from the professional split towards what is measured
costs true quality where the unmeasured part matters (Holmström & Milgrom 1991). Only
part of quality is within steering's reach at all; the rest (training, technology, law)
is the same under any regime, which keeps regime effects as modest as the evaluations
of trust reforms report (SF12).

Discretion lets staff fit the unmeasured part to the person (SOU 2018:47), but it
spreads the treatment of like cases (Lipsky 1980) and raises serious errors where
skill is low. Rules in force and documentation pull the other way: useful rules guide
(fewer serious errors, like cases treated alike: "rättssäkerhet", the
Tillitsdelegationen's op-ed), records carry knowledge across handovers when staff turn
over, and a large rulebook leaves less room to adapt. Complex needs span units and also
need collaboration (SF14). Gaming harms the case itself (``gaming``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import change, market, saturating
from sim.model.fields import Array, Fields, Inputs, Reads, per_unit, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("steering_reach", 0.3, "share of quality", (0.15, 0.45),
                "share of a case's quality that steering can reach at all",
                "docs/science.md: trust reforms give modest change (SF12); size: assumption"),
    coefficient("hours_scale", 2.0, "hours per case", (1.0, 3.0),
                "effective hours at which a whole case reaches 63% of its quality", low=0.1),
    coefficient("care_floor", 0.5, "share", (0.2, 0.8),
                "how much of the unmeasured part's quality per hour a worker with no intrinsic "
                "motivation delivers: what no one checks is done well by those who care",
                "Le Grand 2003; Holmström & Milgrom 1991 (size: assumption)"),
    coefficient("fit_without_discretion", 0.85, "share", (0.73, 0.97),
                "how well the unmeasured part fits the person when staff use no discretion",
                "SOU 2018:47 (size: assumption)"),
    coefficient("fit_low_motivation", 0.2, "share", (0.0, 0.5),
                "how much of discretion's fit a low-motivation worker delivers (a committed one "
                "uses the room to fit the service to the person, a low-motivation one to cut "
                "corners)", "Le Grand 2003; Lipsky 1980 (size: assumption)"),
    coefficient("fit_skill_floor", 0.7, "share", (0.5, 0.9),
                "how much of discretion's fit an unskilled worker achieves: fitting the service to "
                "the person takes judgement, which learning builds",
                "SOU 2018:47 (kunskapsutveckling); size: assumption"),
    coefficient("rule_rigidity", 0.15, "share", (0.05, 0.3),
                "share of that fit lost when the rulebook is at its half-rigidity size",
                "the Vänsterpartiet motion ('detaljstyrning'); size: assumption"),
    coefficient("rigidity_half", 200.0, "rules", (100.0, 400.0),
                "rules in force at which half of the rigidity is reached", low=10),
    coefficient("handover_loss", 0.15, "share of quality", (0.05, 0.3),
                "quality lost on a case taken over by a worker new to it, with no records"),
    coefficient("case_handovers", 0.2, "share of contacts", (0.1, 0.35),
                "share of a case's contacts handled by a colleague standing in (leave, shifts, "
                "part time, vacations), who knows the case only from its records",
                "assumption (Swedish welfare services: 5 weeks' vacation, sick leave and part time)"),
    coefficient("familiarity_weeks", 26.0, "weeks", (10.0, 52.0),
                "tenure at which half of a newcomer's handover loss is gone", low=1),
    coefficient("doc_continuity", 0.7, "share", (0.4, 0.9),
                "share of the handover loss that full documentation prevents"),
    coefficient("doc_half", 1.0, "hours per case", (0.5, 2.0),
                "documentation done per case at which half of its benefits are reached", low=0.05),
    coefficient("guidance_half", 60.0, "rules", (30.0, 120.0),
                "useful rules at which half of their guidance is reached", low=3),
    coefficient("error_base", 0.001, "per case", (0.0005, 0.003),
                "chance of a serious error in a case handled by a fully skilled, rested "
                "worker with no rules or records to go on"),
    coefficient("error_skill", 3.0, "multiplier", (1.0, 5.0),
                "how much lower skill raises the error risk (at skill 0: 1 + this)"),
    coefficient("error_discretion", 2.0, "multiplier", (0.5, 3.0),
                "how much full discretion amplifies the risk from low skill",
                "Lipsky 1980 (size: assumption)"),
    coefficient("error_strain", 1.0, "multiplier", (0.3, 2.0), "extra error risk at full strain",
                "Anskär et al. 2019 (size: assumption)"),
    coefficient("error_guidance", 0.5, "share", (0.3, 0.7),
                "share of serious errors full rule guidance prevents (routines, checklists)"),
    coefficient("error_documentation", 0.4, "share", (0.2, 0.6),
                "share of serious errors full documentation prevents"),
    coefficient("error_culture", 0.2, "share", (0.05, 0.4),
                "share of serious errors prevented where minor errors are forgiven and "
                "learned from", "SOU 2018:47 ('acceptans för att hantera misstag')"),
    coefficient("error_impunity", 0.2, "multiplier", (0.0, 0.5),
                "extra error risk of low-motivation staff when minor errors go unpunished",
                "Le Grand 2003 (size: assumption)"),
    coefficient("error_quality_loss", 0.7, "share of quality", (0.5, 0.9),
                "share of a case's quality lost in a serious error"),
    coefficient("judgement_noise", 0.2, "score SD", (0.1, 0.3),
                "case-to-case spread in quality a worker's judgement makes at full discretion "
                "with no rules or records", "Lipsky 1980 (size: assumption)"),
    coefficient("guidance_consistency", 0.5, "share", (0.2, 0.8),
                "share of that spread full rule guidance removes"),
    coefficient("record_consistency", 0.3, "share", (0.1, 0.5),
                "share of that spread full documentation removes"),
    coefficient("complex_floor", 0.4, "share of quality", (0.2, 0.7),
                "share of its steerable quality a complex case keeps with no collaboration at all: "
                "needs that span units are met piecemeal when the units do not work together",
                "SOU 2018:47 (helhetssyn); stylized fact SF14 (size: assumption)"),
    coefficient("collaboration_scale", 3.0, "hours per case", (1.5, 5.0),
                "joint collaboration per complex case at which 63% of its effect is reached "
                "(own, partners' and managers' coordination)", "assumption", low=0.08),
    coefficient("partner_weight", 0.5, "share", (0.2, 0.8),
                "weight of partners' collaboration time in other units"),
    coefficient("shared_records", 0.5, "share", (0.0, 1.0),
                "how much more collaboration on a complex case achieves when its records are "
                "complete (colleagues in other units know the case)"),
    coefficient("coordination_weight", 4.0, "hours per share of manager time", (2.0, 6.0),
                "managers' cross-unit coordination, as collaboration hours per complex case"),
)


class Owns(Fields):
    """The quality of each worker's cases, their serious errors and how alike like cases are treated."""

    measured_score: Array = per_worker("quality of the measured part: what honest indicators show, 0-1")
    true_quality: Array = per_worker("quality of an average case this week, 0-1", start=0.5)
    unmeasured_quality: Array = per_worker("quality of the unmeasured part before fitting, 0-1")
    work_quality: Array = per_worker("quality of the work itself on the indicators' 0-1 scale: the part "
                                     "of a case steering can reach")
    complex_quality: Array = per_worker("quality of this worker's complex cases, 0-1")
    error_risk: Array = per_worker("chance of a serious error per case")
    spread: Array = per_worker("SD of quality between like cases this worker handles")
    unit_quality: Array = per_unit("the unit's mean true quality this week")


READS = Reads(fields=("used_discretion", "motivation", "skill", "rules_in_force", "useful_rules",
                      "documentation_in_force", "completeness", "tenure", "strain", "change_load",
                      "core_share", "overtime", "hours", "gaming", "effort", "measured_multiplier",
                      "caseload", "focus", "collaboration_share", "complex_cases", "coordinating_time",
                      "private"),
              levers=("error_policy", "coordination_payment"),
              inputs=("measurability", "max_effort", "gaming_time", "gaming_harm"),
              networks=("cross_unit", "cross_degree"))
RESULTS = ("service_quality", "complex_need_quality", "simple_need_quality", "measured_quality",
           "unmeasured_quality", "work_quality", "serious_errors", "unequal_treatment")


def part_quality(*, hours: Array, weight: Array, c: Inputs) -> Array:
    """Quality (0-1) of one part of a case (``weight`` its share of the case's value)
    given the effective hours spent on it."""
    return 1 - np.exp(-hours / (weight * c.hours_scale))


def documentation_coverage(*, documentation_hours: Array, completeness: Array, c: Inputs) -> Array:
    """How much the records carry (0-1): documentation actually done per case."""
    return saturating(documentation_hours * completeness, c.doc_half)


def guidance(*, useful_rules: Array, c: Inputs) -> Array:
    """How much the useful rules guide practice (0-1)."""
    return saturating(useful_rules, c.guidance_half)


def fit(*, used_discretion: Array, motivation: Array, skill: Array, rules_in_force: Array,
        c: Inputs) -> Array:
    """How well the unmeasured part is fitted to the person (0-1): discretion fits it, as
    far as the worker is motivated to use the room for that and has the judgement."""
    used_well = (used_discretion * (c.fit_low_motivation + (1 - c.fit_low_motivation) * motivation)
                 * (c.fit_skill_floor + (1 - c.fit_skill_floor) * skill))
    room = c.fit_without_discretion + (1 - c.fit_without_discretion) * used_well
    return room * (1 - c.rule_rigidity * rules_in_force / (rules_in_force + c.rigidity_half))


def continuity(*, tenure: Array, records: Array, c: Inputs) -> Array:
    """Share of quality kept across handovers (0-1): contacts with someone new to the
    case (a newcomer, or a colleague standing in) lose some, and records help."""
    newness = c.familiarity_weeks / (c.familiarity_weeks + tenure)
    unfamiliar = newness + (1 - newness) * c.case_handovers
    return 1 - c.handover_loss * unfamiliar * (1 - c.doc_continuity * records)


def error_risk(*, skill: Array, used_discretion: Array, strain: Array, guided: Array, records: Array,
               forgiving: Array, motivation: Array, c: Inputs) -> Array:
    """Chance of a serious error per case."""
    unskilled = (1 - skill) * c.error_skill * (1 + c.error_discretion * used_discretion)
    impunity = 1 + c.error_impunity * forgiving * (1 - motivation)
    return (c.error_base * (1 + unskilled) * (1 + c.error_strain * strain) * impunity
            * (1 - c.error_guidance * guided) * (1 - c.error_documentation * records)
            * (1 - c.error_culture * forgiving))


def deliver(*, core_hours: Array, gaming: Array, effort: Array, measured_multiplier: Array, skill: Array,
            caseload: Array, focus: Array, measurability: Array, motivation: Array, fitted: Array,
            kept: Array, error_risk: Array, c: Inputs) -> tuple[Array, Array, Array, Array]:
    """(measured score, true quality, unmeasured quality, steerable quality) per worker.

    ``measured_score`` is what honest indicators would show: the quality of the
    measured part, which pay and targets can push (``measured_multiplier``) up to the
    most intensity anyone sustains (``max_effort``). The
    unmeasured part is done as well as the worker cares (``motivation``).
    ``true_quality`` is the value to the citizen of an average case."""
    per_case = core_hours * (1 - c.gaming_time * gaming) * skill / np.maximum(caseload, 1)
    care = c.care_floor + (1 - c.care_floor) * motivation
    # pay and targets push intensity on measured work, but no one sustains more than
    # max_effort: beyond it the push buys nothing
    measured_intensity = np.minimum(effort * measured_multiplier, c.max_effort)
    measured = part_quality(hours=per_case * focus * measured_intensity, weight=measurability, c=c)
    unmeasured = part_quality(hours=per_case * effort * (1 - focus) * care, weight=1 - measurability, c=c)
    steerable = ((measurability * measured + (1 - measurability) * unmeasured * fitted) * kept
                 * gamed(gaming=gaming, c=c))
    true_quality = reached(steerable=steerable, error_risk=error_risk, c=c)
    return measured, true_quality, unmeasured, steerable


def gamed(*, gaming: Array, c: Inputs) -> Array:
    """Share of a case's quality left after gaming's harm to the case itself (the
    readmissions behind shorter waits): what an indicator reads but does not see."""
    return 1 - c.gaming_harm * gaming


def reached(*, steerable: Array, error_risk: Array, c: Inputs) -> Array:
    """A case's quality: the part steering cannot reach (the same under any regime) plus
    the steerable part, less what serious errors take."""
    return ((1 - c.steering_reach) + c.steering_reach * steerable) * (1 - c.error_quality_loss * error_risk)


def judgement_spread(*, used_discretion: Array, guided: Array, records: Array, c: Inputs) -> Array:
    """SD of quality between like cases one worker handles (score units)."""
    return (c.judgement_noise * used_discretion * (1 - c.guidance_consistency * guided)
            * (1 - c.record_consistency * records))


def complex_quality(*, steerable: Array, error_risk: Array, own_hours_per_case: Array, partner_hours: Array,
                    coordination: Array, records: Array, c: Inputs) -> Array:
    """Quality (0-1) of cases that span units: the steerable part is limited by how well
    collaboration across the silos works (better when the records are shared)."""
    joint = (own_hours_per_case + c.partner_weight * partner_hours
             + c.coordination_weight * coordination) * (1 + c.shared_records * records)
    working = c.complex_floor + (1 - c.complex_floor) * (1 - np.exp(-joint / c.collaboration_scale))
    return reached(steerable=steerable * working, error_risk=error_risk, c=c)


# ------------------------------------------------------------------ steps of the week
def deliver_service(s: State) -> None:
    """Each worker's cases this week: their true quality (measured and unmeasured parts,
    fitted to the person, kept across handovers, less what gaming and serious errors
    take), complex cases' quality with the collaboration they get, and how differently
    like cases are treated."""
    c = s.c
    fitted = fit(used_discretion=s.used_discretion, motivation=s.motivation, skill=s.skill,
                 rules_in_force=s.rules_in_force, c=c)
    records = documentation_coverage(documentation_hours=s.at_worker(s.documentation_in_force),
                                     completeness=s.completeness, c=c)
    kept = continuity(tenure=s.tenure, records=records, c=c)
    guided = guidance(useful_rules=s.useful_rules, c=c)
    s.error_risk = error_risk(skill=s.skill, used_discretion=s.used_discretion, strain=s.strain, guided=guided,
                              records=records, forgiving=s.worker_lever.error_policy, motivation=s.motivation,
                              c=c)
    skill = change.disrupted_skill(skill=s.skill, load=s.at_worker(s.change_load), c=c)
    s.measured_score, s.true_quality, s.unmeasured_quality, s.work_quality = deliver(
        core_hours=(s.core_share + s.overtime) * s.hours, gaming=s.gaming, effort=s.effort,
        measured_multiplier=s.measured_multiplier, skill=skill, caseload=s.caseload, focus=s.focus,
        measurability=c.measurability, motivation=s.motivation, fitted=fitted, kept=kept,
        error_risk=s.error_risk, c=c)
    own = s.collaboration_share * s.hours * s.effort / np.maximum(s.complex_cases, 1)
    partners = s.cross_unit @ own
    if s.private.any():  # collaboration with another provider is worth less unless it is paid for
        private_worker = s.at_worker(s.private)
        partners = market.partner_collaboration(all_partners=partners, private_partners=s.cross_unit @ (own * private_worker),
                                                private_worker=private_worker,
                                                coordination_payment=s.worker_lever.coordination_payment, c=c)
    partners = partners / np.maximum(s.cross_degree, 1)
    s.complex_quality = complex_quality(steerable=s.work_quality, error_risk=s.error_risk, own_hours_per_case=own,
                                        partner_hours=partners, coordination=s.at_worker(s.coordinating_time),
                                        records=records, c=c)
    s.spread = judgement_spread(used_discretion=s.used_discretion, guided=guided, records=records, c=c)
    s.unit_quality = s.per_unit(s.true_quality) / s.p.staff_per_unit
