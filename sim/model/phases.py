"""The week's phases of the engine, in the order ``advance`` calls them (docs/ODD.md).

Each phase reads the state tables, calls the mechanisms (``sim.mechanisms``) and writes
the new state back; none holds behaviour of its own. Kept apart from
``sim.model.engine`` so each file reads in one sitting.

Every state array has a leading run axis: row ``r`` of ``staff["skill"]`` is run ``r``'s
staff (``sim.model.engine``). An organisation-wide number is a column, shape (runs, 1),
so it broadcasts over that run's agents in the mechanisms unchanged. Each run draws
from its own named random streams, so a run's numbers do not depend on the others in
its batch.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sim.mechanisms import (
    audits,
    change,
    citizens,
    delivery,
    effort,
    followup,
    gaming,
    imitation,
    incidents,
    learning,
    measurement,
    motivation,
    population,
    rules,
    staffing,
    steering,
    strain,
    trust,
    workload,
)
from sim.model.runaxis import RunAxis, average, stacked, total
from sim.units import WEEKS_PER_YEAR

#: The levers each worker sees through their unit, indexed once a week.
STAFF_LEVERS = ("audit_style", "citizen_panel", "collaboration_reward", "discretion",
                "error_policy", "incentive_strength", "learning_time", "participation",
                "support", "target_ratchet")
#: The least frontline time a fixed budget is taken to leave (a floor against a
#: nonsensical negative; no default run comes near it).
MIN_FUNDED = 0.1


class WeekPhases(RunAxis):
    """The phases of a week (mixed into ``Engine``, which sets this state)."""
    p: Any  # the validated inputs of the batch's first run (sizes are the same in all)
    c: Any  # every run's inputs: a number where the runs agree, a (runs, 1) column where not
    streams: list
    R: int
    week: int
    n_staff: int
    staff_unit: np.ndarray  # unit of each staff slot (the same in every run)
    board: dict[str, np.ndarray]
    units: dict[str, np.ndarray]
    managers: dict[str, np.ndarray]
    staff: dict[str, np.ndarray]
    citizens: dict[str, np.ndarray]
    org: dict[str, Any]  # organisation-wide columns, and the quits of the last year
    levers: dict[str, np.ndarray]
    org_levers: dict[str, np.ndarray]
    control_baseline: np.ndarray
    scheduled_incidents: Any
    need_cdf: np.ndarray
    friends_mean: Any
    cross_unit: Any
    has_friends: np.ndarray
    cross_degree: np.ndarray
    caseworker_flat: np.ndarray  # citizen -> staff slot in the flattened (runs x staff) array
    home_flat: np.ndarray  # citizen -> unit slot in the flattened (runs x units) array
    unit_flat: np.ndarray  # staff -> unit slot in the flattened (runs x units) array

    @property
    def rules_in_force(self) -> np.ndarray:
        return self.org["useful_rules"] + self.org["dead_rules"]

    # ------------------------------------------------------------------ phases
    def politicians_steer(self) -> None:
        c, b, org, u, lever, org_lever = self.c, self.board, self.org, self.units, self.levers, self.org_levers
        pref, added_indicators, self.rules_added = steering.react(
            b["control_preference"], b["attention"], u["incident_severity"], u["incident_news"],
            org_lever["error_policy"],
            c.incident_reaction, self.control_baseline, org_lever["citizen_panel"], c)
        b["control_preference"] = pref
        fading = 1 - c.board_forgetting - c.panel_forgetting * org_lever["citizen_panel"]
        org["indicators_added"] = (org["indicators_added"] + added_indicators) * fading
        self.drift = steering.drift(pref, self.control_baseline)
        u["indicators_in_force"] = change.follow_lever(u["indicators_in_force"], lever["indicators"], c)
        u["documentation_in_force"] = change.follow_lever(u["documentation_in_force"],
                                                          lever["documentation_hours"], c)
        self.indicators_now = u["indicators_in_force"] + org["indicators_added"]
        self.target_pressure_now = steering.with_drift(lever["target_pressure"], self.drift)
        self.monitoring_now = steering.with_drift(lever["monitoring"], self.drift)
        self.audit_rate_now = steering.with_drift(lever["audit_rate"], self.drift)
        self.coverage = workload.coverage(self.indicators_now, c.measurability, c)
        self.noise = measurement.noise_sd(c.measurement_noise, self.indicators_now, c)
        self.power = measurement.incentive_power(self.noise, c)
        w = self.staff_unit
        self.W = {name: lever[name][:, w] for name in STAFF_LEVERS}
        self.W.update(target_pressure=self.target_pressure_now[:, w], audit_rate=self.audit_rate_now[:, w],
                      indicators=self.indicators_now[:, w], monitoring=self.monitoring_now[:, w],
                      coverage=self.coverage[:, w], power=self.power[:, w], noise=self.noise[:, w])
        self.W["has_indicators"] = (self.W["indicators"] > 0).astype(float)
        self.W["gaming_stakes"] = gaming.stakes(self.W["target_pressure"], self.W["incentive_strength"], self.c)
        # every politician reads the same signals: the run's citizens and incidents
        good = average(self.citizens["satisfaction"])
        bad = np.minimum(1.0, org["incident_severity"])
        b["trust_in_administration"] = trust.asymmetric_update(
            b["trust_in_administration"], good, bad, c.trust_gain, c.trust_loss_ratio)

    def managers_translate(self) -> None:
        c, lever, m = self.c, self.levers, self.managers
        m["control"] = followup.control(self.monitoring_now, m["trust_in_staff"], c)
        (m["reporting_time"], m["monitoring_time"], m["supporting_time"],
         m["coordinating_time"]) = followup.manager_time(
            self.indicators_now, self.target_pressure_now, self.audit_rate_now,
            1 - lever["audit_style"], m["control"], lever["support"], lever["collaboration_reward"], c)

    def needs_arrive(self) -> None:
        c, p, cit, s = self.c, self.p, self.citizens, self.staff
        burden = citizens.burden(self.units["documentation_in_force"], self.rules_in_force, c)
        take_up = citizens.take_up_probability(burden.ravel()[self.home_flat], cit["resources"], c)
        draws = self.draws("needs", "random", 3, p.citizens)
        cases, is_complex, applies = citizens.arrive(self.need_cdf, c.complex_share, take_up, *draws)
        served = cases * applies
        cit["cases"], cit["unmet"], cit["complex"] = served, (cases > 0) & ~applies, is_complex
        self.cases_needed, self.cases_applied = total(cases), total(served)
        s["caseload"] = self.per_caseworker(served)
        s["complex_cases"] = self.per_caseworker(served * is_complex)

    def staff_allocate_time(self) -> None:
        c, s, W, u = self.c, self.staff, self.W, self.units
        w = self.staff_unit
        self.hours = c.work_hours * u["capacity"][:, w] * self.funded
        offload = workload.central_offload(self.org["overhead"] / self.n_staff, c)
        admin = workload.admin_hours(u["documentation_in_force"][:, w], s["caseload"], s["completeness"],
                                     W["indicators"], c.measurability, self.rules_in_force,
                                     W["audit_rate"],
                                     W["audit_style"], offload, c)
        developing = change.hours(u["change_load"][:, w], W["participation"], u["co_creation_load"][:, w], c)
        complex_share = s["complex_cases"] / np.maximum(s["caseload"], 1)
        (s["admin_share"], s["development_share"], s["learning_share"], s["collaboration_share"],
         s["core_share"]) = workload.allocate(
            self.hours, admin, developing, W["learning_time"], s["strain"], complex_share,
            W["collaboration_reward"], W["incentive_strength"], c)
        s["overtime"] = workload.overtime(s["admin_share"], s["motivation"], c)
        self.professional = workload.professional_focus(c.measurability, c.professional_bias,
                                                        W["citizen_panel"], c)
        pay = effort.pay_pull(W["power"], W["incentive_strength"], c.incentive_response)
        wanted = workload.focus_target(self.professional, W["coverage"], pay, W["target_pressure"],
                                       s["motivation"], u["practice_focus"][:, w], c)
        s["focus"] = workload.follow_focus(s["focus"], wanted, c)
        self.deterrence = audits.deterrence(W["audit_rate"], W["audit_style"], c)
        stewardship = 1 - self.managers["control"][:, w]
        # pay for measured output needs something measured
        s["effort"] = effort.core_effort(s["motivation"], stewardship, self.deterrence,
                                         pay * W["has_indicators"],
                                         s["followup"], s["correction"], s["used_discretion"], s["strain"],
                                         effort.resistance(self.units["imposed_load"][:, w], s["felt_trust"], c), c)
        held = measurement.holdback(W["target_ratchet"], W["target_pressure"], s["motivation"], c)
        s["measured_multiplier"] = effort.measured_multiplier(
            W["coverage"], pay, W["target_pressure"], s["motivation"], held, c)

    def deliver_service(self) -> None:
        c, s, W, u = self.c, self.staff, self.W, self.units
        w = self.staff_unit
        s["used_discretion"] = change.practise_discretion(s["used_discretion"], W["discretion"], c)
        useful = self.org["useful_rules"]
        fitted = delivery.fit(s["used_discretion"], s["motivation"], s["skill"], self.rules_in_force, c)
        records = delivery.documentation_coverage(u["documentation_in_force"][:, w], s["completeness"], c)
        kept = delivery.continuity(s["tenure"], records, c)
        guided = delivery.guidance(useful, c)
        s["gaming"] = gaming.intensity(c.gaming_propensity, W["gaming_stakes"], self.deterrence,
                                       s["integrity"], s["gaming_skill"], W["has_indicators"],
                                       u["practice_gaming"][:, w], c)
        s["error_risk"] = delivery.error_risk(s["skill"], s["used_discretion"], s["strain"], guided,
                                              records, W["error_policy"], s["motivation"], c)
        skill = change.disrupted_skill(s["skill"], u["change_load"][:, w], c)
        s["measured_score"], s["true_quality"], s["unmeasured_quality"], s["work_quality"] = delivery.deliver(
            (s["core_share"] + s["overtime"]) * self.hours, s["gaming"], s["effort"], s["measured_multiplier"], skill,
            s["caseload"], s["focus"], c.measurability, s["motivation"], fitted, kept,
            s["error_risk"], c)
        own = s["collaboration_share"] * self.hours * s["effort"] / np.maximum(s["complex_cases"], 1)
        partners = (self.cross_unit @ own) / np.maximum(self.cross_degree, 1)
        s["complex_quality"] = delivery.complex_quality(
            s["work_quality"], s["error_risk"], own, partners, self.managers["coordinating_time"][:, w],
            records, c)
        s["spread"] = delivery.judgement_spread(s["used_discretion"], guided, records, c)
        noise_draw, bunch_draw = self.draws("reports", "random", 2, self.n_staff)
        s["reported"], s["inflation"] = measurement.report(s["measured_score"], s["gaming"], W["noise"],
                                                           noise_draw, u["target"][:, w], bunch_draw, c)
        wanted = gaming.tickbox_target(W["incentive_strength"], W["coverage"], W["monitoring"],
                                       W["audit_rate"], c)
        s["completeness"] = gaming.follow_tickbox(s["completeness"], wanted, c)

    def audit(self) -> None:
        c, s, W = self.c, self.staff, self.W
        audited = audits.audit(W["audit_rate"], self.draws("audits", "random", self.n_staff))
        s["caught"], failure = audits.findings(audited, s["inflation"], s["work_quality"], c)
        (s["gaming_skill"], s["skill"], s["followup"], s["correction"], s["punished"],
         s["learning_visit"]) = audits.consequences(audited, s["caught"], failure, W["audit_style"],
                                                    s["gaming_skill"], s["skill"], s["followup"],
                                                    s["correction"], c)

    def managers_follow_up(self) -> None:
        s, W = self.staff, self.W
        s["followup"], s["correction"] = followup.follow_up(
            s["followup"], s["correction"], self.units["target"][:, self.staff_unit], s["reported"],
            s["measured_score"], W["target_pressure"], W["coverage"], self.c)

    def citizens_react(self) -> None:
        c, cit, s = self.c, self.citizens, self.staff
        mean = np.where(cit["complex"], self.of_caseworker(s["complex_quality"]),
                        self.of_caseworker(s["true_quality"]))
        spread = self.of_caseworker(s["spread"]) * self.draws("judgement", "standard_normal",
                                                              self.p.citizens)
        received = np.clip(mean + spread, 0, 1)
        served = cit["cases"] > 0
        cit["quality_received"] = np.where(served, received, cit["quality_received"])
        self.received = received
        cit["satisfaction"], cit["trust"] = citizens.react(
            cit["satisfaction"], cit["trust"], served.astype(float), cit["unmet"].astype(float),
            received, self.friends_mean, self.has_friends, c.trust_gain, c.trust_loss_ratio, c)

    def incidents_happen(self) -> None:
        c, s, u = self.c, self.staff, self.units
        u["serious_errors"] = self.per_unit(s["caseload"] * s["error_risk"])
        self.unit_quality = self.per_unit(s["true_quality"]) / self.p.staff_per_unit
        chance = incidents.probability(u["serious_errors"], c.media_attention, c)
        happens, how_severe = self.draws("incidents", "random", 2, self.p.units)
        severity, news = incidents.news(incidents.draw(chance, happens, how_severe, c),
                                        self.scheduled_incidents, self.n_staff, c)
        self.scheduled_incidents[:] = 0
        u["incident_severity"], u["incident_news"] = severity, news
        self.org["incidents"] = total(severity > 0).astype(float)
        self.org["incident_severity"] = total(news)
        if severity.any():
            # a run without an incident this week is left as it is (a shock of 0 and no
            # blame change nothing), so its numbers do not depend on its batch
            self.citizens["trust"] = incidents.citizen_shock(
                self.citizens["trust"], self.org["incident_severity"], c.media_attention, c)
            # punish-all: the unit's staff are blamed; forgive-minor: only for serious ones
            forgiven = np.where(severity >= c.serious_severity, 0, self.levers["error_policy"])
            blame = severity * (1 - forgiven)
            s["punished"] = np.clip(s["punished"] + blame[:, self.staff_unit], 0, 1)

    def staff_update(self) -> None:
        c, s, W, m, u = self.c, self.staff, self.W, self.managers, self.units
        w = self.staff_unit
        taking_part = change.taking_part(W["participation"], u["co_creation_load"][:, w], c)
        good, bad = trust.felt_signals(W["discretion"], W["support"], m["trust_in_staff"][:, w],
                                       m["control"][:, w], s["learning_visit"], s["punished"],
                                       s["followup"], taking_part, u["imposed_load"][:, w], c)
        s["felt_trust"] = trust.asymmetric_update(s["felt_trust"], good, bad, c.trust_gain,
                                                  c.trust_loss_ratio)
        wanted = motivation.target(s["public_service_motivation"], s["crowding_sensitivity"],
                                   m["control"][:, w], s["felt_trust"], W["incentive_strength"],
                                   s["followup"], s["used_discretion"], W["support"],
                                   s["learning_visit"], taking_part, u["imposed_load"][:, w], c)
        s["motivation"] = motivation.update(s["motivation"], wanted, c)
        conflict = strain.role_conflict(s["focus"], self.professional, W["discretion"],
                                        W["target_pressure"], c)
        s["strain"] = strain.update(s["strain"], strain.target(
            s["caseload"], u["capacity"][:, w], s["admin_share"] + s["development_share"], conflict,
            s["used_discretion"], W["support"], m["control"][:, w], s["felt_trust"],
            u["change_load"][:, w], s["overtime"], c), c)
        s["skill"] = learning.update_skill(s["skill"], s["learning_share"], s["collaboration_share"],
                                           W["support"], c)
        s["gaming_skill"] = gaming.learn(s["gaming_skill"], W["gaming_stakes"],
                                         W["has_indicators"], s["integrity"], c)
        s["tenure"] += 1
        u["change_load"] = change.absorb(u["change_load"], c)
        u["imposed_load"] = change.absorb(u["imposed_load"], c)
        u["co_creation_load"] = change.absorb(u["co_creation_load"], c)
        self._turnover()

    def _turnover(self) -> None:
        c, s, W = self.c, self.staff, self.W
        draws = self.draws("turnover", "random", 5, self.n_staff)
        left = draws[0] < strain.quit_probability(s["strain"], s["motivation"], c.quit_sensitivity, c)
        s["left"] = left
        self.org["quits_last_year"][:, self.week % WEEKS_PER_YEAR] = left.sum(axis=-1)
        if not left.any():
            return
        # The post is filled the same week by someone from the labour pool the regime shapes.
        low_share = imitation.applicant_low_motivation(c.low_motivation_share,
                                                       W["incentive_strength"], W["discretion"], c)
        psm = population.motivation_trait(draws[1] < low_share, draws[2], c)
        hire = {"skill": learning.hire_skill(draws[3], c), "public_service_motivation": psm,
                "motivation": psm, "felt_trust": 0.5, "strain": 0.2, "tenure": 0.0,
                "gaming_skill": 0.0, "focus": self.professional, "followup": 0.0,
                "correction": 0.0, "used_discretion": W["discretion"]}
        for key, value in hire.items():
            s[key] = np.where(left, value, s[key])

    def managers_update_trust(self) -> None:
        c, s, u, per_unit = self.c, self.staff, self.units, self.p.staff_per_unit
        self.unit_reported = self.per_unit(s["reported"]) / per_unit
        caught = self.per_unit(s["caught"]) / per_unit
        good, bad = trust.manager_signals((self.unit_reported >= u["target"]).astype(float), caught,
                                          u["incident_severity"], self.levers["support"],
                                          self.unit_quality, c)
        self.managers["trust_in_staff"] = trust.asymmetric_update(
            self.managers["trust_in_staff"], good, bad, c.trust_gain, c.trust_loss_ratio)

    def units_imitate(self) -> None:
        c, u, n_units = self.c, self.units, self.p.units
        drawn = [_imitation_draws(s.weekly("imitation"), n_units) for s in self.streams]
        draws, drift, peer = (stacked(d) for d in zip(*drawn))
        u["looks"] = imitation.looks(self.unit_reported, self.unit_quality,
                                     self.target_pressure_now, peer, c)
        if n_units < 2:
            return
        other = (np.arange(n_units) + 1 + (draws[1] * (n_units - 1)).astype(int)) % n_units
        practice = np.stack([u["practice_focus"], u["practice_gaming"]])
        practice = imitation.copy_practices(practice, u["looks"], other,
                                            draws[0] < c.imitation_rate, drift, c)
        u["practice_focus"], u["practice_gaming"] = practice[0], practice[1]

    def rules_change(self) -> None:
        c, org, org_lever = self.c, self.org, self.org_levers
        added = self.rules_added + staffing.central_rules(org["overhead"], self.n_staff, c)
        org["useful_rules"], org["dead_rules"] = rules.step(
            org["useful_rules"], org["dead_rules"], org_lever["rule_creation"], c.rule_bloat,
            org_lever["rule_pruning"], c.environment_change, added, c)
        needed = staffing.overhead_needed(self.n_staff, average(self.indicators_now),
                                          self.rules_in_force, average(self.audit_rate_now),
                                          org_lever["central_staff"], c)
        org["overhead"] = staffing.follow_overhead(org["overhead"], needed, c)
        self.pay_for_posts()

    def pay_for_posts(self) -> None:
        """What every post besides the frontline costs, and so (under a fixed budget) the
        frontline hours the budget still pays for next week."""
        c, org_lever, p = self.c, self.org_levers, self.p
        reviews = rules.reviewed(org_lever["rule_pruning"], c) * c.review_hours
        audit_rate = average(self.audit_rate_now) if hasattr(self, "audit_rate_now") else org_lever["audit_rate"]
        self.other_posts = staffing.other_posts(
            self.n_staff, p.units, self.org["overhead"], org_lever["support"], audit_rate,
            org_lever["citizen_panel"], p.citizens, reviews, c.work_hours, c)
        if p.budget == "fixed" and hasattr(self, "budget"):
            funded = staffing.frontline_capacity(self.budget, self.other_posts, self.n_staff,
                                                 org_lever["incentive_strength"], c)
            self.funded = np.maximum(funded, MIN_FUNDED)

    def targets_update(self) -> None:
        """Targets follow the pressure each week; once a year the ratchet raises them by
        part of how far the year's reports exceeded them (Weitzman 1980)."""
        u = self.units
        base = measurement.threshold(self.target_pressure_now, self.c)
        u["reported_sum"] += self.unit_reported
        if self.week % WEEKS_PER_YEAR == 0:
            year_mean = u["reported_sum"] / WEEKS_PER_YEAR
            u["ratchet_bonus"] = measurement.ratcheted(base, year_mean, self.levers["target_ratchet"]) - base
            u["reported_sum"][:] = 0
        u["target"] = base + u["ratchet_bonus"]


def _imitation_draws(gen, n_units):
    """One run's imitation draws, in the order the stream gives them."""
    return gen.random((3, n_units)), gen.standard_normal((2, n_units)), gen.standard_normal(n_units)
