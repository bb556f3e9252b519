"""Scenario discovery with the EMA Workbench: under which behavioural assumptions does
trust-based steering fail to beat NPM?

steersim's pure entry point (``sim.api.evaluate``: inputs and a seed in, outcome
summaries out) is the EMA model function. Uncertainties are the behaviour inputs;
the outcome is trust's quality advantage over NPM on the same seed (common random
numbers). PRIM then finds the box of assumptions where the advantage is smallest.

    .venv/bin/python experiments/ema_prim.py --experiments 200
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from ema_workbench import Constant, Model, ScalarOutcome, perform_experiments
from ema_workbench.analysis import prim

from sim.api import evaluate
from sim.inputs.adapters import ema_parameters

#: The behavioural uncertainties sampled, each over its plausible range in the input
#: registry (``steersim list``), and the measurability of the work.
UNCERTAIN = ("low_motivation_share", "crowding_sensitivity", "trust_loss_ratio", "professional_bias",
             "gaming_propensity", "measurability")


def trust_advantage(low_motivation_share=0.2, crowding_sensitivity=1.0, trust_loss_ratio=3.0,
                    professional_bias=0.3, gaming_propensity=0.5, measurability=0.4,
                    steps=260, seed=1):
    """Service quality under trust minus under NPM, same seed and assumptions."""
    assumptions = dict(low_motivation_share=low_motivation_share,
                       crowding_sensitivity=crowding_sensitivity, trust_loss_ratio=trust_loss_ratio,
                       professional_bias=professional_bias, gaming_propensity=gaming_propensity,
                       measurability=measurability)
    window = min(52, steps)
    npm = evaluate(seed=seed, steps=steps, window=window, scenario="npm", **assumptions)
    trust = evaluate(seed=seed, steps=steps, window=window, scenario="trust", **assumptions)
    return {"trust_advantage": trust["service_quality"] - npm["service_quality"],
            "npm_quality": npm["service_quality"], "trust_quality": trust["service_quality"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--experiments", type=int, default=200)
    parser.add_argument("--steps", type=int, default=260)
    parser.add_argument("--out", default="results/ema_prim")
    args = parser.parse_args()

    model = Model("steersim", function=trust_advantage)
    model.uncertainties = ema_parameters(UNCERTAIN)
    model.constants = [Constant("steps", args.steps)]
    model.outcomes = [ScalarOutcome("trust_advantage"), ScalarOutcome("npm_quality"),
                      ScalarOutcome("trust_quality")]

    experiments, outcomes = perform_experiments(model, scenarios=args.experiments,
                                                log_progress=False)
    x = experiments[[u.name for u in model.uncertainties]]
    advantage = outcomes["trust_advantage"]
    # cases of interest: the quarter of worlds where trust's advantage is smallest
    y = advantage <= sorted(advantage)[len(advantage) // 4]
    finder = prim.Prim(x, y, peel_alpha=0.1)
    box = finder.find_box()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    figure = box.show_tradeoff()
    figure.savefig(out / "prim_tradeoff.png", dpi=100)
    print(f"PRIM over {len(x)} experiments: where trust's quality advantage over NPM is smallest")
    print(f"trust advantage: min {advantage.min():+.3f}, median {sorted(advantage)[len(advantage) // 2]:+.3f}, "
          f"max {advantage.max():+.3f}")
    box.inspect()  # coverage, density and the limits of the box found
    print(f"figure: {out / 'prim_tradeoff.png'}")


if __name__ == "__main__":
    main()
