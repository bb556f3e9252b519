"""The model's state, declared in one place: every table, every field, what it means.

Each table is a dict of numpy arrays, one row per agent (``staff``, ``managers``,
``board``, ``citizens``) or per unit (``units``), plus ``org`` for the organisation's
scalars. The Mesa agents read and write these rows (``sim.model.agents``); docs/ODD.md
lists the same fields (a test checks it); ``initial_state`` builds them.
"""

from __future__ import annotations

import numpy as np

from sim.mechanisms import population

STATE: dict[str, dict[str, str]] = {
    "staff": {
        "unit": "unit index (= manager index)",
        "skill": "professional skill, 0-1",
        "public_service_motivation": "the motivation this person brings (trait), 0-1",
        "motivation": "current intrinsic motivation: how far they act as a steward, 0-1",
        "integrity": "resistance to gaming, 0-1",
        "crowding_sensitivity": "how strongly control lowers this person's motivation",
        "felt_trust": "how trusted this worker feels, 0-1",
        "strain": "work strain, 0-1",
        "tenure": "weeks in the job",
        "gaming_skill": "learned skill at gaming indicators, 0-1",
        "focus": "share of core time on the measured part of the work",
        "used_discretion": "discretion this worker actually uses (follows the lever slowly), 0-1",
        "completeness": "documentation completeness (tick-box items), 0-1",
        "followup": "follow-up by the manager after weak reported results or audits, 0-1",
        "correction": "the part of the follow-up aimed at a real shortfall, 0-1",
        "admin_share": "share of the week on documentation, reporting, compliance, audits",
        "development_share": "share of the week on change and participation",
        "learning_share": "share of the week on protected learning",
        "collaboration_share": "share of the week on collaboration",
        "core_share": "share of the week on direct client work",
        "overtime": "unpaid extra hours on client work, as a share of paid hours",
        "caseload": "cases this week",
        "complex_cases": "cases this week whose needs span units",
        "effort": "work intensity in core time",
        "measured_multiplier": "extra intensity on covered, measured tasks",
        "gaming": "gaming intensity this week, 0-1",
        "measured_score": "quality of the measured part: what honest indicators show, 0-1",
        "true_quality": "quality of an average case this week, 0-1",
        "work_quality": "quality of the work itself on the indicators' 0-1 scale: the part of a "
                        "case steering can reach",
        "unmeasured_quality": "quality of the unmeasured part before fitting, 0-1",
        "complex_quality": "quality of this worker's complex cases, 0-1",
        "error_risk": "chance of a serious error per case",
        "spread": "SD of quality between like cases this worker handles",
        "reported": "reported score on the indicators this week, 0-1",
        "punished": "punishment this week (audits, incidents), 0-1",
        "learning_visit": "a learning inspection's visit this week, 0 or 1",
        "caught": "caught gaming this week",
        "inflation": "this week's report less what honest reporting would have said",
        "left": "left this week (the post was refilled)",
    },
    "managers": {
        "trust_in_staff": "trust in the unit's staff, 0-1",
        "control": "control exerted over the staff this week, 0-1",
        "reporting_time": "share of hours reporting upward",
        "monitoring_time": "share of hours monitoring staff",
        "supporting_time": "share of hours supporting staff",
        "coordinating_time": "share of hours coordinating across units",
    },
    "board": {
        "control_preference": "leaning towards control (1) rather than trust (0), 0-1",
        "trust_in_administration": "trust in the administration, 0-1",
        "attention": "how strongly this politician reacts to incidents, 0-1",
    },
    "citizens": {
        "home_unit": "unit that serves this citizen",
        "caseworker": "staff index of the caseworker",
        "resources": "how well this citizen copes with administrative burden, 0-1",
        "satisfaction": "satisfaction with the service, 0-1",
        "trust": "trust in the service, 0-1",
        "cases": "cases handled this week",
        "unmet": "had a need this week but gave up",
        "complex": "this week's need spans units",
        "quality_received": "quality of the last case handled, 0-1",
    },
    "units": {
        "capacity": "budget multiplier on paid hours",
        "pilot": "whether the unit is in a pilot",
        "incident_severity": "severity of this week's visible incident, 0 if none",
        "incident_news": "that severity as weighed in the region's news (by the region's size)",
        "serious_errors": "expected serious errors in the unit's cases this week",
        "indicators_in_force": "indicators in force (they follow the lever with a lag)",
        "documentation_in_force": "documentation hours per case in force (lagged)",
        "change_load": "load of changes still being absorbed",
        "imposed_load": "the part of the change load imposed without participation",
        "co_creation_load": "co-created changes still being worked through with staff (meeting hours)",
        "target": "target on the measured score, with the ratchet",
        "ratchet_bonus": "how far the ratchet has raised the target",
        "reported_sum": "reports summed since the target was last set",
        "practice_focus": "the unit's lean towards the measured beyond pay and targets",
        "practice_gaming": "the unit's gaming norm",
        "looks": "what other units see of this unit",
    },
}
#: Organisation-wide scalars (not agent rows).
ORG: dict[str, str] = {
    "useful_rules": "rules in force that serve a current need",
    "dead_rules": "rules in force that are obsolete or never served a need",
    "indicators_added": "indicators the board added after incidents",
    "overhead": "central staff posts",
    "quits_last_year": "quits in each of the last 52 weeks",
    "incidents": "visible incidents this week",
    "incident_severity": "total severity of this week's visible incidents as weighed in the news",
}


def zeros(n: int) -> np.ndarray:
    return np.zeros(n)


def initial_state(p, layers, streams) -> dict:
    """The state before the history (burn-in) begins: people drawn from their populations,
    stocks at neutral starting values (skill by tenure, half trust) that the burn-in
    moves to the history's steady state; these starting values are initial conditions,
    not assumptions a result may depend on (a test checks the burn-in forgets them)."""
    n_units, n_staff, n_cit = p.units, p.units * p.staff_per_unit, p.citizens
    r = streams("init.staff")
    low = r.random(n_staff) < p.low_motivation_share
    psm = population.motivation_trait(low, r.random(n_staff), p)
    sensitivity = population.sensitivity(r, n_staff, p.crowding_sensitivity, p.unaffected_share, p)
    tenure = r.integers(0, 520, n_staff).astype(float)
    staff = {name: zeros(n_staff) for name in STATE["staff"]}
    staff.update(unit=layers.manager_of_staff.copy(), public_service_motivation=psm,
                 motivation=psm.copy(), crowding_sensitivity=sensitivity, tenure=tenure,
                 skill=np.clip(0.45 + 0.3 * np.minimum(tenure / 300, 1)
                               + 0.1 * r.standard_normal(n_staff), 0.2, 0.95),
                 integrity=population.integrity(r, n_staff, p), felt_trust=np.full(n_staff, 0.5),
                 strain=np.full(n_staff, 0.3), focus=np.full(n_staff, p.measurability),
                 completeness=np.full(n_staff, 0.6), true_quality=np.full(n_staff, 0.5),
                 left=np.zeros(n_staff, dtype=bool), caught=np.zeros(n_staff, dtype=bool))
    managers = {name: zeros(n_units) for name in STATE["managers"]}
    managers["trust_in_staff"] = np.full(n_units, 0.5)
    r = streams("init.board")
    board = {"control_preference": zeros(p.politicians),
             "trust_in_administration": np.full(p.politicians, 0.5),
             "attention": 0.5 + 0.5 * r.random(p.politicians)}
    r = streams("init.citizens")
    citizens = {"home_unit": layers.home_unit_of_citizen, "caseworker": layers.caseworker_of_citizen,
                "resources": r.beta(2, 2, n_cit), "satisfaction": np.full(n_cit, 0.5),
                "trust": np.clip(p.generalised_trust + 0.1 * r.standard_normal(n_cit), 0, 1),
                "cases": np.zeros(n_cit, dtype=np.int64), "unmet": np.zeros(n_cit, dtype=bool),
                "complex": np.zeros(n_cit, dtype=bool), "quality_received": np.full(n_cit, 0.5)}
    units = {name: zeros(n_units) for name in STATE["units"]}
    units.update(capacity=np.ones(n_units), pilot=np.zeros(n_units, dtype=bool))
    org = {"useful_rules": 0.0, "dead_rules": 0.0, "indicators_added": 0.0, "overhead": 0.0,
           "quits_last_year": np.zeros(52), "incidents": 0.0, "incident_severity": 0.0}
    return dict(staff=staff, managers=managers, board=board, citizens=citizens, units=units,
                org=org)
