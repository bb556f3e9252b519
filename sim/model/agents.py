"""The four kinds of agent. Each is a light Mesa handle on one row of the model's
state arrays: reading ``worker.strain`` reads ``model.staff.strain[row]``, and
writing it writes the array. So ``model.agents_by_type[FrontlineWorker]``,
``AgentSet.select/agg/groupby``, the ``DataCollector`` and ``mesa.batch_run`` all
work, while the mechanisms run vectorised over whole arrays.
"""

from __future__ import annotations

import mesa


def _row_attr(field: str, doc: str):
    def get(self):
        return self._table[field][self.row].item()

    def set_(self, value):
        self._table[field][self.row] = value

    return property(get, set_, doc=doc)


class _Handle(mesa.Agent):
    table: str = ""
    fields: dict[str, str] = {}

    def __init__(self, model, row: int):
        super().__init__(model)
        self.row = row

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for field, doc in cls.fields.items():
            setattr(cls, field, _row_attr(field, doc))

    @property
    def _table(self):
        return getattr(self.model, self.table)

    def step(self):
        """Agents do not step one by one: the model steps every agent of a kind at once
        (see ``SteeringModel.step``). Calling this advances nothing."""


class Politician(_Handle):
    """A member of the political board: sets the levers and reacts to incidents."""

    table = "board"
    fields = {
        "control_preference": "leaning towards control (1) rather than trust (0), 0-1",
        "trust_in_administration": "trust in the administration, 0-1",
        "attention": "how strongly this politician reacts to media and incidents, 0-1",
    }

    def wants_more_control(self) -> bool:
        return self.control_preference > 0.5


class Manager(_Handle):
    """A unit manager: turns the board's levers into control of and support for staff."""

    table = "managers"
    fields = {
        "trust_in_staff": "trust in the unit's staff, 0-1",
        "control": "control exerted over the staff this week, 0-1",
        "reporting_time": "share of hours reporting upward",
        "monitoring_time": "share of hours monitoring staff",
        "supporting_time": "share of hours supporting staff",
        "coordinating_time": "share of hours coordinating across units",
    }

    def admin_share(self) -> float:
        return self.reporting_time + self.monitoring_time


class FrontlineWorker(_Handle):
    """A nurse, teacher, caseworker or officer: splits the week, serves citizens,
    reports, and may game, burn out or quit."""

    table = "staff"
    fields = {
        "unit": "unit index (= manager index)",
        "skill": "professional skill, 0-1",
        "public_service_motivation": "the motivation this person brings (trait), 0-1",
        "motivation": "current intrinsic motivation, 0-1",
        "integrity": "resistance to gaming, 0-1",
        "crowding_sensitivity": "how strongly control lowers this person's motivation",
        "felt_trust": "how trusted this worker feels, 0-1",
        "strain": "work strain, 0-1",
        "tenure": "weeks in the job",
        "gaming_skill": "learned skill at gaming indicators, 0-1",
        "admin_share": "share of the week on documentation and reporting",
        "measured_share": "share of core time on measured tasks",
        "used_discretion": "discretion this worker actually uses (follows the lever slowly), 0-1",
        "core_share": "share of the week on direct client work (measured + unmeasured)",
        "collaboration_share": "share of the week on collaboration",
        "learning_share": "share of the week on learning",
        "caseload": "cases this week",
        "true_quality": "quality of an average case this week, 0-1",
        "reported": "reported score on the indicators this week, 0-1",
    }

    def is_gaming(self) -> bool:
        return self.reported > self._table["measured_score"][self.row] + 1e-9

    def is_overloaded(self) -> bool:
        return self.strain > 0.6


class Citizen(_Handle):
    """A citizen (household) with recurring needs, a caseworker, and friends to talk to."""

    table = "citizens"
    fields = {
        "home_unit": "unit that serves this citizen",
        "caseworker": "staff index of the caseworker",
        "resources": "how well this citizen copes with administrative burden, 0-1",
        "satisfaction": "satisfaction with the service, 0-1",
        "trust": "trust in the service, 0-1",
        "cases": "cases this week",
        "quality_received": "quality of the last case handled, 0-1",
    }

    def gave_up(self) -> bool:
        return bool(self._table["unmet"][self.row])
