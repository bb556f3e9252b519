"""The lesson: experiments a class runs on the page, each with its question and what to
notice. Every "notice" is a claim with a check on what the page shows (the series of
both sides, and the organisation picture), so the lesson plan can only say what the page
actually shows: the tests run each lesson offline over several seeds and in a browser.

    python -m sim.viz.lessons --write docs       # docs/teaching.md and docs/teaching.sv.md
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sim.i18n import LANGUAGES, N_, translator


@dataclass(frozen=True)
class Claim:
    text: str
    check: Callable[[dict], bool]   # view -> holds


@dataclass(frozen=True)
class Lesson:
    key: str
    title: str
    setup: str                        # what the button sets up, in words
    question: str
    left: str
    right: str
    plan: tuple = ()                  # (side, week, action) as Classroom.schedule takes
    weeks: int = 156
    claims: tuple[Claim, ...] = field(default=())


def _series(view, side, metric):
    return np.asarray(view["series"][side][metric], dtype=float)


def _last(view, side, metric, weeks=26):
    return float(_series(view, side, metric)[-weeks:].mean())


def _gap(view, metric, start, end):
    d = _series(view, 1, metric) - _series(view, 0, metric)
    return float(d[start:end].mean())


def _half_back(view, metric, at):
    """Weeks from the lowest point after ``at`` until half the fall is regained."""
    d = _series(view, 1, metric) - _series(view, 0, metric)
    low = int(np.argmin(d[at:at + 26])) + at
    back = np.flatnonzero(d[low:] > d[low] / 2)
    fall = low - at + 1
    return fall, (int(back[0]) if back.size else len(d) - low)


def _pilot_unit_trust(view):
    net = view["nets"][1]
    staff = np.asarray(net["staff"]).reshape(net["units"], net["per_unit"]).mean(axis=1)
    pilots = np.zeros(net["units"], bool)
    pilots[net["pilots"]] = True
    return float(staff[pilots].mean() - staff[~pilots].mean()) if pilots.any() else 0.0


START = 26

LESSONS: tuple[Lesson, ...] = (
    Lesson("two_regimes", N_("Two regimes, the same people"),
           N_("NPM on the left, trust-based steering on the right, the same staff and citizens (the "
              "same seed); Play for three years."),
           N_("Which organisation serves its citizens better, and which looks better on paper?"),
           "npm", "trust", weeks=156, claims=(
               Claim(N_("NPM reports better figures: its reported performance is higher."),
                     lambda v: _last(v, 0, "reported_performance") > _last(v, 1, "reported_performance") + 0.05),
                Claim(N_("Under NPM the reported figures run further ahead of the real work: the gap "
                         "reported - true is larger."),
                      lambda v: _last(v, 0, "gaming_gap") > _last(v, 1, "gaming_gap") + 0.01),
               Claim(N_("Trust's staff spend more of their week with clients, NPM's more on "
                        "administration."),
                     lambda v: (_last(v, 1, "direct_time_share") > _last(v, 0, "direct_time_share") + 0.03
                                and _last(v, 0, "admin_share") > _last(v, 1, "admin_share") + 0.03)),
               Claim(N_("Fewer staff leave under trust."),
                     lambda v: _last(v, 1, "turnover") < _last(v, 0, "turnover")),
               Claim(N_("Trust has a cost: like cases are treated less alike (unequal treatment is "
                        "higher)."),
                     lambda v: _last(v, 1, "unequal_treatment") > _last(v, 0, "unequal_treatment") + 0.01),
           )),
    Lesson("scandal", N_("A scandal"),
           N_("Trust-based steering on both sides; a scandal hits the right side in week 26."),
           N_("What do politicians do after a scandal, and how fast does citizens' trust come back?"),
           "trust", "trust", plan=((1, START, ("event", "scandal")),), weeks=208, claims=(
               Claim(N_("Citizens' trust on the right falls within a few weeks of the scandal."),
                     lambda v: _half_back(v, "citizen_trust", START)[0] <= 4
                     and _gap(v, "citizen_trust", START, START + 4) < 0),
               Claim(N_("It comes back far more slowly than it fell: the fall takes a few weeks, "
                        "regaining half of it more than ten."),
                     lambda v: _half_back(v, "citizen_trust", START)[1] > 10),
               Claim(N_("The politicians add rules and indicators: a year later the right side has "
                        "more of both in force."),
                     lambda v: _gap(v, "rules", START + 50, START + 54) > 0
                     and _gap(v, "indicators", START + 50, START + 54) > 0),
           )),
    Lesson("point_chasing", N_("Point-chasing (pinnjakt)"),
           N_("Trust-based steering on both sides; in week 26 the right side gets 40 indicators, "
              "targets pressed hard (0.9) and incentive pay (0.6)."),
           N_("Do the figures and the service move together?"),
           "trust", "trust", plan=((1, START, ("lever", "indicators", 40)),
                                   (1, START, ("lever", "target_pressure", 0.9)),
                                   (1, START, ("lever", "incentive_strength", 0.6))), weeks=156, claims=(
               Claim(N_("The reported figures on the right rise."),
                     lambda v: _gap(v, "reported_performance", -26, None) > 0.05),
               Claim(N_("True service quality on the right falls below the left's."),
                     lambda v: _gap(v, "service_quality", -26, None) < 0),
               Claim(N_("Staff on the right spend less time with clients and more on administration."),
                     lambda v: _gap(v, "direct_time_share", -26, None) < -0.03
                     and _gap(v, "admin_share", -26, None) > 0.03),
               Claim(N_("Staff motivation on the right falls."),
                     lambda v: _gap(v, "staff_motivation", -26, None) < 0),
           )),
    Lesson("reform", N_("An imposed reform"),
           N_("NPM on both sides; in week 26 the right side is switched to trust-based steering "
              "from above (not co-created)."),
           N_("How soon does a reform to trust pay off?"),
           "npm", "npm", plan=((1, START, ("event", "reform")),), weeks=208, claims=(
               Claim(N_("Quality on the right dips first: in the weeks after the switch it is below "
                        "the left's."),
                     lambda v: _gap(v, "service_quality", START, START + 8) < 0),
               Claim(N_("A year after the switch the gain is small: under 5% of the level before."),
                     lambda v: _gap(v, "service_quality", START + 40, START + 52)
                     < 0.05 * float(_series(v, 1, "service_quality")[START - 4:START].mean())),
               Claim(N_("After three years the right side is ahead."),
                     lambda v: _gap(v, "service_quality", -26, None) > 0),
           )),
    Lesson("pilot", N_("A pilot in one unit"),
           N_("NPM on both sides; in week 26 unit 0 on the right becomes a trust pilot (outlined in "
              "red in the organisation picture)."),
           N_("Would the pilot show in the organisation's figures?"),
           "npm", "npm", plan=((1, START, ("event", "pilot")),), weeks=130, claims=(
               Claim(N_("In the organisation picture (colour: felt trust), the pilot unit's staff feel "
                        "more trusted than the other units'."),
                     lambda v: _pilot_unit_trust(v) > 0.05),
               Claim(N_("The organisation's service quality hardly moves: one unit in twenty is too "
                        "small to show in the totals (under 0.01)."),
                     lambda v: abs(_gap(v, "service_quality", -26, None)) < 0.01),
           )),
)
BY_KEY = {lesson.key: lesson for lesson in LESSONS}


def run_offline(lesson: Lesson, seed: int = 1) -> dict:
    """Run a lesson as the page does (the same ``Classroom``), as fast as it goes;
    the view its claims are checked on."""
    import time

    from sim.viz.classroom import Classroom
    room = Classroom(lesson.left, lesson.right, seed=seed)
    try:
        for side, week, action in lesson.plan:
            room.schedule(side, week, action)
        room.set_speed(1e6)
        room.play(until=lesson.weeks)
        while room.week < lesson.weeks:
            time.sleep(0.01)
        return room.view()
    finally:
        room.close()


def check(lesson: Lesson, view: dict) -> list[tuple[str, bool]]:
    return [(claim.text, bool(claim.check(view))) for claim in lesson.claims]


PLAN = (
    N_("# Teaching with steersim: a 45-minute lesson"),
    N_("Start the page with `steersim viz` (add `--lang sv` for Swedish) and open "
       "http://127.0.0.1:8765 on the projector; it needs no network. One step is one week. The "
       "left and right sides are the same organisation with the same staff and citizens (the "
       "same seed), so every difference on screen comes from how it is steered."),
    N_("Each experiment below is a button under \"Lessons\" on the page: it sets both sides up, "
       "plays to the end and shows the question and what to notice. Every statement under "
       "\"Notice\" is what the page shows; the project's tests run each experiment in a browser "
       "and check it."),
    N_("Timing: 5 minutes to introduce the two sides and the charts; about 7 minutes per "
       "experiment (predict, play, discuss); 5 minutes to close with what the model leaves out: "
       "it is a model of mechanisms from the research, not a forecast for your organisation."),
)


def teaching_markdown(lang: str) -> str:
    _ = translator(lang)
    out = [_(PLAN[0]), "", *[p for text in PLAN[1:] for p in (_(text), "")]]
    for i, lesson in enumerate(LESSONS, 1):
        out += [f"## {i}. {_(lesson.title)}", "", f"**{_('Set-up')}:** {_(lesson.setup)}", "",
                f"**{_('Ask first')}:** {_(lesson.question)}", "", f"**{_('Notice')}:**", ""]
        out += [f"- {_(claim.text)}" for claim in lesson.claims]
        out.append("")
    return "\n".join(out)


def doc_path(folder: Path, lang: str) -> Path:
    return Path(folder) / ("teaching.md" if lang == "en" else f"teaching.{lang}.md")


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] != ["--write"] or len(args) != 2:
        print("usage: python -m sim.viz.lessons --write FOLDER", file=sys.stderr)
        return 2
    for lang in LANGUAGES:
        doc_path(Path(args[1]), lang).write_text(teaching_markdown(lang), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
