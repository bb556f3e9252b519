"""M8: the capability trap. Skill grows with protected learning time and on-the-job
experience and erodes without them (Repenning & Sterman 2001)."""

from __future__ import annotations


from . import clip


def update_skill(skill, learning_share, collaboration_share):
    """Skill (0-1) after one week. Learning share 0.1 adds 0.3% of the remaining room a week,
    on top of 0.3% from experience."""
    gain = (0.03 * learning_share + 0.003 + 0.01 * collaboration_share) * (1.0 - skill)
    erosion = 0.001 * (skill - 0.3)
    return clip(skill + gain - erosion, 0.0, 1.0)


def hire_skill(draw):
    """Skill of a new hire: below the experienced (0.35-0.55)."""
    return 0.35 + 0.2 * draw
