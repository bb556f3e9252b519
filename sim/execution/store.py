"""Sweep results on disk: a Parquet dataset that grows as runs finish, plus metadata.

    OUT/metadata.json          the experiment file's text, versions, the model's fingerprint, git commit, times
    OUT/design.parquet         the sampled design (sampled designs), for the analysis
    OUT/runs/part-*.parquet    one tidy row per run: run_id, point, scenario, replicate,
                               seed, every varied input, every metric, status, error
    OUT/series/part-*.parquet  (optional) weekly series, one row per run and week
    OUT/set-aside/             parts that could not be read, kept for inspection

Each part is written under a temporary name and renamed, so a killed sweep leaves only
whole parts; ``pd.read_parquet(OUT / "runs")`` reads them all. A folder is owned by one
sweep at a time (an exclusive lock on OUT/.lock); resuming reads which run ids are
stored, checks every part, and runs only the rest.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pandas as pd

from sim.errors import SteersimInputError
from sim.execution.files import write_atomic

META_KEYS = ("experiment", "design", "factors", "bounds", "seed", "metrics", "scenarios")


class Store:
    def __init__(self, out: Path):
        self.out = Path(out)
        self.runs_dir = self.out / "runs"
        self.series_dir = self.out / "series"
        self._lock: IO[str] | None = None

    @classmethod
    def open(cls, out: Path) -> Store:
        """An existing store, checked: a one-line error if it is not one."""
        store = cls(out)
        if not (store.out / "metadata.json").is_file():
            raise SteersimInputError(f"no sweep results in {str(out)!r} (expected metadata.json and "
                                     f"runs/); run `steersim sweep EXPERIMENT` first", key="RESULTS")
        meta = store.read_metadata(strict=True)
        runs = meta.get("runs")
        bad = store.bad_parts(set(range(runs)) if isinstance(runs, int) else None)
        if bad:
            part, problem = bad[0]
            more = f" (and {len(bad) - 1} more part{'s' if len(bad) > 2 else ''})" if len(bad) > 1 else ""
            experiment = meta.get("experiment_file") or "EXPERIMENT"
            raise SteersimInputError(f"{part} {problem}{more}, so its runs would be missing from the analysis; "
                                     f"`steersim sweep {experiment} --out {out} --resume` sets it aside and runs "
                                     f"them again", key="RESULTS")
        if not store.done_ids():
            raise SteersimInputError(f"{str(out)!r} holds no finished runs yet", key="RESULTS")
        return store

    # ------------------------------------------------------------------ ownership
    def lock(self) -> None:
        """Own the folder for this sweep, or refuse with one line naming the owner."""
        self.out.mkdir(parents=True, exist_ok=True)
        handle = open(self.out / ".lock", "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise SteersimInputError(f"{str(self.out)!r} is in use by {holder}; wait for it to "
                                     f"finish, or give another --out", key="--out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"steersim pid {os.getpid()} on {socket.gethostname()} since {_now()}")
        handle.flush()
        self._lock = handle

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def discard(self) -> None:
        """Remove what a sweep that stored no run has written (its lock, metadata and
        design, empty folders), so a refused sweep leaves no trace."""
        for name in (".lock", "metadata.json", "design.parquet"):
            (self.out / name).unlink(missing_ok=True)
        for folder in (self.runs_dir, self.series_dir, self.out):
            try:
                folder.rmdir()  # only when empty: never anything of the user's
            except OSError:
                pass

    # ------------------------------------------------------------------ metadata
    def write_metadata(self, experiment, resumed: bool) -> None:
        import importlib.metadata as md

        from sim import __version__
        from sim.model.fingerprint import fingerprint
        meta = self.read_metadata() if resumed else {}
        meta.update({
            "experiment": experiment.name, "experiment_file": experiment.source,
            "experiment_text": experiment.text, "design": experiment.design,
            "factors": [f.name for f in experiment.factors],
            "bounds": [list(f.bounds()) for f in experiment.factors], "seed": experiment.seed,
            "metrics": list(experiment.metrics), "scenarios": [s.name for s in experiment.scenarios],
            "runs": experiment.n_runs, "steersim_version": __version__, "model": fingerprint(),
            "mesa_version": md.version("mesa"), "git_commit": _git_commit(),
            "started": meta.get("started") or _now(),
            "resumed": meta.get("resumed", []) + ([_now()] if resumed else []), "finished": None,
        })
        write_atomic(self.out / "metadata.json",
                     lambda tmp: Path(tmp).write_text(json.dumps(meta, indent=1)))

    def read_metadata(self, strict: bool = False) -> dict:
        path = self.out / "metadata.json"
        if not path.exists():
            return {}
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError, OSError) as exc:
            raise SteersimInputError(f"{path}: not a readable sweep record ({type(exc).__name__}); "
                                     f"run the sweep again into a new folder", key="metadata.json") from None
        if not isinstance(meta, dict) or (strict and any(k not in meta for k in META_KEYS)):
            missing = [k for k in META_KEYS if not isinstance(meta, dict) or k not in meta]
            raise SteersimInputError(f"{path}: not a sweep record (missing {', '.join(missing)})",
                                     key="metadata.json")
        return meta

    def finish(self) -> None:
        meta = self.read_metadata()
        meta["finished"] = _now()
        write_atomic(self.out / "metadata.json", lambda tmp: Path(tmp).write_text(json.dumps(meta, indent=1)))

    def write_design(self, experiment) -> None:
        """The design matrix (one row per point, factor-space values), for the analysis."""
        if experiment.design in ("grid", "given"):
            return
        matrix = experiment.sample_matrix()
        frame = pd.DataFrame(matrix, columns=[f.name for f in experiment.factors])
        frame.insert(0, "point", range(len(frame)))
        write_atomic(self.out / "design.parquet", lambda tmp: frame.to_parquet(tmp, index=False))

    def design(self) -> pd.DataFrame | None:
        path = self.out / "design.parquet"
        return pd.read_parquet(path) if path.exists() else None

    # ------------------------------------------------------------------ runs
    def parts(self, folder: Path | None = None) -> list[Path]:
        return sorted((folder or self.runs_dir).glob("part-*.parquet"))

    def bad_parts(self, expected: set | None = None) -> list[tuple[Path, str]]:
        """Every part that cannot be read or does not belong to this sweep, with what is
        wrong with it (empty, not Parquet, truncated, not a sweep's part, runs outside the
        design); nothing is moved."""
        return [(part, problem) for part in self.parts() if (problem := part_problem(part, expected))]

    def set_aside(self, parts: list[Path]) -> None:
        """Move ``parts`` to OUT/set-aside/ (kept for inspection); their runs count as not done."""
        if parts:
            aside = self.out / "set-aside"
            aside.mkdir(exist_ok=True)
            for part in parts:
                os.replace(part, aside / part.name)

    def check_parts(self, expected: set | None = None) -> list[tuple[Path, str]]:
        """Set aside every bad part (``bad_parts``) and return them with their problems."""
        bad = self.bad_parts(expected)
        self.set_aside([part for part, _ in bad])
        return bad

    def done_ids(self) -> set[int]:
        if not self.parts():
            return set()
        return set(pd.read_parquet(self.runs_dir, columns=["run_id"])["run_id"].tolist())

    def append(self, rows: list[dict], series: list[pd.DataFrame]) -> None:
        if rows:
            _write_part(self.runs_dir, pd.DataFrame(rows))
        if series:
            _write_part(self.series_dir, pd.concat(series, ignore_index=True))

    def runs(self) -> pd.DataFrame:
        frame = pd.read_parquet(self.runs_dir)
        return frame.drop_duplicates("run_id").sort_values("run_id").reset_index(drop=True)


def part_problem(part: Path, expected: set | None = None) -> str | None:
    """What is wrong with a part of the runs table, in words, or None if it is whole and
    belongs (its run ids inside ``expected``, when given)."""
    import pyarrow.parquet as pq
    try:
        size = part.stat().st_size
        with open(part, "rb") as f:
            head = f.read(4)
            f.seek(max(0, size - 4))
            tail = f.read(4)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "is an empty file"
    if head != b"PAR1":
        return "is not a Parquet file"
    if tail != b"PAR1":
        return "is a truncated Parquet file"
    try:
        schema = pq.read_schema(part)
        if "run_id" not in schema.names or "status" not in schema.names:
            return "is not a part of a sweep (no run_id or status column)"
        ids = set(pq.read_table(part, columns=["run_id"]).column("run_id").to_pylist())
    except Exception as exc:
        return f"is a damaged Parquet file ({type(exc).__name__})"
    if expected is not None and not ids <= expected:
        outside = sorted(ids - expected)
        return f"holds runs outside this sweep's design (run ids {outside[0]}-{outside[-1]})"
    return None


def _write_part(folder: Path, frame: pd.DataFrame) -> None:
    name = f"part-{time.time_ns()}-{uuid.uuid4().hex[:8]}.parquet"
    write_atomic(folder / name, lambda tmp: frame.to_parquet(tmp, index=False))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _git_commit() -> str | None:
    """The commit of the code that ran, with "-dirty" when the package's files differ
    from it (the code that ran is then not the commit's)."""
    here = Path(__file__).resolve().parents[1]
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                             cwd=here, timeout=5)
        commit = out.stdout.strip()
        if not commit:
            return None
        changed = subprocess.run(["git", "status", "--porcelain", "--", str(here)],
                                 capture_output=True, text=True, cwd=here, timeout=5)
        return commit + ("-dirty" if changed.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return None
