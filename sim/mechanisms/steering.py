"""M6 and M10 at the top of the chain: politicians react to visible incidents.

A visible incident pushes the board towards control: it adds indicators and rules and
raises target pressure, monitoring and audits for a while (the control spiral: Sitkin
& Roth 1993; Gouldner 1954; Hood 2011). Under the error policy "forgive minor errors,
act on serious ones" (SOU 2018:47; the Hypergene article's list of the
Tillitsdelegationen's advice) incidents below a severity threshold bring nothing new.
Politicians forget slowly; a citizen panel gives them a direct view of the service, so
their extra control fades faster (Region Kalmar's intressebank, the Kalmar article).
"""

from __future__ import annotations

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip

COEFFICIENTS = table(
    __name__,
    coefficient("serious_severity", 0.5, "severity 0-1", (0.3, 0.7),
                "severity from which 'forgive minor errors' still acts", "SOU 2018:47"),
    coefficient("board_forgetting", 0.004, "1/week", (0.002, 0.01),
                "share of the board's extra control preference that fades per week"),
    coefficient("panel_forgetting", 0.012, "1/week", (0.0, 0.03),
                "extra fading per week with a full citizen panel", "the Kalmar article"),
    coefficient("indicators_per_reaction", 2.0, "indicators", (0.5, 4.0),
                "indicators added per unit of incident severity acted on at full reaction",
                "Hood 2011 (size: assumption)"),
    coefficient("rules_per_reaction", 10.0, "rules", (3.0, 20.0),
                "rules added per unit of incident severity acted on at full reaction",
                "Sitkin & Roth 1993 (size: assumption)"),
)


def react(control_preference, attention, severities, news, forgive_minor, reaction, baseline,
          citizen_panel, c):
    """(control preference per politician, indicators added, rules added) this week.

    ``severities``: visible incidents this week (0 where none) per unit, ``news`` the
    same as weighed in the region's news (``incidents.news``); ``forgive_minor`` the
    share of units under the forgiving policy."""
    acted = news * np.where(severities >= c.serious_severity, 1, 1 - forgive_minor)
    push = reaction * acted.sum(axis=-1, keepdims=True)
    preference = control_preference + push * attention * (1 - control_preference)
    fading = 1 - c.board_forgetting - c.panel_forgetting * citizen_panel
    preference = baseline + (preference - baseline) * fading
    return clip(preference, 0, 1), c.indicators_per_reaction * push, c.rules_per_reaction * push


def drift(control_preference, baseline):
    """How much the board's control preference exceeds what the regime set (0-1)."""
    return np.maximum(control_preference.mean(axis=-1, keepdims=True) - baseline, 0)


def with_drift(lever, board_drift):
    """A control lever raised by the board's drift towards control, kept in [0, 1]."""
    return lever + board_drift * (1 - lever)
