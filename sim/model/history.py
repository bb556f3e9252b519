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
per process and reused (an in-memory cache; ``cache_clear`` empties it).
"""

from __future__ import annotations

import copy
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
_CACHE: OrderedDict = OrderedDict()
CACHE_BYTES = 512 * 2**20  # at most this much memory for remembered histories
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


def _key(model) -> tuple:
    values = model.p.values
    kept = tuple((k, v) for k, v in values.items()
                 if INPUTS[k].group != "regime" or values["history"] == "self")
    return (model.seed, kept)


def start(model) -> None:
    """Give ``model`` its starting state: the history (from the cache if it has been
    run before in this process), then the scenario's levers."""
    key = _key(model)
    snapshot = _CACHE.get(key)
    if snapshot is None:
        _build(model)
        _burn_in(model)
        snapshot = _snapshot(model)
        _remember(key, snapshot)
    else:
        _CACHE.move_to_end(key)
        _restore(model, snapshot)
    scenario = {name: model.p.values[name] for name in LEVERS}
    practised = model.levers["participation"].copy()  # the history's, as for any change
    moved = model.set_levers(scenario)
    if moved.any():
        # the scenario's levers arrive as any decision of the board does: imposed (for a
        # co-created switch, keep the history's levers and switch by a co-created event)
        model.take_on_change(slice(None), moved, practised)
    model.week = 0


def _build(model) -> None:
    p, c = model.p, model.c
    model.layers = build_layers(p, model.streams)
    model.n_staff = p.units * p.staff_per_unit
    model.need_cdf = poisson_cdf(p.need_rate)
    model.cross_degree = np.asarray(model.layers.cross_unit.sum(axis=1)).ravel()
    degree = np.asarray(model.layers.social.sum(axis=1)).ravel()
    model.has_friends = (degree > 0).astype(float)
    model.friends_mean = (sp.diags(1.0 / np.maximum(degree, 1.0)) @ model.layers.social).tocsr()
    for name, table in initial_state(p, model.layers, model.streams).items():
        setattr(model, name, table)
    past = history_levers(p)
    model.levers = {name: np.full(p.units, CHOICE_CODES.get(name, {}).get(v, v), dtype=float)
                    for name, v in past.items()}
    model.refresh_levers()
    # the board has lived under the history's regime: it starts at that regime's control
    # preference, not at none (incidents then move it as in any week)
    model.board["control_preference"][:] = model.control_baseline
    lever, org_lever, u, org = model.levers, model.org_levers, model.units, model.org
    org["useful_rules"], org["dead_rules"] = rules.history(
        org_lever["rule_creation"], c.rule_bloat, org_lever["rule_pruning"], c.environment_change,
        p.history_years * WEEKS_PER_YEAR, c)
    org["overhead"] = float(staffing.overhead_needed(
        model.n_staff, org_lever["indicators"], model.rules_in_force, org_lever["audit_rate"], org_lever["central_staff"], c))
    model.funded = 1.0
    model.pay_for_posts()  # the history's posts at full frontline time fix the budget
    model.budget = float(staffing.paid_posts(model.n_staff, 1.0, org_lever["incentive_strength"],
                                             model.other_posts, c))
    u["indicators_in_force"] = lever["indicators"].copy()
    u["documentation_in_force"] = lever["documentation_hours"].copy()
    u["target"] = measurement.threshold(lever["target_pressure"], c)
    s = model.staff
    s["used_discretion"] = lever["discretion"][s["unit"]].copy()
    s["focus"] = workload.professional_focus(c.measurability, c.professional_bias,
                                             lever["citizen_panel"][s["unit"]], c)
    model.drift, model.rules_added = 0.0, 0.0
    model.unit_reported = np.zeros(p.units)
    model.unit_quality = np.zeros(p.units)
    model.scheduled_incidents = np.zeros(p.units)


def _burn_in(model) -> None:
    weeks = model.p.burn_in
    for week in range(1 - weeks, 1):
        model.week = week
        model.advance()


def poisson_cdf(rate: float) -> np.ndarray:
    """Cumulative Poisson probabilities P(X <= k) for k = 0, 1, ... until they reach 1."""
    k = np.arange(0, int(rate + 12 * np.sqrt(rate) + 12))
    pmf = np.exp(k * np.log(rate) - rate - np.cumsum(np.log(np.maximum(k, 1))))
    return np.cumsum(pmf)


# ------------------------------------------------------------------ the cache
def _snapshot(model) -> dict:
    if model.p.burn_in == 0:  # nothing computed yet: week 0 records no flows
        return {"tables": {name: copy.deepcopy(getattr(model, name)) for name in _TABLES},
                "levers": {k: v.copy() for k, v in model.levers.items()},
                "scalars": {name: copy.deepcopy(getattr(model, name)) for name in _SCALARS[:5] + _SCALARS[-3:]},
                "streams": model.streams.state(),
                "shared": {name: getattr(model, name) for name in
                           ("layers", "n_staff", "need_cdf", "cross_degree", "has_friends",
                            "friends_mean")}}
    return {
        "tables": {name: copy.deepcopy(getattr(model, name)) for name in _TABLES},
        "levers": {k: v.copy() for k, v in model.levers.items()},
        "scalars": {name: copy.deepcopy(getattr(model, name)) for name in _SCALARS},
        "streams": model.streams.state(),
        "shared": {name: getattr(model, name) for name in
                   ("layers", "n_staff", "need_cdf", "cross_degree", "has_friends", "friends_mean")},
    }


def _restore(model, snapshot: dict) -> None:
    for name, value in snapshot["shared"].items():  # read-only: shared, not copied
        setattr(model, name, value)
    for name, table in snapshot["tables"].items():
        setattr(model, name, copy.deepcopy(table))
    model.levers = {k: v.copy() for k, v in snapshot["levers"].items()}
    for name, value in snapshot["scalars"].items():
        setattr(model, name, copy.deepcopy(value))
    model.streams.restore(snapshot["streams"])
    model.refresh_levers()


def _size(snapshot: dict) -> int:
    total = 0
    for table in snapshot["tables"].values():
        total += sum(np.asarray(v).nbytes for v in table.values())
    return total


def _remember(key, snapshot: dict) -> None:
    _CACHE[key] = snapshot
    while len(_CACHE) > 1 and sum(_size(s) for s in _CACHE.values()) > CACHE_BYTES:
        _CACHE.popitem(last=False)
