"""docs/replication.md's tables, rendered from the committed replication benchmark
(benchmarks/replication.csv, replication_checks.csv and replication.json), so the page
shows what the model did and not what someone typed.

    python tools/replication_doc.py --update   # rewrite the tables between the markers
    python tools/replication_doc.py --check    # say whether they are stale (tests/test_docs.py)

Run the benchmark first when the model changes (python benchmarks/replication.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "replication.md"
BENCH = ROOT / "benchmarks"
START, END = "<!-- replication:tables (tools/replication_doc.py --update) -->", "<!-- /replication:tables -->"
VARIANT_NAMES = {"as_published": "as published", "half_horizon": "½ time", "double_horizon": "2× time",
                 "half_organisation": "½ size", "double_organisation": "2× size"}


def _number(x: float) -> str:
    if pd.isna(x):
        return "-"
    return f"{x:+.3g}" if abs(x) >= 1e-3 or x == 0 else f"{x:+.2e}"


def render() -> str:
    summary = json.loads((BENCH / "replication.json").read_text(encoding="utf-8"))
    table = pd.read_csv(BENCH / "replication.csv", keep_default_na=False, na_values=[""])
    checks = pd.read_csv(BENCH / "replication_checks.csv", keep_default_na=False, na_values=[""])
    variants = summary["variants"]
    lines = [f"Model `{summary['model']}`, seeds {summary['seeds'][0]}-{summary['seeds'][1]}; "
             f"{summary['total_seconds'] / 60:.0f} minutes on two cores for all five variants.", "",
             "**Studies.** The verdict as published, and in each variant (½ or 2× every week of the timeline; "
             "½ or 2× the units and citizens). *Fragile*: the verdict changes in some variant.", "",
             "| study | role | " + " | ".join(VARIANT_NAMES[v] for v in variants) + " | |",
             "|---|---|" + "---|" * len(variants) + "---|"]
    for study, verdicts in summary["verdicts"].items():
        role = table.loc[table["study"] == study, "role"].iloc[0]
        cells = [verdicts.get(v, "-") for v in variants]
        lines.append(f"| {study} | {role} | " + " | ".join(cells) + " | "
                     + ("**fragile**" if study in summary["fragile"] else "") + " |")
    published = table[table["variant"] == "as_published"]
    lines += ["", "**Outcomes, as published.** The published effect in the study's units, the model's mean and "
              "95% CI over seeds in the same units, and the verdict.", "",
              "| study | outcome | measure | published | model [95% CI] | verdict |", "|---|---|---|---|---|---|"]
    for r in published.itertuples(index=False):
        model = "-" if pd.isna(r.model_mean) else \
            f"{_number(r.model_mean)} [{_number(r.model_low)}, {_number(r.model_high)}]"
        lines.append(f"| {r.study} | {r.outcome} | {r.measure} | {r.published} | {model} | {r.verdict} |")
    as_published = checks[checks["variant"] == "as_published"]
    lines += ["", "**Pattern checks, written before the runs.**", "",
              "| study | check | holds | detail |", "|---|---|---|---|"]
    for r in as_published.itertuples(index=False):
        lines.append(f"| {r.study} | {r.what} | {'yes' if r.holds else 'no'} | {r.detail} |")
    return "\n".join(lines)


def block() -> str:
    return f"{START}\n{render()}\n{END}"


def committed() -> str | None:
    m = re.search(re.escape(START) + ".*?" + re.escape(END), DOC.read_text(encoding="utf-8"), re.S)
    return m.group(0) if m else None


def main(argv: list[str]) -> int:
    if "--update" in argv:
        text = DOC.read_text(encoding="utf-8")
        old = committed()
        if old is None:
            raise SystemExit(f"{DOC}: no {START} marker")
        DOC.write_text(text.replace(old, block()), encoding="utf-8")
        print(f"updated the tables in {DOC}")
        return 0
    fresh = committed() == block()
    print("docs/replication.md is up to date" if fresh else
          "docs/replication.md is stale: python tools/replication_doc.py --update")
    return 0 if fresh else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
