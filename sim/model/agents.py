"""The four kinds of agent. Each is a light Mesa handle on one row of the model's
state arrays: reading ``worker.strain`` reads ``model.staff.strain[row]``, and
writing it writes the array. So ``model.agents_by_type[FrontlineWorker]``,
``AgentSet.select/agg/groupby``, the ``DataCollector`` and ``mesa.batch_run`` all
work, while the mechanisms run vectorised over whole arrays.
"""

from __future__ import annotations

from mesa import Agent
from mesa.discrete_space import FixedAgent

from sim.model.state import FIELDS, TABLES


def _row_attr(field: str, doc: str):
    def get(self):
        return self._table[field][self.row].item()

    def set_(self, value):
        self._table[field][self.row] = value

    return property(get, set_, doc=doc)


class _Handle(FixedAgent):
    """A Mesa agent that is one row of a table of the model's state (``TABLES``): each
    field of the table is an attribute. It sits in its node of ``model.network`` once
    that space is built (``agent.cell``)."""

    table: str = ""
    node_kind: str = ""  # its nodes' kind in the networks (``Layers.to_networkx``)
    fields: dict[str, str] = {}

    def __init__(self, model, row: int):
        super().__init__(model)
        self.row = row

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.fields = {name: FIELDS[name].doc for name in TABLES[cls.table]}
        for field, doc in cls.fields.items():
            setattr(cls, field, _row_attr(field, doc))

    @property
    def cell(self):
        """The agent's node in ``model.network``: the space is built on first use (the
        mechanisms use sparse matrices, not it), so asking for a cell builds it, and again
        after citizens moved provider; citizens beyond ``NETWORK_CITIZENS`` have none."""
        if hasattr(self.model, "_network_space"):
            self.model.network  # noqa: B018 (builds the space, or rebuilds it, and places every agent)
        return self._mesa_cell

    @cell.setter
    def cell(self, cell) -> None:
        FixedAgent.cell.fset(self, cell)

    def remove(self) -> None:
        """Remove the agent from the model (and from its cell, if the network space is built)."""
        if self._mesa_cell is None:
            Agent.remove(self)
        else:
            super().remove()

    @property
    def _table(self):
        return getattr(self.model, self.table)

    def step(self):
        """Agents do not step one by one: the model steps every agent of a kind at once
        (see ``SteeringModel.step``). Calling this advances nothing."""


class Politician(_Handle):
    """A member of the political board: sets the levers and reacts to incidents."""

    table, node_kind = "board", "board"


class Manager(_Handle):
    """A unit manager: turns the board's levers into control of and support for staff."""

    table, node_kind = "managers", "manager"


class FrontlineWorker(_Handle):
    """A nurse, teacher, caseworker or officer: splits the week, serves citizens,
    reports, and may game, burn out or quit."""

    table, node_kind = "staff", "staff"


class Citizen(_Handle):
    """A citizen (household) with recurring needs, a caseworker, and friends to talk to."""

    table, node_kind = "citizens", "citizen"
