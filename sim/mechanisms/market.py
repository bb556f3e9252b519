"""M13: NPM's market half. Citizens choose their provider, the payment model tells
providers what pays, and private providers come where it pays (vårdval, LOV,
ersättningsmodeller, beställar-utförarmodellen).

Seven levers, all off in the presets of the administrative half, so that a model without
a market is exactly the model before it:

* ``choice``: citizens may switch provider. Most never do: a citizen weighs switching
  rarely, more often the better resourced (Glenngård, Anell & Beckman 2011: about 60%
  said they had made a choice after the Swedish reforms, searched little and chose
  providers they knew), and hears of an alternative from a friend, whose provider and
  caseworker they move to if the friend is clearly happier than they are and the
  provider is within reach (far in sparsely populated places) and inside the choice
  system. A provider many choose gets a heavier caseload, and with it shorter contacts.
* ``payment_per_visit``: a share of the provider's payment comes per visit. Providers book
  return visits (fee for service buys volume: Gosden et al. 2000, Cochrane; in Swedish
  regions that paid per visit, visits rose more after the choice reform: Sveréus,
  Kjellsson & Rehnberg 2018), fewer on complex needs than on simple ones
  (``return_visits_complex``, an assumption). The visits are caseload: each takes part of
  a case's time and documentation (``return_visit_length``), and adds a little to what the
  citizen gets (follow-up, continuity: satisfaction and trust, not service quality).
* ``payment_capitation``: a share comes per listed citizen. Where citizens can leave (an
  urban unit under choice), providers make themselves easier to reach for those they list
  (lower burden of applying); unless capitation is ``risk_adjustment``-ed, they also make it
  harder for citizens with complex needs (cream-skimming: the Swedish reform made
  integrated care for complex needs harder, Equity scoping review 2017).
* ``payment_per_case``: a share comes per case handled, at a fixed price (DRG prices,
  England's payment by results). Every case pays, so access eases everywhere; a flat price
  selects against complex needs as flat capitation does.
* ``risk_adjustment``: capitation and case prices weighted by needs. It removes the
  reason to select, and costs documentation to code needs.
* ``purchaser_provider_split``: the board buys from providers under contract. With choice
  it lets private providers in: one takes a provider place where the payment would cover
  its cost (``margin``: the list against an even share, the purchaser's price margin, a
  rural place's higher cost) and leaves where it does not; the places and their staff are
  fixed, so entry changes who runs a place. It costs contract reporting and a purchaser's
  office.
* ``coordination_payment``: collaboration on complex cases with another provider counts
  less (another employer, records and manager) unless coordination is paid for, which
  costs documentation to claim it.

A provider acts on the payment model as far as its reach: all of it if private,
``public_response`` of it if public. Where money follows citizens who can leave, a provider
stands to lose (``competition``) and its low-motivation staff work harder (Gaynor,
Moreno-Serra & Propper 2013; the size is an assumption). The rest of the payment is a
budget, which pays for nothing at the margin. Pay for performance on indicators is
``incentive_strength`` (sim.mechanisms.effort).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_citizen, per_run, per_unit

if TYPE_CHECKING:
    from sim.model.state import State

#: The market's levers: with all of them at 0 the module does nothing (and analyses of
#: scenarios without a market do not sample its coefficients).
LEVERS = ("choice", "payment_per_visit", "payment_capitation", "payment_per_case", "risk_adjustment",
          "purchaser_provider_split", "coordination_payment")

COEFFICIENTS = table(
    __name__,
    coefficient("choice_review_rate", 0.02, "1/week", (0.01, 0.04),
                "chance per week that a citizen free to choose weighs switching provider "
                "(about once a year at the default)",
                "Glenngård, Anell & Beckman 2011 (about 60% made an active choice in the years "
                "after the reform; most searched little); size: assumption"),
    coefficient("choice_resource_gap", 0.5, "share", (0.25, 0.75),
                "how much less often a citizen with no resources weighs switching than one with "
                "full resources",
                "Equity scoping review 2017 (visits rose most among the better off); size: "
                "assumption"),
    coefficient("switching_cost", 0.05, "satisfaction 0-1", (0.02, 0.1),
                "how much happier a friend must be with their provider before a citizen moves there"),
    coefficient("travel_cost", 0.15, "satisfaction 0-1", (0.05, 0.3),
                "how much more it takes to move to a provider in another place (from or to a rural "
                "unit)", "Kullberg, Blomqvist & Winblad 2018 (rural counties: few alternatives); "
                "size: assumption"),
    coefficient("return_visits", 0.4, "visits per simple case", (0.15, 0.8),
                "extra return visits providers book on a simple need when all their payment comes "
                "per visit",
                "Gosden et al. 2000 (Cochrane: fee for service, more visits than capitation or "
                "salary); Sveréus, Kjellsson & Rehnberg 2018; size: assumption"),
    coefficient("return_visits_complex", 0.5, "ratio", (0.0, 1.0),
                "return visits booked on a complex need, per visit booked on a simple one",
                "assumption: a flat fee per visit pays best per hour on quick visits; no study sizes it"),
    coefficient("return_visit_length", 0.5, "share of a case", (0.25, 1.0),
                "time and documentation a return visit takes, as a share of a case's"),
    coefficient("return_visit_value", 0.02, "quality 0-1 per visit", (0.0, 0.05),
                "what a return visit adds to the quality the citizen gets (follow-up, continuity)",
                "Gosden et al. 2000 (more continuity under fee for service); size: assumption"),
    coefficient("access_effort", 0.3, "share", (0.1, 0.5),
                "share of the burden of applying a provider removes for the citizens it lists when "
                "all its payment follows them and they can leave (an urban unit; a rural one has no "
                "alternative within reach)",
                "Fredriksson et al. 2022 (access and visits rose after the reform); size: assumption"),
    coefficient("selection_burden", 0.3, "burden 0-1", (0.1, 0.5),
                "burden a provider adds for citizens with complex needs when all its payment is a "
                "flat amount per listed citizen (cream-skimming)",
                "Equity scoping review 2017 (care for complex needs harder to integrate; staff "
                "say lesser needs are prioritised); size: assumption"),
    coefficient("coding_hours", 0.2, "hours/case", (0.1, 0.4),
                "documentation per case to code needs when all capitation is risk-adjusted"),
    coefficient("public_response", 0.6, "share", (0.3, 1.0),
                "how far a public provider acts on the payment model (a private provider acts on "
                "all of it)",
                "assumption: no study separates public and private providers' response to the same "
                "payment in Swedish primary care"),
    coefficient("competition_effort", 0.1, "intensity", (0.0, 0.2),
                "effort a low-motivation worker adds in all core time where their provider stands "
                "to lose all its payment with the citizens who leave (a committed worker: none; "
                "their effort does not wait for it)",
                "Gaynor, Moreno-Serra & Propper 2013 (where choice made competition feasible under "
                "fixed prices, mortality fell at the same cost); Bloom et al. 2015 (better "
                "management where hospitals compete); size: assumption, down to none"),
    coefficient("price_margin", 0.1, "share of cost", (0.03, 0.2),
                "how far the purchaser's payment exceeds what a provider costs in a town when it "
                "has an even share of the citizens",
                "assumption; Konkurrensverket 2014 (as reported in Läkartidningen): primary care "
                "centres' mean operating margin was 1% in 2012, with 28% of private and 48% of "
                "public ones in deficit: the default is above what centres earned, for calibration "
                "to weigh"),
    coefficient("rural_cost_premium", 0.2, "share of cost", (0.05, 0.4),
                "how much more a provider costs in the rural part per citizen (sparse population, "
                "travel, small lists, posts hard to fill)",
                "Kullberg, Blomqvist & Winblad 2018 (private providers did not come to rural "
                "counties); Konkurrensverket 2012 (as reported in Vårdfokus: the payment system "
                "means private entrepreneurs cannot afford to run centres in sparsely populated "
                "areas); size: assumption"),
    coefficient("entry_rate", 0.0012, "1/week", (0.0006, 0.003),
                "chance per week that a private provider takes a provider place where the payment "
                "would cover its cost (about 6% of such places a year)",
                "sized roughly: Sweden's private share of primary care centres rose to two in five "
                "in the three years after the reform (Konkurrensverket 2012; from 28% to 37% in the "
                "first year, its evaluation as reported in Vårdfokus) and to "
                "42% by 2015 (SKL 2016), about an eighth of all places in three years; it sets how "
                "fast, not whether, the private share grows"),
    coefficient("exit_rate", 0.01, "1/week", (0.005, 0.02),
                "chance per week that a private provider leaves a place where the payment no longer "
                "covers its cost (the region takes it back, staff and list with it)", "assumption"),
    coefficient("cross_provider_collaboration", 0.5, "share", (0.2, 0.9),
                "weight of a partner's collaboration on a complex case when the partner works for "
                "another provider (another employer, records and manager) and nobody pays for "
                "coordinating",
                "Equity scoping review 2017 (care for complex needs harder to integrate after the "
                "reform); size: assumption"),
    coefficient("coordination_claim_hours", 0.2, "hours/complex case", (0.1, 0.5),
                "documentation per complex case to claim the payment for coordinating when all "
                "coordination is paid for", "assumption"),
    coefficient("contract_hours", 0.1, "hours/case", (0.05, 0.3),
                "documentation per case to report to the purchaser under a full purchaser-provider "
                "split (contract follow-up, on the provider's side)", "assumption"),
    coefficient("purchaser_staff", 0.01, "posts per frontline post", (0.005, 0.03),
                "the purchaser's office under a full purchaser-provider split: procurement, "
                "contracts and their follow-up (the admin load on the board's side)", "assumption"),
    acts_with=LEVERS,
)


class Owns(Fields):
    """What the payment model makes providers do, and who switched provider."""

    return_visit_rate: Array = per_unit("extra visits per simple case the unit books, per case")
    access_relief: Array = per_unit("share of the burden of applying the unit removes for its citizens")
    selection: Array = per_unit("burden the unit adds for citizens with complex needs, 0-1")
    competition: Array = per_unit("how much the unit stands to lose when its citizens leave, 0-1")
    billing_hours: Array = per_unit("documentation per case to bill the payer (coding needs), hours; a "
                                    "return visit takes its part of it, as of any documentation")
    private: Array = per_unit("whether a private provider runs the unit (else the region does)", dtype=bool)
    switched: Array = per_citizen("moved to another provider this week", dtype=bool)
    switches: Array = per_run("citizens who moved to another provider this week")


READS = Reads(fields=("satisfaction", "resources", "rural", "lives_rural"),
              levers=LEVERS,
              updates=("caseworker", "home_unit"),
              inputs=("complex_share",),
              networks=("friends_mean",))
CHOOSING = Stream("choosing", "whether a citizen weighs switching provider this week, and which "
                              "friend's provider they hear of", "citizen", (("random", 2),))
ESTABLISHING = Stream("establishing", "whether a private provider takes or leaves each provider place this "
                                     "week", "unit", (("random", 1),))
STREAMS = (CHOOSING, ESTABLISHING)
RESULTS = ("visits_per_citizen", "switching", "private_share")


def payment_reach(*, private: Array, c: Inputs) -> Array:
    """Share (0-1) of the payment model a provider acts on: all of it for a private one,
    ``public_response`` of it for a public one (a public unit paid the same way still
    answers to the region as its employer, and has no owner to pay a surplus to)."""
    return np.where(private, 1.0, c.public_response)


def return_visit_rate(*, payment_per_visit: Array, reach: Array, c: Inputs) -> Array:
    """Extra visits per simple case a provider books, per case (0 under a budget)."""
    return c.return_visits * payment_per_visit * reach


def visits_booked(*, served: Array, is_complex: Array, rate: Array, c: Inputs) -> tuple[Array, Array]:
    """(visits, caseload): a citizen's cases handled and the return visits booked on them
    (``rate`` per simple case, ``return_visits_complex`` times that on a complex one), and
    the caseload they make, a return visit counting ``return_visit_length`` of a case."""
    extra = served * rate * np.where(is_complex, c.return_visits_complex, 1)
    return served + extra, served + extra * c.return_visit_length


def access_relief(*, payment_capitation: Array, payment_per_case: Array, choice: Array, contestable: Array,
                  reach: Array, c: Inputs) -> Array:
    """Share of the burden of applying a provider removes for its citizens: where
    capitation follows them and they can leave (``choice``, and ``contestable``: another
    provider within reach, which a rural unit, or the only urban one, does not have), and
    wherever each case handled is paid for, as far as the provider acts on its payment."""
    return c.access_effort * (payment_capitation * choice * contestable + payment_per_case) * reach


def contestable(*, rural: Array) -> Array:
    """1 for a unit whose citizens have another provider within reach: an urban unit with
    another urban unit beside it; 0 in the rural part, where the next provider is far."""
    urban = ~rural
    return (urban & (urban.sum(axis=-1, keepdims=True) > 1)).astype(float)


def selection(*, flat_shares: Array, risk_adjustment: Array, reach: Array, c: Inputs) -> Array:
    """Burden (0-1) a provider adds for citizens with complex needs where it is paid a flat
    amount a head or a case (``flat_shares``: capitation and the share per case)."""
    return c.selection_burden * flat_shares * (1 - risk_adjustment) * reach


def billing_hours(*, flat_shares: Array, risk_adjustment: Array, purchaser_provider_split: Array,
                  coordination_payment: Array, crossing: Array, c: Inputs) -> Array:
    """Documentation per case (hours) the payer asks for: coding needs where capitation and
    case prices are risk-adjusted, reporting to the purchaser under the split, claiming
    coordination on the cases that cross providers (the ``complex_share`` of cases, times
    ``crossing``, the share of a complex case's partners at another provider)."""
    return (c.coding_hours * flat_shares * risk_adjustment + c.contract_hours * purchaser_provider_split
            + c.coordination_claim_hours * c.complex_share * crossing * coordination_payment)


def crossing(*, private: Array) -> Array:
    """Share (0-1) of a unit's partners in other units who work for another provider, with
    partners spread evenly over the other units: every one for a private provider, the
    private places' share of the others for a public one (0 with no private provider)."""
    others = np.maximum(private.shape[-1] - 1, 1)
    return np.where(private, 1.0, private.sum(axis=-1, keepdims=True) / others)


def purchaser_posts(*, purchaser_provider_split: Array, frontline: int, c: Inputs) -> Array:
    """Posts in the purchaser's office (in frontline salaries): procurement and contracts."""
    return c.purchaser_staff * purchaser_provider_split * frontline


def competition(*, money_follows: Array, choice: Array, contestable: Array, reach: Array) -> Array:
    """How much a provider stands to lose when its citizens leave (0-1): the share of its
    payment that follows them, where they can leave, as far as it acts on its payment."""
    return money_follows * choice * contestable * reach


def margin(*, listed_share: Array, money_follows: Array, rural: Array, c: Inputs) -> Array:
    """What a provider place would earn over its cost, as a share of cost: the payment
    (its part that follows citizens, ``money_follows``, in proportion to the place's list
    against an even share) with the purchaser's ``price_margin``, less the rural part's
    higher cost."""
    revenue = 1 + money_follows * (listed_share - 1)
    return revenue * (1 + c.price_margin) - 1 - c.rural_cost_premium * rural


def ownership(*, private: Array, margin: Array, open_to_providers: Array, draw: Array, c: Inputs) -> Array:
    """Who runs each place next week: a private provider takes a public place that would
    pay (freedom of establishment, ``open_to_providers``: choice under a purchaser) with
    chance ``entry_rate``; one leaves a place that no longer pays, or a market that closed,
    with chance ``exit_rate``, and the region takes the place back."""
    enters = ~private & (margin > 0) & (draw < c.entry_rate * open_to_providers)
    leaves = private & ((margin < 0) | (open_to_providers == 0)) & (draw < c.exit_rate)
    return (private | enters) & ~leaves


def partner_collaboration(*, all_partners: Array, private_partners: Array, private_worker: Array,
                          coordination_payment: Array, c: Inputs) -> Array:
    """Partners' collaboration hours a worker's complex cases get when some units are run
    by private providers: hours across two providers count ``cross_provider_collaboration``
    of their worth, unless coordination is paid for. A public worker's partners in other
    public units are one employer; every partner of a private worker is another one.
    ``all_partners`` and ``private_partners`` are the sums over all partners and over
    those in private units."""
    worth = 1 - (1 - c.cross_provider_collaboration) * (1 - coordination_payment)
    return np.where(private_worker, worth * all_partners, all_partners - (1 - worth) * private_partners)


def review_probability(*, choice: Array, resources: Array, c: Inputs) -> Array:
    """Chance this week that a citizen weighs switching: the more resources, the likelier."""
    return choice * c.choice_review_rate * (1 - c.choice_resource_gap * (1 - resources))


def moves(*, weighs: Array, own_satisfaction: Array, friend_satisfaction: Array, elsewhere: Array,
          far: Array, c: Inputs) -> Array:
    """Whether a citizen who ``weighs`` switching moves to the friend's provider: another
    provider (``elsewhere``) whose user is happier by more than the cost of switching, and
    of travelling where it is ``far``."""
    gain = friend_satisfaction - own_satisfaction - c.switching_cost - c.travel_cost * far
    return weighs & elsewhere & (gain > 0)


# ------------------------------------------------------------------ steps of the week
def providers_set_terms(s: State) -> None:
    """Providers respond to how they are paid: return visits, access, selection, coding."""
    c = s.c
    reach = payment_reach(private=s.private, c=c)
    in_reach = contestable(rural=s.rural)
    flat_shares = s.lever.payment_capitation + s.lever.payment_per_case
    s.return_visit_rate = return_visit_rate(payment_per_visit=s.lever.payment_per_visit, reach=reach, c=c)
    s.access_relief = access_relief(payment_capitation=s.lever.payment_capitation, payment_per_case=s.lever.payment_per_case,
                                    choice=s.lever.choice, contestable=in_reach, reach=reach, c=c)
    s.selection = selection(flat_shares=flat_shares, risk_adjustment=s.lever.risk_adjustment, reach=reach, c=c)
    s.competition = competition(money_follows=flat_shares + s.lever.payment_per_visit, choice=s.lever.choice,
                                contestable=in_reach, reach=reach)
    s.billing_hours = billing_hours(flat_shares=flat_shares, risk_adjustment=s.lever.risk_adjustment,
                                    purchaser_provider_split=s.lever.purchaser_provider_split,
                                    coordination_payment=s.lever.coordination_payment,
                                    crossing=crossing(private=s.private), c=c)


def citizens_choose(s: State) -> None:
    """Citizens free to choose may hear of a friend's provider and move there."""
    choice = s.at_home_unit(s.lever.choice)
    choosing = choice.any(axis=-1)
    if not choosing.any():  # no run has choice this week: nothing is drawn or moves
        s.switched = np.zeros_like(s.switched)
        s.switches = np.zeros_like(s.switches)
        return
    weigh_draw, friend_draw = s.draw(CHOOSING, runs=choosing)[0]
    weighs = weigh_draw < review_probability(choice=choice, resources=s.resources, c=s.c)
    friend = s.friends_mean.pick(friend_draw)  # a friend's index in the flattened citizens
    has_friend = friend >= 0
    friend = np.where(has_friend, friend, 0)
    friend_unit = np.take(s.home_unit, friend)  # np.take reads the flattened array: the friend's own run
    friend_place = np.take(s.home_flat, friend)  # the friend's unit, flattened over runs
    far = (s.lives_rural | np.take(s.rural, friend_place)).astype(float)
    # a citizen moves only to another provider inside the choice system (a pilot of choice
    # in some units does not open the others' lists)
    elsewhere = (friend_unit != s.home_unit) & (np.take(s.lever.choice, friend_place) > 0)
    moved = moves(weighs=weighs & has_friend, own_satisfaction=s.satisfaction,
                  friend_satisfaction=np.take(s.satisfaction, friend), elsewhere=elsewhere, far=far, c=s.c)
    s.switched = moved
    s.switches = moved.sum(axis=-1, keepdims=True).astype(float)
    if moved.any():
        s.caseworker = np.where(moved, np.take(s.caseworker, friend), s.caseworker)
        s.home_unit = np.where(moved, friend_unit, s.home_unit)
        s.relink_citizens()


def providers_enter_and_leave(s: State) -> None:
    """Private providers take places that would pay and leave those that do not."""
    # a choice system needs an alternative: with one place, nobody could leave it
    open_to_providers = s.lever.choice * s.lever.purchaser_provider_split * (s.p.units > 1)
    active = open_to_providers.any(axis=-1) | s.private.any(axis=-1)
    if not active.any():  # no market for providers in any run: nothing is drawn or changes
        return
    (draw,) = s.draw(ESTABLISHING, runs=active)
    listed_share = s.listed() * s.p.units / s.p.citizens
    money_follows = s.lever.payment_capitation + s.lever.payment_per_case + s.lever.payment_per_visit
    money = margin(listed_share=listed_share, money_follows=money_follows, rural=s.rural, c=s.c)
    s.private = ownership(private=s.private, margin=money, open_to_providers=open_to_providers, draw=draw, c=s.c)
