"""The classroom page in a real browser (Playwright driving Debian's Chromium), with
every request that leaves 127.0.0.1 blocked: load, move a slider, Step, Play, and check
that the step counter, the monitors and the charts change and that the two regimes
differ. Screenshots go to results/screenshots/.

Needs /usr/bin/chromium (.ci/run installs it: apt-get install chromium).
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "results" / "screenshots"
CHROMIUM = "/usr/bin/chromium"

pytest.importorskip("playwright")
if os.environ.get("STEERSIM_SKIP_BROWSER") == "1":
    pytest.skip("STEERSIM_SKIP_BROWSER=1", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sim.cli", "viz", "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the page did not come up: " + proc.stdout.read()[-2000:])
    yield url
    proc.terminate()
    out, _ = proc.communicate(timeout=30)
    assert "Could not load URL" not in out, "the server tried to fetch front-end files from the network"


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


def open_page(browser, url, blocked):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:")):
            r.continue_()
        else:  # the outside network is blocked: the page must work without it
            blocked.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    page.goto(url)
    page.wait_for_selector("text=Step", timeout=60_000)
    page.wait_for_selector("text=Live levers and events", timeout=60_000)
    return page


def week(page) -> float:
    text = page.locator("text=/Time: /").first.inner_text()
    return float(re.search(r"Time: ([\d.]+)", text).group(1))


def monitors(page) -> list[str]:
    return [t.strip() for t in page.locator(".monitor").all_inner_texts()]


def chart_images(page) -> list[str]:
    """The figures' sources (Solara serves each new rendering under a new blob URL)."""
    return [img.get_attribute("src") for img in page.locator("img.widget-image").all()]


def test_page_works_offline_with_step_play_and_live_levers(server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    blocked = []
    page = open_page(browser, server, blocked)
    page.screenshot(path=str(SHOTS / "01_loaded.png"), full_page=True)
    assert week(page) == 0
    before_images = chart_images(page)
    assert len(before_images) == 3  # the charts and the two network pictures

    page.get_by_role("button", name="Step").click()
    page.wait_for_function("document.body.innerText.includes('Time: 5')", timeout=30_000)
    page.wait_for_timeout(1500)
    left, right = monitors(page)
    assert "quality 0." in left and "quality 0." in right
    assert left.split("quality")[1] != right.split("quality")[1], "both sides show the same values"
    assert chart_images(page) != before_images, "the charts did not change after Step"
    page.screenshot(path=str(SHOTS / "02_after_step.png"), full_page=True)

    # move a live lever: click near the right end of the "indicators" slider
    label = page.locator("text=/indicators: \\d+ count/").first
    old_label = label.inner_text()
    slider = page.locator(".v-slider", has=page.locator("text=/indicators: \\d+ count/")).first
    if slider.count() == 0:
        slider = label.locator("xpath=ancestor::div[contains(@class,'v-input')][1]//div[contains(@class,'v-slider')]").first
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
    page.wait_for_function(f"!document.body.innerText.includes({old_label!r})", timeout=10_000)
    new_label = page.locator("text=/indicators: \\d+ count/").first.inner_text()
    assert int(re.search(r"(\d+) count", new_label).group(1)) > int(re.search(r"(\d+) count", old_label).group(1))

    start = week(page)
    page.get_by_role("button", name="▶").click()
    page.wait_for_function(f"(() => {{ const m = document.body.innerText.match(/Time: ([0-9.]+)/);"
                           f" return m && parseFloat(m[1]) >= {start + 20}; }})()", timeout=60_000)
    page.get_by_role("button", name="❚❚").click()
    page.wait_for_timeout(1000)
    assert week(page) >= start + 20
    page.screenshot(path=str(SHOTS / "03_after_play.png"), full_page=True)

    # an event from the page: a scandal next week, then a step
    page.get_by_role("button", name="Scandal").click()
    page.get_by_role("button", name="Step").click()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "04_scandal.png"), full_page=True)
    assert blocked == [] or all("127.0.0.1" not in u for u in blocked)
    page.close()


def test_each_tab_gets_its_own_model(server, browser):
    blocked = []
    first = open_page(browser, server, blocked)
    second = open_page(browser, server, blocked)
    first.get_by_role("button", name="Step").click()
    first.wait_for_function("document.body.innerText.includes('Time: 5')", timeout=30_000)
    second.wait_for_timeout(1000)
    assert week(second) == 0, "stepping one tab moved the other"
    first.close()
    second.close()


def test_a_scenario_file_can_be_chosen_in_the_page(server, browser):
    blocked = []
    page = open_page(browser, server, blocked)
    page.get_by_label("right regime").click(force=True)
    page.get_by_role("option", name="examples/kalmar").click()
    page.wait_for_timeout(1000)  # the choice reaches the server asynchronously
    page.get_by_role("button", name="Reset").click()
    page.wait_for_selector("text=/examples\\/kalmar, week 0/", timeout=30_000)
    page.get_by_role("button", name="Step").click()
    page.wait_for_selector("text=/examples\\/kalmar, week 5/", timeout=30_000)
    page.close()
