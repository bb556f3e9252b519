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
from sim.inputs.schema import SPEC_LIST, make_params
from sim.model import metrics as _metrics
from sim.model.agents import Citizen, FrontlineWorker, Manager, Politician
from sim.model.engine import Engine, RunView


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

    The state and the week's phases live in an ``Engine`` of one run
    (``sim.model.engine``, which also runs many at once); this model reads and steers
    that run: ``model.staff["skill"]`` is the run's row of the engine's array.

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
        mesa.Model.__init__(self, rng=int(rng))
        RunView.__init__(self, Engine([int(rng)], [make_params(inputs)], [list(events)]), 0)
        self.history = _History(self.engine.records, 0)
        self.datacollector = mesa.DataCollector(model_reporters={
            _metrics.reporter_name(name): _metrics.reporter(name) for name in _metrics.METRICS
        }) if collect else None
        p = self.p
        Politician.create_agents(self, p.politicians, list(range(p.politicians)))
        Manager.create_agents(self, p.units, list(range(p.units)))
        FrontlineWorker.create_agents(self, self.engine.n_staff, list(range(self.engine.n_staff)))
        Citizen.create_agents(self, p.citizens, list(range(p.citizens)))
        self._network_space = None
        if self.datacollector is not None:
            self.datacollector.collect(self)

    @property
    def events(self):
        return self.engine.events[0]

    @property
    def week(self) -> int:
        return self.engine.week

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
        self.engine.step()
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
              inspect.Parameter("collect", inspect.Parameter.KEYWORD_ONLY, default=True)]
    params += [inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=s.default)
               for s in SPEC_LIST]
    return inspect.Signature(params)


SteeringModel.__init__.__signature__ = _signature()  # type: ignore[attr-defined]
