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

from sim.inputs.spec import coefficient, table

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


def overhead_needed(frontline, indicators, rules_in_force, audit_rate, central_staff, c):
    """Central posts the organisation drifts towards."""
    need = (c.overhead_base + c.overhead_per_indicator * indicators
            + c.overhead_per_rule * rules_in_force + c.overhead_per_audit * audit_rate)
    return frontline * need * (c.decentral_share + (1 - c.decentral_share) * central_staff)


def follow_overhead(overhead, needed, c):
    """Posts are added within months and shed more slowly."""
    rate = (needed > overhead) * c.overhead_growth + (needed <= overhead) * c.overhead_shedding
    return overhead + rate * (needed - overhead)


def central_rules(overhead, frontline, c):
    """Rules central staff write this week."""
    return c.central_rule_writing * overhead / frontline


def other_posts(frontline, units, overhead, support, audit_rate, citizen_panel, citizens,
                review_hours_per_week, work_hours, c):
    """Paid posts besides the frontline, in frontline salaries: managers, central staff,
    support staff, inspectors, rule reviewers and panel organisers."""
    return (c.manager_cost * units + overhead
            + frontline * (c.support_posts * support + c.inspector_posts * audit_rate)
            + review_hours_per_week / work_hours + c.panel_posts * citizen_panel * citizens)


def paid_posts(frontline, capacity, incentive_strength, others, c):
    """Every paid post this week, in frontline salaries: the frontline's paid hours
    (``capacity`` of a full post each) with their bonuses, and all other posts."""
    return frontline * capacity * (1 + c.bonus_cost * incentive_strength) + others


def frontline_capacity(budget, others, frontline, incentive_strength, c):
    """Paid hours per frontline post (1 = full time) that a fixed budget leaves once
    every other post and the bonuses are paid: under a fixed budget, support staff,
    inspectors and central staff all come out of casework."""
    return (budget - others) / (frontline * (1 + c.bonus_cost * incentive_strength))
