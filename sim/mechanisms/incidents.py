"""M6: incidents and the media. Errors sometimes become visible incidents; their
probability rises with the true error rate and media attention (Hood 2011).
Severity is mostly minor with a long tail; a scenario can also schedule a scandal.
"""

from __future__ import annotations

import numpy as np

from . import clip

BASE_RATE = 0.06  # weekly incident probability of a unit with no quality at all, full media


def incident_probability(unit_quality, media_attention: float):
    """Weekly probability that a unit's errors become a visible incident."""
    return BASE_RATE * (1.0 - unit_quality) ** 2 * (0.2 + media_attention)


def draw_incidents(probability, draw, severity_draw):
    """Severity (0-1) of each unit's incident this week, 0 where none. Severity is
    Beta(1, 4) by inverse transform of ``severity_draw``: mostly minor."""
    severity = 1.0 - (1.0 - severity_draw) ** 0.25
    return np.where(draw < probability, severity, 0.0)


def citizen_trust_shock(trust, severity_total: float, media_attention: float):
    """A visible incident lowers every citizen's trust a little (news travels)."""
    return trust * (1.0 - clip(0.1 * media_attention * severity_total, 0.0, 0.5))
