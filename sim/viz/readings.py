"""Everything the classroom page reads from, or writes to, a running model, in one place.

The page drives ``SteeringModel`` (one run) through its public face: the recorded
metrics (``model.metric``, ``model.history``), the state tables (``model.staff``,
``model.units``, ``model.org``, ...), ``model.set_levers``, ``model.events`` and
``model.p``. Keeping every such read in this file means a change in the model's names
is a change here only.
"""

from __future__ import annotations

import numpy as np

from sim.inputs.events import BudgetChange, Incident, RuleCut, SetLevers
from sim.inputs.scenario import load_scenario
from sim.model.metrics import INDEX
from sim.model.model import SteeringModel

#: The recorded metrics the page shows (charts and numbers).
METRICS = ("service_quality", "reported_outcomes", "gaming_gap", "direct_time_share", "admin_share",
           "citizen_trust", "turnover", "felt_trust", "staff_motivation", "control_drift", "rules",
           "indicators", "unequal_treatment", "visits_per_simple_need", "visits_per_complex_need",
           "private_share_urban", "private_share_rural")
#: Series the page derives from two metrics: the true score on what the indicators
#: measure is the reported score less the gaming gap (the gap's own definition), so a
#: chart of "reported" and "true" shows the very gap the "reported - true" chart shows.
DERIVED = {"true_outcomes": ("reported_outcomes", "gaming_gap")}
SERIES = METRICS + tuple(DERIVED)
#: What a timeline event is called on the page (a message id), by its kind.
EVENT_WORDS = {"scandal": "scandal", "reform": "reform to trust", "pilot": "pilot in unit {unit}",
               "budget": "budget change", "rule_cut": "rules cut"}


def _shown(values) -> dict[str, float]:
    out = {m: round(float(values[m]), 4) for m in METRICS}
    for name, (reported, gap) in DERIVED.items():
        out[name] = round(float(values[reported]) - float(values[gap]), 4)
    return out


def event_kind(event) -> tuple[str, dict]:
    """What kind of event this is, for its marker's words: (kind, details)."""
    if isinstance(event, Incident):
        return "scandal", {}
    if isinstance(event, SetLevers):
        if event.units is None:
            return "reform", {}
        return "pilot", {"unit": ", ".join(str(u) for u in event.units)}
    if isinstance(event, BudgetChange):
        return "budget", {}
    if isinstance(event, RuleCut):
        return "rule_cut", {}
    return "reform", {}


class Side:
    """One side of the page: a scenario's model, as the page sees and steers it."""

    def __init__(self, scenario: str, seed: int, **inputs):
        self.model = SteeringModel.from_scenario(load_scenario(scenario), seed, **inputs)
        # The model records week 0's "indicators" as the scenario's own lever, though the
        # organisation starts with the stock it inherits from its past (which the
        # lever only reaches over the following months). The page shows the stock.
        self.stock = {"indicators": float(np.mean(self.model.units["indicators_adopted"])
                                          + self.model.org["indicators_added"])}

    # ------------------------------------------------------------------ reads
    @property
    def week(self) -> int:
        return int(self.model.steps)

    @property
    def units(self) -> int:
        return int(self.model.p.units)

    def past(self) -> dict:
        """What the organisation lived under before week 1: regime and years."""
        return {"regime": str(self.model.p.past_regime), "years": int(self.model.p.past_years)}

    def latest(self) -> dict[str, float]:
        """This week's value of every shown series."""
        values = {m: self.model.metric(m) for m in METRICS}
        if self.week == 0:
            values.update(self.stock)
        return _shown(values)

    def series(self) -> dict[str, list[float]]:
        """Every shown series, week 0 first."""
        rows = np.asarray(list(self.model.history))
        out: dict[str, list[float]] = {s: [] for s in SERIES}
        for w, row in enumerate(rows):
            values = {m: row[INDEX[m]] for m in METRICS}
            if w == 0:
                values.update(self.stock)
            for key, value in _shown(values).items():
                out[key].append(value)
        return out

    def levers(self, names) -> dict[str, float]:
        """The value of each lever in ``names`` in most units (a pilot moves a few units;
        a slider acts on all of them and shows the rest's value)."""
        return {name: float(np.median(self.model.levers[name])) for name in names}

    def events(self) -> list:
        """The scenario's timeline events (a scenario file's, and those the page added)."""
        return list(self.model.events)

    def organisation(self, colour_by: str) -> dict:
        """What the organisation picture needs: staff coloured by ``colour_by``
        (felt_trust, motivation, strain), managers by their trust in staff, the board by
        its trust in the administration; pilot units outlined."""
        m = self.model
        return {"units": self.units, "per_unit": int(m.p.staff_per_unit),
                "staff": np.round(m.staff[colour_by], 3).tolist(),
                "managers": np.round(m.managers["trust_in_staff"], 3).tolist(),
                "board": np.round(m.board["trust_in_administration"], 3).tolist(),
                "pilots": np.flatnonzero(m.units["pilot"]).tolist()}

    # ------------------------------------------------------------------ writes
    def set_levers(self, values: dict) -> None:
        self.model.set_levers(values)

    def add_event(self, event) -> None:
        self.model.events.append(event)

    def step(self) -> None:
        self.model.step()

    def release(self) -> None:
        self.model.remove_all_agents()
