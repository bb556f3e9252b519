"""How much disk an installation of steersim takes: the wheel's own dependencies (no
extras) and each extra on top.

    python benchmarks/install_size.py                 # from this environment, offline
    python benchmarks/install_size.py --extra viz     # ... with an extra
    python benchmarks/install_size.py --fresh         # a new venv from the wheel (needs the index)

The default walks the requirements in pyproject.toml through the packages installed in
this environment (their RECORD files) and adds up the files each installs, so it needs
no network; the packages must be installed (``bash setup.sh test`` installs every extra).
``--fresh`` builds the wheel, installs it with ``pip -c requirements.lock`` into a new
virtual environment and measures its site-packages (pip, setuptools included).
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _wanted(requirement: str, extras: set[str]) -> bool:
    """Whether a requirement applies here (its environment marker, extras as given)."""
    if ";" not in requirement:
        return True
    from packaging.markers import Marker
    marker = Marker(requirement.split(";", 1)[1])
    return any(marker.evaluate({"extra": e}) for e in (extras or {""}))


def _extras_of(requirement: str) -> set[str]:
    m = re.search(r"\[([^\]]*)\]", requirement.split(";")[0])
    return {e.strip() for e in m.group(1).split(",")} if m else set()


def top_level(extras: set[str]) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    return reqs


def closure(requirements: list[str]) -> dict[str, md.Distribution]:
    """Every distribution the requirements pull in, by name."""
    found: dict[str, md.Distribution] = {}
    todo = [(r, _extras_of(r)) for r in requirements]
    while todo:
        req, extras = todo.pop()
        name = _name(req)
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            raise SystemExit(f"install_size: {name} is not installed here; run `bash setup.sh test` first") from None
        key = dist.metadata["Name"].lower().replace("_", "-")
        seen_extras = getattr(dist, "_measured_extras", set())
        if key in found and extras <= seen_extras:
            continue
        dist._measured_extras = seen_extras | extras  # type: ignore[attr-defined]
        found[key] = dist
        for sub in dist.requires or []:
            if _wanted(sub, extras):
                todo.append((sub.split(";")[0], _extras_of(sub)))
    return found


def size(dist: md.Distribution) -> int:
    total = 0
    for f in dist.files or []:
        path = Path(str(dist.locate_file(f)))
        if path.is_file():
            total += path.stat().st_size
    return total


def measure(extras: set[str]) -> tuple[int, dict[str, int]]:
    dists = closure([r for r in top_level(extras) if _name(r) != "steersim"])
    sizes = {name: size(d) for name, d in dists.items()}
    return sum(sizes.values()), sizes


def fresh(extras: set[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", tmp], check=True)
        wheel = next(Path(tmp).glob("steersim-*.whl"))
        env = Path(tmp) / "env"
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        spec = f"{wheel}[{','.join(sorted(extras))}]" if extras else str(wheel)
        subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "-c", str(ROOT / "requirements.lock"), spec], check=True)
        site = next((env / "lib").glob("python3.*/site-packages"))
        return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="an extra on top of the base (repeatable)")
    parser.add_argument("--fresh", action="store_true", help="install the wheel into a new venv (needs the index)")
    parser.add_argument("--top", type=int, default=12, help="largest packages to list")
    args = parser.parse_args(argv)
    extras = set(args.extra)
    label = f"steersim[{','.join(sorted(extras))}]" if extras else "steersim (no extras)"
    if args.fresh:
        print(f"{label}, a fresh venv from the wheel: {fresh(extras) / 1e6:.0f} MB")
        return
    total, sizes = measure(extras)
    print(f"{label}: {total / 1e6:.0f} MB in {len(sizes)} packages (their installed files)")
    for name, n in sorted(sizes.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {name:<28} {n / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
