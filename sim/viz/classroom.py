"""The classroom's engine: two regimes on the same seed, owned by one worker thread.

The page never runs the model on the thread that handles a browser message. Each tab
has a ``Classroom``; its worker thread steps both models (while playing, or when asked
for a step) and, after each week, hands a snapshot to the page to draw. A lever moved
in the page is written at once, under the same lock the worker holds while stepping,
into the side that slider belongs to, so what a slider shows is what its model runs
with from the next week. Closing the tab stops the worker and frees the models.

A registry counts the classrooms alive in this process (the server logs it), so a
teacher, or a test, can see that closed tabs free their models.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.i18n import N_
from sim.inputs.events import Incident, SetLevers
from sim.inputs.scenario import load_scenario
from sim.model.metrics import INDEX
from sim.model.model import SteeringModel

log = logging.getLogger("steersim.classroom")

#: What the page shows each week (besides the levers): the charts' and numbers' series.
SHOWN = ("service_quality", "reported_performance", "direct_time_share", "admin_share", "citizen_trust",
         "turnover", "indicators", "rules", "unequal_treatment", "staff_motivation", "felt_trust", "gaming_gap")
SIDE_COLOURS = ("#1f5fa8", "#d1603d")
DIFF_COLOUR = "#2e7d32"
#: The charts (5 x 2). Scores and shares run from 0 to 1.
CHARTS = (
    dict(title=N_("quality: true ─ reported ╌"), ymin=0, ymax=1,
         lines=[dict(side=s, metric=m, dash=d) for s in (0, 1)
                for m, d in (("service_quality", False), ("reported_performance", True))]),
    dict(title=N_("right − left: quality"), ymin=None, ymax=None, diff=dict(metric="service_quality")),
    dict(title=N_("reported − true"), ymin=0, ymax=1, lines=[dict(side=s, metric="gaming_gap") for s in (0, 1)]),
    dict(title=N_("clients ─ admin ╌"), ymin=0, ymax=1, percent=True,
         lines=[dict(side=s, metric=m, dash=d) for s in (0, 1)
                for m, d in (("direct_time_share", False), ("admin_share", True))]),
    dict(title=N_("citizens' trust"), ymin=0, ymax=1, percent=True,
         lines=[dict(side=s, metric="citizen_trust") for s in (0, 1)]),
    dict(title=N_("staff leaving / year"), ymin=0, ymax=None, percent=True,
         lines=[dict(side=s, metric="turnover") for s in (0, 1)]),
    dict(title=N_("indicators in force"), ymin=0, ymax=None, lines=[dict(side=s, metric="indicators") for s in (0, 1)]),
    dict(title=N_("rules in force"), ymin=0, ymax=None, lines=[dict(side=s, metric="rules") for s in (0, 1)]),
    dict(title=N_("unequal treatment"), ymin=0, ymax=None,
         lines=[dict(side=s, metric="unequal_treatment") for s in (0, 1)]),
    dict(title=N_("motivation ─ felt trust ╌"), ymin=0, ymax=1,
         lines=[dict(side=s, metric=m, dash=d) for s in (0, 1)
                for m, d in (("staff_motivation", False), ("felt_trust", True))]),
)
NUMBERS = (("service_quality", N_("quality"), False), ("direct_time_share", N_("with clients"), True),
           ("citizen_trust", N_("citizens' trust"), True), ("turnover", N_("leaving"), True))


def translated(_) -> tuple[list[dict], list[dict]]:
    """The chart specs and the big numbers, in the language of ``_``."""
    return ([{**c, "title": _(c["title"])} for c in CHARTS],
            [{"metric": m, "label": _(label), "percent": pct} for m, label, pct in NUMBERS])


#: The levers a class can move while the model plays.
LIVE_LEVERS = ("indicators", "target_pressure", "incentive_strength", "monitoring", "audit_rate",
               "documentation_hours", "discretion", "support")
#: Weeks per second the page offers while playing.
SPEEDS = (5, 10, 20, 40)
SCANDAL_SEVERITY = 0.9
_LIVE: weakref.WeakSet = weakref.WeakSet()
_LIVE_LOCK = threading.Lock()


def running() -> int:
    """How many classrooms (each with two models) are alive in this process."""
    with _LIVE_LOCK:
        return sum(1 for c in _LIVE if not c.stopped)


@dataclass
class Marker:
    """A lever moved or an event happened on one side (0, 1) in a week."""
    week: int
    side: int
    label: str


def shown_series(model) -> dict[str, list[float]]:
    """A model's weekly values of every shown metric (week 0 first)."""
    rows = np.asarray(model.history)
    return {m: np.round(rows[:, INDEX[m]], 4).tolist() for m in SHOWN}


class Classroom:
    """Two regimes (``left``, ``right``: presets or ``examples/NAME``) on one seed."""

    def __init__(self, left: str = "npm", right: str = "trust", seed: int = 1,
                 on_week: Callable[[Classroom], None] | None = None, **inputs):
        self.names = (left, right)
        self.seed = int(seed)
        self.inputs = inputs
        self.lock = threading.RLock()
        self.sides = [SteeringModel.from_scenario(load_scenario(name), self.seed, **inputs) for name in (left, right)]
        self.markers: list[Marker] = []
        self.on_week = on_week
        self.speed: float = SPEEDS[2]
        self.playing = False
        self.until: int | None = None
        self._steps_wanted = 0
        self._plan: list[tuple[int, int, tuple]] = []
        self.moved_sides: set[int] = set()
        self._wake = threading.Event()
        self.stopped = False
        self.weeks_done = 0
        self._thread = threading.Thread(target=self._work, name="steersim-classroom", daemon=True)
        with _LIVE_LOCK:
            _LIVE.add(self)
        self._thread.start()
        log.info("classroom opened (%d running)", running())

    # ------------------------------------------------------------------ from the page
    @property
    def week(self) -> int:
        return int(self.sides[0].steps)

    def play(self, until: int | None = None) -> None:
        self.until = until
        self.playing = True
        self._wake.set()

    def pause(self) -> None:
        self.playing = False
        self._wake.set()

    def step(self, weeks: int = 1) -> None:
        with self.lock:
            self._steps_wanted += int(weeks)
        self._wake.set()

    def set_speed(self, weeks_per_second: float) -> None:
        self.speed = float(weeks_per_second)

    def set_lever(self, side: int, name: str, value) -> None:
        """Move a lever on one side, in all its units, at once."""
        if name not in LIVE_LEVERS:
            raise ValueError(f"{name!r} is not a live lever")
        with self.lock:
            model = self.sides[side]
            if float(model.levers[name][0]) == float(value):
                return
            model.set_levers({name: value})
            marker = Marker(self.week, side, name)
            if not self.markers or self.markers[-1] != marker:  # one drag, many values: one marker
                self.markers.append(marker)
        self._wake.set()

    def trigger(self, side: int, kind: str, unit: int = 0) -> None:
        """An event next week on one side: a scandal, a reform to trust, or a trust pilot."""
        with self.lock:
            model = self.sides[side]
            week = self.week + 1
            event: Incident | SetLevers
            if kind == "scandal":
                event = Incident(week, SCANDAL_SEVERITY, unit, label="scandal")
            elif kind == "reform":
                event = SetLevers(week, load_scenario("trust").levers(), None, False, label="reform")
            elif kind == "pilot":
                event = SetLevers(week, load_scenario("trust").levers(), (unit,), True, label="pilot")
            else:
                raise ValueError(f"no event {kind!r}")
            model.events.append(event)
            self.markers.append(Marker(week, side, kind))

    def levers(self, side: int) -> dict[str, float]:
        with self.lock:
            return {name: float(self.sides[side].levers[name][0]) for name in LIVE_LEVERS}

    def view(self) -> dict:
        """Everything the page shows now: the week, both sides' series, the markers and
        the organisation pictures (what a new page starts from, and what lessons check)."""
        with self.lock:
            return {"week": self.week, "series": [shown_series(m) for m in self.sides],
                    "markers": self.marks(),
                    "nets": [{**self.network(s), "title": self.names[s]} for s in (0, 1)]}

    def marks(self) -> list[dict]:
        with self.lock:
            return [m.__dict__ for m in self.markers]

    def rows(self) -> list[dict[str, float]]:
        """This week's value of every shown metric, per side."""
        with self.lock:
            return [{m: round(float(model.history[-1][INDEX[m]]), 4) for m in SHOWN} for model in self.sides]

    def network(self, side: int, colour_by: str = "felt_trust") -> dict:
        """What the organisation picture of one side needs: staff coloured by
        ``colour_by`` (felt_trust, motivation, strain), managers by their trust in staff,
        the board by its trust in the administration; pilot units outlined."""
        with self.lock:
            model = self.sides[side]
            return {"units": int(model.p.units), "per_unit": int(model.p.staff_per_unit),
                    "staff": np.round(model.staff[colour_by], 3).tolist(),
                    "managers": np.round(model.managers["trust_in_staff"], 3).tolist(),
                    "board": np.round(model.board["trust_in_administration"], 3).tolist(),
                    "pilots": np.flatnonzero(model.units["pilot"]).tolist()}

    def schedule(self, side: int, week: int, action: tuple) -> None:
        """Do ``action`` on one side when the model reaches ``week``: ("lever", name,
        value) or ("event", kind) (the lessons use this)."""
        with self.lock:
            self._plan.append((int(week), int(side), tuple(action)))

    def close(self) -> None:
        """Stop the worker; it lets the models go as it ends (the tab closed). Never
        waits for the worker: it may be drawing for the page that is closing."""
        if self.stopped:
            return
        self.stopped = True
        self.playing = False
        self._wake.set()
        log.info("classroom closed (%d running)", running())

    def _release(self) -> None:
        with self.lock:
            for model in self.sides:
                model.remove_all_agents()
            self.sides = []

    # ------------------------------------------------------------------ the worker
    def _work(self) -> None:
        try:
            self._loop()
        finally:
            self._release()

    def _loop(self) -> None:
        next_at = time.monotonic()
        while not self.stopped:
            with self.lock:
                wanted = self._steps_wanted > 0
            if not (self.playing or wanted):
                self._wake.wait(0.5)
                self._wake.clear()
                next_at = time.monotonic()
                continue
            if self.playing:
                # pace the weeks: a redraw per week, at most `speed` of them a second
                delay = next_at - time.monotonic()
                if delay > 0:
                    self._wake.wait(delay)
                    self._wake.clear()
                    if self.stopped or not (self.playing or self._steps_wanted):
                        continue
                next_at = max(next_at + 1.0 / self.speed, time.monotonic())
            with self.lock:
                if self.stopped:
                    return
                before = [self.levers(0), self.levers(1)]
                self._due()
                for model in self.sides:
                    model.step()
                # levers moved this week by an event or a lesson's plan, not by the page
                self.moved_sides = {s for s in (0, 1) if self.levers(s) != before[s]}
                if self._steps_wanted > 0:
                    self._steps_wanted -= 1
                self.weeks_done += 1
                if self.until is not None and self.week >= self.until:
                    self.playing, self.until = False, None
            self._publish()

    def _due(self) -> None:
        """Planned actions for the coming week (called under the lock)."""
        week = self.week
        for item in [i for i in self._plan if i[0] <= week + 1]:
            self._plan.remove(item)
            _, side, action = item
            if action[0] == "lever":
                self.set_lever(side, action[1], action[2])
            else:
                self.trigger(side, action[1], *action[2:])

    def _publish(self) -> None:
        if self.on_week is None or self.stopped:
            return
        try:
            self.on_week(self)
        except Exception:  # a closed page: stop rather than run on for nobody
            if not self.stopped:
                log.exception("the page stopped taking updates; closing the classroom")
                self.close()
