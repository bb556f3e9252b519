"""How a mechanism declares what it owns, reads and draws (the contract of
``sim.mechanisms``; docs/architecture.md shows it with a worked example).

Each mechanism module declares, beside its coefficient table:

* ``class Owns(Fields)``: the state fields it owns, one line each, with their axis
  (``per_worker``, ``per_unit``, ...), meaning and starting value. A field has exactly
  one owner; the engine's ``State`` is built from every module's ``Owns``.
* ``READS``: what else it reads (``Reads``): other modules' fields, the regime's levers,
  inputs that are not its own coefficients, the fields of other modules it changes, and
  the run's fixed networks it uses.
* ``STREAMS``: its named random streams (``Stream``); drawing from an undeclared
  stream is an error, not a new stream.
* ``RESULTS``: the metrics (``sim.model.metrics``) that report on what it owns.

A static test (tests/test_declarations.py, through ``sim.model.anatomy``) reads each
module's source and fails when a mechanism reads or writes what it does not declare, or
declares a field another module owns (building the ``State`` refuses that too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

#: An array with a leading run axis: (runs, agents) for a field per agent, (runs, 1)
#: for a number per run.
Array = np.ndarray
#: An array, or a number that broadcasts like one (a constant start, no load yet).
Values = np.ndarray | float
#: The runs' inputs as attributes (``Engine.c``): a number where all runs agree, a
#: (runs, 1) column where they differ.
Inputs = Any

#: Each axis, the table the one-run model shows its fields in and what one row is.
AXES: dict[str, tuple[str, str]] = {
    "worker": ("staff", "one per frontline worker"),
    "manager": ("managers", "one per unit manager"),
    "unit": ("units", "one per unit"),
    "citizen": ("citizens", "one per citizen"),
    "politician": ("board", "one per member of the political board"),
    "run": ("org", "one number for the organisation"),
    "week_of_year": ("org", "one per week of the last year"),
}


@dataclass(frozen=True)
class Field:
    """One field of the state: ``name``, its ``axis`` (a key of ``AXES``), what it
    holds, its value before the past starts (``start``; a number, or None where a
    mechanism draws or builds it) and its numpy type; ``owner`` is the module that
    declares it."""

    name: str
    axis: str
    doc: str
    start: float | None = 0.0
    dtype: type = float
    owner: str = ""

    @property
    def table(self) -> str:
        return AXES[self.axis][0]


@dataclass
class _Declared:
    axis: str
    doc: str
    start: float | None
    dtype: type


def _declare(axis: str):
    def declare(doc: str, *, start: float | None = 0.0, dtype: type = float) -> Any:
        return _Declared(axis, doc, start, dtype)
    declare.__doc__ = f"A field {AXES[axis][1]}: its meaning and starting value."
    return declare


per_worker = _declare("worker")
per_manager = _declare("manager")
per_unit = _declare("unit")
per_citizen = _declare("citizen")
per_politician = _declare("politician")
per_run = _declare("run")
per_week_of_year = _declare("week_of_year")


class Fields:
    """Base of a module's ``Owns``: each annotated class attribute given by one of the
    ``per_*`` functions becomes a ``Field`` in ``FIELDS`` (and the class attribute is
    removed, so reading a field that was never set fails instead of returning its
    declaration). Properties stay: they are fields derived on reading (``DERIVED``)."""

    FIELDS: ClassVar[dict[str, Field]] = {}
    DERIVED: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        owner = cls.__module__.rsplit(".", 1)[-1]
        own = {}
        for name, value in list(vars(cls).items()):
            if isinstance(value, _Declared):
                own[name] = Field(name, value.axis, value.doc, value.start, value.dtype, owner)
                delattr(cls, name)
        derived = tuple(name for name, value in vars(cls).items() if isinstance(value, property))
        fields: dict[str, Field] = {}
        for base in reversed(cls.__mro__[1:]):
            for name, spec in getattr(base, "FIELDS", {}).items():
                if name in fields and fields[name] != spec:
                    raise TypeError(f"field {name!r} is declared by both {fields[name].owner} "
                                    f"and {spec.owner}; a field has one owner")
                fields[name] = spec
        for name, spec in own.items():
            if name in fields:
                raise TypeError(f"field {name!r} is declared by both {fields[name].owner} and {owner}")
            fields[name] = spec
        cls.FIELDS = fields
        cls.DERIVED = tuple(dict.fromkeys(
            [name for base in cls.__mro__[1:] for name in getattr(base, "DERIVED", ())] + list(derived)))


@dataclass(frozen=True)
class Reads:
    """What a mechanism reads besides its own fields and coefficients: ``fields`` of
    other modules, ``levers`` (by lever name, per unit, per worker or for the
    organisation), ``inputs`` (behaviour and organisation inputs, other modules'
    coefficients), ``updates``: fields of other modules it changes (an audit's
    teaching raises skill, which ``learning`` owns), and ``networks``: the run's fixed
    structures it uses (``NETWORKS``: who talks to whom, who works with whom across
    units, the table of needs)."""

    fields: tuple[str, ...] = ()
    levers: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    updates: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()


#: The run's fixed structures a mechanism may read (``State``'s attributes, built once from
#: the networks and the need rate), each declared in ``Reads.networks`` where it is read.
NETWORKS = ("friends_mean", "has_friends", "cross_unit", "cross_degree", "need_cdf", "layers")


@dataclass(frozen=True)
class Stream:
    """A named random stream: ``name`` keys it (with the run's seed) in
    ``sim.model.rng``; ``doc`` says what is drawn from it. A weekly stream draws the
    same every week, whatever else happens, so its values in week W never depend on
    another stream: ``draws`` are (numpy method, values per agent) in the order drawn,
    for each agent of ``axis`` (``State.draw``)."""

    name: str
    doc: str
    axis: str = ""
    draws: tuple[tuple[str, int], ...] = ()
