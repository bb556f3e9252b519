"""The regime's levers as the model holds them: one value per unit, set by the scenario
and its events (``Engine.set_levers``), and read in three places.

* ``State.lever``: per unit, as set (a pilot sets levers in a few units);
* ``State.worker_lever``: each worker's unit's value (what a worker lives under);
* ``State.org_lever``: the mean over units (a pilot in two of twenty units moves the
  organisation's rule-making by a tenth of its change).

Levers that are choices (``audit_style``, ``error_policy``) are 0/1 numbers here
(``sim.inputs.schema.CHOICE_CODES``). The three control levers a board can raise after
incidents (target pressure, monitoring, audits) are also read *in force*, with the
board's drift towards control (``steering``). Which mechanism reads which lever is
declared in each module's ``READS`` (``steersim list`` shows it).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sim.model.fields import Array


class Levers:
    """One array per lever (by name), all of one shape."""

    __slots__ = ("indicators", "target_pressure", "target_ratchet", "incentive_strength",
                 "documentation_hours", "audit_rate", "audit_style", "monitoring", "discretion",
                 "support", "central_staff", "error_policy", "collaboration_reward",
                 "citizen_panel", "learning_time", "participation", "rule_creation", "rule_pruning",
                 "choice", "payment_per_visit", "payment_capitation", "payment_per_case", "risk_adjustment",
                 "purchaser_provider_split", "coordination_payment")
    indicators: Array
    target_pressure: Array
    target_ratchet: Array
    incentive_strength: Array
    documentation_hours: Array
    audit_rate: Array
    audit_style: Array  # 0 control, 1 learning
    monitoring: Array
    discretion: Array
    support: Array
    central_staff: Array
    error_policy: Array  # 0 punish all, 1 forgive minor
    collaboration_reward: Array
    citizen_panel: Array
    learning_time: Array
    participation: Array
    rule_creation: Array
    rule_pruning: Array
    choice: Array
    payment_per_visit: Array
    payment_capitation: Array
    payment_per_case: Array
    risk_adjustment: Array
    purchaser_provider_split: Array
    coordination_payment: Array

    def __init__(self, values: dict[str, Array]):
        for name in self.__slots__:
            setattr(self, name, values[name])

    def items(self):
        return ((name, getattr(self, name)) for name in self.__slots__)

    def map(self, how: Callable[[Array], Array]) -> Levers:
        """A new ``Levers`` of ``how(values)`` for every lever."""
        return Levers({name: how(values) for name, values in self.items()})

    def copy(self) -> Levers:
        return self.map(np.copy)


NAMES: tuple[str, ...] = Levers.__slots__
#: The fields that hold a lever as it is in force: demands adopted with a lag
#: (``change``), control raised by the board's drift (``steering``).
IN_FORCE: dict[str, tuple[str, ...]] = {
    "indicators": ("indicators_adopted", "indicators_in_force"),
    "documentation_hours": ("documentation_in_force",),
    "target_pressure": ("target_pressure_in_force",),
    "monitoring": ("monitoring_in_force",),
    "audit_rate": ("audit_rate_in_force",),
}
