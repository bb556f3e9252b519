"""The classroom page in a real browser (Playwright driving Debian's Chromium), with every
request that leaves 127.0.0.1 blocked, as a class would use it: levers dragged while the
model plays, tabs opened and closed, a projector-sized window, the lessons run from their
buttons and their claims read off what the page shows, and the page in Swedish.
Screenshots go to results/screenshots/.

Needs /usr/bin/chromium (.ci/run installs it: apt-get install chromium).
"""

import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from sim.viz.lessons import LESSONS, check

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "results" / "screenshots"
CHROMIUM = "/usr/bin/chromium"

pytest.importorskip("playwright")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``steersim viz`` as a real process; its log is collected as it comes."""

    def __init__(self, lang: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        self.proc = subprocess.Popen([sys.executable, "-m", "sim.cli", "viz", "--port", str(self.port), "--lang", lang],
                                     cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        self.proc.kill()
        pytest.fail("the page did not come up: " + "".join(self.lines[-30:]))

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    def running(self) -> int | None:
        """Models alive, as the server last logged it."""
        for line in reversed(self.lines):
            m = re.search(r"classroom (?:opened|closed) \((\d+) running\)", line)
            if m:
                return int(m.group(1))
        return None

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        log = "".join(self.lines)
        assert "Could not load URL" not in log, "the server tried to fetch front-end files from the network"
        assert "Traceback" not in log, log[-3000:]


@pytest.fixture(scope="module")
def server():
    s = Server("en")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), "install Debian's Chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def open_page(browser, url, width=1280, height=720):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.blocked = []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:")):
            r.continue_()
        else:  # the outside network is blocked: the page must work without it
            page.blocked.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    page.goto(url)
    page.wait_for_selector(".steersim-chart", timeout=60_000)
    page.wait_for_function("window.steersimLast !== undefined", timeout=30_000)
    return page


def week(page) -> int:
    return int(page.evaluate("window.steersimLast.week"))


def model_levers(page):
    return page.evaluate("window.steersimLevers || null")


def label(page, side, lever) -> str:
    return page.locator(f".steersim-lever-{side}-{lever} .steersim-lever-label").inner_text()


def thumb(page, side, lever, settled=False) -> int:
    """The slider's own value in the browser; ``settled``: after the browser has drawn
    the last mouse event (two animation frames), not the value before it."""
    if settled:
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return int(float(page.locator(f".steersim-lever-{side}-{lever} [role=slider]").first.get_attribute("aria-valuenow")))


def shown_value(page, side, lever) -> int:
    return int(re.search(r": (\d+)", label(page, side, lever)).group(1))


def disconnected(page) -> bool:
    text = page.inner_text("body")
    return "disconnected" in text.lower() or "Could not restore" in text


def test_fifty_drags_while_playing_each_acting_on_its_own_side(server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, server.url)
    page.click(".steersim-speed button:has-text('40')")
    page.click(".steersim-play")
    page.wait_for_function("window.steersimLast.week >= 5", timeout=30_000)
    start = week(page)
    ever = {s: {thumb(page, s, "indicators")} for s in (0, 1)}  # the values each side's slider was set to
    rng = random.Random(3)
    for i in range(50):
        side = i % 2
        other = 1 - side
        bar = page.locator(f".steersim-lever-{side}-indicators .v-slider").first.bounding_box()
        y = bar["y"] + bar["height"] / 2
        x0, x1 = (bar["x"] + bar["width"] * rng.uniform(0.05, 0.95) for _ in range(2))
        page.mouse.move(x0, y)
        page.mouse.down()  # the press already sets a value, and the server hears it
        ever[side].add(thumb(page, side, "indicators", settled=True))
        for k in (1, 2, 3):  # so do the values a drag passes through
            page.mouse.move(x0 + (x1 - x0) * k / 3, y)
            ever[side].add(thumb(page, side, "indicators", settled=True))
        page.mouse.up()
        ever[side].add(thumb(page, side, "indicators", settled=True))
        # the other side's slider, its label and its model only ever hold values that side's
        # own slider was set to (labels and the model's value reach the page a moment later)
        assert thumb(page, other, "indicators") in ever[other], f"drag {i} on side {side} moved side {other}"
        assert shown_value(page, other, "indicators") in ever[other], f"drag {i} relabelled side {other}"
        now = model_levers(page)
        if now:
            assert int(now[other]["indicators"]) in ever[other], f"drag {i} changed side {other}'s model"
    page.wait_for_timeout(1000)
    assert not disconnected(page)
    assert week(page) > start + 10, "the week counter stopped while levers were dragged"
    # what each slider shows is what its model runs with
    page.wait_for_timeout(500)
    final = model_levers(page)
    for side in (0, 1):
        assert re.search(r": (\d+)", label(page, side, "indicators")).group(1) == str(int(final[side]["indicators"]))
    page.click(".steersim-play")  # Pause
    page.wait_for_timeout(1000)
    paused_at = week(page)
    page.wait_for_timeout(1500)
    assert week(page) == paused_at, "Pause did not stop the model within 1 s"
    page.screenshot(path=str(SHOTS / "01_after_50_drags.png"))
    assert page.blocked == []
    page.close()


def test_closed_tabs_free_their_models(server, browser):
    pages = [open_page(browser, server.url) for _ in range(3)]
    for page in pages:
        page.click(".steersim-play")
    time.sleep(2)
    assert server.running() == 3, server.lines[-5:]
    for page in pages[:2]:
        page.close()
    deadline = time.time() + 10
    while time.time() < deadline and server.running() != 1:
        time.sleep(0.25)
    assert server.running() == 1, "closed tabs kept their models running: " + "".join(server.lines[-5:])
    last = pages[2]
    last.click(".steersim-speed button:has-text('40')")
    last.wait_for_timeout(1000)
    a, t0 = week(last), time.time()
    last.wait_for_timeout(4000)
    rate = (week(last) - a) / (time.time() - t0)
    print(f"weeks per second shown while playing at 40/s, one week per redraw: {rate:.1f}")
    assert rate >= 20, f"only {rate:.1f} weeks/s with one tab left"
    last.close()


def test_projector_screen_shows_numbers_charts_and_play_without_scrolling(server, browser):
    page = open_page(browser, server.url, 1280, 720)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "02_projector_1280x720.png"))
    boxes = [page.locator(".steersim-play").bounding_box()]
    boxes += [el.bounding_box() for el in page.locator(".steersim-numbers").all()]
    boxes += [el.bounding_box() for el in page.locator(".steersim-chart").all()]
    assert len(boxes) == 1 + 2 + 10
    for box in boxes:
        assert box and box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= 1280 + 1 and box["y"] + box["height"] <= 720 + 1, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    font = page.evaluate("getComputedStyle(document.querySelector('.steersim-numbers')).fontSize")
    assert float(font.rstrip("px")) >= 18
    assert "week " in page.inner_text(".steersim-week")
    assert "runs on Solara" not in page.inner_text("body")
    page.close()


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.key for lesson in LESSONS])
def test_each_lesson_claim_is_what_the_page_shows(server, browser, lesson):
    page = open_page(browser, server.url, 1600, 1000)
    page.click(f".steersim-lesson-{lesson.key}")
    page.wait_for_selector(".steersim-lesson-text", timeout=30_000)
    page.wait_for_function("window.steersimLast.week === 0", timeout=30_000)
    page.click(".steersim-speed button:has-text('40')")
    page.click(".steersim-play")
    page.wait_for_function(f"window.steersimLast.week >= {lesson.weeks}", timeout=lesson.weeks * 1000 // 10 + 30_000)
    page.wait_for_timeout(1500)
    view = page.evaluate("({series: window.steersimLast.series, nets: window.steersimNets})")
    page.screenshot(path=str(SHOTS / f"lesson_{lesson.key}.png"))
    results = check(lesson, view)
    assert all(ok for _, ok in results), [text for text, ok in results if not ok]
    for text, _ in results:  # the plan the teacher reads is on the page
        assert text.split(":")[0][:30] in page.inner_text(".steersim-lesson-text")
    page.close()


def test_the_page_speaks_swedish(browser):
    sv = Server("sv")
    try:
        page = open_page(browser, sv.url)
        text = page.inner_text("body")
        for word in ("Spela", "Steg", "Börja om", "medborgarnas tillit", "handlingsutrymme", "Lektioner:", "Pinnjakt",
                     "vecka"):
            assert word in text, word
        page.close()
    finally:
        sv.stop()
