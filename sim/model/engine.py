"""The engine: many runs of the model advanced together, one week at a time.

Every state array has a leading run axis (row ``r`` is run ``r``; ``sim.model.state``),
so one numpy call does the work of a week for every run in the batch: at the default
size a week is about a thousand small array operations, whose cost is mostly the call,
not the arithmetic. Runs in a batch may differ in seed, levers, behaviour inputs,
coefficients and events; they share the organisation's sizes and its past (``SHAPE``).

Each run keeps its own named random streams (``sim.model.rng``) and its own networks,
and every operation acts on a run's own row, so a run gives the same numbers whatever
batch it runs in (a test checks it), and two scenarios on one seed still meet the same
people, needs and shocks.

A week is the week plan (``sim.model.plan``), after the events due that week.
``SteeringModel`` (``sim.model.model``) is the one-run Mesa model built on an engine
of one run; ``sim.model.batching`` runs many.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import SimpleNamespace

import numpy as np

from sim.errors import SteersimInputError
from sim.inputs.schema import CHOICE_CODES, SPEC_LIST, STEERING_LEVERS
from sim.mechanisms import change, steering
from sim.model import metrics, past
from sim.model.plan import STEPS
from sim.model.rng import Streams
from sim.model.state import STREAMS, State
from sim.model.view import RunView

#: Inputs every run in a batch must share: the organisation's sizes (they shape the
#: arrays) and its past.
SHAPE = ("politicians", "units", "staff_per_unit", "citizens", "need_rate", "budget",
         "past_regime", "past_years", "burn_in")
_LEVER_SPECS = {s.name: s for s in SPEC_LIST if s.group == "regime"}


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


class Engine:
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
        self.take_runs([int(s) for s in seeds], list(params), [Streams(int(s), frozenset(STREAMS)) for s in seeds])
        events = events or [()] * self.runs
        self.events = [sorted(e, key=lambda ev: ev.week) for e in events]
        self.pilot_week: list[int | None] = [None] * self.runs
        self.records: list[np.ndarray] = []
        self.unit_records: list[np.ndarray] = []
        self.record_units = record_units
        past.start(self)  # networks, people, the past and its burn-in, then each run's levers
        self.steps = 0
        self.record()

    def take_runs(self, seeds: list[int], params: list, streams: list) -> None:
        """The runs this engine advances: their seeds, inputs and random streams."""
        self.seeds, self.params = seeds, params
        self.state = state = State()
        state.runs = len(seeds)
        state.streams = streams
        state.p = params[0]
        state.c = batch_namespace(params)
        state.run_c = [p.namespace() for p in params]
        state.week = 0

    @property
    def runs(self) -> int:
        """Runs in the batch."""
        return self.state.runs

    @property
    def p(self):
        """The first run's inputs (the sizes every run shares)."""
        return self.state.p

    @property
    def week(self) -> int:
        return self.state.week

    # ------------------------------------------------------------------ levers
    def set_levers(self, levers: dict, units=None, run: int = 0) -> np.ndarray:
        """Set lever values (names to values) in ``units`` (None: all) of ``run``;
        returns the mean share of each lever's range the change moved in each unit
        touched."""
        s = self.state
        rows = self.unit_index(units)
        moved = np.zeros(rows.size)
        for name, value in levers.items():
            code = CHOICE_CODES.get(name, {}).get(value, value)
            spec = _LEVER_SPECS[name]
            span = (spec.high - spec.low) if spec.high is not None and spec.low is not None else 1.0
            values = getattr(s.lever, name)
            moved += np.abs(values[run, rows] - code) / span
            values[run, rows] = code
        before = s.control_baseline[run, 0]
        self.refresh_levers()
        s.control_preference[run] = steering.follow_new_levers(
            control_preference=s.control_preference[run], baseline_before=before,
            baseline_after=s.control_baseline[run, 0])
        return moved / len(STEERING_LEVERS)

    def take_on_change(self, rows, moved, practised, co_created: bool = False, run: int = 0) -> None:
        """Put the change load of levers that ``moved`` (``set_levers``) on ``rows`` of
        ``run`` (``sim.mechanisms.change.take_on``)."""
        change.take_on(self.state, run=run, rows=rows, moved=moved, practised=practised, co_created=co_created)

    def refresh_levers(self) -> None:
        """Each lever as each worker's unit has it, its mean over units (a pilot in two
        of twenty units moves the organisation's rule-making by a tenth of its change),
        and the control the levers set."""
        s = self.state
        s.worker_lever = s.lever.map(lambda values: values[:, s.staff_unit])
        s.org_lever = s.lever.map(lambda values: values.mean(axis=-1, keepdims=True))
        s.control_baseline = steering.control_baseline(
            target_pressure=s.org_lever.target_pressure, monitoring=s.org_lever.monitoring,
            audit_rate=s.org_lever.audit_rate)

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
            self.state.pilot[run, rows] = True
            if self.pilot_week[run] is None:
                self.pilot_week[run] = week

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week for every run: each run's events, then the week plan."""
        self.steps += 1
        self.state.week = self.steps
        changed = False
        for run, events in enumerate(self.events):
            for event in events:
                if event.week == self.state.week:
                    event.apply(RunView(self, run))
                    changed = True
        if changed:
            self.refresh_levers()
        self.advance()
        self.record()

    def advance(self) -> None:
        """The week plan (also run, unrecorded, during the burn-in)."""
        state = self.state
        for step in STEPS:
            step(state)

    def run(self, steps: int) -> Engine:
        for _ in range(int(steps)):
            self.step()
        return self

    def record(self) -> None:
        self.records.append(metrics.measure(self.state, self.steps))
        if self.steps and self.record_units:
            self.unit_records.append(metrics.measure_units(self.state))

    def history_of(self, run: int) -> np.ndarray:
        """Every metric of ``run`` at every recorded week (week x metric)."""
        return np.stack([r[run] for r in self.records])

    def state_arrays(self, run: int) -> dict:
        """Every array of run ``run``: its fields, its levers (per unit, per worker and
        for the organisation) and its networks (what tests/state_hashes.py hashes)."""
        s = self.state
        out: dict = dict(s.arrays(run))
        for where in ("lever", "worker_lever", "org_lever"):
            out.update({f"{where}.{name}": values[run] for name, values in getattr(s, where).items()})
        layers = s.layers[run]
        out.update({f"layers.{f}": getattr(layers, f) for f in layers.__dataclass_fields__
                    if f != "politicians"})
        out.update(cross_unit=s.cross_unit.block(run), friends_mean=s.friends_mean.block(run),
                   cross_degree=s.cross_degree[run], has_friends=s.has_friends[run], need_cdf=s.need_cdf,
                   staff_unit=s.staff_unit)
        return out


__all__ = ["Engine", "SHAPE", "batch_namespace"]
