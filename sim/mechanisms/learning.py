"""M8: the capability trap. Skill grows with protected learning time, experience,
collaboration and support, and erodes without them (Repenning & Sterman 2001). Learning
time is paid hours taken from casework now for skill later: worse before better.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.model.fields import Array, Fields, Inputs, Reads, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("learn_from_time", 0.12, "1/week per share of hours", (0.05, 0.18),
                "skill gained per week, as a share of the room left, per share of the week in "
                "protected learning", "Repenning & Sterman 2001 (size: assumption)"),
    coefficient("learn_from_experience", 0.003, "1/week", (0.001, 0.006),
                "skill gained per week on the job, as a share of the room left"),
    coefficient("learn_from_collaboration", 0.01, "1/week per share of hours", (0.0, 0.03),
                "skill gained per share of the week collaborating"),
    coefficient("learn_from_support", 0.001, "1/week", (0.0, 0.003),
                "skill gained per week at full support (supervision, consultation)"),
    coefficient("skill_erosion", 0.001, "1/week", (0.0005, 0.003),
                "share of skill above the floor lost per week (practice drifts, knowledge ages)"),
    coefficient("skill_floor", 0.3, "score 0-1", (0.2, 0.4), "skill that never erodes"),
    coefficient("hire_skill_low", 0.45, "score 0-1", (0.35, 0.55), "skill of the least skilled hire"),
    coefficient("hire_skill_range", 0.2, "score 0-1", (0.1, 0.3), "spread of hires' skill"),
)


class Owns(Fields):
    """Staff's professional skill."""

    skill: Array = per_worker("professional skill, 0-1", start=None)


READS = Reads(fields=("learning_share", "collaboration_share"), levers=("support",))
RESULTS = ("skill",)


def update_skill(*, skill: Array, learning_share: Array, collaboration_share: Array, support: Array,
                 c: Inputs) -> Array:
    """Skill (0-1) after one week."""
    gain = (c.learn_from_time * learning_share + c.learn_from_experience
            + c.learn_from_collaboration * collaboration_share + c.learn_from_support * support)
    return clip(skill + gain * (1 - skill) - c.skill_erosion * (skill - c.skill_floor), 0, 1)


def hire_skill(*, draw: Array, c: Inputs) -> Array:
    """Skill of a new hire, below the experienced: ``draw`` is one uniform per hire."""
    return clip(c.hire_skill_low + c.hire_skill_range * draw, 0, 1)


# ------------------------------------------------------------------ steps of the week
def learn(s: State) -> None:
    """Skill grows with learning time, experience, collaboration and support, and erodes."""
    s.skill = update_skill(skill=s.skill, learning_share=s.learning_share,
                           collaboration_share=s.collaboration_share, support=s.worker_lever.support, c=s.c)
