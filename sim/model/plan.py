"""The week plan: what happens in a week, in order. ``Engine.advance`` runs it as it
stands here; ``steersim list --week`` prints it; docs/ODD.md's order is generated from
it (a test compares them).

Each step is a function of one mechanism module that takes the state and writes only
the fields its module owns or declares it updates (tests/test_declarations.py reads the
source to check). Within a week every step sees what the steps before it wrote; a run's
numbers depend on this order, so changing it is a change of the model.

Adding a mechanism is one new module in ``sim.mechanisms`` and one line here
(docs/architecture.md walks through an example).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.mechanisms import (
    audits,
    change,
    citizens,
    delivery,
    effort,
    followup,
    gaming,
    imitation,
    incidents,
    learning,
    market,
    measurement,
    motivation,
    rules,
    staffing,
    steering,
    strain,
    trust,
    workload,
)

if TYPE_CHECKING:
    from sim.model.state import State


@dataclass(frozen=True)
class Phase:
    """A phase of the week (as the ODD protocol names it) and its steps in order."""

    name: str
    steps: tuple[Callable[[State], None], ...]


WEEK: tuple[Phase, ...] = (
    Phase("politicians steer", (steering.react_to_incidents, change.adopt_demands,
                                steering.put_levers_in_force, workload.indicators_cover,
                                measurement.weigh_indicators, gaming.weigh_stakes,
                                steering.judge_the_administration)),
    Phase("managers translate", (followup.managers_translate,)),
    Phase("needs arrive", (market.providers_set_terms, citizens.needs_arrive)),
    Phase("staff allocate time", (workload.split_the_week, effort.weigh_pay, workload.choose_focus,
                                  audits.deter, effort.work)),
    Phase("service is delivered", (change.use_discretion, gaming.game, delivery.deliver_service,
                                   measurement.read_and_report, gaming.tick_boxes)),
    Phase("audits", (audits.inspect,)),
    Phase("managers follow up", (followup.follow_up_reports,)),
    Phase("citizens react and talk", (citizens.citizens_react,)),
    Phase("citizens choose", (market.citizens_choose, market.providers_enter_and_leave)),
    Phase("incidents and media", (incidents.errors_become_news,)),
    Phase("staff update", (change.take_part, trust.feel_trusted, motivation.motivate, strain.strain_builds,
                           learning.learn, gaming.learn_to_game, change.absorb_change, strain.turnover)),
    Phase("managers update trust", (trust.managers_judge_staff,)),
    Phase("units imitate", (imitation.imitate,)),
    Phase("rules are created and pruned", (staffing.write_rules, rules.rules_change, staffing.staff_the_centre,
                                           staffing.pay_for_posts)),
    Phase("targets are set", (measurement.set_targets,)),
)
#: Every step of the week, in order.
STEPS: tuple[Callable[[State], None], ...] = tuple(step for phase in WEEK for step in phase.steps)


def step_name(step: Callable) -> str:
    """``module.function`` of a step."""
    return f"{step.__module__.rsplit('.', 1)[-1]}.{step.__name__}"


def summary(step: Callable) -> str:
    """The first sentence of a step's docstring."""
    text = " ".join((step.__doc__ or "").split())
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


def rows() -> list[tuple[int, str, str, str]]:
    """(number, phase, step, what it does) for every step of the week, in order."""
    out, number = [], 0
    for phase in WEEK:
        for step in phase.steps:
            number += 1
            out.append((number, phase.name, step_name(step), summary(step)))
    return out
