"""M3: crowding-out and crowding-in of intrinsic motivation.

Control read as distrust lowers intrinsic motivation; autonomy, support and positive
feedback raise it (Deci, Koestner & Ryan 1999: d = -0.28 for performance-contingent
rewards, +0.33 for positive feedback; Falk & Kosfeld 2006; Bernstrøm & Svare 2017).
The hidden costs of control are modest in replications (Ziegelmeyer, Schmelz & Ploner
2012), so the coefficients are sized to a few hundredths of the 0-1 scale. People
differ: each worker has their own sensitivity and a minority is not affected at all
(``crowding_sensitivity``, ``unaffected_share``). Public-service motivation is a trait
each worker brings (Le Grand 2003); the regime moves current motivation around it.
Taking part in shaping the work raises it; change imposed from above lowers it for a
while (the Vänsterpartiet motion: the steering model "tas fram tillsammans med
organisationens medarbetare").
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
    coefficient("motivation_adjust", 0.03, "1/week", (0.01, 0.06),
                "share of the gap to the motivation target closed per week"),
    coefficient("crowd_out_control", 0.12, "score 0-1", (0.0, 0.24),
                "motivation lost under full control read with no trust at all",
                "Deci, Koestner & Ryan 1999; Falk & Kosfeld 2006"),
    coefficient("crowd_out_pay", 0.05, "score 0-1", (0.0, 0.1),
                "motivation lost under full performance-contingent pay",
                "Deci, Koestner & Ryan 1999 (d = -0.28)"),
    coefficient("crowd_out_followup", 0.05, "score 0-1", (0.0, 0.1),
                "motivation lost while fully followed up after weak results"),
    coefficient("crowd_in_autonomy", 0.06, "score 0-1", (0.0, 0.12),
                "motivation gained at full discretion", "Bernstrøm & Svare 2017"),
    coefficient("crowd_in_support", 0.03, "score 0-1", (0.01, 0.06),
                "motivation gained at full support", "SOU 2018:47"),
    coefficient("crowd_in_feedback", 0.06, "score 0-1", (0.02, 0.1),
                "motivation gained from a learning inspection's feedback this week",
                "Deci, Koestner & Ryan 1999 (d = +0.33 for positive feedback)"),
    coefficient("crowd_in_participation", 0.03, "score 0-1", (0.0, 0.06),
                "motivation gained from taking part in shaping the work (participation 1)",
                "the Vänsterpartiet motion; size: assumption"),
    coefficient("change_demotivation", 0.1, "score 0-1", (0.03, 0.2),
                "motivation lost at full change load imposed without participation",
                "docs/science.md (effect sizes: imposed change costs a dip); size: assumption"),
)


class Owns(Fields):
    """Staff's current intrinsic motivation (around the public-service motivation they bring)."""

    motivation: Array = per_worker("current intrinsic motivation: how far they act as a steward, 0-1",
                                   start=None)


READS = Reads(fields=("public_service_motivation", "crowding_sensitivity", "control", "felt_trust",
                      "followup", "used_discretion", "learning_visit", "taking_part", "imposed_load"),
              levers=("incentive_strength", "support"))
RESULTS = ("staff_motivation",)


def target(*, public_service_motivation: Array, crowding_sensitivity: Array, control: Array,
           felt_trust: Array, incentive_strength: Array, followup: Array, used_discretion: Array,
           support: Array, learning_visit: Array, taking_part: Array, imposed_load: Array,
           c: Inputs) -> Array:
    """Where a worker's motivation is heading this week (0-1). ``imposed_load``: the
    change load imposed without participation (the share a co-created change spares is
    already out of it)."""
    crowding_out = crowding_sensitivity * (c.crowd_out_control * control * (1 - felt_trust)
                                           + c.crowd_out_pay * incentive_strength
                                           + c.crowd_out_followup * followup)
    crowding_in = (c.crowd_in_autonomy * used_discretion + c.crowd_in_support * support
                   + c.crowd_in_feedback * learning_visit + c.crowd_in_participation * taking_part)
    imposed = c.change_demotivation * imposed_load
    return clip(public_service_motivation + crowding_in - crowding_out - imposed, 0, 1)


def update(*, motivation: Array, wanted: Array, c: Inputs) -> Array:
    return clip(motivation + c.motivation_adjust * (wanted - motivation), 0, 1)


# ------------------------------------------------------------------ steps of the week
def motivate(s: State) -> None:
    """Motivation moves towards what control, pay, autonomy, support, feedback and
    participation make of each worker's public-service motivation."""
    wanted = target(public_service_motivation=s.public_service_motivation,
                    crowding_sensitivity=s.crowding_sensitivity, control=s.at_worker(s.control),
                    felt_trust=s.felt_trust, incentive_strength=s.worker_lever.incentive_strength,
                    followup=s.followup, used_discretion=s.used_discretion, support=s.worker_lever.support,
                    learning_visit=s.learning_visit, taking_part=s.taking_part,
                    imposed_load=s.at_worker(s.imposed_load), c=s.c)
    s.motivation = update(motivation=s.motivation, wanted=wanted, c=s.c)
