"""Write experiments/screen_every_input.toml from the input registry: a Morris screening of
every uncertain input (the features of the work a robustness analysis samples, behaviour
inputs and coefficients) over its plausible range, on the npm organisation, so the file always lists exactly what ``steersim list`` calls uncertain.

    python tools/screen_experiment.py --update   # rewrite the file
    python tools/screen_experiment.py --check    # say whether it is stale (tests/test_docs.py)

The file is data like any experiment: copy it, drop the inputs you do not want screened,
narrow a range, change the scenario.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "experiments" / "screen_every_input.toml"
#: Morris trajectories: each costs one run per input and one more.
TRAJECTORIES = 10

HEADER = '''# Which of the model's {k} uncertain inputs move its answers at all? A Morris screening
# (elementary effects, SALib) of every uncertain input (features of the work, behaviour
# inputs, coefficients) over its plausible range, on the npm organisation: {r} trajectories x ({k} + 1) points = {runs:,} runs of
# five years. Written by tools/screen_experiment.py from the input registry (a test keeps
# it in step); time on two cores in benchmarks/README.md.
#   steersim sweep experiments/screen_every_input.toml
#   steersim analyse results/sweeps/screen_every_input
# mu_star ranks the inputs by how much they move each metric; sigma says how far that
# depends on the other inputs. Take what stands out into a Sobol design (see
# which_levers_matter.toml) or into `steersim robustness --vary NAME,...`.
name = "screen_every_input"
description = "Morris screening of every uncertain input, npm organisation"
scenario = "npm"
design = "morris"
samples = {r}
replicates = 1
steps = 260
window = 52
metrics = ["service_quality", "admin_share", "citizen_trust", "staff_motivation"]

[vary]
'''


def screened() -> list[str]:
    """Every uncertain input that can act on the npm organisation (the market's
    coefficients cannot: it has no market)."""
    from sim.inputs.scenario import load_scenario
    from sim.inputs.schema import UNCERTAINTIES
    from sim.science.robustness import acting
    return acting(UNCERTAINTIES, [load_scenario("npm")])


def render() -> str:
    from sim.inputs.schema import INPUTS
    names = screened()

    def number(value, kind) -> str:
        return str(int(value)) if kind is int else repr(float(value))
    lines = [HEADER.format(k=len(names), r=TRAJECTORIES, runs=TRAJECTORIES * (len(names) + 1))]
    for name in names:
        spec = INPUTS[name]
        low, high = spec.plausible
        lines.append(f"{name} = {{ low = {number(low, spec.kind)}, high = {number(high, spec.kind)} }}\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--update" in argv:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET}")
        return 0
    stale = not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text
    print(f"{TARGET.name} is {'stale: run python tools/screen_experiment.py --update' if stale else 'up to date'}")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
