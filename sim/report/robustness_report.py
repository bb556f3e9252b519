"""The robustness report: plain words, tables and the figure, as Markdown and HTML."""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path
from typing import Any

from sim.execution.files import write_atomic
from sim.report.report import _html, _md


def write(result, out: Path, lang: str = "en") -> dict[str, Path]:
    a, b = result.names
    exp = result.experiment
    blocks: list[tuple[str, Any]] = [("h1", f"steersim robustness: {a} vs {b}"),
              ("p", f"{exp.n_points} worlds sampled ({exp.design}) over {len(result.inputs)} uncertain "
                    f"inputs within their plausible ranges; both regimes on the same seeds "
                    f"({exp.replicates} per world), {exp.steps} weeks, means over the last "
                    f"{exp.window} weeks. The share of worlds says how sure the answer is about the "
                    f"world, not only about chance.")]
    paths = {}
    for metric in exp.metrics:
        blocks.append(("h2", metric.replace("_", " ")))
        blocks.append(("p", result.text(metric).splitlines()[0]))
        blocks.append(("ul", [r.words() for r in result.regions(metric)] or ["no region stands out"]))
        drivers = result.drivers(metric, 8)
        cols = list(drivers.columns)
        blocks.append(("table", (cols, [tuple(f"{v:.3f}" if isinstance(v, float) else v for v in row)
                                        for row in drivers.itertuples(index=False)])))
        fig = write_atomic(out / f"robustness_{metric}.png",
                           partial(_figure, result, metric))
        paths[metric] = fig
        blocks.append(("img", (fig, f"{metric}: the difference over worlds and its two strongest drivers")))
    md = "\n\n".join(_md(k, c, out) for k, c in blocks) + "\n"
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + html.escape(blocks[0][1])
            + "</title></head><body>" + "\n".join(_html(k, c) for k, c in blocks) + "</body></html>\n")
    paths["report_md"] = write_atomic(out / "report.md", lambda tmp: Path(tmp).write_text(md, encoding="utf-8"))
    paths["report_html"] = write_atomic(out / "report.html", lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    paths["points"] = write_atomic(out / "points.parquet", lambda tmp: result.points.to_parquet(tmp, index=False))
    return paths


def _figure(result, metric: str, tmp) -> None:
    result.figure(Path(tmp), metric)
