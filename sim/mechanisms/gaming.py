"""M2: gaming (Campbell's and Goodhart's laws): reported performance detaches from true
performance.

Bevan & Hood 2006 ("what's measured is what matters"; "hitting the target and missing
the point"); Hood 2006. Gaming grows with the stakes (target pressure and pay) x (1 - deterrence by audits) x
(1 - integrity), with a skill at gaming that staff learn where targets press (which is
why indicators lose their power to tell good from bad performers: van Thiel & Leeuw
2002), and with the gaming norms of the unit (``imitation``). It is not free: it takes
time from real work, and some of it harms the service itself (reclassifying, sending
people on early: shorter waits, more readmissions, Elkomy & Cookson 2018). Tick-box
items (documentation completeness) follow pay and checks closely and fall fast when
they go (Morales et al. 2023, QOF in Scotland).
"""

from __future__ import annotations

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip

COEFFICIENTS = table(
    __name__,
    coefficient("gaming_pay", 0.5, "pressure per unit of pay", (0.2, 1.0),
                "how much pay tied to the figures adds to the pressure to game them: the more "
                "rides on an indicator, the more it is corrupted",
                "Campbell 1979; Bevan & Hood 2006 (size: assumption)"),
    coefficient("gaming_scale", 6.0, "multiplier", (3.0, 9.0),
                "converts the product of pressure, opportunity and temptation into gaming "
                "intensity (0-1)"),
    coefficient("gaming_naive", 0.3, "share", (0.1, 0.6),
                "gaming before anyone has learned how (share of the skilled level)"),
    coefficient("gaming_learning", 0.025, "1/week", (0.01, 0.05),
                "share of the remaining room a low-integrity worker learns to game per week "
                "at full stakes", "van Thiel & Leeuw 2002 (speed: assumption)"),
    coefficient("gaming_time", 0.15, "share of core time", (0.05, 0.3),
                "core time full gaming takes (massaging data, timing, reclassifying)",
                "Bevan & Hood 2006 (size: assumption)"),
    coefficient("gaming_harm", 0.08, "share of quality", (0.02, 0.2),
                "share of a case's quality lost at full gaming through practices that hit the "
                "target and miss the point", "Bevan & Hood 2006; Elkomy & Cookson 2018"),
    coefficient("tickbox_base", 0.35, "share", (0.2, 0.5),
                "documentation completeness with no pay and no checks"),
    coefficient("tickbox_pay", 0.45, "share", (0.25, 0.6),
                "completeness added by pay on fully covered items", "Morales et al. 2023"),
    coefficient("tickbox_checks", 0.1, "share", (0.05, 0.2),
                "completeness added by full monitoring, and again by full audits"),
    coefficient("tickbox_adjust", 0.3, "1/week", (0.1, 0.5),
                "share of the gap to the tick-box target closed per week: it follows pay fast",
                "Morales et al. 2023"),
)


def stakes(target_pressure, incentive_strength, c):
    """Pressure to game (0 to 1 + ``gaming_pay``): what rides on the figures, through
    targets and pay; pay adds to pressed targets, it is not capped by them."""
    return target_pressure + c.gaming_pay * incentive_strength


def intensity(propensity, stakes, deterrence, integrity, gaming_skill, has_indicators,
              practice, c):
    """How much a worker games this week (0-1). ``deterrence`` is the expected sanction
    of being found out (``audits.deterrence``); ``practice`` the unit's gaming norm, which
    matters only as far as something rides on the figures."""
    learned = c.gaming_naive + (1 - c.gaming_naive) * gaming_skill
    pressed = np.minimum(stakes, 1)
    return clip(has_indicators * (propensity * stakes * (1 - deterrence)
                                  * (1 - integrity) * learned * c.gaming_scale + practice * pressed), 0, 1)


def learn(gaming_skill, stakes, has_indicators, integrity, c):
    """Gaming skill after a week: learned where much rides on the figures, faster with
    less integrity."""
    rate = c.gaming_learning * np.minimum(stakes, 1) * (1 - integrity) * has_indicators
    return gaming_skill + rate * (1 - gaming_skill)


def tickbox_target(incentive_strength, coverage, monitoring, audit_rate, c):
    """Documentation completeness staff aim for (0-1): tick-box items follow pay and checks."""
    return clip(c.tickbox_base + c.tickbox_pay * incentive_strength * coverage
                + c.tickbox_checks * (monitoring + audit_rate), 0, 1)


def follow_tickbox(completeness, target, c):
    return completeness + c.tickbox_adjust * (target - completeness)
