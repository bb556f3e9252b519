"""M9: strain and turnover. Unnecessary tasks and role conflict raise strain;
autonomy and support lower it (Anskär et al. 2019). Strained, demotivated staff
quit; hires start less skilled (SCIENCE M9; 72% of Swedish social workers had
considered leaving, 2015).
"""

from __future__ import annotations

import numpy as np

from . import clip

ADJUST = 0.05
NORMAL_CASELOAD = 4.0  # cases/week a worker handles without overload


def strain_target(caseload, admin_share, role_conflict, discretion, support, control,
                  felt_trust, capacity):
    """Where strain is heading (0-1)."""
    overload = caseload / (NORMAL_CASELOAD * capacity) - 1.0
    s = (0.15 + 0.45 * admin_share + 0.3 * overload + 0.5 * role_conflict
         - 0.15 * discretion - 0.15 * support + 0.2 * control * (1.0 - felt_trust))
    return clip(s, 0.0, 1.0)


def role_conflict(measured_share, measurability, discretion, target_pressure):
    """Doing what one does not value (time pulled from the professional split), and
    conflicting signals (trust rhetoric with hard targets: the hybrid)."""
    return clip(np.abs(measured_share - measurability) + 0.4 * discretion * target_pressure,
                   0.0, 1.0)


def update_strain(strain, target):
    return clip(strain + ADJUST * (target - strain), 0.0, 1.0)


def quit_probability(strain, motivation, sensitivity: float):
    """Weekly probability of leaving."""
    return sensitivity * 0.0045 * (0.3 + 2.5 * strain ** 2 + 0.8 * (1.0 - motivation))
