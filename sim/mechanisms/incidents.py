"""M6: incidents and the media. Serious errors sometimes become visible incidents; the
chance grows with media attention (Hood 2011). Severity is mostly minor with a long
tail. A visible incident lowers citizens' trust a little everywhere (news travels);
a scenario can also schedule a scandal.

The region reacts to its incident *rate*, not its count: a region twice the size (more
units, or more staff per unit) has twice the incidents but not twice the news or twice
the board's attention, so each incident weighs ``news_staff / frontline staff`` (1 at
the default 20 units of 10). Without this, a large region would drift into control by
construction. A scheduled scandal is front-page news whatever the region's size and
weighs in full.
"""

from __future__ import annotations

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip

COEFFICIENTS = table(
    __name__,
    coefficient("visibility", 0.05, "share", (0.02, 0.12),
                "share of serious errors that become visible at full media attention",
                "Hood 2011 (size: assumption)"),
    coefficient("visibility_floor", 0.2, "share", (0.05, 0.4),
                "visibility with no media attention, as a share of that at full attention"),
    coefficient("severity_shape", 4.0, "Beta(1, shape)", (2.0, 8.0),
                "incident severity is Beta(1, shape): mostly minor, a long tail", low=0.1),
    coefficient("incident_trust_shock", 0.1, "share per severity", (0.03, 0.2),
                "share of every citizen's trust lost per unit of visible severity at full "
                "media attention"),
    coefficient("max_trust_shock", 0.5, "share", (0.3, 0.7),
                "the most trust one week's incidents can take"),
    coefficient("news_staff", 200.0, "frontline staff", (100.0, 400.0),
                "frontline staff whose incidents make a full week of news: each incident weighs "
                "news_staff / frontline staff, so the reaction follows the incident rate",
                "assumption (size invariance)", low=1),
)


def probability(serious_errors, media_attention, c):
    """Chance that a unit's serious errors this week make at least one visible incident."""
    seen = c.visibility * (c.visibility_floor + (1 - c.visibility_floor) * media_attention)
    return 1 - np.exp(-serious_errors * seen)


def draw(chance, draw_happens, draw_severity, c):
    """Severity (0-1) of each unit's incident this week, 0 where none (Beta(1, shape)
    by inverse transform of a uniform)."""
    severity = 1 - (1 - draw_severity) ** (1 / c.severity_shape)
    return np.where(draw_happens < chance, severity, 0)


def news(random_severity, scandal_severity, n_staff, c):
    """(severity per unit, the weight each carries in the news) this week: a unit's
    incident weighs by the region's size (its frontline staff), a scheduled scandal in full."""
    severity = np.maximum(random_severity, scandal_severity)
    weight = np.where(scandal_severity >= random_severity, 1, c.news_staff / n_staff)
    return severity, severity * weight


def citizen_shock(trust, severity_total, media_attention, c):
    """Every citizen's trust after this week's visible incidents (``severity_total``:
    their severity as weighed in the news)."""
    return trust * (1 - clip(c.incident_trust_shock * media_attention * severity_total,
                             0, c.max_trust_shock))
