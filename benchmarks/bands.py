"""Which NPM, in which kind of service? Both NPM presets against trust over every kind of
public service: `npm` (the Swedish bundle: many indicators, incentive pay, documentation,
control) and `targets` (NPM as the studies evaluated it: few indicators, hard targets with
publicity and sanctions, control audits, no individual pay). Each pair runs
`steersim robustness A trust --vary behaviour,coefficient,services --samples 200`
(behaviour and coefficients within their plausible ranges, the work from social work to a
waiting-time target), and the win shares are given per band of measurability with 95%
Wilson CIs: a pooled share would only weigh the bands by an assumed mix of services.

    python benchmarks/bands.py            # about 10 minutes on two cores
    python benchmarks/bands.py --update-readme   # rewrite the README's block from bands.json

Writes benchmarks/bands.json (the model's fingerprint and, per preset, the shares);
tests/test_benchmarks.py checks it names today's model and that the README shows it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent / "bands.json"
README = ROOT / "README.md"
PRESETS = ("npm", "targets")
SAMPLES = 200
START, END = "<!-- readme:bands (benchmarks/bands.py --update-readme) -->", "<!-- /readme:bands -->"


def measure(workers: int = 2) -> dict:
    from sim import api
    from sim.model.fingerprint import fingerprint
    started, shares = time.time(), {}
    with tempfile.TemporaryDirectory() as tmp:
        for preset in PRESETS:
            result = api.robustness(preset, "trust", samples=SAMPLES, vary=["behaviour", "coefficient", "services"],
                                    metrics=["service_quality"], out=Path(tmp) / preset, workers=workers,
                                    progress=False)
            summary = result.summary("service_quality")
            # the preset's wins, not trust's: 1 - trust's share, CI mirrored
            shares[preset] = {"worlds": summary["worlds"], "pooled": 1 - summary["share"],
                              "bands": [{"low": r["low"], "high": r["high"], "worlds": r["worlds"],
                                         "share": 1 - r["share"], "ci95": [1 - r["ci95"][1], 1 - r["ci95"][0]]}
                                        for r in summary["by_measurability"]]}
            print(preset, json.dumps(shares[preset]), flush=True)
    return {"model": fingerprint(), "samples": SAMPLES, "seconds": round(time.time() - started),
            "command": "steersim robustness PRESET trust --vary behaviour,coefficient,services --samples 200",
            "presets": shares}


def block(data: dict) -> str:
    """The README's table: each NPM preset's share of worlds where it beats trust, per band."""
    bands = data["presets"][PRESETS[0]]["bands"]
    head = "| measurability of the work | " + " | ".join(f"{b['low']:g}-{b['high']:g}" for b in bands) + " |"
    lines = [head, "|---|" + "---|" * len(bands)]
    for preset in PRESETS:
        cells = [f"{100 * b['share']:.0f}% [{100 * b['ci95'][0]:.0f}-{100 * b['ci95'][1]:.0f}], n={b['worlds']}"
                 for b in data["presets"][preset]["bands"]]
        lines.append(f"| `{preset}` beats `trust` | " + " | ".join(cells) + " |")
    return f"{START}\n" + "\n".join(lines) + f"\n\nModel `{data['model']}`, {data['samples']} worlds per preset " \
        f"(`{data['command']}`).\n{END}"


def committed() -> str | None:
    m = re.search(re.escape(START) + ".*?" + re.escape(END), README.read_text(encoding="utf-8"), re.S)
    return m.group(0) if m else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-readme", action="store_true", help="only rewrite the README's block")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.update_readme:
        OUT.write_text(json.dumps(measure(args.workers), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    old = committed()
    if old is None:
        raise SystemExit(f"{README}: no {START} marker")
    README.write_text(README.read_text(encoding="utf-8").replace(old, block(json.loads(OUT.read_text()))),
                      encoding="utf-8")
    print(f"updated the bands in {README}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
