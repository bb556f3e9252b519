"""The classroom's engine without a browser: levers act on their own side only, a closed
classroom frees its models, the lessons' claims hold over several seeds, every word the
page and the reports show has a Swedish translation, and the lesson plans are the ones
the lessons generate."""

import time
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from conftest import cli

from sim.i18n import translator
from sim.viz import lessons
from sim.viz.classroom import LIVE_LEVERS, Classroom, running

ROOT = Path(__file__).resolve().parent.parent
MARKED = ("sim/viz/app.py", "sim/viz/lessons.py", "sim/viz/animate.py", "sim/report/report.py",
          "sim/report/figures.py")


def wait_for(condition, seconds=5.0):
    deadline = time.time() + seconds
    while time.time() < deadline and not condition():
        time.sleep(0.02)
    return condition()


def test_a_lever_acts_on_its_own_side_only_and_shows_what_the_model_runs_with():
    room = Classroom("npm", "npm", seed=1, units=4, staff_per_unit=4, citizens=200)
    try:
        before = room.levers(1)
        room.set_lever(0, "indicators", 3)
        room.set_lever(0, "discretion", 0.9)
        room.step(2)
        assert wait_for(lambda: room.week >= 2)
        assert room.levers(0)["indicators"] == 3 and room.levers(0)["discretion"] == pytest.approx(0.9)
        assert room.levers(1) == before
        assert [(m.side, m.label) for m in room.markers] == [(0, "indicators"), (0, "discretion")]
        with pytest.raises(ValueError):
            room.set_lever(1, "history_years", 3)
        assert set(room.levers(0)) == set(LIVE_LEVERS)
    finally:
        room.close()


def test_a_closed_classroom_stops_and_frees_its_models_while_playing():
    room = Classroom("npm", "trust", seed=2, units=4, staff_per_unit=4, citizens=200)
    alive = running()
    room.set_speed(40)
    room.play()
    assert wait_for(lambda: room.week >= 3)
    room.close()
    assert running() == alive - 1
    assert wait_for(lambda: room.sides == [], 5), "the worker kept its models after the tab closed"
    stopped_at = room.weeks_done
    time.sleep(0.3)
    assert room.weeks_done == stopped_at


@pytest.mark.slow
@pytest.mark.parametrize("lesson", lessons.LESSONS, ids=[lesson.key for lesson in lessons.LESSONS])
def test_each_lesson_claim_holds_over_several_seeds(lesson):
    for seed in (1, 2, 3):
        results = lessons.check(lesson, lessons.run_offline(lesson, seed))
        assert all(ok for _, ok in results), (seed, [text for text, ok in results if not ok])


def test_every_marked_message_has_a_swedish_translation():
    _ = translator("sv")
    missing = []
    for path in MARKED:
        for _line, message, _comments, _context in extract_from_file("python", ROOT / path,
                                                                        keywords={"_": None, "N_": None}):
            text = message[0] if isinstance(message, tuple) else message
            if _(text) == text and text not in ("motivation", "organisation", "scenario", "manipulation"):
                missing.append(text)
    assert missing == []


def test_the_lesson_plans_are_the_ones_the_lessons_generate():
    for lang in ("en", "sv"):
        assert lessons.doc_path(ROOT / "docs", lang).read_text(encoding="utf-8") == lessons.teaching_markdown(lang), \
            f"regenerate with: python -m sim.viz.lessons --write docs ({lang})"


@pytest.mark.slow
def test_compare_writes_a_swedish_report(capsys, tmp_path):
    status, _, err = cli(capsys, "compare", "--seeds", 2, "--steps", 52, "--lang", "sv", "--out", tmp_path)
    assert status == 0, err
    page = (tmp_path / "report.md").read_text(encoding="utf-8")
    for words in ("I klartext", "Vad som jämfördes", "Skillnader", "95 % KI över slumpfrön"):
        assert words in page, words


def test_every_live_lever_label_shows_its_unit():
    from sim.viz.app import _value_text
    _ = translator("en")
    assert _value_text("documentation_hours", 1.5, _) == "documentation: 1.50 h/case"
    assert _value_text("discretion", 0.8, _) == "discretion: 0.80 / 1"
    assert _value_text("indicators", 24, _) == "indicators: 24"
    assert translator("sv")("h/case") == "tim/ärende"
