"""Agent-steps per second: SteeringModel at 1x, 10x and 100x the default size, and the
batched engine at the default size (a batch of runs, as sweeps run them), next to
Mesa's bundled Boltzmann wealth example at the same agent counts, in the same run.

    .venv/bin/python benchmarks/speed.py            # 1x, 10x, 100x
    .venv/bin/python benchmarks/speed.py --million  # also a 1,000,000-citizen organisation

The organisation grows as a whole (citizens, units and staff together) so that the
caseload per worker, and so the work per agent, stays the same.
"""

from __future__ import annotations

import argparse
import resource
import time
import warnings

from sim import SteeringModel


def steering(scale: int, steps: int):
    t0 = time.perf_counter()
    model = SteeringModel(rng=1, units=20 * scale, citizens=2000 * scale)
    build = time.perf_counter() - t0
    model.step()  # warm-up
    t0 = time.perf_counter()
    model.run(steps)
    per_step = (time.perf_counter() - t0) / steps
    n = len(model.agents)
    model.remove_all_agents()
    return n, build, per_step


def batched(steps: int):
    """A batch of default-size runs (``batch_size`` of them) advanced together: (agents
    per run, runs, seconds per week of the whole batch)."""
    from sim.inputs.scenario import load_scenario
    from sim.model.batching import batch_runs, batch_size
    scenario = load_scenario("npm")
    runs = batch_size(SteeringModel.from_scenario(scenario, 1).p)
    engine = batch_runs([(scenario, seed) for seed in range(1, runs + 1)], record_units=False)
    engine.step()  # warm-up
    t0 = time.perf_counter()
    engine.run(steps)
    per_step = (time.perf_counter() - t0) / steps
    p = engine.p
    agents = p.politicians + p.units * (p.staff_per_unit + 1) + p.citizens
    return agents, runs, per_step, reading_cost(engine, steps)


def reading_cost(engine, steps: int) -> float:
    """Seconds per run-week of the honest indicator reading alone (the split reading of
    ``sim.mechanisms.measurement.reading``), on the batch's own scores and noise."""
    import numpy as np

    from sim.mechanisms.measurement import reading
    state = engine.state
    score, noise = state.measured_score, state.at_worker(state.indicator_noise)
    draw = np.random.default_rng(1).random(score.shape)
    t0 = time.perf_counter()
    for _ in range(steps):
        reading(measured_score=score, noise=noise, draw=draw)
    return (time.perf_counter() - t0) / steps / score.shape[0]


def boltzmann(n: int, steps: int):
    warnings.filterwarnings("ignore")
    from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannScenario, BoltzmannWealth
    side = max(10, int((n / 2) ** 0.5))
    model = BoltzmannWealth(BoltzmannScenario(n=n, width=side, height=side, rng=1))
    model.step()
    t0 = time.perf_counter()
    for _ in range(steps):
        model.step()
    per_step = (time.perf_counter() - t0) / steps
    model.remove_all_agents()
    return per_step


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--million", action="store_true", help="also run 1,000,000 citizens")
    args = parser.parse_args()
    print(f"{'size':>6} {'agents':>9} {'steersim agent-steps/s':>24} {'Boltzmann agent-steps/s':>25} {'ratio':>7}")
    for scale, steps, b_steps in ((1, 300, 50), (10, 60, 10), (100, 10, 3)):
        n, build, per_step = steering(scale, steps)
        b = boltzmann(n, b_steps)
        print(f"{scale:>5}x {n:>9,} {n / per_step:>24,.0f} {n / b:>25,.0f} {b / per_step:>6.1f}x"
              f"   (steersim: build {build:.2f} s, {per_step * 1e3:.2f} ms/week)")
    agents, runs, per_step, reading = batched(100)
    b = boltzmann(agents, 50)
    print(f"batched: {runs} runs of {agents:,} agents, {per_step * 1e3:.1f} ms/week for the batch "
          f"({per_step * 1e3 / runs:.3f} ms per run-week): {runs * agents / per_step:,.0f} agent-steps/s, "
          f"{b * runs / per_step:.1f}x Boltzmann at {agents:,} agents ({agents / b:,.0f} agent-steps/s)")
    # 50 times Boltzmann's agent-steps per second leaves this long for a run's whole week
    print(f"the honest indicator reading alone: {reading * 1e3:.3f} ms per run-week; 50x Boltzmann "
          f"would leave {b / 50 * 1e3:.3f} ms per run-week for everything")
    if args.million:
        n, build, per_step = steering(500, 5)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
        print(f"1,000,000 citizens: {n:,} agents, build {build:.1f} s, {per_step:.2f} s/week, "
              f"{n / per_step:,.0f} agent-steps/s, peak memory {rss:.1f} GB")


if __name__ == "__main__":
    main()
