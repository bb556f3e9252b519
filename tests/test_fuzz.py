"""The malformed-input corpus (tests/fuzz_corpus.py), every case through the command
that reads it, in this process. A refused input (the default) gets exit status 2, one
line naming the file and the key (or what is wrong), no traceback, and nothing written;
the few cases that must run instead (issue 31's event week, resuming past a bad part, a
full disk) get what their case says."""

import os
import subprocess

import pandas as pd
import pytest
from conftest import cli
from fuzz_corpus import all_cases

from sim.execution import executor

CASES = all_cases()


def test_the_corpus_is_large_and_covers_every_kind_of_input():
    kinds = {c.id.split("-")[0] for c in CASES}
    assert len(CASES) >= 200 and kinds == {"scenario", "experiment", "cli", "analyse"}, (len(CASES), kinds)
    assert len([c for c in CASES if "-issue31-" in c.id]) >= 12


def _tree(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, dirs, files in os.walk(root) for f in files + dirs)


def _damage(part, how):
    if how == "empty":
        part.write_bytes(b"")
    elif how == "corrupt":
        part.write_bytes(b"not a parquet file " * 50)
    elif how == "truncated":
        part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    elif how == "foreign":  # a part of another sweep: run ids this design does not have
        frame = pd.read_parquet(part)
        frame.assign(run_id=frame["run_id"] + 100).to_parquet(part, index=False)


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("this machine does not let the tests mount a small filesystem")
    yield disk
    os.chdir(tmp_path)  # the command ran inside the disk: leave it, so it can be unmounted
    subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_malformed_input_gets_what_its_case_says(capsys, monkeypatch, tmp_path, request, case):
    monkeypatch.setattr(executor, "CONNECT_TIMEOUT", "1s")  # an unreachable scheduler: say so sooner
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    work = tmp_path
    if case.disk_room:
        work = request.getfixturevalue("small_disk")
    for name, content in case.files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    monkeypatch.chdir(work)
    if case.before:
        status, _, err = cli(capsys, *case.before)
        assert status == 0, err
    part = sorted((work / "o" / "runs").glob("part-*.parquet"))[0] if case.damage else None
    if part is not None:
        _damage(part, case.damage)
    if case.disk_room:
        free = os.statvfs(work).f_bavail * os.statvfs(work).f_frsize
        (work / "filler").write_bytes(b"x" * (free - case.disk_room))  # room for the metadata, not the runs
    before = _tree(work)
    status, out, err = cli(capsys, *case.argv)
    said = [line for line in err.splitlines() if line.startswith("steersim:") or (part and part.name in line)]
    assert status == case.status, f"exit {status}: {out[-300:]} {err[-500:]}"
    assert "Traceback" not in err and len(said) <= 1, err
    assert all(needle in err + out for needle in case.needles), err + out
    if case.status == 2:
        assert err.count("\n") == 1, err
        assert _tree(work) == before, "something was written"
    if part is not None and case.status == 0:  # set aside, not lost; its runs run again, once each
        assert (work / "o" / "set-aside" / part.name).is_file()
        runs = pd.concat([pd.read_parquet(p) for p in (work / "o" / "runs").glob("part-*.parquet")])
        assert sorted(runs["run_id"]) == list(range(6))
    if case.disk_room:
        leftovers = [p for p in work.rglob("*") if p.is_file() and ".tmp" in p.name]
        assert not leftovers and all(pd.read_parquet(p) is not None for p in work.rglob("*.parquet"))
