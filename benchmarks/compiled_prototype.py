"""Issue 27's compiled week, measured before choosing: the same mechanism source run by
numpy (today), compiled by Numba, and traced by JAX, on the same batch.

No second copy of the model: each compiled variant is built from the model's own function
objects (their code, with the module's helpers and ``np`` swapped for compiled ones), so what
is timed is exactly the mechanism as written. Two slices of a week, at the default size in a
batch of 26 runs (52,000 citizens), where the time goes today:

    arrive   citizens' needs this week (inverse transform, a split within the bin)
    react    citizens update satisfaction and trust from their case, then talk (a sparse
             product over each run's small-world network)

For each: microseconds per call (median of repeated calls after a warm-up), the compile or
trace time of the first call, and whether the result equals numpy's bit for bit
(``np.array_equal``), or else the largest difference.

    pip install numba jax        # not part of steersim's requirements
    python benchmarks/compiled_prototype.py     # about a minute; writes compiled_prototype.json

``react`` multiplies by the friends' matrix with ``@``; Numba cannot dispatch ``@`` to a
compiled sparse type (a jitclass cannot define ``__matmul__``), so for Numba the talk's product
is timed as a compiled CSR kernel that sums each row in scipy's order, and ``react`` itself is
not compiled. JAX's sparse BCOO matrix supports ``@`` as written.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import types
from collections import namedtuple
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent / "compiled_prototype.json"


def timed(call, repeats: int = 50) -> float:
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def first_call(call) -> tuple[float, object]:
    start = time.perf_counter()
    out = call()
    return time.perf_counter() - start, out


def same(a, b) -> dict:
    a, b = np.asarray(a), np.asarray(b)
    equal = bool(np.array_equal(a, b))
    diff = 0.0 if equal else float(np.max(np.abs(a.astype(float) - b.astype(float))))
    return {"bit_for_bit": equal, "largest_difference": diff}


def batch_inputs():
    """A default npm batch of 26 runs, a few weeks past its burn-in: the arrays and inputs
    the two slices read, as the week plan hands them over."""
    from sim.inputs.scenario import load_scenario
    from sim.mechanisms import citizens
    from sim.model.batching import batch_runs
    engine = batch_runs([(load_scenario("npm"), seed) for seed in range(1, 27)])
    engine.run(4)
    s = engine.state
    rng = np.random.default_rng(7)
    take_up = citizens.take_up_probability(
        burden_of_unit=s.at_home_unit(citizens.burden(documentation_hours=s.documentation_in_force,
                                                      rules_in_force=s.rules_in_force, c=s.c)),
        resources=s.resources, c=s.c)
    return s, {"need_cdf": s.need_cdf, "complex_share": float(s.c.complex_share), "take_up": take_up,
               "draw": rng.random(take_up.shape)}, {
        "satisfaction": s.satisfaction.copy(), "trust": s.trust.copy(),
        "served": (s.cases > 0).astype(float), "unmet": s.unmet.astype(float),
        "received": np.clip(rng.normal(0.8, 0.1, s.trust.shape), 0, 1), "has_friends": s.has_friends,
        "up": float(s.c.trust_gain), "loss_ratio": float(s.c.trust_loss_ratio)}


REACT_INPUTS = ("satisfaction_adjust", "unmet_dissatisfaction", "expectation", "expectation_band",
                "unmet_distrust", "trust_reversion", "generalised_trust", "talk_weight")


def rebuilt(function, **swapped):
    """``function``'s own code with some of its module's globals swapped."""
    return types.FunctionType(function.__code__, {**function.__globals__, **swapped}, function.__name__)


def main() -> int:
    import numba

    from sim.mechanisms import citizens, trust
    s, needs, react_in = batch_inputs()
    Inputs = namedtuple("Inputs", REACT_INPUTS)
    c = Inputs(*(float(getattr(s.c, name)) for name in REACT_INPUTS))
    friends = s.friends_mean
    result: dict = {"batch": f"{s.runs} runs x {s.trust.shape[1]} citizens", "numba": numba.__version__}

    # ---------------------------------------------------------------- numpy (the model today)
    arrive_np = lambda: citizens.arrive(**needs)
    react_np = lambda: citizens.react(friends_mean=friends, c=c, **react_in)
    talk_np = lambda: friends @ react_in["trust"]
    reference = {"arrive": arrive_np(), "react": react_np(), "talk": talk_np()}
    result["numpy"] = {"arrive_us": timed(arrive_np), "react_us": timed(react_np), "talk_us": timed(talk_np)}

    # ---------------------------------------------------------------- Numba, from the same source
    nb_arrive = numba.njit(citizens.arrive)
    flat = friends.matrix
    data, indices, indptr = flat.data, flat.indices.astype(np.int64), flat.indptr.astype(np.int64)

    @numba.njit
    def csr_talk(data, indices, indptr, values):
        x = values.ravel()
        out = np.empty_like(x)
        for row in range(len(indptr) - 1):
            total = 0.0
            for k in range(indptr[row], indptr[row + 1]):
                total += data[k] * x[indices[k]]
            out[row] = total
        return out.reshape(values.shape)

    # react itself multiplies with @, which Numba cannot dispatch to a sparse type: it would
    # need a named helper for the product (one line of react); timed here are arrive and the
    # talk's product as a compiled CSR kernel, summing each row in scipy's order
    talk_nb = lambda: csr_talk(data, indices, indptr, react_in["trust"])
    compile_talk, out_talk = first_call(talk_nb)
    result["numba"] = {"talk_us": timed(talk_nb), "talk_compile_s": compile_talk,
                       "talk_same": same(out_talk, reference["talk"])}
    try:
        compile_arrive, out_arrive = first_call(lambda: nb_arrive(**needs))
        result["numba"].update(arrive_us=timed(lambda: nb_arrive(**needs)), arrive_compile_s=compile_arrive,
                               arrive_same=[same(a, b) for a, b in zip(out_arrive, reference["arrive"])])
    except Exception as error:  # the mechanism as written is outside what Numba compiles
        result["numba"]["arrive_error"] = " ".join(str(error).split())[:400]

    # ---------------------------------------------------------------- JAX, from the same source
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    from jax.experimental import sparse as jsparse

    def jx_clip(values, low, high):
        return jnp.minimum(jnp.maximum(values, low), high)
    jx_update = rebuilt(trust.asymmetric_update, clip=jx_clip)
    jx_arrive = jax.jit(rebuilt(citizens.arrive, np=jnp))
    jx_react = rebuilt(citizens.react, np=jnp, clip=jx_clip, asymmetric_update=jx_update)
    jx_friends = jsparse.BCOO.from_scipy_sparse(flat)

    class BlockMatrix:  # RunBlocks' @ over the flattened batch, for a traced array
        def __init__(self, matrix):
            self.matrix = matrix

        def __matmul__(self, x):
            return (self.matrix @ x.ravel()).reshape(x.shape)
    block = BlockMatrix(jx_friends)
    jx_needs = {k: (jnp.asarray(v) if isinstance(v, np.ndarray) else v) for k, v in needs.items()}
    jx_in = {k: (jnp.asarray(v) if isinstance(v, np.ndarray) else v) for k, v in react_in.items()}
    traced = jax.jit(lambda arrays: jx_react(friends_mean=block, c=c, **arrays))
    compile_arrive, out_arrive = first_call(lambda: jax.block_until_ready(jx_arrive(**jx_needs)))
    compile_react, out_react = first_call(lambda: jax.block_until_ready(traced(jx_in)))
    result["jax"] = {"version": jax.__version__,
                     "arrive_us": timed(lambda: jax.block_until_ready(jx_arrive(**jx_needs))),
                     "react_us": timed(lambda: jax.block_until_ready(traced(jx_in))),
                     "compile_s": compile_arrive + compile_react,
                     "arrive_same": [same(np.asarray(a), b) for a, b in zip(out_arrive, reference["arrive"])],
                     "react_same": [same(np.asarray(a), b) for a, b in zip(out_react, reference["react"])]}

    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
