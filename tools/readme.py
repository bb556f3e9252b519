"""The README's main comparison, regenerated from the code: the table it shows is what
`steersim compare --uncertainty 30` prints, and docs/img/compare_npm_trust.png is that
command's figure, with the numbers behind it beside it (docs/img/compare_npm_trust.csv;
the PNG carries their digest in its metadata).

    python tools/readme.py --update    # run the command, rewrite the table, the figure and its data
    python tools/readme.py --check     # run it and say what is stale (what tests/test_docs.py does)

The command runs as the README gives it (10 seeds, 260 weeks, 30 worlds; about a
minute on two cores), in English.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FIGURE = ROOT / "docs" / "img" / "compare_npm_trust.png"
DATA = FIGURE.with_suffix(".csv")
#: The README's first command, as `steersim ARGS` (the output folder and quiet added here).
COMMAND = ("compare", "--uncertainty", "30")
START, END = "<!-- readme:compare (tools/readme.py --update) -->", "<!-- /readme:compare -->"


def run(out: Path) -> str:
    """Run the command into ``out``; the table and the line over worlds it prints."""
    from sim.cli import main
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main([*COMMAND, "--out", str(out), "--quiet", "--lang", "en"])
    if status != 0:
        raise SystemExit(f"readme: steersim {' '.join(COMMAND)} exited {status}")
    return printed.getvalue().split("\n\n")[0].rstrip("\n")


def block(table: str) -> str:
    return f"{START}\n```\n{table}\n```\n{END}"


def committed_table() -> str | None:
    m = re.search(re.escape(START) + r"\n```\n(.*?)\n```\n" + re.escape(END), README.read_text(encoding="utf-8"), re.S)
    return m.group(1) if m else None


def png_digest(path: Path) -> str | None:
    from PIL import Image
    with Image.open(path) as image:
        text = image.text.get("Description", "")  # type: ignore[attr-defined]
    m = re.search(r"steersim figure data (\w+)", text)
    return m.group(1) if m else None


def stale(out: Path) -> list[str]:
    """What in the README, the figure or its data differs from the command's output today."""
    import hashlib
    table = run(out)
    found = []
    if committed_table() != table:
        found.append("README.md: the table is not what the command prints (python tools/readme.py --update)")
    fresh = (out / "comparison.csv").read_text()
    if not DATA.is_file() or DATA.read_text() != fresh:
        found.append(f"{DATA.relative_to(ROOT)}: the figure's data is not the command's")
    digest = hashlib.sha256(fresh.encode("utf-8")).hexdigest()[:16]
    if not FIGURE.is_file() or png_digest(FIGURE) != digest:
        found.append(f"{FIGURE.relative_to(ROOT)}: not drawn from the command's data")
    return found


def update() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        table = run(out)
        text = README.read_text(encoding="utf-8")
        if START not in text:
            raise SystemExit(f"readme: README.md has no {START} marker")
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block(table), text, flags=re.S)
        README.write_text(text, encoding="utf-8")
        shutil.copyfile(out / "comparison.png", FIGURE)
        shutil.copyfile(out / "comparison.csv", DATA)
    print(f"updated the table in {README.name}, {FIGURE.relative_to(ROOT)} and {DATA.relative_to(ROOT)}")


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            problems = stale(Path(tmp))
        print("\n".join(problems) or "the README's table and figure are up to date")
        sys.exit(1 if problems else 0)
