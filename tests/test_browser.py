"""The classroom page in a real browser (Playwright driving Debian's Chromium), with every
request that leaves 127.0.0.1 blocked, as a teacher would use it on a 1280x720 projector:
the lessons run from their buttons in the lesson plan's order, restarted, the views
switched while paused, levers dragged while the model plays, tabs opened and closed, the
page fitted at 1280x720 and 1280x600 in both languages, the charts saved for a handout.

What is checked is what a person sees: the week label, what the charts report they drew
(each line's points, the markers, every text with the room it had), the canvases' sizes,
the elements' boxes, and the page's visible text. Screenshots go to results/screenshots/.

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

import numpy as np
import pytest

from sim.viz import lessons
from sim.viz.board import BY_KEY as CHARTS

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
def server_sv():
    s = Server("sv")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), "install Debian's Chromium: apt-get install -y chromium"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def open_page(browser, url, width=1280, height=720):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.blocked = []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "file:")):
            r.continue_()
        else:  # the outside network is blocked: the page must work without it
            page.blocked.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    page.goto(url)
    if url.startswith("http"):
        page.wait_for_selector(".steersim-chart", timeout=60_000)
        page.wait_for_function("window.steersimLast !== undefined", timeout=30_000)
    return page


# ---------------------------------------------------------------------- what the page shows
def week(page) -> int:
    return int(page.evaluate("window.steersimLast.week"))


def week_label(page) -> str:
    return page.inner_text(".steersim-week")


def drawn(page, key: str) -> dict:
    """What the chart ``key`` reports it drew (charts.js): axis range, plot box, points."""
    return page.evaluate("k => document.querySelector(`canvas.steersim-chart[data-key='${k}']`).steersimReport", key)


def drawn_charts(page) -> list[dict]:
    return page.evaluate("Array.from(document.querySelectorAll('canvas.steersim-chart'))"
                         ".filter(c => c.offsetParent).map(c => c.steersimReport)")


def frames(page, n=2):
    """Let the browser draw what it was sent (a few animation frames)."""
    page.evaluate("k => new Promise(r => { const f = () => (--k ? requestAnimationFrame(f) : r()); "
                  "requestAnimationFrame(f); })", n)


def wait_week(page, n: int, timeout=60_000):
    page.wait_for_function(f"window.steersimLast.week >= {n}", timeout=timeout)


def inside(box, width, height) -> bool:
    return (box is not None and box["x"] >= -0.5 and box["y"] >= -0.5 and box["x"] + box["width"] <= width + 0.5
            and box["y"] + box["height"] <= height + 0.5)


def assert_clean_start(page, run_before):
    """Week 0 of a new run: the label, the series and every drawn line hold week 0 only."""
    page.wait_for_function(f"window.steersimLast.run !== {run_before} && window.steersimLast.week === 0",
                           timeout=30_000)
    page.wait_for_function("Array.from(document.querySelectorAll('canvas.steersim-chart')).filter(c => c.offsetParent)"
                           ".every(c => c.steersimReport && c.steersimReport.lines.every(l => l.points.length === 1))",
                           timeout=5_000)
    assert re.search(r"\b0$", week_label(page).strip()), week_label(page)
    series = page.evaluate("window.steersimLast.series")
    assert {len(v) for side in series for v in side.values()} == {1}
    for report in drawn_charts(page):
        assert {len(line["points"]) for line in report["lines"]} == {1}, report["key"]


# ---------------------------------------------------------------------- tests
def test_twenty_drags_while_playing_act_on_their_own_side_and_leave_at_most_twenty_markers(server, browser):
    page = open_page(browser, server.url)
    page.click(".steersim-speed button:has-text('40')")
    page.click(".steersim-play")
    wait_week(page, 5, 30_000)
    start = week(page)
    ever = {s: {thumb(page, s)} for s in (0, 1)}  # the values each side's slider was set to
    rng = random.Random(3)
    drags = 20
    for i in range(drags):
        side, other = i % 2, 1 - i % 2
        bar = page.locator(f".steersim-lever-{side}-indicators .v-slider").first.bounding_box()
        y = bar["y"] + bar["height"] / 2
        x0, x1 = (bar["x"] + bar["width"] * rng.uniform(0.05, 0.95) for _ in range(2))
        page.mouse.move(x0, y)
        page.mouse.down()  # the press already sets a value, and the server hears it
        ever[side].add(thumb(page, side, settled=True))
        for k in (1, 2, 3):  # so do the values a drag passes through
            page.mouse.move(x0 + (x1 - x0) * k / 3, y)
            ever[side].add(thumb(page, side, settled=True))
        page.mouse.up()
        ever[side].add(thumb(page, side, settled=True))
        assert thumb(page, other) in ever[other], f"drag {i} on side {side} moved side {other}"
        assert shown_value(page, other) in ever[other], f"drag {i} relabelled side {other}"
    page.wait_for_timeout(1000)
    assert week(page) > start + 10, "the week counter stopped while levers were dragged"
    page.click(".steersim-play")  # Pause
    page.wait_for_timeout(1000)
    paused_at = week(page)
    page.wait_for_timeout(1500)
    assert week(page) == paused_at, "Pause did not stop the model within 1 s"
    frames(page)
    markers = page.evaluate("window.steersimLast.markers")
    assert 1 <= len(markers) <= drags, f"{len(markers)} markers after {drags} drags"
    assert all(re.fullmatch(r"indicators: \d+", m["label"]) for m in markers), markers
    report = drawn(page, "quality")
    for m in report["markers"]:  # each drawn at its week, and its words above the plot
        assert m["x"] == pytest.approx(report["plot"]["left"] + report["plot"]["width"] * m["week"] / report["weeks"],
                                       abs=0.5)
    assert page.locator(".steersim-lever-0-indicators .steersim-lever-label").inner_text() == \
        f"indicators: {thumb(page, 0)}", "the label does not show what the slider holds"
    page.screenshot(path=str(SHOTS / "01_after_20_drags.png"))
    assert page.blocked == []
    page.close()


def thumb(page, side, settled=False) -> int:
    """The slider's own value in the browser; ``settled``: after the browser has drawn
    the last mouse event (two animation frames), not the value before it."""
    if settled:
        frames(page)
    return int(float(page.locator(f".steersim-lever-{side}-indicators [role=slider]").first
                     .get_attribute("aria-valuenow")))


def shown_value(page, side) -> int:
    text = page.locator(f".steersim-lever-{side}-indicators .steersim-lever-label").inner_text()
    return int(re.search(r": (\d+)", text).group(1))


def test_closed_tabs_free_their_models(server, browser):
    pages = [open_page(browser, server.url) for _ in range(3)]
    for page in pages:
        page.click(".steersim-play")
    deadline = time.time() + 10
    while time.time() < deadline and server.running() != 3:
        time.sleep(0.25)
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


# ---------------------------------------------------------------------- the lessons
def drawn_lead(report: dict, look) -> float:
    """The right side's lead over the left in ``look``, in pixels as drawn (up is +)."""
    points = {(line["side"], line["key"]): line["points"] for line in report["lines"]}
    gap = np.array([a[1] - b[1] for a, b in zip(points[(0, look.line)], points[(1, look.line)])])
    if look.sign == 0:
        return float(np.abs(gap[lessons.window(look.weeks, len(gap))]).max())
    out = float(gap[lessons.window(look.weeks, len(gap))].mean())
    if look.since is not None:
        out -= float(gap[lessons.window(look.since, len(gap))].mean())
    return out


PICTURE = """i => {
  const canvas = document.querySelectorAll('canvas.steersim-network')[i], r = canvas.steersimReport;
  const ratio = canvas.width / canvas.clientWidth, ctx = canvas.getContext('2d'), ramp = [];
  for (let k = 0; k <= 500; k++) ramp.push(window.steersimCharts.colour(k / 500).match(/\\d+/g).map(Number));
  const units = {};
  r.staff.forEach(s => {  // the colour at each staff dot's centre, read back to the 0-1 scale
    const d = ctx.getImageData(Math.round(s.x * ratio), Math.round(s.y * ratio), 1, 1).data;
    let best = 0, far = 1e9;
    ramp.forEach((c, k) => { const e = (c[0] - d[0]) ** 2 + (c[1] - d[1]) ** 2 + (c[2] - d[2]) ** 2;
                             if (e < far) { far = e; best = k; } });
    (units[s.unit] = units[s.unit] || []).push(best / 500);
  });
  return {units: units, title: r.title, week: r.week, w: canvas.clientWidth, h: canvas.clientHeight,
          scale: document.querySelector('canvas.steersim-scale').clientWidth};
}"""


def picture_lead(page) -> tuple[float, dict]:
    """The right picture's pilot units' staff against the others', in pixels of the colour
    scale, read from the colours on the canvas."""
    seen = page.evaluate(PICTURE, 1)
    pilots = page.evaluate("window.steersimNets[1].pilots")
    means = {int(u): float(np.mean(v)) for u, v in seen["units"].items()}
    lead = np.mean([means[u] for u in pilots]) - np.mean([v for u, v in means.items() if u not in pilots])
    return float(lead * seen["scale"]), seen


def switch_view(page, name: str):
    page.evaluate("document.querySelectorAll('canvas').forEach(c => { c.steersimReport = null; })")
    page.click(f".steersim-view button:has-text('{name}')")


def test_the_lessons_in_the_plans_order_then_restart_each_start_clean_and_their_claims_are_seen(server, browser):
    """One tab, as in a lesson: each lesson from its button starts at week 0 with nothing
    left of the last run; played to its end, the drawn series hold exactly its weeks (the
    same numbers as the lesson run alone), its event's marker sits at its week, the views
    switched while paused draw the current week, and each claim is measured in pixels on
    its chart at the chart's fixed range: at least 8 px (seed 1 as drawn; seeds 2-3 at the
    same chart's scale) and larger than its spread over seeds 1-3."""
    page = open_page(browser, server.url, 1280, 720)
    page.click(".steersim-speed button:has-text('40')")
    run = page.evaluate("window.steersimLast.run")
    measured = []
    for lesson in lessons.LESSONS:
        page.click(f".steersim-lesson-{lesson.key}")
        assert_clean_start(page, run)
        run = page.evaluate("window.steersimLast.run")
        panel = page.locator(".steersim-lesson-question")
        page.wait_for_function("q => (document.querySelector('.steersim-lesson-question') || {}).innerText"
                               "?.includes(q)", arg=lesson.question[:30], timeout=10_000)
        page.wait_for_selector(".steersim-answers", state="detached", timeout=5_000)  # the question first
        assert float(panel.evaluate("e => getComputedStyle(e).fontSize").rstrip("px")) >= 18
        assert inside(page.locator(".steersim-lesson-text").bounding_box(), 1280, 720)
        t0 = time.time()
        page.click(".steersim-play")
        wait_week(page, lesson.weeks, lesson.weeks * 1000 // 10 + 30_000)
        page.wait_for_selector(".steersim-play:has-text('Play')", timeout=10_000)  # it stops at the lesson's end
        print(f"{lesson.key}: {lesson.weeks} weeks in {time.time() - t0:.1f} s")
        page.click(".steersim-answers-button")
        page.wait_for_selector(".steersim-answers")
        frames(page, 3)
        assert week(page) == lesson.weeks and week_label(page).strip().endswith(str(lesson.weeks))
        alone = [lessons.run_offline(lesson, seed) for seed in (1, 2, 3)]
        series = page.evaluate("window.steersimLast.series")
        assert series == alone[0]["series"], "the page's series are not those of this lesson's run alone"
        plans = [(side, week_) for side, week_, _ in lesson.plan]
        for key in lesson.charts:
            report = drawn(page, key)
            assert (report["lo"], report["hi"]) == (CHARTS[key].low, CHARTS[key].high), "not the fixed range"
            assert {len(line["points"]) for line in report["lines"]} == {lesson.weeks + 1}, key
            assert sorted((m["side"], m["week"]) for m in report["markers"]) == sorted(plans), key
            for m in report["markers"]:
                assert m["x"] == pytest.approx(report["plot"]["left"] + report["plot"]["width"] * m["week"]
                                               / report["weeks"], abs=0.5)
            assert report["plot"]["height"] >= lessons.PLOT_PX, (key, report["plot"])
        page.screenshot(path=str(SHOTS / f"lesson_{lesson.key}.png"))
        text = page.inner_text(".steersim-answers")
        for claim in lesson.claims:
            assert claim.text[:40] in text
            for look in claim.looks:
                measured.append(check_look(page, lesson, claim, look, alone))
        # the views, switched while paused: each canvas drawn again, at its size, this week
        switch_view(page, "organisation")
        page.wait_for_function("document.querySelectorAll('canvas.steersim-network')[1].steersimReport !== null")
        for i in (0, 1):
            seen = page.evaluate(PICTURE, i)
            assert seen["w"] > 300 and seen["h"] > 200 and seen["week"] == lesson.weeks, seen["title"]
            assert seen["title"].endswith(f"week {lesson.weeks}")
        page.screenshot(path=str(SHOTS / f"lesson_{lesson.key}_organisation.png"))
        if any(look.chart == "organisation" for claim in lesson.claims for look in claim.looks):
            px, _seen = picture_lead(page)
            assert px >= lessons.VISIBLE_PX, f"the pilot unit is {px:.1f} px along the colour scale"
            measured.append((lesson.key, "organisation", round(px, 1), None))
        switch_view(page, "charts")
        page.wait_for_function("Array.from(document.querySelectorAll('canvas.steersim-chart'))"
                               ".every(c => c.steersimReport && c.clientHeight > 100)")
        for report in drawn_charts(page):
            assert {len(line["points"]) for line in report["lines"]} == {lesson.weeks + 1}, report["key"]
    print("claims (lesson, chart/line, px as drawn on seed 1, px on seeds 1-3):")
    for row in measured:
        print("  ", row)
    for clicks, names in ((".steersim-restart", ("NPM, left", "NPM, right")),  # the last lesson: the pilot
                          (".steersim-default", ("NPM", "trust-based")),
                          (".steersim-lesson-scandal", ("trust-based, left", "trust-based, right"))):
        page.click(".steersim-play")
        wait_week(page, week(page) + 10)  # play on past the lesson, then start again
        page.click(".steersim-play")
        page.click(clicks)
        assert_clean_start(page, run)
        run = page.evaluate("window.steersimLast.run")
        page.wait_for_function("([names, lesson]) => Array.from(document.querySelectorAll('.steersim-side-name'))"
                               ".map(e => e.innerText).join('|') === names.join('|') && "
                               "!!document.querySelector('.steersim-lesson-question') === lesson",
                               arg=[list(names), clicks != ".steersim-default"], timeout=10_000)
        if clicks == ".steersim-restart":  # the same lesson, its question asked again, answers hidden
            page.wait_for_selector(".steersim-answers", state="detached", timeout=5_000)
        page.click(".steersim-play")
        wait_week(page, 30)
        page.click(".steersim-play")
        frames(page, 3)
        n = week(page)
        assert {len(line["points"]) for r in drawn_charts(page) for line in r["lines"]} == {n + 1}
    page.screenshot(path=str(SHOTS / "lesson_restarted.png"))
    assert page.blocked == []
    page.close()


def check_look(page, lesson, claim, look, alone):
    """One look of a claim, as a person sees it: measured on the page (pixels drawn, or the
    big numbers' text), and at the same chart's scale on seeds 1-3."""
    if look.chart == "organisation":
        return None
    leads = [lessons.lead(view, look) for view in alone]
    if look.chart == "numbers":
        shown = [int(re.sub(r"\D", "", page.locator(f"b[data-metric='{look.line}'][data-side='{s}']").inner_text()))
                 for s in (0, 1)]
        assert abs(shown[1] - shown[0]) <= 100 * lessons.NUMBERS_TOGETHER, (claim.text, shown)
        assert lessons.holds(look, leads), (claim.text, leads)
        return (lesson.key, "numbers", shown, leads)
    report = drawn(page, look.chart)
    height = report["plot"]["height"]
    px = drawn_lead(report, look)
    at_scale = [lessons.pixels(look, lead, height) for lead in leads]
    assert px == pytest.approx(at_scale[0], abs=0.75), "the drawn lines are not where the numbers put them"
    if look.sign == 0:
        assert px < lessons.TOGETHER_PX, (claim.text, px)
    else:
        assert look.sign * px >= lessons.VISIBLE_PX, (claim.text, px)
    assert lessons.holds(look, leads, height), (claim.text, at_scale)
    return (lesson.key, f"{look.chart}/{look.line}", round(px, 1), [round(p, 1) for p in at_scale])
