"""Events on a run's timeline: reforms, pilots, incidents, budget changes, rule cuts.

Like Covasim's interventions, each event is a small object with a ``week`` and an
``apply(model)``; the model calls it at the start of that week, before politicians
steer. Scenario files (sim.inputs.scenario) build them from ``[[events]]`` tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetLevers:
    """At ``week``, set ``levers`` in ``units`` (None = all units): a reform or a pilot.

    ``co_created``: the change was worked out with staff and unions (the Vänsterpartiet
    motion) rather than imposed. Either way it puts a change load on the units where a
    lever moved (``sim.mechanisms.change``). Imposed, it meets no participation and
    reads as distrust while it lasts. Co-created, it meets the participation the units
    practise and the involvement of working it out (``change.reform_participation``):
    as far as staff take part, the load is smaller, costs meeting hours and reads as
    trust; the rest still reads as imposed.
    """

    week: int
    levers: dict
    units: tuple[int, ...] | None = None
    co_created: bool = False
    label: str = "reform"

    def apply(self, model) -> None:
        rows = model.unit_index(self.units)
        # the participation practised when the change arrives, not the one it sets
        practised = model.levers["participation"][rows]
        moved = model.set_levers(self.levers, self.units)
        model.record_pilot(rows, self.week)
        model.take_on_change(rows, moved, practised, self.co_created)


@dataclass(frozen=True)
class Incident:
    """At ``week``, a visible incident of ``severity`` (0-1) in ``unit`` (a scandal)."""

    week: int
    severity: float
    unit: int = 0
    label: str = "incident"

    def apply(self, model) -> None:
        scheduled = model.units["scheduled_incidents"]
        scheduled[self.unit] = max(scheduled[self.unit], self.severity)


# A unit keeps at least a fifth of its paid hours (below that it is closed, which is
# another decision than a budget cut) and at most doubles them (beyond that it is a new
# organisation, whose size is an input): bounds on what a scenario may ask, checked
# before a run (sim.inputs.scenario.check_events), not a clip in the model.
CAPACITY_RANGE = (0.2, 2.0)


@dataclass(frozen=True)
class BudgetChange:
    """At ``week``, change the working hours a unit can pay for by ``change`` (e.g. -0.1
    is a 10% cut), in ``units`` (None = all). Scenario checks keep every unit's paid
    hours, after all its budget events, between ``CAPACITY_RANGE``'s ends."""

    week: int
    change: float
    units: tuple[int, ...] | None = None
    label: str = "budget"

    def apply(self, model) -> None:
        rows = model.unit_index(self.units)
        model.units["capacity"][rows] *= 1 + self.change


@dataclass(frozen=True)
class RuleCut:
    """At ``week``, remove ``share`` of all rules in force at once (a one-off cleanup)."""

    week: int
    share: float
    label: str = "rule_cut"

    def apply(self, model) -> None:
        model.org["useful_rules"] *= 1.0 - self.share
        model.org["dead_rules"] *= 1.0 - self.share
