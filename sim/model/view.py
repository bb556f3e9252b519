"""One run of an engine, read and steered like a model of its own: what timeline events
act on (``sim.inputs.events``) and what ``SteeringModel`` is built on.

Its tables are views of the run's row of the batch's arrays, by the tables the fields
declare (``sim.model.fields.AXES``): ``view.staff["skill"]`` is the run's row of the
``skill`` array (writing into it writes the batch), ``view.org["useful_rules"]`` the
run's number.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.model.state import FIELDS, TABLES

if TYPE_CHECKING:
    from sim.model.engine import Engine


class RowDict(MutableMapping):
    """One run's view of a set of fields: ``view[name]`` is the run's row of the array
    ``getattr(source, name)`` (an array view: writing into it writes the batch); a field
    with one number per run is read and written as that number."""

    def __init__(self, source: Any, names: tuple[str, ...], run: int, columns: frozenset[str] = frozenset()):
        self.source, self.names, self.run, self.columns = source, names, run, columns

    def __getitem__(self, name: str):
        if name not in self.names:
            raise KeyError(name)
        value = getattr(self.source, name)
        return value[self.run, 0] if name in self.columns else value[self.run]

    def __setitem__(self, name: str, value) -> None:
        if name not in self.names:
            raise KeyError(f"{name!r}: no such field here; the fields are {', '.join(self.names)}")
        if name in self.columns:
            getattr(self.source, name)[self.run, 0] = value
        else:
            getattr(self.source, name)[self.run] = value

    def __delitem__(self, name: str) -> None:
        raise TypeError("a run's view cannot remove a field from the batch's state")

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


#: Fields with one number per run: a run's view reads them as that number.
_PER_RUN = frozenset(name for name, field in FIELDS.items() if field.axis == "run")


class RunView:
    """Run ``run`` of ``engine``: its tables, levers, inputs and events."""

    def __init__(self, engine: Engine, run: int):
        self.engine, self.run_index = engine, run

    def _table(self, table: str) -> RowDict:
        return RowDict(self.engine.state, TABLES[table], self.run_index, _PER_RUN)

    staff = property(lambda self: self._table("staff"), doc="the run's fields per frontline worker")
    managers = property(lambda self: self._table("managers"), doc="the run's fields per unit manager")
    units = property(lambda self: self._table("units"), doc="the run's fields per unit")
    citizens = property(lambda self: self._table("citizens"), doc="the run's fields per citizen")
    board = property(lambda self: self._table("board"), doc="the run's fields per politician")
    org = property(lambda self: self._table("org"), doc="the run's organisation-wide numbers")

    @property
    def levers(self) -> RowDict:
        """The run's levers, one value per unit (choices as 0/1)."""
        lever = self.engine.state.lever
        return RowDict(lever, lever.__slots__, self.run_index)

    @property
    def p(self):
        """The run's inputs."""
        return self.engine.params[self.run_index]

    @property
    def c(self):
        """The run's inputs as a namespace, as the mechanisms read them."""
        return self.engine.state.run_c[self.run_index]

    @property
    def seed(self) -> int:
        return self.engine.seeds[self.run_index]

    @property
    def layers(self):
        """The run's networks (``sim.model.network.Layers``)."""
        return self.engine.state.layers[self.run_index]

    @property
    def rules_in_force(self) -> float:
        return float(self.engine.state.rules_in_force[self.run_index, 0])

    def unit_index(self, units) -> np.ndarray:
        return self.engine.unit_index(units)

    def set_levers(self, levers: dict, units=None) -> np.ndarray:
        return self.engine.set_levers(levers, units, run=self.run_index)

    def take_on_change(self, rows, moved, practised, co_created: bool = False) -> None:
        self.engine.take_on_change(rows, moved, practised, co_created, run=self.run_index)

    def record_pilot(self, rows, week: int) -> None:
        self.engine.record_pilot(rows, week, run=self.run_index)
