"""Where a run starts: the organisation's past.

Swedish welfare services have lived under some NPM for decades, so a run starts from a
steady state of that past, not from arbitrary stocks (docs/science.md). Three steps:

1. the networks and the people (``population.draw_people``); the rulebook after
   ``past_years`` of the ``past_regime`` (the expected rule dynamics,
   ``rules.after_years``), and central staff at what that regime needs;
2. ``burn_in`` weeks of the full model under the past regime, so that staff, trust,
   skill, practices and the rest settle;
3. week 1: the scenario's own levers take over. Where they differ from the past's, the
   change puts a load on the units (``change``), eased by the new regime's
   participation.

Steps 1-2 depend only on the seed, the organisation, the behaviour and coefficients and
the past regime, not on the scenario's levers; so every scenario compared on one seed
starts from the *same* state (common random numbers) and the burn-in is computed once
per process and reused (an in-memory cache of each run's state; ``cache_clear`` empties
it). An engine's runs that are not in the cache are burnt in together, as a batch. What
the cache keeps of a run is every field of the state (``sim.model.state.FIELDS``), its
levers, streams and networks: nothing is listed by hand.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np
import scipy.sparse as sp

from sim.inputs.scenario import load_scenario
from sim.inputs.schema import CHOICE_CODES, INPUTS, LEVERS
from sim.mechanisms import measurement, population, rules, staffing, workload
from sim.model.levers import Levers
from sim.model.network import build_layers
from sim.model.state import FIELDS, RunBlocks, allocate
from sim.units import WEEKS_PER_YEAR

_CACHE: OrderedDict = OrderedDict()
#: At most this much memory for remembered pasts (a structural limit: past it, the
#: oldest are forgotten and burnt in again when asked for).
CACHE_BYTES = 256 * 2**20
_PRESET_LEVERS: dict[str, dict] = {}


def cache_clear() -> None:
    _CACHE.clear()


def past_levers(p) -> dict:
    """The levers of the regime the organisation lived under before the run."""
    if p.past_regime == "self":
        return {name: p.values[name] for name in LEVERS}
    if p.past_regime not in _PRESET_LEVERS:
        inputs = load_scenario(p.past_regime).inputs
        _PRESET_LEVERS[p.past_regime] = {name: inputs.get(name, INPUTS[name].default) for name in LEVERS}
    return _PRESET_LEVERS[p.past_regime]


def _key(seed, p) -> tuple:
    values = p.values
    kept = tuple((k, v) for k, v in values.items()
                 if INPUTS[k].group != "regime" or values["past_regime"] == "self")
    return (seed, kept)


def start(engine) -> None:
    """Give each of ``engine``'s runs its starting state: its past (from the cache if
    it has been run before in this process; the others burnt in together), then the
    run's own levers."""
    state = engine.state
    keys = [_key(seed, p) for seed, p in zip(engine.seeds, engine.params)]
    found = {key: _CACHE[key] for key in keys if key in _CACHE}
    first: dict[tuple, int] = {}  # runs sharing a past burn it in once
    for r, key in enumerate(keys):
        if key not in found:
            first.setdefault(key, r)
    if first:
        fresh = object.__new__(type(engine))  # the runs to burn in, before their past
        runs = list(first.values())
        fresh.take_runs([engine.seeds[r] for r in runs], [engine.params[r] for r in runs],
                        [state.streams[r] for r in runs])
        _build(fresh)
        _burn_in(fresh)
        for i, key in enumerate(first):
            found[key] = _snapshot(fresh.state, i)
            _remember(key, found[key])
    for key in found:
        if key in _CACHE:
            _CACHE.move_to_end(key)
    snapshots = [found[key] for key in keys]
    _assemble(engine, snapshots)
    for run, p in enumerate(engine.params):
        scenario = {name: p.values[name] for name in LEVERS}
        practised = state.lever.participation[run].copy()  # the past's, as for any change
        moved = engine.set_levers(scenario, run=run)
        if moved.any():
            # the scenario's levers arrive as any decision of the board does: imposed (for
            # a co-created switch, keep the past's levers and switch by a co-created event)
            engine.take_on_change(slice(None), moved, practised, run=run)
    state.week = 0


def _sizes(p) -> dict[str, int]:
    return {"worker": p.units * p.staff_per_unit, "manager": p.units, "unit": p.units,
            "citizen": p.citizens, "politician": p.politicians, "run": 1, "week_of_year": WEEKS_PER_YEAR}


def _build(engine) -> None:
    s = engine.state
    p, c, runs = s.p, s.c, s.runs
    layers = [build_layers(q, st) for q, st in zip(engine.params, s.streams)]
    s.layers = layers
    s.n_staff = p.units * p.staff_per_unit
    cross_unit = [lay.cross_unit for lay in layers]
    s.cross_degree = np.stack([np.asarray(lay.cross_unit.sum(axis=1)).ravel() for lay in layers])
    degrees = [np.asarray(lay.social.sum(axis=1)).ravel() for lay in layers]
    s.has_friends = np.stack([(d > 0).astype(float) for d in degrees])
    friends_mean = [(sp.diags(1.0 / np.maximum(d, 1.0)) @ lay.social).tocsr() for d, lay in zip(degrees, layers)]
    s.sizes = _sizes(p)
    allocate(s, runs, s.sizes)
    s.unit = np.stack([lay.manager_of_staff for lay in layers])
    s.home_unit = np.stack([lay.home_unit_of_citizen for lay in layers])
    s.caseworker = np.stack([lay.caseworker_of_citizen for lay in layers])
    # the rural part: the last units, as many as the share asks, halves rounded up (Python's
    # round would take 0.5 of a unit to 0 and 2.5 to 2); its citizens are theirs
    s.rural = np.stack([np.arange(p.units) >= p.units - int(q.rural_share * p.units + HALF_UNIT)
                        for q in engine.params])
    _link(s)
    s.lives_rural = s.at_home_unit(s.rural)
    population.draw_people(s)
    pasts = [past_levers(q) for q in engine.params]
    s.lever = Levers({name: np.stack([np.full(p.units, CHOICE_CODES.get(name, {}).get(past[name], past[name]),
                                              dtype=float) for past in pasts])
                      for name in pasts[0]})
    engine.refresh_levers()
    # the board has lived under the past regime: it starts at that regime's control
    # preference, not at none (incidents then move it as in any week)
    s.control_preference[:] = s.control_baseline
    lever, org_lever = s.lever, s.org_lever
    s.useful_rules, s.dead_rules = rules.after_years(
        rule_creation=org_lever.rule_creation, rule_bloat=c.rule_bloat, rule_pruning=org_lever.rule_pruning,
        environment_change=c.environment_change, weeks=p.past_years * WEEKS_PER_YEAR, c=c)
    s.overhead = staffing.overhead_needed(
        frontline=s.n_staff, indicators=org_lever.indicators, rules_in_force=s.rules_in_force,
        audit_rate=org_lever.audit_rate, central_staff=org_lever.central_staff, c=c)
    # the past's posts at full frontline time fix the budget
    s.other_posts = staffing.other_posts(s, audit_rate=org_lever.audit_rate)
    s.budget = staffing.paid_posts(frontline=s.n_staff, capacity=1.0, incentive_strength=org_lever.incentive_strength,
                                   others=s.other_posts, c=c)
    s.indicators_adopted = lever.indicators.copy()
    s.documentation_in_force = lever.documentation_hours.copy()
    s.target = measurement.threshold(target_pressure=lever.target_pressure, c=c)
    s.used_discretion = s.worker_lever.discretion.copy()
    s.focus = workload.unsteered_focus(measurability=c.measurability, professional_bias=c.professional_bias,
                                       citizen_panel=s.worker_lever.citizen_panel, c=c)
    s.cross_unit, s.friends_mean = RunBlocks(cross_unit), RunBlocks(friends_mean)


def _link(s) -> None:
    """Index arrays into the flattened (runs x agents) arrays: each run's citizens,
    caseworkers and units are its own."""
    p = s.p
    s.need_cdf = poisson_cdf(p.need_rate)
    s.staff_unit = np.repeat(np.arange(p.units), p.staff_per_unit)
    run = np.arange(s.runs)[:, None]
    s.caseworker_flat = s.caseworker + run * s.n_staff
    s.home_flat = s.home_unit + run * p.units
    s.unit_flat = s.staff_unit[None, :] + run * p.units


def _burn_in(engine) -> None:
    weeks = engine.p.burn_in
    for week in range(1 - weeks, 1):
        engine.state.week = week
        engine.advance()


#: A rural part of so many units and a half gets the next whole unit (rounding, not behaviour).
HALF_UNIT = 0.5

#: How far past the Poisson mean the table of P(cases <= k) reaches, in standard
#: deviations and in cases: beyond it the probability left is below 1e-12.
POISSON_TAIL_SD, POISSON_TAIL_CASES = 12, 12


def poisson_cdf(rate: float) -> np.ndarray:
    """Cumulative Poisson probabilities P(X <= k) for k = 0, 1, ... until they reach 1."""
    k = np.arange(0, int(rate + POISSON_TAIL_SD * np.sqrt(rate) + POISSON_TAIL_CASES))
    pmf = np.exp(k * np.log(rate) - rate - np.cumsum(np.log(np.maximum(k, 1))))
    return np.cumsum(pmf)


# ------------------------------------------------------------------ the cache
def _snapshot(s, i: int) -> dict:
    """Run ``i``'s state after its past, to start any run on its seed from."""
    return {
        "fields": {name: getattr(s, name)[i].copy() for name in FIELDS},
        "levers": {name: values[i].copy() for name, values in s.lever.items()},
        "streams": s.streams[i].state(),
        "shared": {"layers": s.layers[i],
                   "cross_unit": s.cross_unit.block(i),
                   "friends_mean": s.friends_mean.block(i),
                   "cross_degree": s.cross_degree[i].copy(),
                   "has_friends": s.has_friends[i].copy()},
    }


def _assemble(engine, snapshots) -> None:
    """The engine's state: its runs' snapshots stacked on the run axis (copies)."""
    s = engine.state
    for name in FIELDS:
        setattr(s, name, np.stack([snap["fields"][name] for snap in snapshots]))
    s.lever = Levers({name: np.stack([snap["levers"][name] for snap in snapshots])
                      for name in snapshots[0]["levers"]})
    for stream, snap in zip(s.streams, snapshots):
        stream.restore(snap["streams"])
    shared = [snap["shared"] for snap in snapshots]
    s.layers = [sh["layers"] for sh in shared]
    s.n_staff = s.p.units * s.p.staff_per_unit
    s.sizes = _sizes(s.p)
    s.cross_unit = RunBlocks([sh["cross_unit"] for sh in shared])
    s.friends_mean = RunBlocks([sh["friends_mean"] for sh in shared])
    s.cross_degree = np.stack([sh["cross_degree"] for sh in shared])
    s.has_friends = np.stack([sh["has_friends"] for sh in shared])
    _link(s)
    engine.refresh_levers()


def _size(value: Any) -> int:
    """Bytes a snapshot holds (arrays, sparse matrices and what they nest in)."""
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    if isinstance(value, np.ndarray):
        return value.nbytes
    if sp.issparse(value):
        return value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
    if hasattr(value, "__dataclass_fields__"):  # the network layers
        return sum(_size(getattr(value, name)) for name in value.__dataclass_fields__)
    return 0


def _remember(key, snapshot: dict) -> None:
    _CACHE[key] = snapshot
    while len(_CACHE) > 1 and sum(_size(s) for s in _CACHE.values()) > CACHE_BYTES:
        _CACHE.popitem(last=False)
