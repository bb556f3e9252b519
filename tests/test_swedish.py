"""A Swedish analyst's comparison: under --lang sv every sentence of report.md and
report.html, every piece of text in the figure and every line compare prints is a
message from the Swedish catalogue or a number (with a decimal comma), a name from the
code or a scenario's name. And the English wording a reader relies on: a comparison of
regimes reads as one ("higher under trust than under npm"), a row's numbers have the
same decimals, and a difference shown as 0 is never called higher."""

import html
import re
from pathlib import Path

import matplotlib.text
import pandas as pd
import pytest
from conftest import cli

import sim
from sim.msgfmt import parse_po
from sim.report.numbers import decimals, difference, number
from sim.report.report import differences_table, plain_summary

ROOT = Path(__file__).resolve().parent.parent
SMALL = {"units": 4, "citizens": 300, "staff_per_unit": 5, "burn_in": 20}
SMALL_SET = [x for k, v in SMALL.items() for x in ("--set", f"{k}={v}")]
CATALOGUE = {k: v for k, v in parse_po((ROOT / "sim/locale/sv/LC_MESSAGES/steersim.po").read_text()).items() if k}
#: words that are not sentences: scenario names, tools, abbreviations used in both languages
NAMES = {"npm", "trust", "pilot", "steersim", "mesa", "md", "html", "png", "report", "comparison", "sd", "did",
         "ki", "odd", "science", "s", "min", "h"}


def _vocabulary() -> set[str]:
    words = set(NAMES)
    for message in CATALOGUE.values():
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", message)))
    return words


def _templates() -> str:
    parts = []
    for message in sorted(CATALOGUE.values(), key=len, reverse=True):
        pieces = re.split(r"\{[^}]*\}", message)
        parts.append(".+?".join(re.escape(p) for p in pieces))
    return "|".join(parts)


VOCABULARY, TEMPLATES = _vocabulary(), _templates()


def _prose(text: str) -> str:
    """The text without code, paths, file names, version numbers and the model's fingerprint
    (12 hex digits: an identifier, not a sentence)."""
    text = re.sub(r"`[^`]*`|<code>.*?</code>", " ", text)
    text = re.sub(r"\S*/\S*", " ", text)  # paths and units such as timmar/ärende's slash
    text = re.sub(r"\b[0-9a-f]{12}\b", " ", text)
    return re.sub(r"\b\d+\.\d+\.\d+\b", " ", text)


def _english_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", _prose(text)) if w.lower() not in VOCABULARY]


def _points(text: str) -> list[str]:
    return re.findall(r"\d\.\d", _prose(text))


@pytest.fixture(scope="module")
def swedish(tmp_path_factory):
    out = tmp_path_factory.mktemp("sv")
    result = sim.compare("npm", "trust", "pilot", seeds=3, steps=60, set=SMALL, uncertainty=4, workers=1,
                         progress=False)
    result.report(out / "api", lang="sv")
    return result, out


def test_every_sentence_of_the_swedish_report_is_a_translated_message_or_a_number(swedish):
    result, out = swedish
    md = (out / "api" / "report.md").read_text(encoding="utf-8")
    page = (out / "api" / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", re.sub(r'<style>.*?</style>|<code>.*?</code>|src="data:[^"]*"', "", page,
                                                 flags=re.S))
    for name, body in (("report.md", md), ("report.html", html.unescape(text))):
        assert _english_words(body) == [], name
        assert _points(body) == [], name  # decimal commas throughout
    bullets = [line[2:] for line in md.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 12
    for sentence in bullets:  # one message, or one followed by the one over worlds
        assert re.fullmatch(rf"(?:{TEMPLATES})(?: (?:{TEMPLATES}))?", sentence), sentence
    assert "Servicekvalitet" in md and "0,8" in md and "procentenheter" in md


def test_the_swedish_figure_has_no_english_and_decimal_commas(swedish):
    result, _ = swedish
    fig = result.figure(None, lang="sv")
    fig.canvas.draw()
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]
    assert "servicekvalitet" in texts and "vecka" in texts
    assert [t for t in texts if _english_words(t)] == []
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() if t.get_text()]
    assert any("," in t for t in ticks) and not [t for t in ticks if "." in t]


def test_what_compare_prints_in_swedish_is_translated_with_decimal_commas(capsys, tmp_path, monkeypatch):
    from sim.execution import progress
    monkeypatch.setattr(progress, "LOG_SECONDS", 0.0)  # its progress lines too
    status, out, err = cli(capsys, "compare", "--lang", "sv", "--seeds", 3, "--steps", 60, *SMALL_SET,
                           "--uncertainty", 4, "--workers", 1, "--out", tmp_path)
    assert status == 0, err
    for line in (out + err).splitlines():
        assert _english_words(line) == [] and _points(line) == [], line
    assert "servicekvalitet" in out and "rimliga världar" in out and "världar/s" in err


def test_every_metric_name_and_unit_and_every_lever_unit_has_a_swedish_translation():
    # the report names every metric in words, with its unit, and the levers that differ
    from sim.i18n import translator
    from sim.inputs.schema import INPUTS, LEVERS
    from sim.model.metrics import METRICS
    _ = translator("sv")
    same_in_swedish = {"manipulation", "0-1"}
    words = [m.replace("_", " ") for m in METRICS] + [m.unit for m in METRICS.values()]
    words += [INPUTS[k].unit for k in LEVERS]
    assert [w for w in words if _(w) == w and w not in same_in_swedish] == []


def test_numbers_follow_one_rule_in_both_languages():
    assert [number(x, decimals(141, 92.553)) for x in (141, 92.553)] == ["141", "93"]
    assert [number(x, decimals(1.805, 1.15)) for x in (1.805, 1.15)] == ["1.80", "1.15"]
    assert number(1805.25, 1, "sv") == "1\u00a0805,2" and number(-0.0004, 3) == "0.000"
    assert difference(0.0004, 3) == "+0.0004" and difference(0.0, 3) == "0" and difference(-0.01, 3) == "-0.010"


def _diff(base, alt, d, lo, hi, metric="service_quality"):
    return pd.DataFrame([{"metric": metric, "npm": base, "trust": alt, "difference": d, "ci_low": lo, "ci_high": hi}])


def test_a_sentence_compares_the_regimes_not_the_weeks():
    text = plain_summary(_diff(0.833, 0.867, 0.034, 0.032, 0.037), "npm", "trust")[0]
    assert text.startswith("Service quality is higher under trust than under npm (0.867 against 0.833;")
    assert "rose" not in text and "from 0.833 to" not in text
    lower = plain_summary(_diff(0.362, 0.192, -0.17, -0.172, -0.167, "admin_share"), "npm", "trust")
    assert any(t.startswith("Admin share is lower under trust than under npm (19.2% against 36.2%; difference "
                            "-17.0 points") for t in lower)


def test_a_difference_shown_as_zero_is_never_called_higher():
    row = _diff(0.041, 0.041, 0.0003, 0.0001, 0.0004, "below_target")
    table = differences_table(row, "npm", "trust")
    assert "+0.0003 [+0.0001, +0.0004]*" in table and " 0.000 " not in table
    same = plain_summary(_diff(0.8, 0.8, 0.0, 0.0, 0.0), "npm", "trust")[0]
    assert same.startswith("Service quality: no clear difference between trust and npm")
    from sim.science.world import _Alternative
    rows = pd.DataFrame([{"metric": "indicators", "p5": 0.0, "p95": 0.0, "share_higher": 0.0, "lo": 0.0,
                          "hi": 0.1, "driver": None, "worlds": 30}]).set_index("metric")
    world = _Alternative("trust", "npm", rows, ("indicators",))
    assert world.cells("indicators") == ("0", "–")  # not "0% of worlds higher"
    assert world.sentence("indicators") == "In all 30 plausible worlds the difference is 0."


def test_every_preset_and_example_is_described_in_swedish():
    # the Swedish report's "what was compared" table shows each scenario's description
    from sim.i18n import translator
    from sim.inputs.scenario import example_names, load_scenario, preset_names
    _ = translator("sv")
    scenarios = [load_scenario(n) for n in preset_names()]
    scenarios += [load_scenario(str(ROOT / "scenarios" / "examples" / f"{n}.toml")) for n in example_names()]
    assert [s.name for s in scenarios if _(s.description) == s.description] == []
