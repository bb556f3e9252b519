"""The model's state: every field every mechanism declares, in one container of arrays.

``State`` is built from the ``Owns`` declarations of the modules in
``sim.mechanisms.MODULES`` (and the organisation's structure below): one attribute per
field, each a numpy array with a leading run axis, (runs, agents) or (runs, 1). It
holds nothing else but what the mechanisms need to read it: the runs' inputs (``c``),
the levers (``sim.model.levers``), the networks and index arrays, and the helpers that
move values between axes (each run's values stay in its row, in the order a run alone
would use them, so a run's numbers do not depend on its batch).

The one-run model shows the fields by table (``model.staff["skill"]``: the fields per
worker; ``AXES`` in ``sim.model.fields``); docs/ODD.md lists them (generated).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from sim.mechanisms import (
    MODULES,
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
    population,
    rules,
    staffing,
    steering,
    strain,
    trust,
    workload,
)
from sim.model import network
from sim.model.fields import Array, Field, Fields, Stream, per_citizen, per_unit, per_worker
from sim.model.levers import Levers
from sim.model.network import Layers
from sim.model.runaxis import stacked


class Structure(Fields):
    """Who works where and whom each citizen turns to: from the networks, fixed for a run
    (a pilot's units are marked by its event)."""

    unit: Array = per_worker("unit index (= manager index)", start=None, dtype=np.int64)
    home_unit: Array = per_citizen("unit that serves this citizen", start=None, dtype=np.int64)
    caseworker: Array = per_citizen("staff index of the caseworker", start=None, dtype=np.int64)
    pilot: Array = per_unit("whether the unit is in a pilot", dtype=bool)
    rural: Array = per_unit("whether the unit serves a sparsely populated place (the rural part: "
                            "``rural_share`` of the units, the last ones)", dtype=bool)
    lives_rural: Array = per_citizen("whether the citizen lives in the rural part (where their first "
                                     "unit is; moving provider does not move them)", dtype=bool)


class RunBlocks:
    """A block-diagonal sparse matrix, one block per run: ``blocks @ x`` with ``x`` of
    shape (runs, n) multiplies each run's row by its own block. The blocks keep each
    run's entries in their own order, so a row's sum is the same as in a run alone."""

    def __init__(self, blocks: Sequence[sp.csr_matrix]):
        self.blocks = list(blocks)
        if len(blocks) == 1:
            self.matrix = blocks[0]
            return
        n = blocks[0].shape[0]
        indptr = [np.zeros(1, dtype=np.int64)]
        offset = 0
        for b in blocks:
            indptr.append(b.indptr[1:].astype(np.int64) + offset)
            offset += b.nnz
        self.matrix = sp.csr_matrix(
            (np.concatenate([b.data for b in blocks]),
             np.concatenate([b.indices.astype(np.int64) + i * n for i, b in enumerate(blocks)]),
             np.concatenate(indptr)), shape=(n * len(blocks), n * len(blocks)))

    def block(self, run: int) -> sp.csr_matrix:
        """Run ``run``'s own matrix."""
        return self.blocks[run]

    def __matmul__(self, x: np.ndarray) -> np.ndarray:
        return (self.matrix @ x.ravel()).reshape(x.shape)

    def pick(self, draw: np.ndarray) -> np.ndarray:
        """For each row (runs, n), one of its entries' columns chosen by the uniform
        ``draw``, as an index into the flattened (runs x n) array; -1 for a row with no
        entries. A row's entries keep their order in a run alone, so the pick is too."""
        matrix = self.matrix
        if matrix.nnz == 0:  # nobody has a friend
            return np.full(draw.shape, -1, dtype=np.int64)
        start, end = matrix.indptr[:-1], matrix.indptr[1:]
        degree = end - start
        offset = (draw.ravel() * degree).astype(np.int64)
        picked = matrix.indices[np.minimum(start + offset, matrix.nnz - 1)].astype(np.int64)
        return np.where(degree > 0, picked, -1).reshape(draw.shape)


class State(population.Owns, workload.Owns, measurement.Owns, gaming.Owns, effort.Owns, followup.Owns,
            audits.Owns, delivery.Owns, motivation.Owns, trust.Owns, strain.Owns, learning.Owns,
            steering.Owns, incidents.Owns, rules.Owns, staffing.Owns, citizens.Owns, change.Owns,
            imitation.Owns, market.Owns, Structure):
    """The state of a batch of runs: every declared field as an array with a run axis,
    the runs' inputs, levers and networks, and the helpers over agents' axes."""

    runs: int  # runs in the batch
    sizes: dict[str, int]  # agents on each axis (``AXES``)
    p: Any  # the first run's inputs (sizes are the same in every run of a batch)
    c: Any  # every run's inputs: a number where the runs agree, a (runs, 1) column where not
    run_c: list  # each run's inputs as a namespace
    streams: list  # each run's named random streams (sim.model.rng)
    week: int
    n_staff: int
    staff_unit: np.ndarray  # unit of each staff slot (the same in every run)
    caseworker_flat: np.ndarray  # citizen -> staff slot in the flattened (runs x staff) array
    home_flat: np.ndarray  # citizen -> unit slot in the flattened (runs x units) array
    unit_flat: np.ndarray  # staff -> unit slot in the flattened (runs x units) array
    need_cdf: np.ndarray  # P(cases <= k) for a citizen in a week
    layers: list[Layers]  # each run's networks
    cross_unit: RunBlocks  # staff's ties across units, a block per run
    cross_degree: np.ndarray  # each worker's ties across units
    friends_mean: RunBlocks  # citizens' friends, rows summing to 1, a block per run
    has_friends: np.ndarray  # 1 for a citizen with any friend
    lever: Levers  # each lever per unit
    worker_lever: Levers  # each lever as each worker's unit has it
    org_lever: Levers  # each lever's mean over units, (runs, 1)

    # ------------------------------------------------------------------ axes
    def at_worker(self, unit_values: Array) -> Array:
        """Each worker's unit's value, (runs, staff)."""
        return unit_values[:, self.staff_unit]

    def at_home_unit(self, unit_values: Array) -> Array:
        """Each citizen's home unit's value, (runs, citizens)."""
        return unit_values.ravel()[self.home_flat]

    def of_caseworker(self, staff_values: Array) -> Array:
        """Each citizen's caseworker's value, (runs, citizens)."""
        return staff_values.ravel()[self.caseworker_flat]

    def per_caseworker(self, citizen_values: Array) -> Array:
        """Sum of citizens' values over each caseworker, (runs, staff)."""
        return np.bincount(self.caseworker_flat.ravel(), weights=citizen_values.ravel(),
                           minlength=self.runs * self.n_staff).reshape(self.runs, self.n_staff)

    def listed(self) -> Array:
        """Citizens each unit serves (its list), (runs, units)."""
        return np.bincount(self.home_flat.ravel(), minlength=self.runs * self.p.units).reshape(
            self.runs, self.p.units).astype(float)

    def per_unit(self, staff_values: Array) -> Array:
        """Sum of staff's values over each unit, (runs, units)."""
        return np.bincount(self.unit_flat.ravel(), weights=staff_values.ravel(),
                           minlength=self.runs * self.p.units).reshape(self.runs, self.p.units)

    # ------------------------------------------------------------------ randomness
    def draw(self, stream: Stream, runs: Array | None = None) -> tuple[Array, ...]:
        """This week's draws from each run's weekly ``stream``, as the stream declares them
        (``Stream.draws``): one array per (method, values per agent), each stacked on the
        run axis (second to last): (values, runs, agents), or (runs, agents) for one.
        ``runs`` (a bool per run) limits the drawing to the runs that use the stream this
        week (a mechanism that is off in a run draws nothing there, as in a run alone
        with it off); the others get zeros."""
        n = self.sizes[stream.axis]
        drawn = [[getattr(generator, method)((count, n) if count > 1 else n) if use
                  else np.zeros((count, n) if count > 1 else n) for method, count in stream.draws]
                 for generator, use in ((s.weekly(stream.name), runs is None or runs[r])
                                        for r, s in enumerate(self.streams))]
        return tuple(stacked(list(part)) for part in zip(*drawn))

    def relink_citizens(self) -> None:
        """After citizens moved provider: their flattened indices of caseworker and unit."""
        run = np.arange(self.runs)[:, None]
        self.caseworker_flat = self.caseworker + run * self.n_staff
        self.home_flat = self.home_unit + run * self.p.units

    # ------------------------------------------------------------------ turnover
    def replace_leavers(self, left: Array, **newcomer: Any) -> None:
        """Where ``left``, each named field takes the newcomer's value (the post is
        filled the same week); the other fields keep the post's values."""
        for name, value in newcomer.items():
            setattr(self, name, np.where(left, value, getattr(self, name)))

    # ------------------------------------------------------------------ reading
    def arrays(self, run: int | None = None) -> dict[str, Array]:
        """Every declared field by name (run ``run``'s row, or the whole batch)."""
        if run is None:
            return {name: getattr(self, name) for name in FIELDS}
        return {name: getattr(self, name)[run] for name in FIELDS}


#: Every field of the state, by name.
FIELDS: dict[str, Field] = State.FIELDS
#: The fields of each table the one-run model shows (``model.staff``, ``model.units``, ...).
TABLES: dict[str, tuple[str, ...]] = {}
for _field in FIELDS.values():
    TABLES.setdefault(_field.table, ())
    TABLES[_field.table] += (_field.name,)
#: Mesa's own random choices (``model.rng``: the network space, agent shuffles).
MESA = Stream("mesa", "Mesa's own random choices (model.rng): the network space, agent shuffles")
#: Every named random stream the model draws from; drawing from another is an error.
STREAMS: dict[str, Stream] = {
    stream.name: stream for module in [importlib.import_module(f"sim.mechanisms.{name}") for name in MODULES]
    + [network] for stream in getattr(module, "STREAMS", ())}
STREAMS[MESA.name] = MESA


def allocate(state: State, runs: int, sizes: dict[str, int]) -> None:
    """Give ``state`` every field, at its starting value, for ``runs`` runs of the
    organisation's ``sizes`` (agents per axis)."""
    for field in FIELDS.values():
        shape = (runs, sizes[field.axis])
        start = 0 if field.start is None else field.start
        setattr(state, field.name, np.full(shape, start, dtype=field.dtype))
