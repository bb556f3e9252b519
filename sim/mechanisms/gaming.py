"""M2: gaming (Campbell's and Goodhart's laws): reported performance detaches from true
performance.

Bevan & Hood 2006 ("what's measured is what matters"; "hitting the target and missing
the point"); Hood 2006. Gaming grows with the stakes (target pressure and pay) x (1 - deterrence by audits) x
(1 - integrity), with a skill at gaming that staff learn where targets press (which is
why indicators lose their power to tell good from bad performers: van Thiel & Leeuw
2002), and with the gaming norms of the unit (``imitation``). It is not free: it takes
time from real work, and some of it harms the service itself (reclassifying, sending
people on early: shorter waits, more readmissions, Elkomy & Cookson 2018). Tick-box
items (documentation completeness) follow pay and checks closely and fall fast when
they go (Morales et al. 2023, QOF in Scotland).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.model.fields import Array, Fields, Inputs, Reads, per_unit, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("gaming_pay", 0.5, "pressure per unit of pay", (0.2, 1.0),
                "how much pay tied to the figures adds to the pressure to game them: the more "
                "rides on an indicator, the more it is corrupted",
                "Campbell 1979; Bevan & Hood 2006 (size: assumption)"),
    coefficient("gaming_scale", 6.0, "multiplier", (3.0, 9.0),
                "converts the product of pressure, opportunity and temptation into gaming "
                "intensity (0-1)"),
    coefficient("gaming_naive", 0.3, "share", (0.1, 0.6),
                "gaming before anyone has learned how (share of the skilled level)"),
    coefficient("gaming_learning", 0.025, "1/week", (0.01, 0.05),
                "share of the remaining room a low-integrity worker learns to game per week "
                "at full stakes", "van Thiel & Leeuw 2002 (speed: assumption)"),
    coefficient("gaming_time", 0.15, "share of core time", (0.05, 0.3),
                "core time full gaming takes (massaging data, timing, reclassifying)",
                "Bevan & Hood 2006 (size: assumption)"),
    coefficient("gaming_harm", 0.08, "share of quality", (0.02, 0.2),
                "share of a case's quality lost at full gaming through practices that hit the "
                "target and miss the point", "Bevan & Hood 2006; Elkomy & Cookson 2018"),
    coefficient("tickbox_base", 0.35, "share", (0.2, 0.5),
                "documentation completeness with no pay and no checks"),
    coefficient("tickbox_pay", 0.45, "share", (0.25, 0.6),
                "completeness added by pay on fully covered items", "Morales et al. 2023"),
    coefficient("tickbox_checks", 0.1, "share", (0.05, 0.2),
                "completeness added by full monitoring, and again by full audits"),
    coefficient("tickbox_adjust", 0.3, "1/week", (0.1, 0.5),
                "share of the gap to the tick-box target closed per week: it follows pay fast",
                "Morales et al. 2023"),
)


class Owns(Fields):
    """What rides on the figures, how much staff game them, and the tick-box items."""

    gaming_stakes: Array = per_unit("pressure to game: what rides on the figures through targets and pay")
    gaming: Array = per_worker("gaming intensity this week, 0-1")
    gaming_skill: Array = per_worker("learned skill at gaming indicators, 0-1")
    completeness: Array = per_worker("documentation completeness (tick-box items), 0-1", start=0.6)


READS = Reads(fields=("target_pressure_in_force", "deterrence", "integrity", "has_indicators",
                      "practice_gaming", "coverage", "monitoring_in_force", "audit_rate_in_force"),
              levers=("incentive_strength",),
              inputs=("gaming_propensity",))
RESULTS = ("tickbox_compliance",)


def stakes(*, target_pressure: Array, incentive_strength: Array, c: Inputs) -> Array:
    """Pressure to game (0 to 1 + ``gaming_pay``): what rides on the figures, through
    targets and pay; pay adds to pressed targets, it is not capped by them."""
    return target_pressure + c.gaming_pay * incentive_strength


def intensity(*, propensity: Array, gaming_stakes: Array, deterrence: Array, integrity: Array,
              gaming_skill: Array, has_indicators: Array, practice_gaming: Array, c: Inputs) -> Array:
    """How much a worker games this week (0-1). ``deterrence`` is the expected sanction
    of being found out (``audits.deterrence``); ``practice_gaming`` the unit's gaming norm,
    which matters only as far as something rides on the figures."""
    learned = c.gaming_naive + (1 - c.gaming_naive) * gaming_skill
    pressed = np.minimum(gaming_stakes, 1)
    return clip(has_indicators * (propensity * gaming_stakes * (1 - deterrence)
                                  * (1 - integrity) * learned * c.gaming_scale + practice_gaming * pressed), 0, 1)


def learn(*, gaming_skill: Array, gaming_stakes: Array, has_indicators: Array, integrity: Array,
          c: Inputs) -> Array:
    """Gaming skill after a week: learned where much rides on the figures, faster with
    less integrity."""
    rate = c.gaming_learning * np.minimum(gaming_stakes, 1) * (1 - integrity) * has_indicators
    return gaming_skill + rate * (1 - gaming_skill)


def tickbox_target(*, incentive_strength: Array, coverage: Array, monitoring: Array, audit_rate: Array,
                   c: Inputs) -> Array:
    """Documentation completeness staff aim for (0-1): tick-box items follow pay and checks."""
    return clip(c.tickbox_base + c.tickbox_pay * incentive_strength * coverage
                + c.tickbox_checks * (monitoring + audit_rate), 0, 1)


def follow_tickbox(*, completeness: Array, target: Array, c: Inputs) -> Array:
    return completeness + c.tickbox_adjust * (target - completeness)


# ------------------------------------------------------------------ steps of the week
def weigh_stakes(s: State) -> None:
    """What rides on the figures in each unit: pressed targets and pay."""
    s.gaming_stakes = stakes(target_pressure=s.target_pressure_in_force,
                             incentive_strength=s.lever.incentive_strength, c=s.c)


def game(s: State) -> None:
    """How much each worker games this week."""
    s.gaming = intensity(propensity=s.c.gaming_propensity, gaming_stakes=s.at_worker(s.gaming_stakes),
                         deterrence=s.deterrence, integrity=s.integrity, gaming_skill=s.gaming_skill,
                         has_indicators=s.at_worker(s.has_indicators),
                         practice_gaming=s.at_worker(s.practice_gaming), c=s.c)


def tick_boxes(s: State) -> None:
    """Documentation completeness follows pay and checks."""
    wanted = tickbox_target(incentive_strength=s.worker_lever.incentive_strength,
                            coverage=s.at_worker(s.coverage), monitoring=s.at_worker(s.monitoring_in_force),
                            audit_rate=s.at_worker(s.audit_rate_in_force), c=s.c)
    s.completeness = follow_tickbox(completeness=s.completeness, target=wanted, c=s.c)


def learn_to_game(s: State) -> None:
    """Staff learn to game where much rides on the figures."""
    s.gaming_skill = learn(gaming_skill=s.gaming_skill, gaming_stakes=s.at_worker(s.gaming_stakes),
                           has_indicators=s.at_worker(s.has_indicators), integrity=s.integrity, c=s.c)
