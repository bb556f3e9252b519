"""Install the front-end files Solara would fetch from a CDN, so the classroom page
works with no network.

Solara's server looks for them in ``<sys.prefix>/share/solara/cdn/<name>@<version>/``
before it goes to the CDN. They are ordinary npm packages: ``npm pack`` each one and
unpack it there. Run once after installing (setup.sh does):

    .venv/bin/python -m sim.viz.assets
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

#: The packages the page loads (with ipyvue<2 and ipyvuetify<2); any other missing one
#: shows as "Could not load URL" in the server's log.
PACKAGES = (
    "@widgetti/solara-vuetify-app@10.1.1",
    "requirejs@2.3.6",
    "font-awesome@4.5.0",
    "@widgetti/vue-grid-layout@2.3.13-alpha.2",
    "mermaid@10.8.0",  # loaded by solara.Markdown
    "katex@0.16.9",  # loaded by solara.Markdown
)


def cdn_dir() -> Path:
    return Path(sys.prefix) / "share" / "solara" / "cdn"


def missing() -> list[str]:
    return [p for p in PACKAGES if not (cdn_dir() / p).is_dir()]


def install(packages=PACKAGES) -> list[str]:
    npm = shutil.which("npm")
    todo = [p for p in packages if not (cdn_dir() / p).is_dir()]
    if not todo:
        return []
    if npm is None:
        raise RuntimeError("npm is needed once to fetch the page's front-end files "
                           "(Debian: apt-get install npm)")
    with tempfile.TemporaryDirectory() as tmp:
        for spec in todo:
            out = subprocess.run([npm, "pack", spec, "--silent", "--pack-destination", tmp],
                                 capture_output=True, text=True, check=True)
            tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
            target = cdn_dir() / spec
            staging = Path(tmp) / "unpacked"
            with tarfile.open(tarball) as tar:
                tar.extractall(staging, filter="data")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(staging / "package"), target)
            shutil.rmtree(staging, ignore_errors=True)
    return todo


if __name__ == "__main__":
    try:
        done = install()
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"steersim: could not install the page's front-end files: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"front-end files in {cdn_dir()}: " + (", ".join(done) + " installed" if done else "all present"))
