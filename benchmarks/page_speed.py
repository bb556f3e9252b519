"""Weeks per second the classroom page shows while playing, at the default size, in
Debian's Chromium driven by Playwright (outside network blocked).

    .venv/bin/python benchmarks/page_speed.py [--seconds 10] [--render-interval 5]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sim.cli", "viz", "--port", str(port)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else r.abort())
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("text=Live levers and events", timeout=60_000)
            loaded = time.perf_counter() - t0

            def week():
                text = page.locator("text=/Time: /").first.inner_text()
                return float(re.search(r"Time: ([\d.]+)", text).group(1))
            page.get_by_role("button", name="▶").click()
            page.wait_for_timeout(1000)
            start, t0 = week(), time.perf_counter()
            page.wait_for_timeout(args.seconds * 1000)
            shown = week() - start
            elapsed = time.perf_counter() - t0
            browser.close()
        print(f"page loaded and drawn in {loaded:.1f} s; while playing: {shown / elapsed:.1f} weeks/s "
              f"shown ({shown:.0f} weeks in {elapsed:.1f} s; default play interval 20 ms, 5 weeks per redraw)")
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
