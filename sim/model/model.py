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

A run starts from the organisation's past: ``burn_in`` weeks under the ``past_regime``
(``sim.model.past``), then the scenario's levers take over in week 1.

State lives in numpy arrays (``sim.model.state``); every mechanism is a vectorised
function in ``sim.mechanisms``, called in the order of the week plan
(``sim.model.plan``). The Mesa agents are handles on the rows.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import mesa
import numpy as np

from sim.errors import SteersimInputError
from sim.inputs.scenario import DEFAULT_STEPS
from sim.inputs.schema import SPEC_LIST, make_params
from sim.model import metrics as _metrics
from sim.model.agents import Citizen, FrontlineWorker, Manager, Politician
from sim.model.engine import Engine
from sim.model.state import MESA
from sim.model.view import RunView

#: The most citizens the Mesa network space holds (``model.network``): beyond it the
#: graph of citizens' ties would cost more memory and time than a run; staff, managers
#: and politicians are always in it.
NETWORK_CITIZENS = 20_000


class _History:
    """A run's recorded metrics, week by week (a read-only sequence of arrays)."""

    def __init__(self, records, run: int):
        self.records, self.run = records, run

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [week[self.run] for week in self.records[index]]
        return self.records[index][self.run]

    def __iter__(self):
        return (week[self.run] for week in self.records)


class SteeringModel(RunView, mesa.Model):
    """A public organisation under a steering regime; one step is one week.

    Every input in ``sim.INPUTS`` (organisation, regime lever, behaviour, coefficient)
    is a keyword argument with its documented default, unit and range; ``steersim list``
    prints them. Values out of range raise ``SteersimInputError`` naming the key.

    The state and the week plan live in an ``Engine`` of one run
    (``sim.model.engine``, which also runs many at once); this model reads and steers
    that run: ``model.staff["skill"]`` is the run's row of the engine's array.

    Args:
        rng: the run's seed (an int). One seed drives everything through named streams,
            so two models with the same seed and inputs are identical, and two regimes
            with the same seed meet the same people, needs and past. ``model.rng`` is
            the run's named stream ``mesa`` (rooted in the same seed), for Mesa's own
            random choices.
        events: timeline events (``sim.inputs.events``): reforms, pilots, incidents, ...
        collect: keep a Mesa ``DataCollector`` of every metric each step (needed by
            ``mesa.batch_run``); the model's own ``history`` is always kept.
        horizon: weeks ``run_model()`` runs before it stops (``running`` turns False).
        **inputs: any input by name.

    Example:
        >>> m = SteeringModel(rng=1, indicators=5, discretion=0.8)
        >>> m.run(52)  # doctest: +SKIP
        >>> m.history_frame()["service_quality"].iloc[-1]  # doctest: +SKIP
    """

    def __init__(self, rng: int | None = None, events: Iterable = (), collect: bool = True,
                 horizon: int = DEFAULT_STEPS, **inputs):
        if rng is None:
            rng = int(np.random.SeedSequence().generate_state(1)[0])
        if not isinstance(rng, (int, np.integer)) or isinstance(rng, bool) or rng < 0:
            raise SteersimInputError(f"got {rng!r}; the seed must be a whole number >= 0",
                                     key="rng")
        if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 0:
            raise SteersimInputError(f"got {horizon!r}; a whole number of weeks, 0 or more", key="horizon")
        engine = Engine([int(rng)], [make_params(inputs)], [list(events)])
        mesa.Model.__init__(self, rng=engine.state.streams[0](MESA.name))
        RunView.__init__(self, engine, 0)
        self.horizon = int(horizon)
        self.running = self.horizon > 0
        self.history = _History(engine.records, 0)
        self.datacollector = mesa.DataCollector(model_reporters={
            _metrics.reporter_name(name): _metrics.reporter(name) for name in _metrics.METRICS
        }) if collect else None
        p = self.p
        Politician.create_agents(self, p.politicians, list(range(p.politicians)))
        Manager.create_agents(self, p.units, list(range(p.units)))
        FrontlineWorker.create_agents(self, engine.state.n_staff, list(range(engine.state.n_staff)))
        Citizen.create_agents(self, p.citizens, list(range(p.citizens)))
        self._network_space = None
        self._network_caseworkers: np.ndarray | None = None
        if self.datacollector is not None:
            self.datacollector.collect(self)

    @classmethod
    def from_scenario(cls, scenario, seed: int, **overrides) -> SteeringModel:
        """A model of ``scenario`` (``sim.load_scenario``) on ``seed``, with input
        ``overrides``; its events included, no DataCollector."""
        return cls(rng=seed, events=scenario.events, collect=False, **{**scenario.inputs, **overrides})

    @property
    def events(self):
        return self.engine.events[0]

    @property
    def week(self) -> int:
        return self.engine.week

    @property
    def network(self):
        """All layers as a Mesa ``Network`` space, every politician, manager and worker
        (and every citizen, up to ``NETWORK_CITIZENS``) in its cell (``agent.cell``).
        Built on first use, and again after citizens have moved provider (choice): the
        mechanisms use sparse matrices, not this."""
        caseworker = self.engine.state.caseworker[0]
        if self._network_space is not None and not np.array_equal(caseworker, self._network_caseworkers):
            self._network_space = None
            for agent in self.agents:  # the old space is dropped: its cells are no one's
                agent._mesa_cell = None
        if self._network_space is None:
            from mesa.discrete_space import Network
            with_citizens = self.p.citizens <= NETWORK_CITIZENS
            space = Network(self.layers.to_networkx(include_citizens=with_citizens, caseworker=caseworker),
                            layout=None, random=self.random)
            self._network_caseworkers = caseworker.copy()
            for agent in self.agents:
                if with_citizens or not isinstance(agent, Citizen):
                    agent.cell = space[(agent.node_kind, agent.row)]
            self._network_space = space
        return self._network_space

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week: events, then the week plan (``sim.model.plan``)."""
        self.engine.step()
        self.running = self.week < self.horizon
        if self.datacollector is not None:
            self.datacollector.collect(self)

    def run(self, steps: int) -> SteeringModel:
        """Run ``steps`` weeks (a whole number, 0 or more)."""
        if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
            raise SteersimInputError(f"got {steps!r}; a whole number of weeks, 0 or more", key="steps")
        for _ in range(int(steps)):
            self.step()
        return self

    # ------------------------------------------------------------------ records
    def metric(self, name: str) -> float:
        """The latest value of metric ``name``."""
        return self.metric_at(_metrics.INDEX[name])

    def metric_at(self, index: int) -> float:
        return float(self.engine.records[-1][0, index])

    def history_frame(self):
        """Every metric at every recorded week (0 = the start), as a DataFrame."""
        return _metrics.history_frame(list(self.history))

    @property
    def unit_history(self) -> list[np.ndarray]:
        return [week[0] for week in self.engine.unit_records]

    def unit_history_frame(self):
        """Unit-level outcomes at every week from week 1, long format: week, unit, pilot,
        metrics. What a pilot evaluation compares."""
        return _metrics.unit_frame(self.unit_history, self.units["pilot"])


def _signature() -> inspect.Signature:
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
              inspect.Parameter("rng", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None),
              inspect.Parameter("events", inspect.Parameter.KEYWORD_ONLY, default=()),
              inspect.Parameter("collect", inspect.Parameter.KEYWORD_ONLY, default=True),
              inspect.Parameter("horizon", inspect.Parameter.KEYWORD_ONLY, default=DEFAULT_STEPS)]
    params += [inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=s.default)
               for s in SPEC_LIST]
    return inspect.Signature(params)


SteeringModel.__init__.__signature__ = _signature()  # type: ignore[attr-defined]
