"""M7: the rulebook. Rules are written to meet needs, go obsolete as the world changes,
and persist until someone finds and removes them (Yang & Grenier 2024; Forssell &
Ivarsson Westerberg 2014).

Two stocks: *useful* rules serve a current need and guide practice; *dead* rules are
obsolete or never served one (interpretations, exceptions, rules begetting rules) and
only cost. Useful rules are written towards the regulatory need and go obsolete at the
environment's pace; rules beget dead rules in proportion to the rulebook's size. Pruning
is a review effort: reviewers examine a number of rules a week, with diminishing
returns to effort, and remove those that turn out dead (and, by mistake, a few useful
ones). Because what they examine is drawn from the whole rulebook, pruning finds less
per rule as the rulebook grows: below a threshold in the propensities to create and to
prune the rulebook settles; above it, bloat runs away. Creation weighs more than
pruning (a high enough creation propensity bloats whatever the pruning), faster change
in the environment makes bloat more likely, and a one-off cut relapses unless the
pruning effort stays (all four as Yang & Grenier 2024 report).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import saturating
from sim.model.fields import Array, Fields, Inputs, Reads, Values, per_run
from sim.units import WEEKS_PER_YEAR

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("rule_need", 100.0, "rules", (85.0, 115.0),
                "rules the work needs: situations that call for a common rule"),
    coefficient("rule_fill_rate", 0.05, "1/week", (0.02, 0.1),
                "share of unmet rule needs written per week at rule_creation = 1"),
    coefficient("bloat_rate", 0.01, "rules/week per rule", (0.008, 0.012),
                "dead rules begotten per rule in force per week at rule_creation = 1 and "
                "rule_bloat = 1", "Yang & Grenier 2024 (size: assumption; range narrowed by "
                "calibration: above it the status quo's rulebook runs away, against the "
                "observed admin shares)"),
    coefficient("bloat_saturation", 5000.0, "rules", (2000.0, 10000.0),
                "rulebook size at which rules begetting rules is halved (no one reads them all)", low=1),
    coefficient("review_capacity", 4.0, "rules/week", (3.0, 6.0),
                "rules examined per week by a standing review function (rule_pruning near 1)",
                "Yang & Grenier 2024 (size: assumption)"),
    coefficient("review_half", 0.1, "effort 0-1", (0.07, 0.13),
                "pruning effort at which half of the review capacity is reached (the first "
                "reviews catch the obvious dead rules)", low=0.007),
    coefficient("pruning_mistakes", 0.02, "share", (0.0, 0.08),
                "share of examined useful rules removed by mistake"),
    coefficient("review_hours", 2.0, "hours per rule examined", (0.5, 4.0),
                "staff hours to tell an obsolete rule from a useful one"),
)


class Owns(Fields):
    """The rulebook: useful and dead rules in force."""

    useful_rules: Array = per_run("rules in force that serve a current need")
    dead_rules: Array = per_run("rules in force that are obsolete or never served a need")

    @property
    def rules_in_force(self) -> Array:
        """Rules in force, useful and dead."""
        return self.useful_rules + self.dead_rules


READS = Reads(fields=("rules_added", "central_rules"),
              levers=("rule_creation", "rule_pruning"),
              inputs=("rule_bloat", "environment_change"))
RESULTS = ("rules", "dead_rule_share")


def weekly(*, rate_per_year: Array) -> Array:
    """A per-year share as a weekly hazard."""
    return -np.log1p(-rate_per_year) / WEEKS_PER_YEAR


def reviewed(*, rule_pruning: Array, c: Inputs) -> Array:
    """Rules examined per week (diminishing returns to pruning effort)."""
    return c.review_capacity * saturating(rule_pruning, c.review_half)


def after_a_week(*, useful_rules: Array, dead_rules: Array, rule_creation: Array, rule_bloat: Array,
                 rule_pruning: Array, environment_change: Array, added: Values, c: Inputs) -> tuple[Array, Array]:
    """(useful, dead) rules after one week. ``added``: rules the board and central staff
    add this week (they join the useful ones and age like them)."""
    useful, dead = useful_rules, dead_rules
    rules = useful + dead
    written = rule_creation * c.rule_fill_rate * np.maximum(c.rule_need - useful, 0)
    begotten = rule_creation * rule_bloat * c.bloat_rate * rules / (1 + rules / c.bloat_saturation)
    obsolete = weekly(rate_per_year=environment_change) * useful
    examined = reviewed(rule_pruning=rule_pruning, c=c)
    pruned_dead = examined * dead / np.maximum(rules, 1)
    pruned_useful = examined * useful / np.maximum(rules, 1) * c.pruning_mistakes
    useful = np.maximum(useful + written + added - obsolete - pruned_useful, 0)
    dead = np.maximum(dead + obsolete + begotten - pruned_dead, 0)
    return useful, dead


def after_years(*, rule_creation: Array, rule_bloat: Array, rule_pruning: Array, environment_change: Array,
                weeks: int, c: Inputs) -> tuple[Array, Array]:
    """The rulebook after ``weeks`` of a regime, from one that just meets the needs, with
    the expected dynamics (no incidents): the start of a run (``SteeringModel``)."""
    useful = c.rule_need + np.zeros(np.shape(rule_creation))
    dead = np.zeros(np.shape(useful))
    for _ in range(int(weeks)):
        useful, dead = after_a_week(useful_rules=useful, dead_rules=dead, rule_creation=rule_creation,
                                    rule_bloat=rule_bloat, rule_pruning=rule_pruning,
                                    environment_change=environment_change, added=0, c=c)
    return useful, dead


# ------------------------------------------------------------------ steps of the week
def rules_change(s: State) -> None:
    """Rules are written towards the need (and by the board and central staff), beget
    dead rules, go obsolete, and are pruned by review."""
    s.useful_rules, s.dead_rules = after_a_week(
        useful_rules=s.useful_rules, dead_rules=s.dead_rules, rule_creation=s.org_lever.rule_creation,
        rule_bloat=s.c.rule_bloat, rule_pruning=s.org_lever.rule_pruning,
        environment_change=s.c.environment_change, added=s.rules_added + s.central_rules, c=s.c)
