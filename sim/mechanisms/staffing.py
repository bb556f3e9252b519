"""Who is paid, and what a case costs: central staff, support staff, inspectors, bonuses
and the frontline.

Central staff functions grow with what must be reported and checked, and are shed
slowly (Swedish regions 2010-17: managers, caseworkers and administrators +36%,
nurses +2.3%); they can take reporting off the frontline (``workload``) and write
demands of their own (the Västernorrland motion's "dyr överbyggnad"). Support close to
the core work, inspections, pruning reviews, citizen panels and incentive pay all cost
paid hours or money too: the cost per quality-adjusted case counts every one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import market, rules
from sim.model.fields import Array, Fields, Inputs, Reads, Values, per_run, per_unit
from sim.model.runaxis import average

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("overhead_base", 0.03, "posts per frontline worker", (0.015, 0.05),
                "central posts any organisation needs (finance, HR, law)"),
    coefficient("overhead_per_indicator", 0.001, "posts per frontline worker", (0.0005, 0.002),
                "central posts per indicator followed up"),
    coefficient("overhead_per_rule", 0.00015, "posts per frontline worker", (0.00005, 0.0003),
                "central posts per rule in force"),
    coefficient("overhead_per_audit", 0.03, "posts per frontline worker", (0.015, 0.05),
                "central posts at audit rate 1 (audit offices, compliance)"),
    coefficient("decentral_share", 0.5, "share", (0.3, 0.7),
                "share of the central posts still needed when staff functions sit close to "
                "the core work (central_staff = 0)"),
    coefficient("overhead_growth", 0.01, "1/week", (0.004, 0.02),
                "share of the gap to the needed central posts added per week"),
    coefficient("overhead_shedding", 0.004, "1/week", (0.001, 0.01),
                "share of surplus central posts shed per week (slower than growth)"),
    coefficient("central_rule_writing", 0.5, "rules/week per post per frontline worker",
                (0.0, 1.5), "rules central staff write per week, per central post per "
                "frontline worker", "the Västernorrland motion (size: assumption)"),
    coefficient("support_posts", 0.08, "posts per frontline worker", (0.04, 0.12),
                "support staff close to the core work at support = 1", "SOU 2018:47"),
    coefficient("inspector_posts", 0.02, "posts per frontline worker", (0.01, 0.04),
                "inspectors and auditors at audit rate 1"),
    coefficient("bonus_cost", 0.05, "share of frontline pay", (0.0, 0.1),
                "extra pay at full incentive strength (bonus pools, performance funding)"),
    coefficient("panel_posts", 0.0005, "posts per citizen", (0.0002, 0.001),
                "organising a full citizen panel (half a post per 1,000 citizens)"),
    coefficient("manager_cost", 1.3, "frontline salaries", (1.1, 1.6), "a manager's salary"),
)


class Owns(Fields):
    """Posts besides the frontline, the budget, and what it leaves the frontline."""

    capacity: Array = per_unit("budget multiplier on the unit's paid hours", start=1.0)
    overhead: Array = per_run("central staff posts")
    central_rules: Array = per_run("rules central staff write this week")
    other_posts: Array = per_run("paid posts besides the frontline, in frontline salaries")
    budget: Array = per_run("the wage bill the past regime fixed (under a fixed budget)")
    funded: Array = per_run("paid hours per frontline post a fixed budget leaves (1 = full time)", start=1.0)


READS = Reads(fields=("indicators_in_force", "audit_rate_in_force", "rules_in_force"),
              levers=("central_staff", "support", "citizen_panel", "incentive_strength", "rule_pruning",
                      "purchaser_provider_split"),
              inputs=("review_hours", "work_hours"))
RESULTS = ("overhead_share", "cost_per_case", "cost_per_quality")
#: The least frontline time a fixed budget is taken to leave: a floor against a
#: nonsensical negative capacity, not a behaviour (no run in the tests or docs reaches it).
MIN_FUNDED = 0.1


def overhead_needed(*, frontline: int, indicators: Array, rules_in_force: Array, audit_rate: Array,
                    central_staff: Array, c: Inputs) -> Array:
    """Central posts the organisation drifts towards."""
    need = (c.overhead_base + c.overhead_per_indicator * indicators
            + c.overhead_per_rule * rules_in_force + c.overhead_per_audit * audit_rate)
    return frontline * need * (c.decentral_share + (1 - c.decentral_share) * central_staff)


def follow_overhead(*, overhead: Array, needed: Array, c: Inputs) -> Array:
    """Posts are added within months and shed more slowly."""
    rate = (needed > overhead) * c.overhead_growth + (needed <= overhead) * c.overhead_shedding
    return overhead + rate * (needed - overhead)


def rules_written(*, overhead: Array, frontline: int, c: Inputs) -> Array:
    """Rules central staff write this week."""
    return c.central_rule_writing * overhead / frontline


def posts_besides_frontline(*, frontline: int, units: int, overhead: Array, support: Array, audit_rate: Array,
                            citizen_panel: Array, citizens: int, review_hours_per_week: Array,
                            work_hours: Array, c: Inputs) -> Array:
    """Paid posts besides the frontline, in frontline salaries: managers, central staff,
    support staff, inspectors, rule reviewers and panel organisers."""
    return (c.manager_cost * units + overhead
            + frontline * (c.support_posts * support + c.inspector_posts * audit_rate)
            + review_hours_per_week / work_hours + c.panel_posts * citizen_panel * citizens)


def paid_posts(*, frontline: int, capacity: Values, incentive_strength: Array, others: Array,
               c: Inputs) -> Array:
    """Every paid post this week, in frontline salaries: the frontline's paid hours
    (``capacity`` of a full post each) with their bonuses, and all other posts."""
    return frontline * capacity * (1 + c.bonus_cost * incentive_strength) + others


def frontline_capacity(*, budget: Array, others: Array, frontline: int, incentive_strength: Array,
                       c: Inputs) -> Array:
    """Paid hours per frontline post (1 = full time) that a fixed budget leaves once
    every other post and the bonuses are paid: under a fixed budget, support staff,
    inspectors and central staff all come out of casework."""
    return (budget - others) / (frontline * (1 + c.bonus_cost * incentive_strength))


def other_posts(s: State, *, audit_rate: Array) -> Array:
    """Every post besides the frontline this week, with inspectors for ``audit_rate``."""
    c = s.c
    reviews = rules.reviewed(rule_pruning=s.org_lever.rule_pruning, c=c) * c.review_hours
    return posts_besides_frontline(
        frontline=s.n_staff, units=s.p.units, overhead=s.overhead, support=s.org_lever.support,
        audit_rate=audit_rate, citizen_panel=s.org_lever.citizen_panel, citizens=s.p.citizens,
        review_hours_per_week=reviews, work_hours=c.work_hours, c=c) + market.purchaser_posts(
        purchaser_provider_split=s.org_lever.purchaser_provider_split, frontline=s.n_staff, c=c)


# ------------------------------------------------------------------ steps of the week
def write_rules(s: State) -> None:
    """Central staff write demands of their own."""
    s.central_rules = rules_written(overhead=s.overhead, frontline=s.n_staff, c=s.c)


def staff_the_centre(s: State) -> None:
    """Central posts drift towards what reporting, rules and audits need (added within
    months, shed slowly)."""
    needed = overhead_needed(frontline=s.n_staff, indicators=average(s.indicators_in_force),
                             rules_in_force=s.rules_in_force, audit_rate=average(s.audit_rate_in_force),
                             central_staff=s.org_lever.central_staff, c=s.c)
    s.overhead = follow_overhead(overhead=s.overhead, needed=needed, c=s.c)


def pay_for_posts(s: State) -> None:
    """What every post besides the frontline costs, and so (under a fixed budget) the
    frontline hours the budget still pays for next week."""
    s.other_posts = other_posts(s, audit_rate=average(s.audit_rate_in_force))
    if s.p.budget == "fixed":
        funded = frontline_capacity(budget=s.budget, others=s.other_posts, frontline=s.n_staff,
                                    incentive_strength=s.org_lever.incentive_strength, c=s.c)
        s.funded = np.maximum(funded, MIN_FUNDED)
