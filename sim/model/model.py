"""SteeringModel: a public organisation steered by a regime of levers.

A political board steers; unit managers translate the levers into control of and
support for their staff; citizens' needs arrive as cases; frontline workers split
their week between administration, measured tasks, unmeasured quality work,
collaboration and learning; the service is delivered and reported (with gaming);
audits check; citizens react and talk; errors become incidents that politicians
react to; staff update their motivation, felt trust, strain and skill, and some
quit; managers update their trust; rules are created and pruned; the outcomes are
recorded. One step is one week.

State lives in numpy arrays (one row per agent); every mechanism is a vectorised
function in sim/mechanisms/. The Mesa agents are handles on those rows.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import mesa
import numpy as np
import scipy.sparse as sp

from sim.model import metrics as _metrics
from sim.model.agents import Citizen, FrontlineWorker, Manager, Politician
from sim.errors import SteersimInputError
from sim.mechanisms import (audits, citizens, delivery, gaming, incidents, learning, motivation,
                         rules, steering, strain, trust, workload)
from sim.model.network import build_layers
from sim.inputs.schema import CHOICE_CODES, LEVERS, SPEC_LIST, SPECS, make_params
from sim.model.rng import Streams

#: Numeric lever values are held per unit (so pilots can differ); these are they.
UNIT_LEVERS = LEVERS
STAFF_LEVERS = ("audit_style", "citizen_panel", "collaboration_reward", "discretion",
                "incentive_strength", "learning_time", "support")


class SteeringModel(mesa.Model):
    """A public organisation under a steering regime; one step is one week.

    Every input in ``sim.params.SPECS`` (organisation, regime lever, behaviour) is a
    keyword argument with its documented default, unit and range; ``steersim list``
    prints them. Values out of range raise ``SteersimInputError`` naming the key.

    Args:
        rng: the run's seed (an int). One seed drives everything through named
            streams, so two models with the same seed and levers are identical, and
            two regimes with the same seed meet the same citizens and needs.
        events: timeline events (``sim.inputs.events``): reforms, pilots, incidents, ...
        collect: keep a Mesa ``DataCollector`` of every metric each step (needed by
            ``mesa.batch_run``); the model's own ``history`` is always kept.
        **inputs: any organisation, regime or behaviour input by name.

    Example:
        >>> m = SteeringModel(rng=1, indicators=5, discretion=0.8)
        >>> m.run(52)
        >>> m.history_frame()["service_quality"].iloc[-1]  # doctest: +SKIP
    """

    def __init__(self, rng: int | None = None, events: Iterable = (), collect: bool = True,
                 **inputs):
        if rng is None:
            rng = int(np.random.SeedSequence().generate_state(1)[0])
        if not isinstance(rng, (int, np.integer)) or isinstance(rng, bool):
            raise SteersimInputError(f"got {rng!r}; the seed must be a whole number",
                                     key="rng")
        super().__init__(rng=int(rng))
        self.seed = int(rng)
        self.p = make_params(inputs)
        self.streams = Streams(self.seed)
        self.events = sorted(events, key=lambda e: e.week)
        self._build()
        self.history: list[np.ndarray] = []
        self.unit_history: list[np.ndarray] = []  # (UNIT_METRICS x units) per week
        self.datacollector = mesa.DataCollector(
            # an outcome named like an input ("indicators") is reported as "<name>_in_force",
            # so mesa.batch_run's rows keep the input's value beside it
            model_reporters={(f"{name}_in_force" if name in SPECS else name): _reporter(name)
                             for name in _metrics.METRICS}
        ) if collect else None
        self._record()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        p = self.p
        n_units, per_unit = p.units, p.staff_per_unit
        n_staff = n_units * per_unit
        self.layers = build_layers(p, self.streams)
        self.need_cdf = citizens.poisson_cdf(p.need_rate)
        self.cross_degree = np.asarray(self.layers.cross_unit.sum(axis=1)).ravel()
        social_degree = np.asarray(self.layers.social.sum(axis=1)).ravel()
        self.has_friends = (social_degree > 0).astype(float)
        self.friends_mean = (sp.diags(1.0 / np.maximum(social_degree, 1.0)) @ self.layers.social).tocsr()

        self.levers = {name: np.full(n_units, self._code(name, p.values[name]), dtype=float)
                       for name in UNIT_LEVERS}
        self._refresh_org_levers()
        self.units = {
            "capacity": np.ones(n_units),          # budget multiplier on paid hours
            "reform_boost": np.zeros(n_units),     # co-created (+) or imposed (-) reform
            "reform_weeks_left": np.zeros(n_units),
            "pilot": np.zeros(n_units, dtype=bool),
            "incident_severity": np.zeros(n_units),
            # demands in force follow their levers with a lag (rules.follow_lever)
            "indicators_in_force": self.levers["indicators"].copy(),
            "documentation_in_force": self.levers["documentation_hours"].copy(),
        }
        self.pilot_week: int | None = None
        self.scheduled_incidents = np.zeros(n_units)

        r = self.streams("init.staff")
        low = r.random(n_staff) < p.low_motivation_share
        psm = np.where(low, 0.15 + 0.2 * r.random(n_staff), 0.6 + 0.3 * r.random(n_staff))
        unaffected = r.random(n_staff) < p.unaffected_share
        sensitivity = np.where(unaffected, 0.0, p.crowding_sensitivity * r.lognormal(0, 0.4, n_staff))
        tenure = r.integers(0, 520, n_staff).astype(float)
        self.staff = {
            "unit": self.layers.manager_of_staff.copy(),
            "skill": np.clip(0.45 + 0.3 * np.minimum(tenure / 300, 1) + 0.1 * r.standard_normal(n_staff), 0.2, 0.95),
            "public_service_motivation": psm,
            "motivation": psm.copy(),
            "integrity": np.clip(r.beta(4, 2, n_staff), 0, 1),
            "crowding_sensitivity": sensitivity,
            "felt_trust": np.full(n_staff, 0.5),
            "strain": np.full(n_staff, 0.3),
            "tenure": tenure,
            "gaming_skill": np.zeros(n_staff),  # the indicators are new to everyone
            "measured_share": np.full(n_staff, p.measurability),
            "used_discretion": np.full(n_staff, p.discretion),
            "tickbox": np.full(n_staff, 0.6),
            "admin_share": np.zeros(n_staff),
            "core_share": np.zeros(n_staff),
            "collaboration_share": np.zeros(n_staff),
            "learning_share": np.zeros(n_staff),
            "caseload": np.zeros(n_staff),
            "complex_cases": np.zeros(n_staff),
            "effort": np.zeros(n_staff),
            "measured_effort": np.zeros(n_staff),
            "gaming": np.zeros(n_staff),
            "punished": np.zeros(n_staff),
            "learning_visit": np.zeros(n_staff),
            "measured_score": np.zeros(n_staff),
            "true_quality": np.full(n_staff, 0.5),
            "unmeasured_quality": np.full(n_staff, 0.5),
            "complex_quality": np.full(n_staff, 0.5),
            "reported": np.zeros(n_staff),
            "left": np.zeros(n_staff, dtype=bool),
            "caught": np.zeros(n_staff, dtype=bool),
        }
        self.managers = {
            "trust_in_staff": np.full(n_units, 0.5),
            "control": np.zeros(n_units),
            "reporting_time": np.zeros(n_units),
            "monitoring_time": np.zeros(n_units),
            "supporting_time": np.zeros(n_units),
            "coordinating_time": np.zeros(n_units),
        }
        r = self.streams("init.board")
        self.board = {
            "control_preference": np.full(p.politicians, self.control_baseline),
            "trust_in_administration": np.full(p.politicians, 0.5),
            "attention": 0.5 + 0.5 * r.random(p.politicians),
        }
        r = self.streams("init.citizens")
        self.citizens = {
            "home_unit": self.layers.home_unit_of_citizen,
            "caseworker": self.layers.caseworker_of_citizen,
            "resources": r.beta(2, 2, p.citizens),
            "satisfaction": np.full(p.citizens, 0.5),
            "trust": np.clip(0.43 + 0.1 * r.standard_normal(p.citizens), 0, 1),  # OECD 2023: 43%
            "cases": np.zeros(p.citizens, dtype=np.int64),
            "unmet": np.zeros(p.citizens, dtype=bool),
            "complex": np.zeros(p.citizens, dtype=bool),
            "quality_received": np.full(p.citizens, 0.5),
        }
        self.org = {"rules_active": 60.0, "rules_obsolete": 40.0, "indicators_added": 0.0,
                    "overhead": 0.0, "quits_last_year": np.zeros(52), "incidents": 0.0,
                    "incident_severity": 0.0}
        self.org["overhead"] = rules.overhead_target(
            n_staff, p.indicators, 100.0, p.audit_rate, p.central_staff)

        Politician.create_agents(self, p.politicians, list(range(p.politicians)))
        Manager.create_agents(self, n_units, list(range(n_units)))
        FrontlineWorker.create_agents(self, n_staff, list(range(n_staff)))
        Citizen.create_agents(self, p.citizens, list(range(p.citizens)))
        self._network_space = None

    @staticmethod
    def _code(name, value):
        return CHOICE_CODES.get(name, {}).get(value, value)

    def _refresh_org_levers(self) -> None:
        """Organisation-wide value of each lever: the mean over units (a pilot in two of
        twenty units moves the organisation's rule-making by a tenth of its change).
        Recomputed only when an event has changed the levers."""
        self.org_levers = {name: float(values.mean()) for name, values in self.levers.items()}
        self.control_baseline = self._control_baseline()

    def _control_baseline(self) -> float:
        L = self.levers
        return float((L["target_pressure"].sum() + L["monitoring"].sum()
                      + L["audit_rate"].sum()) / (3.0 * L["audit_rate"].size))

    def unit_index(self, units) -> np.ndarray:
        """Unit indices for an event: all units if ``units`` is None."""
        if units is None:
            return np.arange(self.p.units)
        idx = np.asarray(units, dtype=int)
        if idx.size and (idx.min() < 0 or idx.max() >= self.p.units):
            raise SteersimInputError(
                f"unit {int(idx.max())} does not exist; units are 0 to {self.p.units - 1}",
                key="units")
        return idx

    def record_pilot(self, rows, week: int) -> None:
        if rows.size < self.p.units:
            self.units["pilot"][rows] = True
            if self.pilot_week is None:
                self.pilot_week = week

    @property
    def network(self):
        """All layers as a Mesa ``Network`` space (built on first use; slow for huge
        organisations, which is why the mechanisms use the sparse matrices)."""
        if self._network_space is None:
            from mesa.discrete_space import Network
            g = self.layers.to_networkx(include_citizens=self.p.citizens <= 20_000)
            self._network_space = Network(g, layout=None, random=self.random)
        return self._network_space

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week, in the order of DESIGN.md (phases update synchronously)."""
        week = self.steps
        changed = False
        for event in self.events:
            if event.week == week:
                event.apply(self)
                changed = True
        if changed:
            self._refresh_org_levers()
        self.politicians_steer()
        self.managers_translate()
        self.needs_arrive()
        self.staff_allocate_time()
        self.deliver_service()
        self.audit()
        self.citizens_react()
        self.incidents_happen()
        self.staff_update()
        self.managers_update_trust()
        self.rules_change()
        self._record()

    def run(self, steps: int) -> "SteeringModel":
        """Run ``steps`` weeks."""
        for _ in range(int(steps)):
            self.step()
        return self

    # --- phases -----------------------------------------------------------------
    def politicians_steer(self) -> None:
        L, b = self.levers, self.board
        severities = self.units["incident_severity"]
        severities = severities[severities > 0]
        O = self.org_levers
        baseline = self.control_baseline
        pref, added_ind, added_rules = steering.politicians_react(
            b["control_preference"], b["attention"], severities,
            O["error_policy"], self.p.incident_reaction, baseline, O["citizen_panel"])
        b["control_preference"] = pref
        org = self.org
        org["indicators_added"] = (org["indicators_added"] + added_ind) * (
            1.0 - O["rule_pruning"] / 52.0)
        org["rules_active"] += added_rules
        self.drift = steering.control_drift(pref, baseline)
        units = self.units
        units["indicators_in_force"] = rules.follow_lever(units["indicators_in_force"], L["indicators"])
        units["documentation_in_force"] = rules.follow_lever(units["documentation_in_force"],
                                                             L["documentation_hours"])
        self.indicators_now = units["indicators_in_force"] + org["indicators_added"]
        self.target_pressure_now = steering.with_drift(L["target_pressure"], self.drift)
        self.monitoring_now = steering.with_drift(L["monitoring"], self.drift)
        self.audit_rate_now = steering.with_drift(L["audit_rate"], self.drift)
        # each worker's view of the unit-level levers, indexed once per week
        u = self.staff["unit"]
        self.W = {name: L[name][u] for name in STAFF_LEVERS}
        self.W.update(target_pressure=self.target_pressure_now[u],
                      audit_rate=self.audit_rate_now[u], indicators=self.indicators_now[u],
                      monitoring=self.monitoring_now[u])
        self.W["coverage"] = workload.coverage(self.W["indicators"], self.p.measurability)
        satisfaction = self.citizens["satisfaction"]
        good = np.full_like(pref, float(satisfaction.sum()) / satisfaction.size)
        bad = np.full_like(pref, min(1.0, float(severities.sum())))
        b["trust_in_administration"] = trust.asymmetric_update(
            b["trust_in_administration"], good, bad, self.p.trust_gain, self.p.trust_loss_ratio)

    def managers_translate(self) -> None:
        L, m = self.levers, self.managers
        m["control"] = steering.manager_control(self.monitoring_now, m["trust_in_staff"])
        (m["reporting_time"], m["monitoring_time"], m["supporting_time"],
         m["coordinating_time"]) = steering.manager_time(
            self.indicators_now, self.target_pressure_now, self.audit_rate_now,
            1.0 - L["audit_style"], m["control"], L["support"], L["collaboration_reward"])

    def needs_arrive(self) -> None:
        p, c, s = self.p, self.citizens, self.staff
        burden = citizens.burden(self.units["documentation_in_force"], self.rules_in_force)
        take_up = citizens.take_up_probability(burden[c["home_unit"]], c["resources"])
        draws = self.streams.weekly("needs").random((3, p.citizens))
        cases, is_complex, applies = citizens.arrive_needs(self.need_cdf, p.complex_share,
                                                           take_up, draws)
        served = cases * applies
        c["cases"], c["unmet"], c["complex"] = served, (cases > 0) & ~applies, is_complex
        self.cases_needed, self.cases_applied = int(cases.sum()), int(served.sum())
        n_staff = s["unit"].size
        s["caseload"] = np.bincount(c["caseworker"], weights=served, minlength=n_staff)
        s["complex_cases"] = np.bincount(c["caseworker"], weights=served * is_complex,
                                         minlength=n_staff)

    def staff_allocate_time(self) -> None:
        p, s, W = self.p, self.staff, self.W
        u = s["unit"]
        ind = W["indicators"]
        self.hours = p.work_hours * self.units["capacity"][u]
        admin = workload.admin_hours(self.units["documentation_in_force"][u], s["caseload"], s["tickbox"],
                                     ind, self.rules_in_force, W["audit_rate"],
                                     W["audit_style"])
        complex_share = s["complex_cases"] / np.maximum(s["caseload"], 1.0)
        (s["admin_share"], s["learning_share"], s["collaboration_share"],
         s["core_share"]) = workload.allocate_time(
            self.hours, admin, W["learning_time"], s["strain"], complex_share,
            W["collaboration_reward"], W["incentive_strength"])
        professional = workload.professional_share(p.measurability, p.professional_bias,
                                                   W["citizen_panel"])
        target = workload.measured_share_target(
            professional, W["coverage"], W["incentive_strength"], p.incentive_response,
            W["target_pressure"], s["motivation"])
        s["measured_share"] += 0.15 * (target - s["measured_share"])
        follow_up = np.maximum(self.managers["control"], 0.7 * self.audit_rate_now)[u]
        s["effort"] = workload.effort(s["motivation"], follow_up, s["strain"])
        s["measured_effort"] = s["effort"] + workload.measured_effort_boost(
            W["incentive_strength"], p.incentive_response, W["target_pressure"], W["coverage"])

    def deliver_service(self) -> None:
        p, s, W = self.p, self.staff, self.W
        u = s["unit"]
        s["used_discretion"] = delivery.practise_discretion(s["used_discretion"], W["discretion"])
        adapt = delivery.adaptation(s["used_discretion"], self.rules_in_force)
        s["measured_score"], s["true_quality"], s["unmeasured_quality"] = delivery.deliver(
            s["core_share"] * self.hours, s["effort"], s["measured_effort"], s["skill"], s["caseload"],
            s["measured_share"], p.measurability, adapt)
        s["complex_quality"] = delivery.complex_quality(
            s["true_quality"], s["collaboration_share"] * self.hours * s["effort"],
            s["complex_cases"], self.layers.cross_unit, self.cross_degree,
            self.managers["coordinating_time"][u])
        ind = W["indicators"]
        tp = W["target_pressure"]
        s["gaming"] = gaming.gaming_intensity(p.gaming_propensity, tp, W["audit_rate"],
                                              s["integrity"], s["gaming_skill"], ind)
        self.threshold = gaming.threshold(tp)
        s["reported"] = gaming.report(s["measured_score"], s["gaming"], self.threshold,
                                      self.streams.weekly("gaming").random(u.size))
        target = gaming.tickbox_target(W["incentive_strength"], W["coverage"], W["monitoring"],
                                       W["audit_rate"])
        s["tickbox"] += 0.3 * (target - s["tickbox"])

    def audit(self) -> None:
        s, W = self.staff, self.W
        u = s["unit"]
        style = W["audit_style"]
        audited, s["caught"] = audits.audit(W["audit_rate"], style,
                                            s["reported"] - s["measured_score"],
                                            self.streams.weekly("audits").random(u.size))
        s["gaming_skill"], s["skill"], s["punished"], s["learning_visit"] = audits.consequences(
            audited, s["caught"], style, s["gaming_skill"], s["skill"])

    def citizens_react(self) -> None:
        c, s = self.citizens, self.staff
        worker = c["caseworker"]
        received = np.where(c["complex"], s["complex_quality"][worker], s["true_quality"][worker])
        served = c["cases"] > 0
        c["quality_received"] = np.where(served, received, c["quality_received"])
        c["satisfaction"], c["trust"] = citizens.react(
            c["satisfaction"], c["trust"], served.astype(float), c["unmet"].astype(float),
            received, self.friends_mean, self.has_friends, self.p.trust_gain,
            self.p.trust_loss_ratio)

    def incidents_happen(self) -> None:
        s = self.staff
        n_units = self.p.units
        unit_quality = np.bincount(s["unit"], weights=s["true_quality"], minlength=n_units) / self.p.staff_per_unit
        self.unit_quality = unit_quality
        r = self.streams.weekly("incidents")
        draws = r.random((2, n_units))
        sev = incidents.draw_incidents(
            incidents.incident_probability(unit_quality, self.p.media_attention), draws[0], draws[1])
        sev = np.maximum(sev, self.scheduled_incidents)
        self.scheduled_incidents[:] = 0.0
        self.units["incident_severity"] = sev
        self.org["incidents"] = float((sev > 0).sum())
        self.org["incident_severity"] = float(sev.sum())
        if sev.any():
            self.citizens["trust"] = incidents.citizen_trust_shock(
                self.citizens["trust"], float(sev.sum()), self.p.media_attention)
            # punish-all: the unit's staff are blamed; forgive-minor: only for serious ones
            blame = np.where(sev >= steering.SERIOUS, sev, sev * (1 - self.levers["error_policy"]))
            s["punished"] = np.clip(s["punished"] + blame[s["unit"]], 0, 1)

    def staff_update(self) -> None:
        p, s, W, m = self.p, self.staff, self.W, self.managers
        u = s["unit"]
        reform = self.units["reform_boost"][u] * (self.units["reform_weeks_left"][u] > 0)
        good, bad = trust.felt_trust_signals(W["discretion"], W["support"],
                                             m["trust_in_staff"][u], m["control"][u],
                                             s["learning_visit"], s["punished"],
                                             np.maximum(reform, 0.0))
        s["felt_trust"] = trust.asymmetric_update(s["felt_trust"], good, bad, p.trust_gain,
                                                  p.trust_loss_ratio)
        target = motivation.motivation_target(
            s["public_service_motivation"], s["crowding_sensitivity"], m["control"][u],
            s["felt_trust"], W["incentive_strength"], W["discretion"], W["support"],
            s["learning_visit"], reform)
        s["motivation"] = motivation.update_motivation(s["motivation"], target)
        conflict = strain.role_conflict(s["measured_share"], p.measurability, W["discretion"],
                                        W["target_pressure"])
        s["strain"] = strain.update_strain(s["strain"], strain.strain_target(
            s["caseload"], s["admin_share"], conflict, W["discretion"], W["support"],
            m["control"][u], s["felt_trust"], self.units["capacity"][u]))
        s["skill"] = learning.update_skill(s["skill"], s["learning_share"], s["collaboration_share"])
        s["gaming_skill"] = gaming.learn_gaming(s["gaming_skill"], W["target_pressure"],
                                                W["indicators"], s["integrity"])
        s["tenure"] += 1
        self.units["reform_weeks_left"] = np.maximum(self.units["reform_weeks_left"] - 1, 0)
        self._turnover()

    def _turnover(self) -> None:
        p, s = self.p, self.staff
        r = self.streams.weekly("turnover")
        draws = r.random((4, s["unit"].size))
        left = draws[0] < strain.quit_probability(s["strain"], s["motivation"], p.quit_sensitivity)
        s["left"] = left
        self.org["quits_last_year"][self.steps % 52] = left.sum()
        if not left.any():
            return
        # The post is filled the same week by a newcomer drawn from the same population.
        low = draws[1] < p.low_motivation_share
        psm = np.where(low, 0.15 + 0.2 * draws[2], 0.6 + 0.3 * draws[2])
        hire = {"skill": learning.hire_skill(draws[3]), "public_service_motivation": psm,
                "motivation": psm, "felt_trust": 0.5, "strain": 0.2, "tenure": 0.0,
                "gaming_skill": 0.0, "measured_share": p.measurability}
        for key, value in hire.items():
            s[key] = np.where(left, value, s[key])

    def managers_update_trust(self) -> None:
        s, m, L = self.staff, self.managers, self.levers
        n_units, per_unit = self.p.units, self.p.staff_per_unit
        unit_reported = np.bincount(s["unit"], weights=s["reported"], minlength=n_units) / per_unit
        caught = np.bincount(s["unit"], weights=s["caught"], minlength=n_units) / per_unit
        good, bad = trust.manager_signals(unit_reported, gaming.threshold(self.target_pressure_now),
                                          caught, self.units["incident_severity"], L["support"],
                                          self.unit_quality)
        m["trust_in_staff"] = trust.asymmetric_update(m["trust_in_staff"], good, bad,
                                                      self.p.trust_gain, self.p.trust_loss_ratio)

    def rules_change(self) -> None:
        org, O = self.org, self.org_levers
        created = rules.rule_creation_rate(O["rule_creation"], self.rules_in_force,
                                           self.p.rule_bloat)
        created = float(self.streams.weekly("rules").poisson(created))
        org["rules_active"], org["rules_obsolete"] = rules.update_rules(
            org["rules_active"], org["rules_obsolete"], created, O["rule_pruning"])
        n_units = self.p.units
        target = rules.overhead_target(self.staff["unit"].size,
                                       float(self.indicators_now.sum()) / n_units,
                                       self.rules_in_force, float(self.audit_rate_now.sum()) / n_units,
                                       O["central_staff"])
        org["overhead"] = rules.update_overhead(org["overhead"], target)

    @property
    def rules_in_force(self) -> float:
        return self.org["rules_active"] + self.org["rules_obsolete"]

    # ------------------------------------------------------------------ records
    def _record(self) -> None:
        values = _metrics.measure(self)
        self.history.append(values)
        if self.steps:
            self.unit_history.append(_metrics.measure_units(self))
        if self.datacollector is not None:
            self.datacollector.collect(self)

    def metric(self, name: str) -> float:
        """The latest value of metric ``name``."""
        return float(self.history[-1][_metrics.INDEX[name]])

    def unit_history_frame(self):
        """Unit-level outcomes (``metrics.UNIT_METRICS``) at every week from week 1, long
        format: week, unit, pilot, metrics. What a pilot evaluation compares."""
        import pandas as pd
        panel = np.stack(self.unit_history)  # week x metric x unit
        weeks, _, units = panel.shape
        frame = pd.DataFrame(panel.transpose(0, 2, 1).reshape(weeks * units, -1),
                             columns=list(_metrics.UNIT_METRICS))
        frame.insert(0, "pilot", np.tile(self.units["pilot"], weeks))
        frame.insert(0, "unit", np.tile(np.arange(units), weeks))
        frame.insert(0, "week", np.repeat(np.arange(1, weeks + 1), units))
        return frame

    def history_frame(self):
        """Every metric at every recorded week, as a pandas DataFrame indexed by week."""
        import pandas as pd
        frame = pd.DataFrame(np.vstack(self.history), columns=list(_metrics.METRICS))
        frame.index.name = "week"
        return frame


def _reporter(name):
    index = _metrics.INDEX[name]
    return lambda model: float(model.history[-1][index])


def _signature() -> inspect.Signature:
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
              inspect.Parameter("rng", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None),
              inspect.Parameter("events", inspect.Parameter.KEYWORD_ONLY, default=()),
              inspect.Parameter("collect", inspect.Parameter.KEYWORD_ONLY, default=True)]
    params += [inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=s.default)
               for s in SPEC_LIST]
    return inspect.Signature(params)


SteeringModel.__init__.__signature__ = _signature()
SteeringModel.__doc__ += "\n    Inputs (name: default unit, allowed; meaning):\n" + "\n".join(
    f"        {s.name}: {s.default!r} {s.unit}, {s.allowed()}; {s.doc}" for s in SPEC_LIST)
assert set(SPECS) >= set(UNIT_LEVERS)
