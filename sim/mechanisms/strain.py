"""M9: strain and turnover. Unnecessary tasks and role conflict raise strain; autonomy
and support lower it (Anskär et al. 2019). Strained, demotivated staff quit (72% of
Swedish social workers had considered leaving, 2015); hires start less skilled
(``learning``) and from a labour pool the regime shapes (``imitation``).
"""

from __future__ import annotations

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip

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
)


def role_conflict(focus, professional, discretion, target_pressure, c):
    """Doing what one does not value (time pulled from one's professional split), and
    conflicting signals (discretion promised while targets press)."""
    return clip(c.focus_conflict * abs(focus - professional) + c.conflicting_signals * discretion * target_pressure,
                0, 1)


def target(caseload, capacity, admin_share, conflict, discretion, support, control,
           felt_trust, change_load, extra_hours, c):
    """Where a worker's strain is heading (0-1)."""
    overload = caseload / (c.normal_caseload * capacity) - 1
    s = (c.strain_base + c.strain_admin * admin_share + c.strain_overload * overload
         + c.strain_conflict * conflict + c.strain_distrust * control * (1 - felt_trust)
         + c.strain_change * change_load + c.strain_overtime * extra_hours
         - c.strain_from_autonomy * discretion - c.strain_from_support * support)
    return clip(s, 0, 1)


def update(strain, wanted, c):
    return clip(strain + c.strain_adjust * (wanted - strain), 0, 1)


def quit_probability(strain, motivation, sensitivity, c):
    """Weekly probability of leaving."""
    return sensitivity * c.quit_scale * (c.quit_floor + c.quit_strain * strain * strain
                                         + c.quit_unmotivated * (1 - motivation))
