"""M7: rule accumulation and the administrative apparatus.

Rules are created (by routine, by incidents, and by other rules: interpretations and
exceptions), go obsolete and persist until pruned (Yang & Grenier 2024; Forssell &
Ivarsson Westerberg 2014). Without steady pruning, a one-off cut relapses. Central
staff functions grow with what must be reported and checked (Swedish regions
2010-17: administrators +36%, nurses +2.3%).
"""

from __future__ import annotations

import numpy as np

OBSOLESCENCE = 1.0 / 150.0  # weekly chance an active rule stops serving a purpose


def rule_creation_rate(rule_creation: float, rules_in_force: float, rule_bloat: float):
    """Expected new rules per week."""
    return 1.0 * rule_creation * (1.0 + rule_bloat * rules_in_force / 400.0)


def update_rules(active: float, obsolete: float, created: float, rule_pruning: float):
    """(active, obsolete) rules after one week. ``rule_pruning``: share of obsolete rules
    removed per year."""
    weekly_prune = -np.log1p(-min(rule_pruning, 0.999)) / 52.0
    newly_obsolete = OBSOLESCENCE * active
    active = active + created - newly_obsolete
    obsolete = (obsolete + newly_obsolete) * np.exp(-weekly_prune)
    return active, obsolete


def overhead_target(frontline: int, indicators: float, rules_in_force: float, audit_rate: float,
                    central_staff: float):
    """Central staff posts the organisation drifts towards."""
    need = 0.03 + 0.002 * indicators + 0.00015 * rules_in_force + 0.03 * audit_rate
    return frontline * need * (0.4 + 0.6 * central_staff)


def follow_lever(in_force, lever, up: float = 0.25, down: float = 0.03):
    """Administrative demands in force (indicators, documentation templates) follow the
    levers with a lag: added within weeks, dismantled over months (contracts, IT
    systems, habits: half-life about 23 weeks). A ratchet: easy up, slow down."""
    rate = np.where(lever > in_force, up, down)
    return in_force + rate * (lever - in_force)


def update_overhead(overhead: float, target: float):
    """Posts are added within months, shed more slowly."""
    rate = 0.01 if target > overhead else 0.004
    return overhead + rate * (target - overhead)
