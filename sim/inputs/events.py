"""Events on a run's timeline: reforms, pilots, incidents, budget changes, rule cuts.

Like Covasim's interventions, each event is a small object with a ``week`` and an
``apply(model)``; the model calls it at the start of that week, before politicians
steer. Scenario files (sim.inputs.scenario) build them from ``[[events]]`` tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.inputs.schema import CHOICE_CODES


@dataclass(frozen=True)
class SetLevers:
    """At ``week``, set ``levers`` in ``units`` (None = all units): a reform or a pilot.

    ``co_created``: the change was worked out with staff and unions (seed 001) rather
    than imposed. Co-created, staff take it as a sign of trust (felt trust and
    motivation rise for a while); imposed, it is one more change from above (felt
    trust dips, strain rises).
    """

    week: int
    levers: dict
    units: tuple[int, ...] | None = None
    co_created: bool = False
    label: str = "reform"

    def apply(self, model) -> None:
        units = model.unit_index(self.units)
        changed = np.zeros(units.size, dtype=bool)
        for name, value in self.levers.items():
            value = CHOICE_CODES.get(name, {}).get(value, value)
            changed |= model.levers[name][units] != value
            model.levers[name][units] = value
        model.record_pilot(units, self.week)
        # Only where something changed is there a reform for staff to take part in or suffer.
        rows = units[changed]
        staff = np.isin(model.staff["unit"], rows)
        if self.co_created:
            model.units["reform_boost"][rows] = 0.12
        else:
            model.staff["felt_trust"][staff] *= 0.85
            model.staff["strain"][staff] = np.minimum(1.0, model.staff["strain"][staff] + 0.08)
            model.units["reform_boost"][rows] = -0.04
        model.units["reform_weeks_left"][rows] = 52


@dataclass(frozen=True)
class Incident:
    """At ``week``, a visible incident of ``severity`` (0-1) in ``unit`` (a scandal)."""

    week: int
    severity: float
    unit: int = 0
    label: str = "incident"

    def apply(self, model) -> None:
        model.scheduled_incidents[self.unit] = max(model.scheduled_incidents[self.unit],
                                                   self.severity)


@dataclass(frozen=True)
class BudgetChange:
    """At ``week``, change the working hours a unit can pay for by ``change`` (e.g. -0.1
    is a 10% cut), in ``units`` (None = all)."""

    week: int
    change: float
    units: tuple[int, ...] | None = None
    label: str = "budget"

    def apply(self, model) -> None:
        rows = model.unit_index(self.units)
        model.units["capacity"][rows] = np.clip(model.units["capacity"][rows] * (1 + self.change),
                                                0.2, 2.0)


@dataclass(frozen=True)
class RuleCut:
    """At ``week``, remove ``share`` of all rules in force at once (a one-off cleanup)."""

    week: int
    share: float
    label: str = "rule_cut"

    def apply(self, model) -> None:
        model.org["rules_active"] *= 1.0 - self.share
        model.org["rules_obsolete"] *= 1.0 - self.share
