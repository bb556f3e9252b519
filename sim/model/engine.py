"""The engine: many runs of the model advanced together, one week at a time.

Every state array has a leading run axis (row ``r`` is run ``r``), so one numpy call
does the work of a week for every run in the batch: at the default size a week is
about a thousand small array operations, whose cost is mostly the call, not the
arithmetic. Runs in a batch may differ in seed, levers, behaviour inputs, coefficients
and events; they share the organisation's sizes and how its history is run (``SHAPE``).

Each run keeps its own named random streams (``sim.model.rng``) and its own networks,
and every operation acts on a run's own row, so a run gives the same numbers whatever
batch it runs in (a test checks it), and two scenarios on one seed still meet the same
people, needs and shocks.

``SteeringModel`` (``sim.model.model``) is the one-run Mesa model built on an engine
of one run; ``sim.model.batching`` runs many.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping, Sequence
from types import SimpleNamespace

import numpy as np
import scipy.sparse as sp

from sim.errors import SteersimInputError
from sim.inputs.schema import CHOICE_CODES, LEVERS, SPEC_LIST
from sim.mechanisms import change
from sim.model import history
from sim.model import metrics as _metrics
from sim.model.phases import WeekPhases
from sim.model.rng import Streams

#: Inputs every run in a batch must share: the organisation's sizes (they shape the
#: arrays) and how its history is run.
SHAPE = ("politicians", "units", "staff_per_unit", "citizens", "need_rate", "budget",
         "history", "history_years", "burn_in")
#: Engine attributes that hold one number per run, as a (runs, 1) column.
COLUMNS = frozenset({"drift", "rules_added", "funded", "budget", "other_posts", "cases_needed",
                     "cases_applied", "control_baseline", "rules_in_force"})
_CONTROL_LEVERS = ("target_pressure", "monitoring", "audit_rate")
_LEVER_SPECS = {s.name: s for s in SPEC_LIST if s.group == "regime"}


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


def batch_namespace(params: Sequence) -> SimpleNamespace:
    """Every input as an attribute: the value itself where all runs agree, else a
    (runs, 1) column of the runs' values; a choice on which runs differ is left out (a
    mechanism that read one would fail loudly rather than use the first run's)."""
    values = {}
    for name in params[0].values:
        each = [p.values[name] for p in params]
        first = each[0]
        if all(v == first for v in each):
            values[name] = first
        elif isinstance(first, str):
            continue  # choices reach the model through ``levers`` or ``SHAPE``; none is read here
        else:
            values[name] = np.array(each, dtype=float)[:, None]
    return SimpleNamespace(**values)


class Engine(WeekPhases):
    """``runs`` runs of the model, advanced together.

    Args:
        seeds: one seed per run.
        params: one validated set of inputs (``make_params``) per run; they must agree
            on ``SHAPE``.
        events: one list of timeline events per run (or None for none).
        record_units: keep each unit's outcomes every week (``unit_records``, what a
            pilot evaluation reads).
    """

    def __init__(self, seeds: Sequence[int], params: Sequence, events: Sequence[Iterable] | None = None,
                 record_units: bool = True):
        if not seeds or len(seeds) != len(params):
            raise ValueError("give one seed per set of inputs")
        for name in SHAPE:
            if any(p.values[name] != params[0].values[name] for p in params):
                raise SteersimInputError(
                    f"runs in one batch must share {name}; group runs by "
                    f"sim.model.engine.SHAPE before batching them", key=name)
        self.take_runs([int(s) for s in seeds], list(params), [Streams(int(s)) for s in seeds])
        events = events or [()] * self.R
        self.events = [sorted(e, key=lambda ev: ev.week) for e in events]
        self.pilot_week: list[int | None] = [None] * self.R
        self.records: list[np.ndarray] = []
        self.unit_records: list[np.ndarray] = []
        self.record_units = record_units
        history.start(self)  # layers, state, the burn-in, then each run's levers
        self.steps = 0
        self.record()

    def take_runs(self, seeds: list[int], params: list, streams: list) -> None:
        """The runs this engine advances: their seeds, inputs and random streams."""
        self.R = len(seeds)
        self.seeds, self.params, self.streams = seeds, params, streams
        self.p = params[0]
        self.c = batch_namespace(params)
        self.run_c = [p.namespace() for p in params]
        self.week = 0

    # ------------------------------------------------------------------ levers
    def set_levers(self, levers: dict, units=None, run: int = 0) -> np.ndarray:
        """Set lever values (names to values) in ``units`` (None: all) of ``run``;
        returns the mean share of each lever's range the change moved in each unit
        touched."""
        rows = self.unit_index(units)
        moved = np.zeros(rows.size)
        for name, value in levers.items():
            code = CHOICE_CODES.get(name, {}).get(value, value)
            spec = _LEVER_SPECS[name]
            span = (spec.high - spec.low) if spec.high is not None and spec.low is not None else 1.0
            moved += np.abs(self.levers[name][run, rows] - code) / span
            self.levers[name][run, rows] = code
        before = self.control_baseline[run, 0]
        self.refresh_levers()
        # the board chose the new levers: its preference moves with what they set, and
        # only the extra control incidents left behind (the drift) keeps fading
        self.board["control_preference"][run] = np.clip(
            self.board["control_preference"][run] + self.control_baseline[run, 0] - before, 0, 1)
        return moved / len(LEVERS)

    def take_on_change(self, rows, moved, practised, co_created: bool = False, run: int = 0) -> None:
        """Put the change load of levers that ``moved`` (``set_levers``) on ``rows`` of
        ``run``: imposed, with no participation; ``co_created``, with the participation
        staff there practise (``practised``, 0-1) and the involvement of working it out
        (``change.reform_participation``). The part imposed reads as distrust; the part
        worked out with staff costs meetings (``sim.mechanisms.change``)."""
        c, u = self.run_c[run], self.units
        participation = change.reform_participation(practised, moved, float(co_created), c)
        load = change.add_load(0, moved, participation, c)
        u["change_load"][run, rows] += load
        u["imposed_load"][run, rows] += load * (1 - participation)
        u["co_creation_load"][run, rows] += participation * change.co_creation_load(moved, c)

    def refresh_levers(self) -> None:
        """Organisation-wide value of each lever (the mean over units: a pilot in two of
        twenty units moves the organisation's rule-making by a tenth of its change)."""
        self.org_levers = {name: values.mean(axis=-1, keepdims=True)
                           for name, values in self.levers.items()}
        self.control_baseline = (self.org_levers["target_pressure"] + self.org_levers["monitoring"]
                                 + self.org_levers["audit_rate"]) / len(_CONTROL_LEVERS)

    def unit_index(self, units) -> np.ndarray:
        """Unit indices for an event: all units if ``units`` is None."""
        if units is None:
            return np.arange(self.p.units)
        idx = np.asarray(units, dtype=int)
        if idx.size and (idx.min() < 0 or idx.max() >= self.p.units):
            raise SteersimInputError(
                f"unit {int(idx.max())} does not exist; units are 0 to {self.p.units - 1}",
                key="units")
        return idx

    def record_pilot(self, rows, week: int, run: int = 0) -> None:
        if rows.size < self.p.units:
            self.units["pilot"][run, rows] = True
            if self.pilot_week[run] is None:
                self.pilot_week[run] = week

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week for every run: each run's events, then the phases in the order of
        docs/ODD.md."""
        self.steps += 1
        self.week = self.steps
        changed = False
        for run, events in enumerate(self.events):
            for event in events:
                if event.week == self.week:
                    event.apply(RunView(self, run))
                    changed = True
        if changed:
            self.refresh_levers()
        self.advance()
        self.record()

    def advance(self) -> None:
        """The phases of one week (also run, unrecorded, during the burn-in)."""
        self.politicians_steer()
        self.managers_translate()
        self.needs_arrive()
        self.staff_allocate_time()
        self.deliver_service()
        self.audit()
        self.managers_follow_up()
        self.citizens_react()
        self.incidents_happen()
        self.staff_update()
        self.managers_update_trust()
        self.units_imitate()
        self.rules_change()
        self.targets_update()

    def run(self, steps: int) -> Engine:
        for _ in range(int(steps)):
            self.step()
        return self

    def record(self) -> None:
        self.records.append(_metrics.measure(self))
        if self.steps and self.record_units:
            self.unit_records.append(_metrics.measure_units(self))

    def history_of(self, run: int) -> np.ndarray:
        """Every metric of ``run`` at every recorded week (week x metric)."""
        return np.stack([r[run] for r in self.records])


class RowDict(MutableMapping):
    """One run's view of a table: ``view[name]`` is the run's row of ``table[name]``
    (an array view: writing into it writes the table); ``columns`` names the entries
    that hold one number per run, read and written as that number (``True``: all)."""

    def __init__(self, table: dict, run: int, columns=()):
        self.table, self.run, self.columns = table, run, columns

    def _column(self, name) -> bool:
        return self.columns is True or name in self.columns

    def __getitem__(self, name):
        value = self.table[name]
        return value[self.run, 0] if self._column(name) else value[self.run]

    def __setitem__(self, name, value):
        if self._column(name):
            self.table[name][self.run, 0] = value
        else:
            self.table[name][self.run] = value

    def __delitem__(self, name):
        raise TypeError("a run's view cannot remove a field from the batch's table")

    def __iter__(self):
        return iter(self.table)

    def __len__(self):
        return len(self.table)


_ORG_COLUMNS = frozenset({"useful_rules", "dead_rules", "indicators_added", "overhead",
                          "incidents", "incident_severity"})


#: Engine attributes that belong to the whole batch, with no part for one run.
_BATCH_ONLY = frozenset({"records", "unit_records", "caseworker_flat", "home_flat", "unit_flat",
                         "R"})


def row_of(engine: Engine, name: str, run: int):
    """Run ``run``'s part of the engine attribute ``name``."""
    if name in _BATCH_ONLY:
        raise AttributeError(f"{name!r} belongs to the whole batch (Engine.{name}), not to one run")
    value = getattr(engine, name)
    if name == "org":
        return RowDict(value, run, _ORG_COLUMNS)
    if name == "org_levers":
        return RowDict(value, run, True)
    if isinstance(value, dict):
        return RowDict(value, run)
    if name in COLUMNS:
        return value[run, 0]
    if name in ("streams", "params", "run_c", "seeds", "events", "pilot_week", "layers"):
        return value[run]
    if isinstance(value, RunBlocks):
        return value.block(run)
    if isinstance(value, np.ndarray) and value.ndim >= 2 and value.shape[0] == engine.R:
        return value[run]
    return value


class RunView:
    """One run of an engine, read and steered like a model of its own: what timeline
    events act on (``sim.inputs.events``) and what ``SteeringModel`` is built on."""

    def __init__(self, engine: Engine, run: int):
        self.engine, self.run_index = engine, run

    def __getattr__(self, name):
        if name.startswith("__") or name in ("engine", "run_index"):
            raise AttributeError(name)
        return row_of(self.engine, name, self.run_index)

    p = property(lambda self: self.engine.params[self.run_index], doc="the run's inputs")
    c = property(lambda self: self.engine.run_c[self.run_index],
                 doc="the run's inputs as a namespace, for the mechanisms")
    seed = property(lambda self: self.engine.seeds[self.run_index], doc="the run's seed")

    def set_levers(self, levers: dict, units=None) -> np.ndarray:
        return self.engine.set_levers(levers, units, run=self.run_index)

    def take_on_change(self, rows, moved, practised, co_created: bool = False) -> None:
        self.engine.take_on_change(rows, moved, practised, co_created, run=self.run_index)

    def record_pilot(self, rows, week: int) -> None:
        self.engine.record_pilot(rows, week, run=self.run_index)


__all__ = ["Engine", "RunView", "RunBlocks", "SHAPE", "batch_namespace"]
