"""M9: strain and turnover. Unnecessary tasks and role conflict raise strain; autonomy
and support lower it (Anskär et al. 2019). Strained, demotivated staff quit (72% of
Swedish social workers had considered leaving, 2015); hires start less skilled
(``learning``) and from a labour pool the regime shapes (``imitation``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip, imitation, learning, population
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_week_of_year, per_worker
from sim.units import WEEKS_PER_YEAR

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("strain_adjust", 0.05, "1/week", (0.02, 0.1),
                "share of the gap to the strain target closed per week"),
    coefficient("strain_base", 0.15, "score 0-1", (0.05, 0.25), "strain of an ordinary week"),
    coefficient("strain_admin", 0.45, "score 0-1", (0.2, 0.7),
                "strain from administration taking the whole week", "Anskär et al. 2019"),
    coefficient("strain_overload", 0.3, "score 0-1", (0.15, 0.45),
                "strain per 100% caseload above normal"),
    coefficient("normal_caseload", 5.0, "cases/week", (3.5, 7.0),
                "cases a worker handles in a week without overload", low=0.5),
    coefficient("strain_conflict", 0.5, "score 0-1", (0.25, 0.75),
                "strain from full role conflict", "Anskär et al. 2019"),
    coefficient("focus_conflict", 0.5, "share", (0.2, 1.0),
                "role conflict per share of core time pulled away from one's professional split",
                "Anskär et al. 2019 (size: assumption)"),
    coefficient("conflicting_signals", 0.4, "score 0-1", (0.2, 0.6),
                "role conflict from full discretion under fully pressed targets (trust "
                "rhetoric on NPM metrics)", "the Hypergene article ('motstridiga styrsignaler')"),
    coefficient("strain_from_autonomy", 0.15, "score 0-1", (0.05, 0.25),
                "strain relieved by full discretion", "Anskär et al. 2019"),
    coefficient("strain_from_support", 0.15, "score 0-1", (0.05, 0.25),
                "strain relieved by full support", "Anskär et al. 2019"),
    coefficient("strain_distrust", 0.2, "score 0-1", (0.1, 0.35),
                "strain from full control with no felt trust"),
    coefficient("strain_change", 0.3, "score 0-1", (0.1, 0.5),
                "strain at full change load"),
    coefficient("strain_overtime", 2.0, "score per share of hours", (1.0, 4.0),
                "strain per share of the week worked unpaid", "Anskär et al. 2019 (size: assumption)"),
    coefficient("quit_scale", 0.0045, "1/week", (0.002, 0.008),
                "weekly quit hazard scale at quit_sensitivity 1"),
    coefficient("quit_floor", 0.3, "share", (0.1, 0.5),
                "quit hazard of a rested, motivated worker (moves, retirement), in quit_scale units"),
    coefficient("quit_strain", 2.5, "multiplier", (1.0, 4.0),
                "extra quit hazard at full strain (grows with strain squared)"),
    coefficient("quit_unmotivated", 0.8, "multiplier", (0.3, 1.5),
                "extra quit hazard at no motivation"),
    coefficient("hire_strain", 0.2, "score 0-1", (0.1, 0.3),
                "strain of a newcomer in the first week",
                "assumption (below an ordinary week's strain target plus the load of a new job)"),
)


class Owns(Fields):
    """Work strain, time in the job, and who left."""

    strain: Array = per_worker("work strain, 0-1", start=0.3)
    tenure: Array = per_worker("weeks in the job", start=None)
    left: Array = per_worker("left this week (the post was refilled)", dtype=bool)
    quits_last_year: Array = per_week_of_year("quits in each of the last 52 weeks")


READS = Reads(fields=("focus", "professional_focus", "caseload", "capacity", "admin_share",
                      "development_share", "used_discretion", "control", "felt_trust", "change_load",
                      "overtime", "motivation", "target_pressure_in_force", "unit_strength"),
              levers=("discretion", "support", "incentive_strength"),
              inputs=("quit_sensitivity", "low_motivation_share", "hire_felt_trust", "goal_contest"),
              updates=("skill", "public_service_motivation", "motivation", "felt_trust", "gaming_skill",
                       "focus", "followup", "correction", "used_discretion"))
TURNOVER = Stream("turnover", "who quits, and each newcomer's motivation group, motivation and skill (and "
                              "a fifth uniform per post, unused)", "worker", (("random", 5),))
STREAMS = (TURNOVER,)
RESULTS = ("strain", "turnover", "low_motivation_staff")


def role_conflict(*, focus: Array, professional_focus: Array, discretion: Array, target_pressure: Array,
                  goal_contest: Array, c: Inputs) -> Array:
    """Doing what one does not value (time pulled from one's professional split), and
    conflicting signals (discretion promised while targets press): both only as far as
    the measured goal is contested (a target everyone wants asks nothing one does not
    value)."""
    return clip(goal_contest * (c.focus_conflict * abs(focus - professional_focus)
                                + c.conflicting_signals * discretion * target_pressure), 0, 1)


def target(*, caseload: Array, capacity: Array, admin_share: Array, conflict: Array, used_discretion: Array,
           support: Array, control: Array, felt_trust: Array, change_load: Array, overtime: Array,
           c: Inputs) -> Array:
    """Where a worker's strain is heading (0-1)."""
    overload = caseload / (c.normal_caseload * capacity) - 1
    level = (c.strain_base + c.strain_admin * admin_share + c.strain_overload * overload
             + c.strain_conflict * conflict + c.strain_distrust * control * (1 - felt_trust)
             + c.strain_change * change_load + c.strain_overtime * overtime
             - c.strain_from_autonomy * used_discretion - c.strain_from_support * support)
    return clip(level, 0, 1)


def update(*, strain: Array, wanted: Array, c: Inputs) -> Array:
    return clip(strain + c.strain_adjust * (wanted - strain), 0, 1)


def quit_probability(*, strain: Array, motivation: Array, quit_sensitivity: Array, c: Inputs) -> Array:
    """Weekly probability of leaving."""
    return quit_sensitivity * c.quit_scale * (c.quit_floor + c.quit_strain * strain * strain
                                              + c.quit_unmotivated * (1 - motivation))


# ------------------------------------------------------------------ steps of the week
def strain_builds(s: State) -> None:
    """Strain moves towards what caseload, administration, role conflict, distrust,
    change and unpaid hours make of the week, less autonomy and support."""
    c = s.c
    conflict = role_conflict(focus=s.focus, professional_focus=s.professional_focus,
                             discretion=s.worker_lever.discretion,
                             target_pressure=s.at_worker(s.target_pressure_in_force), goal_contest=c.goal_contest,
                             c=c)
    s.strain = update(strain=s.strain, wanted=target(
        caseload=s.caseload, capacity=s.at_worker(s.capacity), admin_share=s.admin_share + s.development_share,
        conflict=conflict, used_discretion=s.used_discretion, support=s.worker_lever.support,
        control=s.at_worker(s.control), felt_trust=s.felt_trust, change_load=s.at_worker(s.change_load),
        overtime=s.overtime, c=c), c=c)


def turnover(s: State) -> None:
    """A week in the job; strained, demotivated staff quit, and each post is filled the
    same week by someone from the labour pool the regime shapes, who starts afresh."""
    c = s.c
    s.tenure += 1
    (quitting, low, trait, talent, _unused), = s.draw(TURNOVER)
    left = quitting < quit_probability(strain=s.strain, motivation=s.motivation,
                                       quit_sensitivity=c.quit_sensitivity, c=c)
    s.left = left
    s.quits_last_year[:, s.week % WEEKS_PER_YEAR] = left.sum(axis=-1)
    if not left.any():
        return
    low_share = imitation.applicant_low_motivation(low_motivation_share=c.low_motivation_share,
                                                   incentive_strength=s.worker_lever.incentive_strength,
                                                   discretion=s.worker_lever.discretion, c=c)
    psm = population.motivation_trait(low=low < low_share, draw=trait, c=c)
    s.replace_leavers(left, skill=clip(learning.hire_skill(draw=talent, c=c) + s.at_worker(s.unit_strength), 0, 1),
                      public_service_motivation=psm,
                      motivation=psm, felt_trust=c.hire_felt_trust, strain=c.hire_strain, tenure=0.0,
                      gaming_skill=0.0, focus=s.professional_focus, followup=0.0, correction=0.0,
                      used_discretion=s.worker_lever.discretion)
