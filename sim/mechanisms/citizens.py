"""M7 (take-up) and the citizens' side of M5: needs arrive, citizens apply or give up,
judge what they get, and talk.

Administrative burden lowers take-up, most for those with few resources (Herd &
Moynihan 2018). Citizens compare what they get with what they expect; trust follows
the asymmetric rule of M5, so an uneven service (like cases treated differently) costs
more trust than an even one of the same mean, and it spreads by word of mouth over
their small-world network. Trust drifts back towards the generalised trust in
government (OECD Trust Survey 2023: Sweden 43%, OECD 39%).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip, saturating
from sim.mechanisms.market import visits_booked
from sim.mechanisms.trust import asymmetric_update
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_citizen, per_run, per_worker
from sim.model.runaxis import total

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("burden_per_documentation_hour", 0.1, "burden per hour/case", (0.05, 0.2),
                "burden citizens meet per hour of documentation required per case (forms, "
                "certificates)", "Herd & Moynihan 2018 (size: assumption)"),
    coefficient("burden_from_rules", 0.5, "burden 0-1", (0.25, 0.75),
                "burden from a rulebook at its half size"),
    coefficient("burden_rules_half", 300.0, "rules", (150.0, 600.0),
                "rules in force at which half of the rule burden is reached", low=15),
    coefficient("burden_deterrence", 0.8, "share", (0.5, 1.0),
                "share of citizens with no resources who give up under full burden",
                "Herd & Moynihan 2018"),
    coefficient("expectation", 0.78, "score 0-1", (0.72, 0.84),
                "the quality a citizen takes as 'what I should get'",
                "calibrated to the OECD Trust Survey 2023 (Sweden 43%)"),
    coefficient("expectation_band", 0.3, "score 0-1", (0.15, 0.45),
                "how far from the expectation an experience counts fully as good or bad", low=0.015),
    coefficient("unmet_distrust", 0.5, "signal 0-1", (0.25, 0.75),
                "bad signal of giving up on a need"),
    coefficient("satisfaction_adjust", 0.3, "share", (0.1, 0.5),
                "share of the gap between satisfaction and a case's quality closed by the case"),
    coefficient("unmet_dissatisfaction", 0.05, "share", (0.02, 0.1),
                "satisfaction lost by giving up on a need"),
    coefficient("generalised_trust", 0.43, "share", (0.39, 0.5),
                "trust in government that experience moves trust around",
                "OECD Trust Survey 2023"),
    coefficient("trust_reversion", 0.01, "1/week", (0.005, 0.02),
                "share of the gap to generalised trust closed per week"),
    coefficient("talk_weight", 0.05, "share", (0.02, 0.1),
                "weight of what friends think in this week's trust"),
    coefficient("start_trust_spread", 0.1, "share SD", (0.05, 0.2),
                "spread of citizens' trust around the generalised trust when the past "
                "starts (an initial condition the past moves)"),
)


class Owns(Fields):
    """Citizens' needs this week, what they get, and what they think of it."""

    satisfaction: Array = per_citizen("satisfaction with the service, 0-1", start=0.5)
    trust: Array = per_citizen("trust in the service, 0-1", start=None)
    cases: Array = per_citizen("cases handled this week", dtype=np.int64)
    needs: Array = per_citizen("cases needed this week (handled or given up)", dtype=np.int64)
    visits: Array = per_citizen("visits this week: cases handled and the return visits booked on them")
    unmet: Array = per_citizen("had a need this week but gave up", dtype=bool)
    complex: Array = per_citizen("this week's need spans units", dtype=bool)
    quality_received: Array = per_citizen("quality of the last case handled, 0-1", start=0.5)
    received: Array = per_citizen("quality of this week's case as the citizen gets it, 0-1")
    caseload: Array = per_worker("cases this week")
    complex_cases: Array = per_worker("cases this week whose needs span units")
    cases_needed: Array = per_run("cases citizens needed this week")
    cases_applied: Array = per_run("cases citizens applied for this week (the rest gave up)")


READS = Reads(fields=("documentation_in_force", "rules_in_force", "resources", "complex_quality",
                      "true_quality", "spread", "access_relief", "selection", "return_visit_rate"),
              inputs=("complex_share", "trust_gain", "trust_loss_ratio", "return_visit_value"),
              networks=("friends_mean", "has_friends", "need_cdf"))
NEEDS = Stream("needs", "each citizen's needs this week: how many cases, whether complex, whether "
                        "they apply (one uniform, split)", "citizen", (("random", 1),))
JUDGEMENT = Stream("judgement", "how this week's case differs from the caseworker's average",
                   "citizen", (("standard_normal", 1),))
STREAMS = (NEEDS, JUDGEMENT)
RESULTS = ("citizen_satisfaction", "citizen_trust", "take_up")


def burden(*, documentation_hours: Array, rules_in_force: Array, c: Inputs) -> Array:
    """Burden (0-1) a citizen meets in applying: forms that follow the documentation
    demands, and rules to navigate."""
    return clip(c.burden_per_documentation_hour * documentation_hours
                + c.burden_from_rules * saturating(rules_in_force, c.burden_rules_half), 0, 1)


def take_up_probability(*, burden_of_unit: Array, resources: Array, c: Inputs) -> Array:
    """Probability that a citizen with a need applies."""
    return 1 - c.burden_deterrence * burden_of_unit * (1 - resources)


def arrive(*, need_cdf: Array, complex_share: Array, take_up: Array, draw: Array,
           take_up_complex: Array | None = None) -> tuple[Array, Array, Array]:
    """Cases per citizen this week (Poisson), whether the need is complex (``complex_share``)
    and whether the citizen applies (``take_up``; ``take_up_complex`` for a complex need
    where it differs), all from one uniform ``draw`` per citizen,
    so a citizen's needs never depend on anyone else's. The draw picks the number of cases
    by inverse transform (``need_cdf``: P(cases <= k)); where it falls inside its bin is
    again uniform and independent of the bin, and decides whether the need is complex; where
    that falls inside its part decides whether they apply. Scenarios on one seed meet the
    same needs whatever their levers; a world with another ``complex_share`` moves the parts,
    so some citizens' application flips with it (about 2% per 0.01)."""
    cases = np.searchsorted(need_cdf, draw, side="right")
    bins = np.concatenate((np.zeros(1), need_cdf, np.ones(1)))
    low, high = bins[cases], bins[cases + 1]
    # the largest double below 1 at most: a draw just under a bin's top can round to 1
    within = np.minimum((draw - low) / (high - low), np.nextafter(1, 0))
    is_complex = within < complex_share
    # where it falls inside the complex part, or inside the rest (each part is chosen only
    # where it is not empty)
    part = np.where(is_complex, within, within - complex_share) / np.where(is_complex, complex_share,
                                                                          1 - complex_share)
    if take_up_complex is not None:
        take_up = np.where(is_complex, take_up_complex, take_up)
    return cases, is_complex, part < take_up


def react(*, satisfaction: Array, trust: Array, served: Array, unmet: Array, received: Array, friends_mean: Any,
          has_friends: Array, up: Array, loss_ratio: Array, c: Inputs) -> tuple[Array, Array]:
    """Citizens update satisfaction and trust from their own case, then talk.
    ``served``/``unmet`` are 0/1 floats. Returns (satisfaction, trust)."""
    satisfaction = ((satisfaction + served * c.satisfaction_adjust * (received - satisfaction))
                    * (1 - c.unmet_dissatisfaction * unmet))
    gap = (received - c.expectation) / c.expectation_band
    good = clip(gap, 0, 1) * served
    bad = np.maximum(clip(-gap, 0, 1) * served, c.unmet_distrust * unmet)
    trust = asymmetric_update(level=trust, good=good, bad=bad, up=up, loss_ratio=loss_ratio)
    trust = trust + c.trust_reversion * (c.generalised_trust - trust)
    trust = trust + c.talk_weight * has_friends * (friends_mean @ trust - trust)
    return clip(satisfaction, 0, 1), clip(trust, 0, 1)


# ------------------------------------------------------------------ steps of the week
def needs_arrive(s: State) -> None:
    """Needs arrive as cases; some citizens give up under the burden of applying (which
    the payment model moves: ``sim.mechanisms.market``); providers paid per visit book
    return visits, fewer on complex needs."""
    c = s.c
    # a provider paid per listed citizen who can leave eases access for them
    burden_of_unit = burden(documentation_hours=s.documentation_in_force, rules_in_force=s.rules_in_force,
                            c=c) * (1 - s.access_relief)
    take_up = take_up_probability(burden_of_unit=s.at_home_unit(burden_of_unit), resources=s.resources, c=c)
    take_up_complex = None
    if s.selection.any():  # flat capitation: complex needs meet more burden
        take_up_complex = take_up_probability(burden_of_unit=s.at_home_unit(clip(burden_of_unit + s.selection, 0, 1)),
                                              resources=s.resources, c=c)
    draw, = s.draw(NEEDS)
    cases, is_complex, applies = arrive(need_cdf=s.need_cdf, complex_share=c.complex_share, take_up=take_up,
                                        draw=draw, take_up_complex=take_up_complex)
    served = cases * applies
    s.cases, s.unmet, s.complex, s.needs = served, (cases > 0) & ~applies, is_complex, cases
    s.cases_needed, s.cases_applied = total(cases), total(served)
    # visits are a float array in every run, so a run batched with runs that book return
    # visits holds the same array as alone
    visits, caseload = served.astype(float), served
    if s.return_visit_rate.any():
        visits, caseload = visits_booked(served=served, is_complex=is_complex,
                                         rate=s.at_home_unit(s.return_visit_rate), c=c)
    s.visits = visits
    s.caseload = s.per_caseworker(caseload)
    s.complex_cases = s.per_caseworker(served * is_complex)


def citizens_react(s: State) -> None:
    """Citizens get their case (their caseworker's quality, spread by judgement), update
    satisfaction and trust, and talk to their friends."""
    c = s.c
    mean = np.where(s.complex, s.of_caseworker(s.complex_quality), s.of_caseworker(s.true_quality))
    judgement, = s.draw(JUDGEMENT)
    spread = s.of_caseworker(s.spread) * judgement
    if s.return_visit_rate.any():  # return visits add follow-up to the case
        mean = mean + c.return_visit_value * (s.visits - s.cases) / np.maximum(s.cases, 1)
    received = np.clip(mean + spread, 0, 1)
    served = s.cases > 0
    s.quality_received = np.where(served, received, s.quality_received)
    s.received = received
    s.satisfaction, s.trust = react(
        satisfaction=s.satisfaction, trust=s.trust, served=served.astype(float), unmet=s.unmet.astype(float),
        received=received, friends_mean=s.friends_mean, has_friends=s.has_friends, up=c.trust_gain,
        loss_ratio=c.trust_loss_ratio, c=c)
