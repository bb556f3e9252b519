"""Measurement prototype (not product code): the model's own week plan traced whole under
one ``jax.jit``, against the numpy engine, at the default size.

No second copy of the mechanisms: while the week is traced, each mechanism module's
``np`` (and ``sim.mechanisms._np``, ``sim.numerics.np``, ``sim.model.runaxis._sum``) is a
``jax.numpy``-backed shim, the state is a ``State`` subclass whose fields are tracers
(a dict in, a dict out), its helpers (``per_unit``, ``per_caseworker``, ``draw``,
``replace_leavers``) are jax equivalents, the block-diagonal sparse products are a
segment sum over the CSR entries (or a padded ELL gather), and the week's random numbers
are drawn with numpy outside the jit, from the same streams ``State.draw`` uses, and
passed in. The week number is a traced scalar, so one compile serves every week.

It was measured on commit 4e59ef2 (before the market module, whose steps branch on whether
any run has a market) with ``week_jax_prototype.patch`` applied: four small changes that make
the week traceable (no ``if`` on an array or on the week, no in-place writes), checked to leave
every field and metric of a batch of 26 over 60 weeks identical. Its outputs are
``week_jax_prototype_f64.json`` and ``_f32.json``; benchmarks/README.md reads them.

    git worktree add /tmp/jaxwt 4e59ef2 && cd /tmp/jaxwt && git apply benchmarks/week_jax_prototype.patch
    cp <this checkout>/benchmarks/week_jax_prototype.* benchmarks/
    python -m venv /tmp/proto && /tmp/proto/bin/pip install jax -r requirements.lock

Run (one core):
    cd /tmp/jaxwt && XLA_FLAGS=--xla_cpu_max_isa=AVX OMP_NUM_THREADS=1 taskset -c 1 \
        /tmp/proto/bin/python benchmarks/week_jax_prototype.py --weeks 30 --repeat 3 \
        [--float32] [--matmul segment|ell] [--sums xla|tree] [--grouped scatter|gather] \
        [--searchsorted scan|compare_all] [--out results.json]

``--xla_cpu_max_isa=AVX`` keeps XLA from contracting a*b+c into FMA instructions: with
FMA (the default on this AVX-512 CPU) the contraction depends on the array shapes, so a
run in a batch of 26 and the same run alone differ in the last bit (control_preference
in week 1, then about 20 fields by week 20); without it they are equal bit for bit.

Metrics (``sim.model.metrics``) are left out of the jitted week; the numpy timings are
given both for ``Engine.advance`` (the week plan alone) and ``Engine.step`` (with metrics).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
import time
import types

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)

import sim.mechanisms as mechanisms  # noqa: E402
import sim.model.runaxis as runaxis  # noqa: E402
import sim.numerics  # noqa: E402
from sim.inputs.scenario import load_scenario  # noqa: E402
from sim.model.batching import batch_runs  # noqa: E402
from sim.model.levers import Levers  # noqa: E402
from sim.model.plan import STEPS  # noqa: E402
from sim.model.state import FIELDS, STREAMS, State  # noqa: E402

MODULES = [importlib.import_module(f"sim.mechanisms.{m}") for m in mechanisms.MODULES] + [sim.numerics]


# ------------------------------------------------------------------ numpy -> jax.numpy while tracing
class _Shim(types.ModuleType):
    """``jax.numpy`` under numpy's name, with the few numpy spellings it lacks."""

    def __getattr__(self, name):
        return getattr(jnp, name)


def make_shim(float_type, options):
    shim = _Shim("numpy_as_jax")
    shim.errstate = lambda **kw: contextlib.nullcontext()
    shim.ndarray = jax.Array
    shim.random = np.random
    shim.newaxis = None
    shim.add = types.SimpleNamespace(
        reduce=tree_sum if options["sums"] == "tree" else
        lambda x, axis=None, keepdims=False: jnp.sum(x, axis=axis, keepdims=keepdims))
    if options["searchsorted"] != "scan":
        shim.searchsorted = lambda a, v, side="left": jnp.searchsorted(a, v, side=side, method=options["searchsorted"])
    shim.nextafter = lambda a, b: jnp.nextafter(jnp.asarray(a, float_type), jnp.asarray(b, float_type))
    shim.finfo = jnp.finfo
    shim.zeros = lambda shape, dtype=float_type: jnp.zeros(shape, dtype)
    shim.ones = lambda shape, dtype=float_type: jnp.ones(shape, dtype)
    return shim


@contextlib.contextmanager
def numpy_is_jax(shim):
    saved = []

    def swap(module, name, value):
        saved.append((module, name, getattr(module, name)))
        setattr(module, name, value)

    for module in MODULES:
        if hasattr(module, "np"):
            swap(module, "np", shim)
        if hasattr(module, "any_true"):
            swap(module, "any_true", lambda mask: True)  # take the branch; it changes nothing where nothing happened
    swap(mechanisms, "_np", shim)
    swap(runaxis, "_sum", shim.add.reduce)
    try:
        yield
    finally:
        for module, name, value in reversed(saved):
            setattr(module, name, value)


# ------------------------------------------------------------------ batch-invariant sums
def tree_sum(x, axis=-1, keepdims=False, dtype=None, where=None):
    """Sum over the last axis by halving (zeros pad it to a power of two): a fixed order
    per row whatever the number of rows, which XLA's own reduce does not promise."""
    assert axis in (-1, x.ndim - 1) and where is None, axis
    if x.dtype == jnp.bool_ or jnp.issubdtype(x.dtype, jnp.integer):
        out = jnp.sum(x, axis=-1, keepdims=keepdims)  # integer sums are exact in any order
        return out
    n = x.shape[-1]
    size = 1 << max(0, (n - 1).bit_length())
    if size != n:
        x = jnp.concatenate([x, jnp.zeros(x.shape[:-1] + (size - n,), x.dtype)], axis=-1)
    while x.shape[-1] > 1:
        h = x.shape[-1] // 2
        x = x[..., :h] + x[..., h:]
    return x if keepdims else x[..., 0]


def tree_mean(x, axis=-1, keepdims=False, dtype=None, where=None):
    return tree_sum(x, axis, keepdims) / x.shape[-1]


@contextlib.contextmanager
def array_sums(how):
    """``.sum`` and ``.mean`` of traced arrays as ``tree_sum`` (``how == "tree"``)."""
    if how != "tree":
        yield
        return
    from jax._src import core
    saved = core.ShapedArray.sum, core.ShapedArray.mean
    core.ShapedArray.sum, core.ShapedArray.mean = core.aval_method(tree_sum), core.aval_method(tree_mean)
    try:
        yield
    finally:
        core.ShapedArray.sum, core.ShapedArray.mean = saved


# ------------------------------------------------------------------ the sparse products
def csr_arrays(blocks, float_type):
    m = blocks.matrix.tocsr()
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    return dict(rows=rows.astype(np.int64), cols=m.indices.astype(np.int64), data=m.data.astype(float_type),
                indptr=m.indptr.astype(np.int64))


def ell_arrays(blocks, float_type, width):
    """Each row's entries padded to ``width`` (a zero weight on column 0)."""
    m = blocks.matrix.tocsr()
    n = m.shape[0]
    counts = np.diff(m.indptr)
    cols = np.zeros((n, width), np.int64)
    data = np.zeros((n, width), float_type)
    for i in range(n):
        a, b = m.indptr[i], m.indptr[i + 1]
        cols[i, :b - a] = m.indices[a:b]
        data[i, :b - a] = m.data[a:b]
    assert counts.max() <= width
    return dict(cols=cols, data=data)


class SegmentBlocks:
    def __init__(self, arrays):
        self.a = arrays

    def __matmul__(self, x):
        a = self.a
        terms = a["data"] * x.ravel()[a["cols"]]
        y = jax.ops.segment_sum(terms, a["rows"], num_segments=x.size, indices_are_sorted=True)
        return y.reshape(x.shape)


class EllBlocks:
    def __init__(self, arrays, sum_=jnp.sum):
        self.a, self.sum = arrays, sum_

    def __matmul__(self, x):
        a = self.a
        return self.sum(a["data"] * x.ravel()[a["cols"]], axis=-1).reshape(x.shape)


# ------------------------------------------------------------------ the traced state
class JaxState(State):
    """The state while the week is traced: fields are tracers; helpers are jax's."""

    def per_caseworker(self, citizen_values):
        if self.options["grouped"] == "gather":  # each caseworker's citizens, padded (index past the end: 0)
            flat = jnp.concatenate([citizen_values.ravel().astype(self.float_type), jnp.zeros(1, self.float_type)])
            return self.sum_(flat[self.cw_pad], axis=-1).reshape(self.runs, self.n_staff)
        n = self.runs * self.n_staff
        return jnp.zeros(n, self.float_type).at[self.caseworker_flat.ravel()].add(
            citizen_values.ravel().astype(self.float_type)).reshape(self.runs, self.n_staff)

    def per_unit(self, staff_values):
        if self.options["grouped"] == "gather":  # staff are in unit order, staff_per_unit each
            return self.sum_(staff_values.astype(self.float_type).reshape(self.runs, self.p.units, -1), axis=-1)
        n = self.runs * self.p.units
        return jnp.zeros(n, self.float_type).at[self.unit_flat.ravel()].add(
            staff_values.ravel().astype(self.float_type)).reshape(self.runs, self.p.units)

    def draw(self, stream):
        name, values = self._draws.pop(0)
        assert name == stream.name, (name, stream.name)
        return values

    def replace_leavers(self, left, **newcomer):
        for name, value in newcomer.items():
            setattr(self, name, jnp.where(left, value, getattr(self, name)))


#: How the prototype traces what XLA does not do as numpy does (``--sums``, ``--grouped``,
#: ``--searchsorted``; the sparse products: ``--matmul``).
OPTIONS = dict(sums="xla", grouped="scatter", searchsorted="scan")
STATIC = ("runs", "sizes", "p", "n_staff")
INDEX = ("staff_unit", "caseworker_flat", "home_flat", "unit_flat")
CONST = ("need_cdf", "has_friends", "cross_degree")


class JaxWeek:
    """One compiled week for the runs of a numpy ``Engine`` (whose streams it draws from)."""

    def __init__(self, engine, float_type=np.float64, matmul="segment", ell_width=None, options=None):
        s = engine.state
        self.engine, self.float_type = engine, float_type
        self.options = options = dict(OPTIONS, **(options or {}))
        self.shim = make_shim(float_type, options)
        self.static = {name: getattr(s, name) for name in STATIC}
        c = vars(s.c)
        self.c_fixed = {k: v for k, v in c.items() if not isinstance(v, np.ndarray)}
        if float_type != np.float64:  # numbers that are not float64 constants in the trace
            self.c_fixed = {k: (float_type(v) if isinstance(v, float) else v) for k, v in self.c_fixed.items()}
        const = {"c": {k: v.astype(float_type) for k, v in c.items() if isinstance(v, np.ndarray)}}
        const.update({k: getattr(s, k) for k in INDEX})
        const.update({k: np.asarray(getattr(s, k)).astype(float_type) for k in CONST})
        if matmul == "segment":
            const["cross_unit"] = csr_arrays(s.cross_unit, float_type)
            const["friends_mean"] = csr_arrays(s.friends_mean, float_type)
            self.blocks = SegmentBlocks
        else:
            const["cross_unit"] = ell_arrays(s.cross_unit, float_type, ell_width["cross_unit"])
            const["friends_mean"] = ell_arrays(s.friends_mean, float_type, ell_width["friends_mean"])
            self.blocks = EllBlocks
        for k in ("cross_unit", "friends_mean"):
            const[k].pop("indptr", None)
        if options["grouped"] == "gather":
            assert np.all(np.diff(s.staff_unit) >= 0) and np.all(np.bincount(s.staff_unit) == s.p.staff_per_unit)
            cw = s.caseworker_flat.ravel()
            counts = np.bincount(cw, minlength=s.runs * s.n_staff)
            width = ell_width["caseworker"]
            assert counts.max() <= width
            order = np.argsort(cw, kind="stable")
            starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
            pad = np.full((s.runs * s.n_staff, width), cw.size, np.int64)
            for i in range(s.runs * s.n_staff):
                pad[i, :counts[i]] = order[starts[i]:starts[i] + counts[i]]
            const["cw_pad"] = pad
        self.const = jax.device_put(const)
        self.levers = jax.device_put({where: {k: v.astype(float_type) for k, v in getattr(s, where).items()}
                                      for where in ("lever", "worker_lever", "org_lever")})
        self.dtypes = {name: (float_type if np.dtype(f.dtype).kind == "f" else np.dtype(f.dtype))
                       for name, f in FIELDS.items()}
        self.order = None
        self.jitted = jax.jit(self._week, donate_argnums=(0,))

    def fields_from_numpy(self):
        s = self.engine.state
        return jax.device_put({name: np.asarray(getattr(s, name)).astype(self.dtypes[name]) for name in FIELDS})

    def _state(self, fields, levers, const, week, draws):
        s = JaxState.__new__(JaxState)
        for k, v in self.static.items():
            setattr(s, k, v)
        s.c = types.SimpleNamespace(**self.c_fixed, **const["c"])
        for k in INDEX + CONST:
            setattr(s, k, const[k])
        s.options = self.options
        s.sum_ = tree_sum if self.options["sums"] == "tree" else jnp.sum
        s.cw_pad = const.get("cw_pad")
        extra = (s.sum_,) if self.blocks is EllBlocks else ()
        s.cross_unit = self.blocks(const["cross_unit"], *extra)
        s.friends_mean = self.blocks(const["friends_mean"], *extra)
        s.lever, s.worker_lever, s.org_lever = (Levers(levers[w]) for w in ("lever", "worker_lever", "org_lever"))
        s.week = week
        s.float_type = self.float_type
        s._draws = list(zip(self.order, draws)) if self.order is not None else []
        for name, value in fields.items():
            setattr(s, name, value)
        return s

    def _week(self, fields, levers, const, week, draws):
        s = self._state(fields, levers, const, week, draws)
        with numpy_is_jax(self.shim), array_sums(self.options["sums"]):
            for step in STEPS:
                step(s)
        assert not s._draws
        out = {}
        for name, before in fields.items():
            after = jnp.broadcast_to(getattr(s, name), before.shape)
            out[name] = jax.lax.convert_element_type(after, before.dtype)
        return out

    # the streams drawn in a week, in order: found once by tracing with stand-in draws
    def discover_order(self):
        order = []
        s_np = self.engine.state

        class Recorder(JaxState):
            def draw(self, stream):
                order.append(stream.name)
                n = s_np.sizes[stream.axis]
                return tuple(jnp.zeros((k, s_np.runs, n) if k > 1 else (s_np.runs, n), self_float)
                             for _, k in stream.draws)

        self_float = self.float_type
        base = self

        def fake_week(fields, levers, const, week):
            s = base._state(fields, levers, const, week, [])
            s.__class__ = Recorder
            with numpy_is_jax(base.shim), array_sums(base.options["sums"]):
                for step in STEPS:
                    step(s)
            return 0

        jax.eval_shape(fake_week, self.fields_from_numpy(), self.levers, self.const, jnp.int64(1))
        self.order = order
        return order

    def draws(self):
        """This week's draws, from each run's own numpy streams (what ``State.draw`` gives)."""
        s = self.engine.state
        return [(name, tuple(np.asarray(a, self.float_type) for a in s.draw(STREAMS[name]))) for name in self.order]

    def device_draws(self, draws):
        return jax.device_put([values for _, values in draws])


def run_jax(engine, weeks, float_type=np.float64, matmul="segment", ell_width=None, options=None):
    """``weeks`` jitted weeks from ``engine``'s state; returns (fields, timings)."""
    jw = JaxWeek(engine, float_type, matmul, ell_width, options)
    jw.discover_order()
    fields = jw.fields_from_numpy()
    t = dict(compile=None, draw=0.0, jit=0.0)
    # first call: trace + compile (timed apart, with this week's draws)
    draws = jw.draws()
    t0 = time.perf_counter()
    named = jw.device_draws(draws)
    lowered = jw.jitted.lower(fields, jw.levers, jw.const, np.int64(1), named)
    t1 = time.perf_counter()
    lowered.compile()
    t2 = time.perf_counter()
    t["trace"], t["compile"] = t1 - t0, t2 - t1
    fields = jw.jitted(fields, jw.levers, jw.const, np.int64(1), named)
    jax.block_until_ready(fields)
    t["first_call_total"] = time.perf_counter() - t0
    for week in range(2, weeks + 1):
        t0 = time.perf_counter()
        draws = jw.draws()
        named = jw.device_draws(draws)
        t1 = time.perf_counter()
        fields = jw.jitted(fields, jw.levers, jw.const, np.int64(week), named)
        jax.block_until_ready(fields)
        t2 = time.perf_counter()
        if week > 2:  # week 2 may still warm caches
            t["draw"] += t1 - t0
            t["jit"] += t2 - t1
    t["timed_weeks"] = weeks - 2
    t["cache_size"] = jw.jitted._cache_size()
    t["order"] = jw.order
    return {k: np.asarray(v) for k, v in fields.items()}, t


def numpy_times(seeds, weeks, warm=3):
    scenario = load_scenario("npm")
    e = batch_runs([(scenario, s) for s in seeds])
    e.run(warm)
    t0 = time.perf_counter()
    for _ in range(weeks):
        e.steps += 1
        e.state.week = e.steps
        e.advance()
    advance = (time.perf_counter() - t0) / weeks
    t0 = time.perf_counter()
    e.run(weeks)
    step = (time.perf_counter() - t0) / weeks
    return advance, step


def ell_widths(engine):
    """Padded widths (a batch's widest row; the same widths must be used for a run alone)."""
    s = engine.state
    out = {k: int(np.diff(getattr(s, k).matrix.tocsr().indptr).max()) for k in ("cross_unit", "friends_mean")}
    out["caseworker"] = int(np.bincount(s.caseworker_flat.ravel()).max())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weeks", type=int, default=40, help="weeks timed per measurement")
    ap.add_argument("--gate-weeks", type=int, default=20)
    ap.add_argument("--float32", action="store_true")
    ap.add_argument("--matmul", default="segment", choices=("segment", "ell"))
    ap.add_argument("--skip-numpy", action="store_true")
    ap.add_argument("--sums", default="xla", choices=("xla", "tree"))
    ap.add_argument("--grouped", default="scatter", choices=("scatter", "gather"))
    ap.add_argument("--searchsorted", default="scan", choices=("scan", "compare_all", "sort"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip-gate", action="store_true")
    args = ap.parse_args()
    float_type = np.float32 if args.float32 else np.float64
    seeds = list(range(1, 27))
    scenario = load_scenario("npm")
    options = dict(sums=args.sums, grouped=args.grouped, searchsorted=args.searchsorted)
    result = dict(jax=jax.__version__, xla_flags=os.environ.get("XLA_FLAGS", ""), float=np.dtype(float_type).name, matmul=args.matmul, **options)

    # widths for ELL: the batch's widest row (a run alone must use the same widths)
    widths = ell_widths(batch_runs([(scenario, s) for s in seeds]))
    # 1. numpy and 2. jax, alternated ``--repeat`` times (the other core is busy: take the best)
    times = {}
    for rep in range(args.repeat):
        for label, ss in (("batch26", seeds), ("alone", [1])):
            if not args.skip_numpy:
                adv, step = numpy_times(ss, args.weeks)
                times.setdefault(f"numpy_{label}_advance", []).append(1e3 * adv / len(ss))
                times.setdefault(f"numpy_{label}_step", []).append(1e3 * step / len(ss))
            _, t = run_jax(batch_runs([(scenario, s) for s in ss]), args.weeks + 2, float_type, args.matmul,
                           widths, options)
            per = 1e3 / len(ss) / t["timed_weeks"]
            times.setdefault(f"jax_{label}_jit", []).append(t["jit"] * per)
            times.setdefault(f"jax_{label}_draws", []).append(t["draw"] * per)
            times.setdefault(f"jax_{label}_total", []).append((t["jit"] + t["draw"]) * per)
            for k in ("trace", "compile", "first_call_total", "cache_size"):
                times.setdefault(f"jax_{label}_{k}", []).append(t[k])
            print(rep, label, {k: round(v[-1], 4) for k, v in times.items() if label in k}, flush=True)
    result["ms_per_run_week_min"] = {k: min(v) for k, v in times.items()}
    result["ms_per_run_week_median"] = {k: float(np.median(v)) for k, v in times.items()}
    result["all"] = times
    result["streams_in_order"] = t["order"]

    # 3. gates after gate-weeks: jax batch 26 vs jax alone (bit for bit), and vs numpy
    gw = args.gate_weeks
    if args.skip_gate:
        print(json.dumps(result, indent=1, default=str))
        return
    fb, _ = run_jax(batch_runs([(scenario, s) for s in seeds]), gw, float_type, args.matmul, widths, options)
    ref = batch_runs([(scenario, s) for s in seeds]).run(gw)
    gate = {}
    for k in (0, 7, 25):
        fa, _ = run_jax(batch_runs([(scenario, seeds[k])]), gw, float_type, args.matmul, widths, options)
        differ = [n for n in FIELDS if not np.array_equal(fb[n][k], fa[n][0], equal_nan=True)]
        gate[f"run{k}"] = differ
        print(f"run {k}: fields differing batch vs alone:", differ, flush=True)
    result["batch_vs_alone_fields_differing"] = gate
    worst = {}
    for n in FIELDS:
        a, b = np.asarray(getattr(ref.state, n), dtype=float), fb[n].astype(float)
        d = np.nanmax(np.abs(a - b)) if a.size else 0.0
        if np.isnan(a).sum() != np.isnan(b).sum():
            d = float("inf")
        worst[n] = float(d)
    top = sorted(worst.items(), key=lambda kv: -kv[1])[:8]
    result["vs_numpy_max_abs_diff"] = top[0][1]
    result["vs_numpy_top_fields"] = top
    result["vs_numpy_fields_identical"] = sum(1 for v in worst.values() if v == 0)
    result["fields"] = len(FIELDS)
    print("vs numpy largest |diff|:", top, flush=True)
    print(json.dumps(result, indent=1, default=str))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1, default=str)


if __name__ == "__main__":
    main()
