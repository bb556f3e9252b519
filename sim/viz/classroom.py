"""The classroom's engine: two regimes on the same seed, owned by one worker thread.

The page never runs the model on the thread that handles a browser message. Each tab
has a ``Classroom``; its worker thread steps both models (while playing, or when asked
for a step) and, after each week, hands a snapshot to the page to draw. A lever moved
in the page is written at once, under the same lock the worker holds while stepping,
into the side that slider belongs to, so what a slider shows is what its model runs
with from the next week. Closing the tab stops the worker and frees the models.

Every classroom has its own run number: the page tags what it draws with it and drops
anything from an earlier run, so a restart always starts from a clean week 0.

A registry counts the classrooms alive in this process (the server logs it), so a
teacher, or a test, can see that closed tabs free their models.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import weakref
from collections.abc import Callable

from sim.inputs.events import Incident, SetLevers
from sim.inputs.scenario import load_scenario
from sim.viz.readings import Side, event_kind

log = logging.getLogger("steersim.classroom")

SIDE_COLOURS = ("#1f5fa8", "#d1603d")
#: The levers a class can move while the model plays.
LIVE_LEVERS = ("indicators", "target_pressure", "incentive_strength", "monitoring", "audit_rate",
               "documentation_hours", "discretion", "support")
#: Weeks per second the page offers while playing.
SPEEDS = (5, 10, 20, 40)
SCANDAL_SEVERITY = 0.9
_LIVE: weakref.WeakSet = weakref.WeakSet()
_LIVE_LOCK = threading.Lock()
_RUNS = itertools.count(1)


def running() -> int:
    """How many classrooms (each with two models) are alive in this process."""
    with _LIVE_LOCK:
        return sum(1 for c in _LIVE if not c.stopped)


class Classroom:
    """Two regimes (``left``, ``right``: presets or ``examples/NAME``) on one seed."""

    def __init__(self, left: str = "npm", right: str = "trust", seed: int = 1,
                 on_week: Callable[[Classroom], None] | None = None, **inputs):
        self.names = (left, right)
        self.seed = int(seed)
        self.run = next(_RUNS)
        self.lock = threading.RLock()
        self.sides = [Side(name, self.seed, **inputs) for name in (left, right)]
        # a marker: {week, side, kind, ...}; the page puts it into words (sim.viz.words)
        self.markers: list[dict] = []
        for s, side in enumerate(self.sides):  # the scenario files' own events
            for event in side.events():
                kind, details = event_kind(event)
                self.markers.append({"week": int(event.week), "side": s, "kind": kind, "details": details})
        self._marked = [side.levers(LIVE_LEVERS) for side in self.sides]  # lever values at their last marker
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
        return self.sides[0].week if self.sides else 0

    def play(self, until: int | None = None) -> None:
        """Play, to week ``until`` if it is still ahead (a lesson's end), else on."""
        self.until = until if until is not None and until > self.week else None
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
        """Move a lever on one side, in all its units, at once (while a slider is dragged,
        every value it passes); ``mark_lever`` puts the marker when it is let go."""
        if name not in LIVE_LEVERS:
            raise ValueError(f"{name!r} is not a live lever")
        with self.lock:
            if self.sides and self.sides[side].levers([name])[name] != float(value):
                self.sides[side].set_levers({name: value})
        self._wake.set()

    def mark_lever(self, side: int, name: str) -> None:
        """A slider was let go: one marker for the change, at the first week it acts in."""
        with self.lock:
            if not self.sides:
                return
            value = self.sides[side].levers([name])[name]
            if value != self._marked[side][name]:
                self._marked[side][name] = value
                self.markers.append({"week": self.week + 1, "side": side, "kind": "lever", "lever": name,
                                     "value": value})

    def trigger(self, side: int, kind: str, unit: int = 0) -> None:
        """An event next week on one side: a scandal, a reform to trust, or a trust pilot."""
        with self.lock:
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
            self.sides[side].add_event(event)
            _, details = event_kind(event)
            self.markers.append({"week": week, "side": side, "kind": kind, "details": details})

    def schedule(self, side: int, week: int, action: tuple) -> None:
        """Do ``action`` on one side in ``week``: ("event", kind) or ("levers", {name:
        value}, words), with one marker (the lessons use this)."""
        with self.lock:
            self._plan.append((int(week), int(side), tuple(action)))

    def levers(self, side: int) -> dict[str, float]:
        with self.lock:
            return self.sides[side].levers(LIVE_LEVERS) if self.sides else {}

    def view(self, colour_by: str = "felt_trust") -> dict:
        """Everything the page shows now: the run, the week, both sides' series, the
        markers and the organisation pictures (what the page draws on a new run, and
        what the lessons check)."""
        with self.lock:
            return {"run": self.run, "week": self.week, "series": [s.series() for s in self.sides],
                    "markers": self.marks(), "nets": [self.network(s, colour_by) for s in (0, 1)]}

    def marks(self) -> list[dict]:
        with self.lock:
            return [dict(m) for m in self.markers]

    def rows(self) -> list[dict[str, float]]:
        """This week's value of every shown series, per side."""
        with self.lock:
            return [s.latest() for s in self.sides]

    def network(self, side: int, colour_by: str = "felt_trust") -> dict:
        with self.lock:
            return {**self.sides[side].organisation(colour_by), "week": self.week}

    def past(self) -> dict:
        """What both sides inherit at week 0: the regime, its years, the stocks in force."""
        with self.lock:
            first = self.sides[0].series()
            return {**self.sides[0].past(), "rules": first["rules"][0], "indicators": first["indicators"][0]}

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
            for side in self.sides:
                side.release()
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
                for side in self.sides:
                    side.step()
                # levers moved this week by an event or a lesson's plan, not by the page
                self.moved_sides = {s for s in (0, 1) if self.levers(s) != before[s]}
                for s in self.moved_sides:
                    self._marked[s] = self.levers(s)
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
            if action[0] == "levers":
                self.sides[side].set_levers(dict(action[1]))
                self.markers.append({"week": week + 1, "side": side, "kind": "levers", "words": action[2]})
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
