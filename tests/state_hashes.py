"""A hash of every state array of fixed runs: what a pure refactor must leave unchanged.

The regression baseline (``sim.science.baseline``) checks the metrics' means; this
checks every array the engine holds, bit for bit, after ``WEEKS`` weeks of each run in
``RUNS`` (the presets, a reform, a pilot, a scandal, a small organisation, another
history, no burn-in, an open budget and two markets), each run alone and the runs of one size
together in a batch, and the model's fingerprint (``sim.model.fingerprint``) they were
made with. Regenerate deliberately, when the model's numbers change:

    .venv/bin/python tests/state_hashes.py --update
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from sim.model.levers import NAMES as LEVER_NAMES
from sim.model.state import FIELDS

PATH = Path(__file__).resolve().parent / "state_hashes.json"
WEEKS = 120
#: name -> (scenario, seed, inputs)
RUNS = {
    "npm": ("npm", 1, {}),
    "trust": ("trust", 2, {}),
    "balanced": ("balanced", 3, {}),
    "hybrid": ("hybrid", 4, {}),
    "rule_based": ("rule_based", 5, {}),
    "reform": ("reform", 6, {}),
    "pilot": ("pilot", 7, {}),
    "scandal": ("scandal", 8, {}),
    "small": ("npm", 9, {"units": 6, "staff_per_unit": 8, "citizens": 600}),
    "history_trust": ("npm", 10, {"past_regime": "trust"}),
    "no_burn_in": ("trust", 11, {"burn_in": 0}),
    "open_budget": ("trust", 12, {"budget": "open"}),
    # the market: choice, payment, private entry and exit, a purchaser, paid coordination
    "choice": ("choice", 13, {"coordination_payment": 0.5, "payment_per_case": 0.05}),
    "choice_ffs_rural": ("choice_ffs", 14, {"rural_share": 0.4, "past_regime": "choice"}),
}


def digest(value) -> str:
    """A short hash of an array's dtype, shape and bytes (a sparse matrix: its parts)."""
    h = hashlib.sha256()
    if sp.issparse(value):
        value = value.tocsr()
        for part in (value.data, value.indices, value.indptr):
            h.update(str(part.dtype).encode() + str(part.shape).encode())
            h.update(np.ascontiguousarray(part).tobytes())
        h.update(str(value.shape).encode())
        return h.hexdigest()[:16]
    array = np.ascontiguousarray(np.asarray(value))
    h.update(str(array.dtype).encode() + str(array.shape).encode())
    h.update(array.tobytes())
    return h.hexdigest()[:16]


def _walk(prefix: str, value, run: int, runs: int, out: dict) -> None:
    """Every array reachable from ``value``, run ``run``'s part of it, by dotted name."""
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(f"{prefix}.{key}", item, run, runs, out)
    elif isinstance(value, np.ndarray):
        out[prefix] = digest(value[run] if value.ndim >= 2 and value.shape[0] == runs else value)
    elif sp.issparse(value):
        out[prefix] = digest(value)


#: Old name -> new name, for the arrays the declared-modules refactor renamed; the
#: engine's per-worker copies of unit values (``W``) are checked against the unit
#: values seen by each worker (``at_worker.<field>``).
RENAMES = {
    **{f"levers.{n}": f"lever.{n}" for n in LEVER_NAMES},
    **{f"org_levers.{n}": f"org_lever.{n}" for n in LEVER_NAMES},
    **{f"W.{n}": f"worker_lever.{n}" for n in LEVER_NAMES},
    "W.target_pressure": "at_worker.target_pressure_in_force", "W.audit_rate": "at_worker.audit_rate_in_force",
    "W.indicators": "at_worker.indicators_in_force", "W.monitoring": "at_worker.monitoring_in_force",
    "W.coverage": "at_worker.coverage", "W.power": "at_worker.incentive_power",
    "W.noise": "at_worker.indicator_noise", "W.has_indicators": "at_worker.has_indicators",
    "W.gaming_stakes": "at_worker.gaming_stakes",
    "indicators_now": "indicators_in_force", "target_pressure_now": "target_pressure_in_force",
    "monitoring_now": "monitoring_in_force", "audit_rate_now": "audit_rate_in_force",
    "noise": "indicator_noise", "power": "incentive_power", "professional": "professional_focus",
    "units.indicators_in_force": "indicators_adopted", "org.incident_severity": "incident_news_total",
}


def new_name(old: str) -> str:
    """The name an array recorded under ``old`` has now."""
    if old in RENAMES:
        return RENAMES[old]
    table, _, field = old.partition(".")
    if table in ("staff", "managers", "board", "citizens", "units", "org"):
        return field
    return old


def run_state(engine, run: int) -> dict[str, str]:
    """{name: hash} of every array of run ``run`` of ``engine``. Reads the engine's own
    description of its state (``state_arrays``) where it has one."""
    out: dict[str, str] = {}
    if hasattr(engine, "state_arrays"):
        arrays = engine.state_arrays(run)
        for name, value in arrays.items():
            _walk(name, value, 0, 1, out)
        staff_unit = engine.state.staff_unit
        for name, field in FIELDS.items():
            if field.axis == "unit":
                out[f"at_worker.{name}"] = digest(arrays[name][staff_unit])
    else:
        for name, value in _old_arrays(engine, run).items():
            _walk(name, value, run, engine.R, out)  # the engine before issue 25 kept its run count as R
    # each metric's weekly series on its own, so that adding a metric leaves the others' hashes
    from sim.model.metrics import METRICS
    history = engine.history_of(run)
    out.update({f"history.{name}": digest(history[:, j]) for j, name in enumerate(METRICS)})
    if engine.unit_records:
        out["unit_history"] = digest(np.stack([week[run] for week in engine.unit_records]))
    streams = engine.state.streams if hasattr(engine, "state") else engine.streams
    for name, position in sorted(streams[run].state().items()):
        out[f"stream.{name}"] = hashlib.sha256(repr(position).encode()).hexdigest()[:16]
    return out


def _old_arrays(engine, run: int) -> dict:
    """The engine's attributes before the declared state (everything that holds arrays)."""
    skip = {"records", "unit_records", "params", "run_c", "seeds", "streams", "events",
            "pilot_week", "c", "p",
            # index arrays into the batch's flattened arrays: where a run sits, not its state
            "caseworker_flat", "home_flat", "unit_flat"}
    out = {}
    for name, value in vars(engine).items():
        if name in skip:
            continue
        if name in ("cross_unit", "friends_mean"):
            out[name] = value.block(run)
        elif name == "layers":
            layers = value[run]
            out[name] = {f: getattr(layers, f) for f in layers.__dataclass_fields__}
        else:
            out[name] = value
    return out


def compute() -> dict:
    from sim.inputs.scenario import load_scenario
    from sim.model import past as history
    from sim.model.batching import batch_runs
    from sim.model.engine import SHAPE

    specs = {name: (load_scenario(sc).with_inputs(inputs), seed) for name, (sc, seed, inputs) in RUNS.items()}
    alone = {}
    for name, spec in specs.items():
        history.cache_clear()
        alone[name] = run_state(batch_runs([spec]).run(WEEKS), 0)
    groups: dict[tuple, list[str]] = {}
    for name, (sc, _seed) in specs.items():
        key = tuple(str(sc.inputs.get(k)) for k in SHAPE)
        groups.setdefault(key, []).append(name)
    batched = {}
    for names in groups.values():
        history.cache_clear()
        engine = batch_runs([specs[n] for n in names]).run(WEEKS)
        for r, name in enumerate(names):
            batched[name] = run_state(engine, r)
    from sim.model.fingerprint import fingerprint
    return {"weeks": WEEKS, "alone": alone, "batched": batched, "fingerprint": fingerprint()}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    current = compute()
    if "--update" in argv:
        PATH.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"wrote {PATH}: {sum(len(v) for v in current['alone'].values())} arrays")
        return 0
    print(json.dumps(current, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
