"""Where a run starts: the organisation's history.

Swedish welfare services have lived under some NPM for decades, so a run starts from a
steady state of that history, not from arbitrary stocks (docs/science.md). Three steps:

1. the rulebook after ``history_years`` of the ``history`` regime (the expected rule
   dynamics, ``rules.history``), and central staff at what that regime needs;
2. ``burn_in`` weeks of the full model under the history regime, so that staff, trust,
   skill, practices and the rest settle;
3. week 1: the scenario's own levers take over. Where they differ from the history's,
   the change puts a load on the units (``change``), eased by the new regime's
   participation.

Steps 1-2 depend only on the seed, the organisation, the behaviour and coefficients and
the history, not on the scenario's levers; so every scenario compared on one seed
starts from the *same* state (common random numbers) and the burn-in is computed once
per process and reused (an in-memory cache of each run's state; ``cache_clear`` empties
it). An engine's runs that are not in the cache are burnt in together, as a batch.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import scipy.sparse as sp

from sim.inputs.schema import CHOICE_CODES, INPUTS, LEVERS
from sim.mechanisms import measurement, rules, staffing, workload
from sim.model.network import build_layers
from sim.model.state import initial_state
from sim.units import WEEKS_PER_YEAR

_TABLES = ("staff", "managers", "board", "citizens", "units", "org")
#: What the last history week computed and week 0's record reads (besides the tables).
_SCALARS = ("drift", "rules_added", "unit_reported", "unit_quality", "scheduled_incidents",
            "indicators_now", "target_pressure_now", "monitoring_now", "audit_rate_now",
            "coverage", "noise", "power", "W", "hours", "professional", "deterrence", "received",
            "cases_needed", "cases_applied", "budget", "funded", "other_posts")
#: What week 0's record reads when there is no burn-in (nothing else has been computed).
_SCALARS_WITHOUT_BURN_IN = ("drift", "rules_added", "unit_reported", "unit_quality",
                            "scheduled_incidents", "budget", "funded", "other_posts")
_CACHE: OrderedDict = OrderedDict()
CACHE_BYTES = 256 * 2**20  # at most this much memory for remembered histories
_PRESET_LEVERS: dict[str, dict] = {}


def cache_clear() -> None:
    _CACHE.clear()


def history_levers(p) -> dict:
    """The levers of the regime the organisation lived under before the run."""
    if p.history == "self":
        return {name: p.values[name] for name in LEVERS}
    if p.history not in _PRESET_LEVERS:
        from sim.inputs.scenario import load_scenario
        inputs = load_scenario(p.history).inputs
        _PRESET_LEVERS[p.history] = {name: inputs.get(name, INPUTS[name].default) for name in LEVERS}
    return _PRESET_LEVERS[p.history]


def _key(seed, p) -> tuple:
    values = p.values
    kept = tuple((k, v) for k, v in values.items()
                 if INPUTS[k].group != "regime" or values["history"] == "self")
    return (seed, kept)


def start(engine) -> None:
    """Give each of ``engine``'s runs its starting state: its history (from the cache if
    it has been run before in this process; the others burnt in together), then the
    run's own levers."""
    keys = [_key(seed, p) for seed, p in zip(engine.seeds, engine.params)]
    found = {key: _CACHE[key] for key in keys if key in _CACHE}
    first: dict[tuple, int] = {}  # runs sharing a history burn it in once
    for r, key in enumerate(keys):
        if key not in found:
            first.setdefault(key, r)
    if first:
        from sim.model.engine import Engine
        fresh = Engine.__new__(Engine)  # the runs to burn in, before their history
        runs = list(first.values())
        fresh.take_runs([engine.seeds[r] for r in runs], [engine.params[r] for r in runs],
                        [engine.streams[r] for r in runs])
        _build(fresh)
        _burn_in(fresh)
        for i, key in enumerate(first):
            found[key] = _snapshot(fresh, i)
            _remember(key, found[key])
    for key in found:
        if key in _CACHE:
            _CACHE.move_to_end(key)
    snapshots = [found[key] for key in keys]
    _assemble(engine, snapshots)
    for run, p in enumerate(engine.params):
        scenario = {name: p.values[name] for name in LEVERS}
        practised = engine.levers["participation"][run].copy()  # the history's, as for any change
        moved = engine.set_levers(scenario, run=run)
        if moved.any():
            # the scenario's levers arrive as any decision of the board does: imposed (for
            # a co-created switch, keep the history's levers and switch by a co-created event)
            engine.take_on_change(slice(None), moved, practised, run=run)
    engine.week = 0


def _build(engine) -> None:
    from sim.model.engine import RunBlocks
    p, c, R = engine.p, engine.c, engine.R
    layers = [build_layers(q, s) for q, s in zip(engine.params, engine.streams)]
    engine.layers = layers
    engine.n_staff = p.units * p.staff_per_unit
    engine.cross_unit = [lay.cross_unit for lay in layers]
    engine.cross_degree = np.stack([np.asarray(lay.cross_unit.sum(axis=1)).ravel() for lay in layers])
    degrees = [np.asarray(lay.social.sum(axis=1)).ravel() for lay in layers]
    engine.has_friends = np.stack([(d > 0).astype(float) for d in degrees])
    engine.friends_mean = [(sp.diags(1.0 / np.maximum(d, 1.0)) @ lay.social).tocsr()
                           for d, lay in zip(degrees, layers)]
    states = [initial_state(q, lay, s) for q, lay, s in zip(engine.params, layers, engine.streams)]
    for name in _TABLES:
        setattr(engine, name, {k: np.stack([st[name][k] for st in states]) for k in states[0][name]})
    engine.org = {k: (v if k == "quits_last_year" else v[:, None]) for k, v in engine.org.items()}
    _link(engine)
    pasts = [history_levers(q) for q in engine.params]
    engine.levers = {name: np.stack([np.full(p.units, CHOICE_CODES.get(name, {}).get(past[name], past[name]),
                                             dtype=float) for past in pasts])
                     for name in pasts[0]}
    engine.refresh_levers()
    # the board has lived under the history's regime: it starts at that regime's control
    # preference, not at none (incidents then move it as in any week)
    engine.board["control_preference"][:] = engine.control_baseline
    lever, org_lever, u, org = engine.levers, engine.org_levers, engine.units, engine.org
    org["useful_rules"], org["dead_rules"] = rules.history(
        org_lever["rule_creation"], c.rule_bloat, org_lever["rule_pruning"], c.environment_change,
        p.history_years * WEEKS_PER_YEAR, c)
    org["overhead"] = staffing.overhead_needed(
        engine.n_staff, org_lever["indicators"], engine.rules_in_force, org_lever["audit_rate"],
        org_lever["central_staff"], c)
    engine.funded = np.ones((R, 1))
    engine.pay_for_posts()  # the history's posts at full frontline time fix the budget
    engine.budget = staffing.paid_posts(engine.n_staff, 1.0, org_lever["incentive_strength"],
                                        engine.other_posts, c)
    u["indicators_in_force"] = lever["indicators"].copy()
    u["documentation_in_force"] = lever["documentation_hours"].copy()
    u["target"] = measurement.threshold(lever["target_pressure"], c)
    s = engine.staff
    s["used_discretion"] = lever["discretion"][:, engine.staff_unit].copy()
    s["focus"] = workload.professional_focus(c.measurability, c.professional_bias,
                                             lever["citizen_panel"][:, engine.staff_unit], c)
    engine.drift, engine.rules_added = np.zeros((R, 1)), np.zeros((R, 1))
    engine.unit_reported = np.zeros((R, p.units))
    engine.unit_quality = np.zeros((R, p.units))
    engine.scheduled_incidents = np.zeros((R, p.units))
    engine.cross_unit, engine.friends_mean = RunBlocks(engine.cross_unit), RunBlocks(engine.friends_mean)


def _link(engine) -> None:
    """Index arrays into the flattened (runs x agents) arrays: each run's citizens,
    caseworkers and units are its own."""
    p, R = engine.p, engine.R
    engine.need_cdf = poisson_cdf(p.need_rate)
    engine.staff_unit = np.repeat(np.arange(p.units), p.staff_per_unit)
    runs = np.arange(R)[:, None]
    engine.caseworker_flat = engine.citizens["caseworker"] + runs * engine.n_staff
    engine.home_flat = engine.citizens["home_unit"] + runs * p.units
    engine.unit_flat = engine.staff_unit[None, :] + runs * p.units


def _burn_in(engine) -> None:
    weeks = engine.p.burn_in
    for week in range(1 - weeks, 1):
        engine.week = week
        engine.advance()


def poisson_cdf(rate: float) -> np.ndarray:
    """Cumulative Poisson probabilities P(X <= k) for k = 0, 1, ... until they reach 1."""
    k = np.arange(0, int(rate + 12 * np.sqrt(rate) + 12))
    pmf = np.exp(k * np.log(rate) - rate - np.cumsum(np.log(np.maximum(k, 1))))
    return np.cumsum(pmf)


# ------------------------------------------------------------------ the cache
def _row(value, i):
    """Run ``i``'s part of a batched value (a copy)."""
    if isinstance(value, dict):
        return {k: _row(v, i) for k, v in value.items()}
    if isinstance(value, np.ndarray) and value.ndim >= 2:
        return value[i].copy()
    return value


def _stack(rows):
    if isinstance(rows[0], dict):
        return {k: _stack([r[k] for r in rows]) for k in rows[0]}
    if isinstance(rows[0], np.ndarray):
        return np.stack(rows)
    return rows[0]


def _snapshot(engine, i: int) -> dict:
    """Run ``i``'s state after its history, to start any run on its seed from."""
    names = _SCALARS if engine.p.burn_in else _SCALARS_WITHOUT_BURN_IN
    return {
        "tables": {name: _row(getattr(engine, name), i) for name in _TABLES},
        "levers": _row(engine.levers, i),
        "scalars": {name: _row(getattr(engine, name), i) for name in names},
        "streams": engine.streams[i].state(),
        "shared": {"layers": engine.layers[i],
                   "cross_unit": engine.cross_unit.block(i),
                   "friends_mean": engine.friends_mean.block(i),
                   "cross_degree": engine.cross_degree[i].copy(),
                   "has_friends": engine.has_friends[i].copy()},
    }


def _assemble(engine, snapshots) -> None:
    """The engine's state: its runs' snapshots stacked on the run axis (copies)."""
    from sim.model.engine import RunBlocks
    for name in _TABLES:
        setattr(engine, name, _stack([s["tables"][name] for s in snapshots]))
    engine.levers = _stack([s["levers"] for s in snapshots])
    for name in snapshots[0]["scalars"]:
        setattr(engine, name, _stack([s["scalars"][name] for s in snapshots]))
    for stream, snap in zip(engine.streams, snapshots):
        stream.restore(snap["streams"])
    shared = [s["shared"] for s in snapshots]
    engine.layers = [s["layers"] for s in shared]
    engine.n_staff = engine.p.units * engine.p.staff_per_unit
    engine.cross_unit = RunBlocks([s["cross_unit"] for s in shared])
    engine.friends_mean = RunBlocks([s["friends_mean"] for s in shared])
    engine.cross_degree = np.stack([s["cross_degree"] for s in shared])
    engine.has_friends = np.stack([s["has_friends"] for s in shared])
    _link(engine)
    engine.refresh_levers()


def _size(value) -> int:
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
