"""M4: knights and knaves, stewards and agents; and M1's effort side: how hard a worker
works in core time, and how much harder on what is measured and paid.

Staff differ in public-service motivation (Le Grand 2003). A worker's current
motivation is how far they act as a *steward* of the service; a manager's stewardship
is how little they control. The pair's effort follows Davis, Schoorman & Donaldson
(1997): mutual stewardship is best; mutual agency is safe but mediocre; a controlling
manager frustrates a steward; a trusting manager is exploited by an agent. So control
raises the effort of the low-motivated and lowers that of the committed, and the best
regime depends on who the staff are.

Detection by audits and the follow-up that comes after a manager sees weak results
deter the low-motivated from shirking; discretion without follow-up gives them room
to shirk. Pay makes the low-motivated work harder in all core time, and pay and pressed targets
on covered, measured tasks raise effort on them further, pay most among the low-motivated (Le Grand 2003) and goal setting among all (Propper et
al. 2010; Bevan & Hamblin 2009); a ratcheting target makes strategic staff hold back.
Change imposed without a say meets resistance: staff who do not trust their management
hold back effort while it lasts, where those who shaped a change do not (Coch & French
1948).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip, measurement, saturating
from sim.model.fields import Array, Fields, Inputs, Reads, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("effort_mutual_steward", 1.0, "intensity", (0.9, 1.1),
                "effort of a committed worker under a manager who trusts and delegates",
                "Davis, Schoorman & Donaldson 1997"),
    coefficient("effort_frustrated", 0.85, "intensity", (0.7, 0.97),
                "effort of a committed worker under a controlling manager",
                "Davis, Schoorman & Donaldson 1997; Falk & Kosfeld 2006"),
    coefficient("effort_mutual_agent", 0.85, "intensity", (0.7, 1.0),
                "effort of a low-motivation worker under a controlling manager: safe but "
                "mediocre", "Davis, Schoorman & Donaldson 1997"),
    coefficient("effort_exploited", 0.4, "intensity", (0.2, 0.6),
                "effort of a low-motivation worker under a trusting manager who does not "
                "follow up", "Davis, Schoorman & Donaldson 1997; Le Grand 2003"),
    coefficient("effort_deterrence", 0.2, "intensity", (0.05, 0.5),
                "effort full deterrence by audits adds for a low-motivation worker",
                "Le Grand 2003 (size: assumption)"),
    coefficient("pay_core_effort", 0.15, "intensity", (0.05, 0.3),
                "extra intensity in all core time full pay gives a low-motivation worker with a "
                "noise-free signal: pay makes knaves work harder, not only on what is measured "
                "(a committed worker: none; their effort does not wait for pay)",
                "Le Grand 2003 (size: assumption)"),
    coefficient("effort_correction", 0.3, "intensity", (0.05, 0.55),
                "effort full follow-up after weak results adds for a low-motivation worker "
                "(a committed one: a fifth of it)", "Propper et al. 2010 (size: assumption)"),
    coefficient("correction_committed", 0.2, "share", (0.0, 0.5),
                "share of the follow-up effect that also reaches committed staff"),
    coefficient("false_alarm_push", 0.25, "share", (0.0, 0.5),
                "share of follow-up's effect on effort that follow-up with nothing real to "
                "correct still has (a worker whose work meets the target, followed up on a "
                "noisy or misread report, may push harder for a while)", "assumption"),
    coefficient("shirk_discretion", 0.2, "intensity", (0.0, 0.4),
                "effort a low-motivation worker withholds with full discretion and no "
                "deterrence", "Lipsky 1980; Le Grand 2003"),
    coefficient("effort_strain", 0.15, "intensity", (0.05, 0.3), "effort lost at full strain",
                "Anskär et al. 2019"),
    coefficient("change_resistance", 0.3, "intensity", (0.0, 0.5),
                "effort withheld, while it lasts, by a worker who does not trust their "
                "management, at a change load of 1 imposed without participation: "
                "resistance to change people had no say in (those who trust their "
                "management resist less)",
                "Coch & French 1948 (a group given no say in a job change produced about a fifth "
                "less for over a month; groups that took part recovered within days); later "
                "studies found participation's effect on performance small and inconsistent, so "
                "the range reaches 0; size: assumption"),
    coefficient("max_effort", 1.3, "intensity", (1.1, 1.5), "the most intensity anyone sustains"),
    coefficient("pay_effort_low", 0.8, "share of measured effort", (0.2, 1.4),
                "extra intensity on covered, measured tasks from full pay, low-motivation "
                "worker, noise-free signal", "Le Grand 2003; Holmström & Milgrom 1991"),
    coefficient("pay_effort_high", 0.2, "share of measured effort", (0.0, 0.4),
                "the same for a committed worker", "Le Grand 2003"),
    coefficient("goal_reach", 0.1, "score 0-1", (0.03, 0.3),
                "shortfall from the target at which a pressed target pushes fully; closer to it, less "
                "(goal setting works through the gap a worker sees)",
                "Locke & Latham 2002; Burgess, Wilson & Worth 2013 (the top quartile unaffected); "
                "size: assumption", low=0.005),
    coefficient("goal_hold", 1.0, "share", (0.0, 1.0),
                "share of a pressed target's push a worker keeps once their unit's standing meets "
                "the target (1: goals hold effort wherever they are pressed; 0: only a shortfall "
                "pushes). At 0 a target lowered the honestly measured goal it was set on (units meet "
                "a reported target through gaming and bunching and then ease off), against Propper et "
                "al. 2010, Kelman & Friedman 2009 and Bevan & Hamblin 2009",
                "Locke & Latham 2002 (committed goals sustain effort) and Dee & Jacob 2011 towards 1; "
                "Burgess, Wilson & Worth 2013 (top quartile unaffected) towards 0; size: assumption"),
    coefficient("goal_setting", 0.7, "share of measured effort", (0.3, 1.0),
                "extra intensity on covered, measured tasks from fully pressed, specific "
                "targets: a target's gain comes through effort on the goal, not only through "
                "time taken from other work (the 4-hour target's dramatic gains with no measurable "
                "dysfunction)", "Propper et al. 2010; Bevan & Hamblin 2009; Kelman & Friedman 2009"),
)


class Owns(Fields):
    """How hard each worker works, and how much harder on what is measured and paid."""

    pay_pull: Array = per_worker("how hard pay pulls this worker (0-1): strength x response x power")
    goal_push: Array = per_worker("how hard a pressed target pushes this worker (0-1): goal_hold, and "
                                  "the rest as far as their unit's standing (its mean report over a term or so) "
                                  "falls short of its target, fully from goal_reach")
    effort: Array = per_worker("work intensity in core time")
    measured_multiplier: Array = per_worker("extra intensity on covered, measured tasks")


READS = Reads(fields=("incentive_power", "has_indicators", "motivation", "control", "deterrence",
                      "followup", "correction", "used_discretion", "strain", "imposed_load",
                      "felt_trust", "coverage", "target_pressure_in_force", "target", "unit_standing",
                      "competition"),
              levers=("incentive_strength", "target_ratchet"),
              inputs=("incentive_response", "load_half", "competition_effort"))
RESULTS = ()


def pairing(*, motivation: Array, manager_stewardship: Array, c: Inputs) -> Array:
    """Effort (intensity) of a worker-manager pair: the steward/agent matrix of Davis,
    Schoorman & Donaldson (1997), bilinear in the worker's motivation and the manager's
    stewardship (1 - control)."""
    s, m = manager_stewardship, motivation
    return (s * m * c.effort_mutual_steward + s * (1 - m) * c.effort_exploited
            + (1 - s) * m * c.effort_frustrated + (1 - s) * (1 - m) * c.effort_mutual_agent)


def core_effort(*, motivation: Array, manager_stewardship: Array, deterrence: Array, pay_pull: Array,
                followup: Array, correction: Array, used_discretion: Array, strain: Array,
                resisting: Array, competition: Array, c: Inputs) -> Array:
    """Work intensity in core time (0 to ``max_effort``). ``deterrence``: the expected
    sanction of being found out (``audits.deterrence``); ``pay_pull``: pay's pull, incentive
    strength x response x the power the noise leaves it (0-1); ``followup`` and
    ``correction``: all follow-up, and the part of it aimed at a real shortfall
    (``followup.follow_up``); ``resisting``: resistance to imposed change (``resistance``);
    ``competition``: what the unit stands to lose when citizens leave (``market.competition``),
    a stake on the whole case as citizens meet it, so it adds effort in all core time."""
    low = 1 - motivation
    deterred = (c.effort_deterrence * deterrence + c.pay_core_effort * pay_pull
                + c.competition_effort * competition) * low
    pushed = correction + c.false_alarm_push * (followup - correction)
    corrected = c.effort_correction * pushed * (low + motivation * c.correction_committed)
    shirking = c.shirk_discretion * used_discretion * low * (1 - deterrence)
    effort = (pairing(motivation=motivation, manager_stewardship=manager_stewardship, c=c) + deterred
              + corrected - shirking - c.effort_strain * strain - c.change_resistance * resisting)
    return clip(effort, 0, c.max_effort)


def resistance(*, imposed_load: Array, felt_trust: Array, c: Inputs) -> Array:
    """How much a worker resists the change imposed on their unit (0-1): more the larger
    the imposed load (saturating at ``load_half``, as its disruption does), less the more
    they trust their management. A co-created change imposes no load and meets none."""
    return (1 - felt_trust) * saturating(imposed_load, c.load_half)


def weighed_pay(*, incentive_power: Array, incentive_strength: Array, incentive_response: Array) -> Array:
    """How hard pay pulls (0-1): the stake (``incentive_strength``, share of funding or pay
    tied to measured output), as far as people respond to it and the noise in the signal leaves
    it power. Linear in the stake, like every cost of pay (crowding-out, gaming's stakes, the
    labour pool, the pull towards measured work): one scale for what pay buys and what it costs.
    A response concave in the stake (a few percent of pay moving people, Muralidharan &
    Sundararaman 2011) was tried and removed: the lever stands for funding shares as well as
    bonuses, and a concave benefit against linear costs made the presets' pay (0.1 to 0.6)
    nearly equal in effect."""
    return incentive_power * incentive_strength * incentive_response


def pushed_by_goal(*, shortfall: Array, c: Inputs) -> Array:
    """How hard a pressed target pushes (0-1): ``goal_hold`` wherever it is pressed, and the
    rest in proportion to how far short of it a unit's standing falls (``shortfall``, score
    units), fully from ``goal_reach`` down; below 1, units above the target are pushed less,
    so weak units gain most (Burgess et al. 2013: the top quartile was unaffected)."""
    return c.goal_hold + (1 - c.goal_hold) * np.minimum(shortfall / c.goal_reach, 1)


def measured_multiplier(*, coverage: Array, pay_pull: Array, target_pressure: Array, motivation: Array,
                        held_back: Array, goal_push: Array, c: Inputs) -> Array:
    """Multiplier (about 0.5-2) on effort spent on covered, measured tasks; ``pay_pull``
    from ``weighed_pay``, ``goal_push`` from ``pushed_by_goal``."""
    pay = pay_pull * (c.pay_effort_low * (1 - motivation) + c.pay_effort_high * motivation)
    return 1 + coverage * (pay + c.goal_setting * target_pressure * goal_push) - held_back


# ------------------------------------------------------------------ steps of the week
def weigh_pay(s: State) -> None:
    """How hard incentive pay pulls each worker, and how hard a pressed target pushes them."""
    s.pay_pull = weighed_pay(incentive_power=s.at_worker(s.incentive_power),
                             incentive_strength=s.worker_lever.incentive_strength,
                             incentive_response=s.c.incentive_response)
    # The target is the unit's, and so is the shortfall a league table or a target review shows
    s.goal_push = s.at_worker(pushed_by_goal(shortfall=np.maximum(s.target - s.unit_standing, 0), c=s.c))


def work(s: State) -> None:
    """How hard each worker works in core time, and how much harder on measured tasks.
    Pay for measured output needs something measured."""
    c = s.c
    target_pressure = s.at_worker(s.target_pressure_in_force)
    s.effort = core_effort(motivation=s.motivation, manager_stewardship=1 - s.at_worker(s.control),
                           deterrence=s.deterrence, pay_pull=s.pay_pull * s.at_worker(s.has_indicators),
                           followup=s.followup, correction=s.correction, used_discretion=s.used_discretion,
                           strain=s.strain, competition=s.at_worker(s.competition),
                           resisting=resistance(imposed_load=s.at_worker(s.imposed_load),
                                                felt_trust=s.felt_trust, c=c), c=c)
    held = measurement.holdback(ratchet=s.worker_lever.target_ratchet, target_pressure=target_pressure,
                                motivation=s.motivation, c=c)
    s.measured_multiplier = measured_multiplier(coverage=s.at_worker(s.coverage), pay_pull=s.pay_pull,
                                                target_pressure=target_pressure, motivation=s.motivation,
                                                held_back=held, goal_push=s.goal_push, c=c)
