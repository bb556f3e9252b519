"""How robust is each verdict of the study library? Re-runs every shipped study:

    as published       each study's own setting, seeds 1-10
    half_horizon       every week of the study's timeline halved (the change's start,
    double_horizon     the follow-up, a programme's end, each outcome's window and a
                       check's windows), or doubled
    half_organisation  half or double the units, and the citizens with them (the staff
    double_organisation per unit and each unit's caseload are kept)

and writes benchmarks/replication.csv (a row per study, outcome and variant),
replication_checks.csv (the pattern checks) and replication.json (the model's
fingerprint, what ran, how long, and per study whether its verdict flips across the
variants: 'fragile'), and the as-published forest plot, docs/img/replication_forest.png.
tests/test_benchmarks.py checks the committed output names today's model;
docs/replication.md's table is rendered from it (python tools/replication_doc.py
--update) and marks the fragile verdicts.

    python benchmarks/replication.py            # about 40 minutes on two cores
    python benchmarks/replication.py --quick    # two studies, three seeds: a smoke run
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: The variants: (name, factor on the timeline, factor on the organisation).
VARIANTS = (("as_published", 1.0, 1.0), ("half_horizon", 0.5, 1.0), ("double_horizon", 2.0, 1.0),
            ("half_organisation", 1.0, 0.5), ("double_organisation", 1.0, 2.0))
SEEDS = range(1, 11)


def _weeks(value: int, factor: float, first: int = 1) -> int:
    return max(first, int(round(value * factor)))


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"


def to_toml(data: dict) -> str:
    """A study file's data as TOML (scalars, tables of inline values, arrays of tables)."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, (dict, list))]
    for name, table in data.items():
        if isinstance(table, dict):
            lines += ["", f"[{name}]"] + [f"{k} = {_toml_value(v)}" for k, v in table.items()]
        elif isinstance(table, list) and table and isinstance(table[0], dict):
            for item in table:
                lines += ["", f"[[{name}]]"] + [f"{k} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


def variant_text(path: Path, time_factor: float, size_factor: float) -> str:
    """The study file at ``path`` with its timeline and organisation scaled, as TOML."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if time_factor != 1.0:
        treatment, run = data["treatment"], data["run"]
        if treatment.get("week", 1) > 1:
            treatment["week"] = _weeks(treatment["week"], time_factor, 27 if any(
                c.get("kind") == "quartiles" for c in data.get("checks", [])) else 2)
        run["follow"] = _weeks(run["follow"], time_factor, 2)
        if "until" in treatment:
            treatment["until"] = min(_weeks(treatment["until"], time_factor, 2), run["follow"])
        for item in data.get("outcomes", []) + data.get("checks", []):
            for key in ("window", "early", "late"):
                if key in item:
                    low, high = (min(_weeks(w, time_factor), run["follow"]) for w in item[key])
                    item[key] = [low, max(low, high)]
    if size_factor != 1.0:
        from sim.inputs.schema import INPUTS
        setting = data.setdefault("setting", {})
        for name in ("units", "citizens"):
            given = setting.get(name, {}).get("value", INPUTS[name].default)
            setting[name] = {"value": max(2, int(round(given * size_factor))),
                             "source": f"the benchmark's {size_factor:g} x organisation"}
    return to_toml(data)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="two studies, three seeds (not written)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    from sim.execution.executor import Executor
    from sim.inputs.study import load_study, studies_dir, study_names
    from sim.model.fingerprint import fingerprint
    from sim.report.replication_report import checks_frame, frame, plot
    from sim.science.replication import replicate_study

    names = ["propper_2010", "glewwe_2010"] if args.quick else study_names()
    seeds = range(1, 4) if args.quick else SEEDS
    executor = Executor(args.workers)
    rows, checks, published, started, timing = [], [], [], time.time(), {}
    with tempfile.TemporaryDirectory() as tmp:
        for variant, time_factor, size_factor in VARIANTS:
            t0 = time.time()
            for name in names:
                path = Path(tmp) / f"{name}.toml"
                path.write_text(variant_text(studies_dir() / f"{name}.toml", time_factor, size_factor),
                                encoding="utf-8")
                result = replicate_study(load_study(path), seeds, executor)
                if variant == "as_published":
                    published.append(result)
                rows.append(frame([result]).assign(variant=variant))
                checks.append(checks_frame([result]).assign(variant=variant))
                print(f"{variant:<20} {name:<26} {result.verdict}", flush=True)
            timing[variant] = round(time.time() - t0, 1)
    table = pd.concat(rows, ignore_index=True)
    check_table = pd.concat(checks, ignore_index=True)
    verdicts = table.groupby(["study", "variant"])["study_verdict"].first().unstack("variant")
    fragile = {study: sorted(set(v.dropna())) for study, v in verdicts.iterrows() if v.dropna().nunique() > 1}
    summary = {
        "model": fingerprint(), "seeds": [seeds.start, seeds.stop - 1], "variants": [v[0] for v in VARIANTS],
        "seconds": timing, "total_seconds": round(time.time() - started, 1),
        "verdicts": {study: v.dropna().to_dict() for study, v in verdicts.iterrows()},
        "fragile": fragile,
    }
    print(json.dumps({"fragile": fragile, "seconds": timing}, indent=1))
    if args.quick:
        return 0
    out = Path(__file__).resolve().parent
    table.to_csv(out / "replication.csv", index=False)
    check_table.to_csv(out / "replication_checks.csv", index=False)
    (out / "replication.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    plot(published, ROOT / "docs" / "img" / "replication_forest.png")  # the figure docs/replication.md shows
    print(f"wrote {out / 'replication.csv'}, replication_checks.csv and replication.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
