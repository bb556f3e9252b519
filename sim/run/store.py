"""Sweep results on disk: a Parquet dataset that grows as runs finish, plus metadata.

    OUT/metadata.json        experiment file's text, versions, git commit, start/end
    OUT/runs/part-*.parquet  one tidy row per run: run_id, point, scenario, replicate,
                             seed, every varied input, every metric, status, error
    OUT/series/part-*.parquet  (optional) weekly series, one row per run and week

Each part is written to a temporary name and renamed, so a killed sweep leaves only
whole parts; ``pd.read_parquet(OUT / "runs")`` reads them all. Resuming reads which
run ids are there and runs only the rest.
"""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from sim.run.files import write_atomic


class Store:
    def __init__(self, out: Path):
        self.out = Path(out)
        self.runs_dir = self.out / "runs"
        self.series_dir = self.out / "series"

    # ------------------------------------------------------------------ metadata
    def write_metadata(self, experiment, resumed: bool) -> None:
        from sim import __version__
        import importlib.metadata as md
        meta = self.read_metadata() if resumed else {}
        meta.update({
            "experiment": experiment.name,
            "experiment_file": experiment.source,
            "experiment_text": experiment.text,
            "design": experiment.design,
            "factors": [f.name for f in experiment.factors],
            "bounds": [list(f.bounds()) for f in experiment.factors],
            "seed": experiment.seed,
            "metrics": list(experiment.metrics),
            "scenarios": [s.name for s in experiment.scenarios],
            "steersim_version": __version__,
            "mesa_version": md.version("mesa"),
            "git_commit": _git_commit(),
            "started": meta.get("started") or _now(),
            "resumed": meta.get("resumed", []) + ([_now()] if resumed else []),
            "finished": None,
        })
        self._write_json(meta)

    def write_design(self, experiment) -> None:
        """The design matrix (one row per point, factor-space values) for the analysis."""
        if experiment.design == "grid":
            return
        import numpy as np
        matrix = experiment.sample_matrix()
        frame = pd.DataFrame(np.asarray(matrix), columns=[f.name for f in experiment.factors])
        frame.insert(0, "point", range(len(frame)))
        write_atomic(self.out / "design.parquet", lambda tmp: frame.to_parquet(tmp, index=False))

    def design(self) -> pd.DataFrame | None:
        path = self.out / "design.parquet"
        return pd.read_parquet(path) if path.exists() else None

    def finish(self) -> None:
        meta = self.read_metadata()
        meta["finished"] = _now()
        self._write_json(meta)

    def read_metadata(self) -> dict:
        path = self.out / "metadata.json"
        return json.loads(path.read_text()) if path.exists() else {}

    def _write_json(self, meta: dict) -> None:
        write_atomic(self.out / "metadata.json",
                      lambda tmp: Path(tmp).write_text(json.dumps(meta, indent=1)))

    # ------------------------------------------------------------------ runs
    def done_ids(self) -> set[int]:
        if not self.runs_dir.exists() or not any(self.runs_dir.glob("part-*.parquet")):
            return set()
        return set(pd.read_parquet(self.runs_dir, columns=["run_id"])["run_id"].tolist())

    def append(self, rows: list[dict], series: list[pd.DataFrame]) -> None:
        if rows:
            _write_part(self.runs_dir, pd.DataFrame(rows))
        if series:
            _write_part(self.series_dir, pd.concat(series, ignore_index=True))

    def runs(self) -> pd.DataFrame:
        frame = pd.read_parquet(self.runs_dir)
        return frame.sort_values("run_id").reset_index(drop=True)


def _write_part(folder: Path, frame: pd.DataFrame) -> None:
    name = f"part-{time.time_ns()}-{uuid.uuid4().hex[:8]}.parquet"
    write_atomic(folder / name, lambda tmp: frame.to_parquet(tmp, index=False))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent, timeout=5)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None
