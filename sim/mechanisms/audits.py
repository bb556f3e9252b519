"""Audits and inspection, in two styles (M2, M3, M10).

A control audit looks for faults: detected gaming is punished (felt trust falls,
gaming skill is knocked back) and even a clean visit reads as distrust. A learning
inspection ("lärande tillsyn", SOU 2018:47; seed 003) feeds back: it teaches
(skill rises), curbs gaming more gently and is read as support.
"""

from __future__ import annotations

import numpy as np

CHECKS_PER_MONTH = 4.33  # weeks per month: audit_rate is a monthly probability


def audit(audit_rate, learning_style, gaming_amount, draw):
    """Who is audited this week and who is caught gaming.

    ``draw``: one uniform per worker. Returns (audited, caught) boolean arrays.
    """
    audited = draw < audit_rate / CHECKS_PER_MONTH
    caught = audited & (gaming_amount > 0.02)
    return audited, caught


def consequences(audited, caught, learning_style, gaming_skill, skill):
    """Effects of this week's audits: (gaming_skill, skill, punished, learning_visit)."""
    control = 1.0 - learning_style
    gaming_skill = np.where(caught, gaming_skill * (0.3 + 0.3 * learning_style), gaming_skill)
    skill = np.where(audited, skill + 0.01 * learning_style * (1.0 - skill), skill)
    punished = caught * control + audited * control * 0.25
    learning_visit = audited * learning_style
    return gaming_skill, skill, punished, learning_visit
