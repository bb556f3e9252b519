"""SteeringModel: a public organisation steered by a regime of levers.

A political board steers; unit managers translate the levers into control of and
support for their staff; citizens' needs arrive as cases; frontline workers split
their week between administration, change, learning, collaboration and core work, and
their core time between what is measured and what is not; the service is delivered and
reported (with noise and gaming); audits check; managers follow up weak reports;
citizens react and talk; serious errors become incidents that politicians react to;
staff update their felt trust, motivation, strain and skill, and some quit; managers
update their trust; units copy each other's practices; rules are created and pruned;
the outcomes are recorded. One step is one week.

A run starts from the organisation's history: ``burn_in`` weeks under the ``history``
regime (``sim.model.history``), then the scenario's levers take over in week 1.

State lives in numpy arrays (``sim.model.state``); every mechanism is a vectorised
function in ``sim.mechanisms``. The Mesa agents are handles on the rows.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import mesa
import numpy as np

from sim.errors import SteersimInputError
from sim.inputs.schema import CHOICE_CODES, LEVERS, SPEC_LIST, make_params
from sim.mechanisms import change
from sim.model import history
from sim.model import metrics as _metrics
from sim.model.agents import Citizen, FrontlineWorker, Manager, Politician
from sim.model.phases import WeekPhases
from sim.model.rng import Streams


class SteeringModel(WeekPhases, mesa.Model):
    """A public organisation under a steering regime; one step is one week.

    Every input in ``sim.INPUTS`` (organisation, regime lever, behaviour, coefficient)
    is a keyword argument with its documented default, unit and range; ``steersim list``
    prints them. Values out of range raise ``SteersimInputError`` naming the key.

    Args:
        rng: the run's seed (an int). One seed drives everything through named streams,
            so two models with the same seed and inputs are identical, and two regimes
            with the same seed meet the same people, needs and history.
        events: timeline events (``sim.inputs.events``): reforms, pilots, incidents, ...
        collect: keep a Mesa ``DataCollector`` of every metric each step (needed by
            ``mesa.batch_run``); the model's own ``history`` is always kept.
        **inputs: any input by name.

    Example:
        >>> m = SteeringModel(rng=1, indicators=5, discretion=0.8)
        >>> m.run(52)  # doctest: +SKIP
        >>> m.history_frame()["service_quality"].iloc[-1]  # doctest: +SKIP
    """

    def __init__(self, rng: int | None = None, events: Iterable = (), collect: bool = True,
                 **inputs):
        if rng is None:
            rng = int(np.random.SeedSequence().generate_state(1)[0])
        if not isinstance(rng, (int, np.integer)) or isinstance(rng, bool) or rng < 0:
            raise SteersimInputError(f"got {rng!r}; the seed must be a whole number >= 0",
                                     key="rng")
        super().__init__(rng=int(rng))
        self.seed = int(rng)
        self.p = make_params(inputs)
        self.c = self.p.namespace()
        self.streams = Streams(self.seed)
        self.events = sorted(events, key=lambda e: e.week)
        self.week = 0
        self.pilot_week: int | None = None
        history.start(self)  # layers, state, the burn-in, then the scenario's levers
        self.history: list[np.ndarray] = []
        self.unit_history: list[np.ndarray] = []
        self.datacollector = mesa.DataCollector(model_reporters={
            _metrics.reporter_name(name): _metrics.reporter(name) for name in _metrics.METRICS
        }) if collect else None
        p = self.p
        Politician.create_agents(self, p.politicians, list(range(p.politicians)))
        Manager.create_agents(self, p.units, list(range(p.units)))
        FrontlineWorker.create_agents(self, self.n_staff, list(range(self.n_staff)))
        Citizen.create_agents(self, p.citizens, list(range(p.citizens)))
        self._network_space = None
        self._record()

    # ------------------------------------------------------------------ levers
    def set_levers(self, levers: dict, units=None) -> np.ndarray:
        """Set lever values (names to values) in ``units`` (None: all); returns the mean
        share of each lever's range the change moved in each unit touched."""
        rows = self.unit_index(units)
        moved = np.zeros(rows.size)
        for name, value in levers.items():
            code = CHOICE_CODES.get(name, {}).get(value, value)
            spec = _LEVER_SPECS[name]
            span = (spec.high - spec.low) if spec.high is not None and spec.low is not None else 1.0
            moved += np.abs(self.levers[name][rows] - code) / span
            self.levers[name][rows] = code
        before = self.control_baseline
        self.refresh_levers()
        # the board chose the new levers: its preference moves with what they set, and
        # only the extra control incidents left behind (the drift) keeps fading
        self.board["control_preference"] = np.clip(
            self.board["control_preference"] + self.control_baseline - before, 0, 1)
        return moved / len(LEVERS)

    def take_on_change(self, rows, moved, practised, co_created: bool = False) -> None:
        """Put the change load of levers that ``moved`` (``set_levers``) on ``rows``:
        imposed, with no participation; ``co_created``, with the participation staff
        there practise (``practised``, 0-1) and the involvement of working it out
        (``change.reform_participation``). The part imposed reads as distrust; the part
        worked out with staff costs meetings (``sim.mechanisms.change``)."""
        participation = change.reform_participation(practised, moved, float(co_created), self.c)
        load = change.add_load(0, moved, participation, self.c)
        self.units["change_load"][rows] += load
        self.units["imposed_load"][rows] += load * (1 - participation)
        self.units["co_creation_load"][rows] += participation * change.co_creation_load(moved, self.c)

    def refresh_levers(self) -> None:
        """Organisation-wide value of each lever (the mean over units: a pilot in two of
        twenty units moves the organisation's rule-making by a tenth of its change)."""
        self.org_levers = {name: float(values.mean()) for name, values in self.levers.items()}
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

    def record_pilot(self, rows, week: int) -> None:
        if rows.size < self.p.units:
            self.units["pilot"][rows] = True
            if self.pilot_week is None:
                self.pilot_week = week

    @property
    def network(self):
        """All layers as a Mesa ``Network`` space (built on first use; slow for huge
        organisations, which is why the mechanisms use the sparse matrices)."""
        if self._network_space is None:
            from mesa.discrete_space import Network
            g = self.layers.to_networkx(include_citizens=self.p.citizens <= 20_000)
            self._network_space = Network(g, layout=None, random=self.random)
        return self._network_space

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week: events, then the phases in the order of docs/ODD.md."""
        self.week = self.steps
        changed = False
        for event in self.events:
            if event.week == self.week:
                event.apply(self)
                changed = True
        if changed:
            self.refresh_levers()
        self.advance()
        self._record()

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

    def run(self, steps: int) -> SteeringModel:
        """Run ``steps`` weeks."""
        for _ in range(int(steps)):
            self.step()
        return self

    # ------------------------------------------------------------------ records
    def _record(self) -> None:
        self.history.append(_metrics.measure(self))
        if self.steps:
            self.unit_history.append(_metrics.measure_units(self))
        if self.datacollector is not None:
            self.datacollector.collect(self)

    def metric(self, name: str) -> float:
        """The latest value of metric ``name``."""
        return float(self.history[-1][_metrics.INDEX[name]])

    def history_frame(self):
        """Every metric at every recorded week (0 = the start), as a DataFrame."""
        return _metrics.history_frame(self.history)

    def unit_history_frame(self):
        """Unit-level outcomes at every week from week 1, long format: week, unit, pilot,
        metrics. What a pilot evaluation compares."""
        return _metrics.unit_frame(self.unit_history, self.units["pilot"])


_CONTROL_LEVERS = ("target_pressure", "monitoring", "audit_rate")
_LEVER_SPECS = {s.name: s for s in SPEC_LIST if s.group == "regime"}


def _signature() -> inspect.Signature:
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
              inspect.Parameter("rng", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None),
              inspect.Parameter("events", inspect.Parameter.KEYWORD_ONLY, default=()),
              inspect.Parameter("collect", inspect.Parameter.KEYWORD_ONLY, default=True)]
    params += [inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=s.default)
               for s in SPEC_LIST]
    return inspect.Signature(params)


SteeringModel.__init__.__signature__ = _signature()  # type: ignore[attr-defined]
