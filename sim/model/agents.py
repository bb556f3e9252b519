"""The four kinds of agent. Each is a light Mesa handle on one row of the model's
state arrays: reading ``worker.strain`` reads ``model.staff.strain[row]``, and
writing it writes the array. So ``model.agents_by_type[FrontlineWorker]``,
``AgentSet.select/agg/groupby``, the ``DataCollector`` and ``mesa.batch_run`` all
work, while the mechanisms run vectorised over whole arrays.
"""

from __future__ import annotations

import mesa

from sim.model.state import STATE


def _row_attr(field: str, doc: str):
    def get(self):
        return self._table[field][self.row].item()

    def set_(self, value):
        self._table[field][self.row] = value

    return property(get, set_, doc=doc)


class _Handle(mesa.Agent):
    table: str = ""
    fields: dict[str, str] = {}

    def __init__(self, model, row: int):
        super().__init__(model)
        self.row = row

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.fields = dict(STATE[cls.table])
        for field, doc in cls.fields.items():
            setattr(cls, field, _row_attr(field, doc))

    @property
    def _table(self):
        return getattr(self.model, self.table)

    def step(self):
        """Agents do not step one by one: the model steps every agent of a kind at once
        (see ``SteeringModel.step``). Calling this advances nothing."""


class Politician(_Handle):
    """A member of the political board: sets the levers and reacts to incidents."""

    table = "board"

    def wants_more_control(self) -> bool:
        return self.control_preference > 0.5


class Manager(_Handle):
    """A unit manager: turns the board's levers into control of and support for staff."""

    table = "managers"

    def admin_share(self) -> float:
        return self.reporting_time + self.monitoring_time


class FrontlineWorker(_Handle):
    """A nurse, teacher, caseworker or officer: splits the week, serves citizens,
    reports, and may game, burn out or quit."""

    table = "staff"

    def is_gaming(self) -> bool:
        return self.gaming > 0

    def is_overloaded(self) -> bool:
        return self.strain > 0.6


class Citizen(_Handle):
    """A citizen (household) with recurring needs, a caseworker, and friends to talk to."""

    table = "citizens"

    def gave_up(self) -> bool:
        return bool(self.unmet)
