"""The malformed-input corpus (tests/fuzz_corpus.py), every case through the command
that reads it, in this process: exit status 2, one line naming the file and the key (or
what is wrong), no traceback, and nothing written."""

import os

import pytest
from conftest import cli
from fuzz_corpus import all_cases

CASES = all_cases()


def test_the_corpus_is_large_and_covers_every_kind_of_input():
    kinds = {c.id.split("-")[0] for c in CASES}
    assert len(CASES) >= 200 and kinds == {"scenario", "experiment", "cli", "analyse"}, (len(CASES), kinds)


def _tree(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, dirs, files in os.walk(root) for f in files + dirs)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_malformed_input_gives_one_line_exit_2_and_writes_nothing(capsys, monkeypatch, tmp_path, case):
    for name, content in case.files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    before = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    status, out, err = cli(capsys, *case.argv)
    assert status == 2, f"exit {status}: {out[-300:]} {err[-500:]}"
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert all(needle in err for needle in case.needles), err
    assert _tree(tmp_path) == before, "something was written"
