"""The reference tables of docs/ODD.md, generated from the code so they cannot drift:
every state variable, every input (organisation, regime, behaviour, and each
mechanism's coefficients) with its default, unit, allowed and plausible ranges and
source, and every outcome. Each sits between ``<!-- reference:NAME -->`` markers;
``python -m sim.report.reference --update`` rewrites them and a test checks them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sim.inputs.schema import SPEC_LIST
from sim.inputs.spec import fmt
from sim.mechanisms import MODULES
from sim.model import anatomy, plan
from sim.model.fields import AXES
from sim.model.levers import NAMES as LEVER_NAMES
from sim.model.metrics import METRICS
from sim.model.state import FIELDS

ODD = Path(__file__).resolve().parents[2] / "docs" / "ODD.md"


def _cell(text) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def _inputs(specs) -> str:
    rows = ["| input | default | unit | allowed | plausible | meaning | source |", "|---|---|---|---|---|---|---|"]
    for s in specs:
        allowed = ", ".join(s.choices) if s.choices else f"{fmt(s.low)}-{fmt(s.high)}"
        plausible = f"{fmt(s.plausible[0])}-{fmt(s.plausible[1])}" if s.uncertain and s.plausible else ""
        rows.append(f"| `{s.name}` | {fmt(s.default) if not isinstance(s.default, str) else s.default} | "
                    f"{_cell(s.unit)} | {allowed} | {plausible} | {_cell(s.doc)} | {_cell(s.source)} |")
    return "\n".join(rows)


def blocks() -> dict[str, str]:
    out = {}
    rows = ["| table | variable | one per | owner | meaning | at the start |", "|---|---|---|---|---|---|"]
    for table in dict.fromkeys(field.table for field in FIELDS.values()):
        rows += [f"| {table} | `{f.name}` | {AXES[f.axis][1].removeprefix('one ').removeprefix('per ')} | "
                 f"{f.owner} | {_cell(f.doc)} | {'drawn or built' if f.start is None else fmt(f.start)} |"
                 for f in FIELDS.values() if f.table == table]
    out["state"] = "\n".join(rows)
    rows = ["| step | phase | mechanism step | what it does |", "|---|---|---|---|"]
    rows += [f"| {number} | {phase} | `{step}` | {_cell(what)} |" for number, phase, step, what in plan.rows()]
    out["week"] = "\n".join(rows)
    rows = ["| lever | read by | read in force (after a lag, or with the board's drift) by |", "|---|---|---|"]
    rows += [f"| `{lever}` | {', '.join(anatomy.readers(lever))} | {', '.join(anatomy.readers_in_force(lever))} |"
             for lever in LEVER_NAMES]
    out["lever-readers"] = "\n".join(rows)
    for group in ("organisation", "regime", "behaviour"):
        out[f"inputs-{group}"] = _inputs([s for s in SPEC_LIST if s.group == group])
    for module in MODULES:
        out[f"coefficients-{module}"] = _inputs([s for s in SPEC_LIST if s.mechanism == module])
    rows = ["| outcome | unit | meaning |", "|---|---|---|"]
    rows += [f"| `{m.name}` | {_cell(m.unit)} | {_cell(m.doc)} |" for m in METRICS.values()]
    out["outcomes"] = "\n".join(rows)
    return out


def section(text: str, name: str) -> str | None:
    m = re.search(rf"<!-- reference:{re.escape(name)} -->\n(.*?)<!-- /reference:{re.escape(name)} -->", text, re.S)
    return m.group(1).removesuffix("\n") if m else None


def update(text: str) -> str:
    for name, block in blocks().items():
        start, end = f"<!-- reference:{name} -->", f"<!-- /reference:{name} -->"
        pattern = re.compile(rf"({re.escape(start)}\n).*?({re.escape(end)})", re.S)
        if not pattern.search(text):
            raise SystemExit(f"docs/ODD.md has no markers for '{name}'")
        text = pattern.sub(lambda m: m.group(1) + block + "\n" + m.group(2), text)  # noqa: B023 (used at once)
    return text


if __name__ == "__main__":
    if "--update" in sys.argv:
        ODD.write_text(update(ODD.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated the reference tables in {ODD}")
    else:
        for name, block in blocks().items():
            print(f"<!-- reference:{name} -->\n{block}\n<!-- /reference:{name} -->\n")
