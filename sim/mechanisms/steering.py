"""M6 and M10, top of the chain: politicians steer, managers translate.

Politicians react to visible incidents by adding indicators, rules and control
(the control spiral: Sitkin & Roth 1993; Gouldner 1954; Hood 2011). Under the
error policy "forgive minor errors, act on serious ones" (SOU 2018:47) incidents
below a severity threshold bring nothing new. A citizen panel (Kalmar's
intressebank, seed 004) gives politicians a direct view of the service, so their
extra control fades faster. Managers turn the board's levers into control of
their staff, less of it the more they trust them (M5: control = g(1 - trust)).
"""

from __future__ import annotations

import numpy as np

from . import clip

SERIOUS = 0.5  # severity from which "forgive minor" still acts


def politicians_react(control_preference, attention, severities, forgive_minor: float,
                      reaction: float, baseline: float, citizen_panel: float):
    """New control preference of each politician, and the indicators and rules the
    board adds this week.

    ``severities``: visible incidents this week (array, each 0-1). ``forgive_minor`` is
    the share of units under the forgiving policy (0 or 1 for one regime).
    Returns (control_preference, indicators_added, rules_added).
    """
    severities = np.asarray(severities, dtype=float)
    acted_on = severities * np.where(severities >= SERIOUS, 1.0, 1.0 - forgive_minor)
    push = reaction * acted_on.sum()
    pref = control_preference + push * attention * (1.0 - control_preference)
    # Politicians forget slowly; a panel that shows them the service speeds it up.
    pref = baseline + (pref - baseline) * (1.0 - 0.004 - 0.012 * citizen_panel)
    return clip(pref, 0.0, 1.0), 2.0 * push, 10.0 * push


def control_drift(control_preference, baseline: float) -> float:
    """How much the board's control preference exceeds what the regime set (0-1)."""
    return max(0.0, float(control_preference.sum()) / control_preference.size - baseline)


def with_drift(lever, drift: float):
    """A control lever raised by the board's drift towards control, kept in [0, 1]."""
    return lever + drift * (1.0 - lever)


def manager_control(monitoring, trust_in_staff):
    """Control a manager exerts: monitoring, halved by full trust in the staff."""
    return monitoring * (1.0 - 0.5 * trust_in_staff)


def manager_time(indicators, target_pressure, audit_rate, control_audits, control,
                 support, collaboration_reward):
    """Managers' week split into (reporting, monitoring, supporting, coordinating), each
    a share of their hours; the rest is leading and developing the unit.

    Reporting grows with indicators and audits (seed 001: "ökar den administrativa
    bördan för chefer").
    """
    reporting = 0.06 + 0.006 * indicators + 0.1 * target_pressure + 0.1 * audit_rate * control_audits
    monitoring = 0.25 * control
    supporting = 0.05 + 0.3 * support
    coordinating = 0.03 + 0.2 * collaboration_reward
    total = reporting + monitoring + supporting + coordinating
    scale = np.where(total > 1.0, 1.0 / total, 1.0)
    return reporting * scale, monitoring * scale, supporting * scale, coordinating * scale
