"""NPM's market half (sim.mechanisms.market) as an analyst uses it: the presets `choice`
and `choice_ffs` against `npm`, each market lever's gain and cost, who switches, and the
guarantee that a model without a market is the model before it. Paired seeds, five years
after the burn-in, the last year's mean; each claim must hold on every seed."""

from functools import cache

import numpy as np
import pytest

from sim.inputs.scenario import load_scenario
from sim.model.batching import batch_runs
from sim.model.metrics import INDEX

SEEDS = (1, 2, 3, 4)
WEEKS = 260
NPM = load_scenario("npm")


def _with(**levers):
    return NPM.with_inputs(levers, source="test")


VARIANTS = {
    "npm": NPM, "choice": load_scenario("choice"), "choice_ffs": load_scenario("choice_ffs"),
    "choice_only": _with(choice=1.0),
    "per_visit": _with(payment_per_visit=0.5),
    "choice_capitation": _with(choice=1.0, payment_capitation=0.8),
    "capitation": _with(payment_capitation=0.8),
    "capitation_adjusted": _with(payment_capitation=0.8, risk_adjustment=1.0),
    "per_case": _with(payment_per_case=0.5),
    "choice_no_split": load_scenario("choice").with_inputs({"purchaser_provider_split": 0.0}, source="test"),
    "coordinated": load_scenario("choice").with_inputs({"coordination_payment": 1.0}, source="test"),
    # collaboration with another provider at the plausible low of its worth: more fragmentation
    "fragmented": load_scenario("choice").with_inputs({"cross_provider_collaboration": 0.2}, source="test"),
    # and worth as much as inside one provider: no fragmentation (a reference arm)
    "unfragmented": load_scenario("choice").with_inputs({"cross_provider_collaboration": 1.0}, source="test"),
}


@cache
def _runs() -> dict[str, np.ndarray]:
    """Every variant on every seed in one batch: {variant: (seed, metric) last-year means}."""
    jobs = [(scenario, seed) for scenario in VARIANTS.values() for seed in SEEDS]
    engine = batch_runs(jobs)
    engine.run(WEEKS)
    out, run = {}, 0
    for name in VARIANTS:
        out[name] = np.array([engine.history_of(run + i)[-52:].mean(axis=0) for i in range(len(SEEDS))])
        run += len(SEEDS)
    return out


def effect(metric: str, treated: str, base: str) -> np.ndarray:
    """treated - base on each seed."""
    runs = _runs()
    return runs[treated][:, INDEX[metric]] - runs[base][:, INDEX[metric]]


def level(metric: str, variant: str) -> np.ndarray:
    return _runs()[variant][:, INDEX[metric]]


def test_under_the_choice_preset_visits_rise_and_more_on_lesser_needs_than_on_greater_ones():
    # the Swedish choice reform's pattern. It follows from assumptions, not from choice itself
    # (docs/ODD.md 7.20): capitation's access and return visits add the visits, selection and
    # fewer return visits on complex needs (return_visits_complex < 1) keep greater needs behind
    assert (effect("visits_per_citizen", "choice", "npm") > 0).all()
    simple, complex_ = effect("visits_per_simple_need", "choice", "npm"), effect("visits_per_complex_need", "choice", "npm")
    assert (simple > 0).all() and (simple > complex_).all()
    # choice alone adds no visits: moving provider changes who serves a need, not how many
    assert (np.abs(effect("visits_per_citizen", "choice_only", "npm")) < 0.002).all()


def test_payment_per_visit_raises_visits_more_than_capitation_which_follows_from_the_two_levers():
    # per visit books return visits; capitation only eases access where citizens can leave:
    # at these levels of the two shares the first adds more visits at every corner of the
    # plausible ranges an outside referee tried, so this is a property of the formulas
    assert (level("visits_per_citizen", "choice_ffs") > level("visits_per_citizen", "choice")).all()


def test_choice_buys_satisfaction_and_costs_strain():
    # small: the mover goes to a friend's provider, and the friend's satisfaction is a
    # person's, not a provider's (ODD 7.20); lists even out rather than congest
    assert (effect("citizen_satisfaction", "choice_only", "npm") > 0).all()
    assert (effect("strain", "choice_only", "npm") > 0).all()


def test_payment_per_visit_buys_visits_and_costs_service_quality_and_admin_time():
    assert (effect("visits_per_citizen", "per_visit", "npm") > 0.03).all()
    assert (effect("service_quality", "per_visit", "npm") < 0).all()
    assert (effect("admin_share", "per_visit", "npm") > 0).all()


def test_capitation_under_choice_buys_urban_take_up_and_costs_rural_take_up_and_complex_visits():
    # access eases only where there is an alternative within reach (the urban part); the
    # selection of complex needs falls everywhere (at the default access_effort 0.3: at 0.1
    # urban take-up falls too, ODD 7.20)
    assert (effect("take_up_urban", "choice_capitation", "choice_only") > 0).all()
    assert (effect("take_up_rural", "choice_capitation", "choice_only") < 0).all()
    assert (effect("visits_per_complex_need", "choice_capitation", "choice_only") < 0).all()


def test_risk_adjustment_buys_back_complex_needs_and_costs_coding_time():
    assert (effect("visits_per_complex_need", "capitation_adjusted", "capitation") > 0).all()
    assert (effect("take_up", "capitation_adjusted", "capitation") > 0).all()
    assert (effect("admin_share", "capitation_adjusted", "capitation") > 0).all()


def test_a_few_percent_switch_a_year_and_nobody_without_choice():
    # a yearly rate: over ten years about half have moved at least once (ODD 7.20)
    assert (level("switching", "npm") == 0).all() and (level("switching", "per_visit") == 0).all()
    yearly = level("switching", "choice")
    assert ((yearly > 0.02) & (yearly < 0.2)).all(), yearly


def test_a_price_per_case_buys_take_up_in_towns_and_on_average_in_the_rural_part_and_costs_complex_needs_and_strain():
    # paid for each case handled, a provider eases access even where nobody can leave (the
    # rural part), and, a flat price unadjusted for need, selects against complex needs
    assert effect("take_up_rural", "per_case", "npm").mean() > 0  # on average: not on every seed
    assert (effect("take_up_urban", "per_case", "npm") > 0).all()
    assert (effect("visits_per_complex_need", "per_case", "npm") < effect("visits_per_simple_need", "per_case", "npm")).all()
    assert (effect("visits_per_complex_need", "per_case", "npm") < 0).all()
    assert (effect("strain", "per_case", "npm") > 0).all()  # more cases on the same hours


def test_competition_under_fixed_prices_raises_the_works_quality_only_through_the_assumed_effort():
    # Gaynor, Moreno-Serra & Propper 2013: where choice made competition feasible, at fixed
    # prices, AMI mortality fell at the same cost, within two years. Arms differ only by
    # choice (a purchaser and a price per case in both): a provider that can lose its payment
    # with its citizens works harder (competition_effort). Without that assumed effort the
    # work's own quality falls: the service's quality still rises, from citizens moving to
    # better caseworkers, a channel the study's emergency patients rule out
    fixed_prices = _with(purchaser_provider_split=1.0, payment_per_case=0.8)
    arms = {name: fixed_prices.with_inputs(inputs, source="test") for name, inputs in (
        ("fixed", {}), ("choice", {"choice": 1.0}), ("fixed_no_effort", {"competition_effort": 0.0}),
        ("choice_no_effort", {"choice": 1.0, "competition_effort": 0.0}))}
    engine = batch_runs([(scenario, seed) for scenario in arms.values() for seed in SEEDS])
    engine.run(104)
    last = {name: np.array([engine.history_of(i * len(SEEDS) + k)[-52:].mean(axis=0) for k in range(len(SEEDS))])
            for i, name in enumerate(arms)}

    def gain(metric, treated, base):
        return last[treated][:, INDEX[metric]] - last[base][:, INDEX[metric]]
    assert (gain("work_quality", "choice", "fixed") > 0).all()
    assert (gain("work_quality", "choice_no_effort", "fixed_no_effort") < 0).all()
    assert (gain("service_quality", "choice_no_effort", "fixed_no_effort") > 0).all()
    # at the same cost (the budget is fixed), with the effort paid in strain
    assert (np.abs(gain("cost_per_case", "choice", "fixed")) < 0.001).all()
    assert (gain("strain", "choice", "fixed") > 0).all()


def test_private_providers_take_urban_places_and_hardly_any_rural_ones():
    # Sweden: 67% of Stockholm's primary care centres private at the end of 2015, 13% of
    # Norrbotten's; one new centre in a sparsely populated area by 2012 (Konkurrensverket).
    # Here a place is taken where its list is long enough for the payment to cover its cost;
    # a rural place needs a list above an even share by (rural_cost_premium - price_margin)
    # / (money following citizens x (1 + price_margin)), 0.1 at the defaults, and rural
    # lists hardly move, so it turns on the spread of lists the networks give (ODD 7.20).
    # Entry is rare (entry_rate) and a rural place is taken where its list happens to be long
    # (4 of 40 seeds at three years), so the shares are compared on average over twenty
    # seeds, at five and at ten years, not seed by seed
    cheap = load_scenario("choice").with_inputs({"rural_cost_premium": 0.05, "price_margin": 0.2}, source="test")
    seeds = range(1, 21)
    n = len(seeds)
    engine = batch_runs([(scenario, seed) for scenario in (load_scenario("choice"), cheap) for seed in seeds])
    shares = {}
    for weeks in (WEEKS, 520):
        engine.run(weeks - engine.steps)
        shares[weeks] = np.array([engine.history_of(r)[-52:].mean(axis=0) for r in range(2 * n)])
    urban, rural = shares[WEEKS][:, INDEX["private_share_urban"]], shares[WEEKS][:, INDEX["private_share_rural"]]
    assert urban[:n].mean() > 0.1 and rural[:n].mean() <= urban[:n].mean() / 4, (rural[:n], urban[:n])
    assert (rural[:n] > 0).mean() <= 0.25  # rarely: on a few seeds, where a rural list is long
    late_urban, late_rural = shares[520][:n, INDEX["private_share_urban"]], shares[520][:n, INDEX["private_share_rural"]]
    assert late_rural.mean() <= late_urban.mean() / 4 and (late_rural <= late_urban / 4).mean() >= 0.75
    # where a rural provider costs little more than a town's and the price leaves a good
    # margin (both inside their plausible ranges), they come to the rural part too: the
    # claim hangs on those two inputs
    assert rural[n:].mean() > urban[n:].mean() / 4, (rural[n:], urban[n:])
    assert (level("private_share", "npm") == 0).all() and (level("private_share", "choice_no_split") == 0).all()


def test_complex_need_quality_falls_under_fragmented_provision_unless_coordination_is_paid_for():
    # collaboration across two providers counts less (another employer, records and manager):
    # against provision where it counts in full (a reference arm, outside the plausible range),
    # complex needs' quality is lower, and lower still where it counts less (0.001-0.002 at
    # five years)
    assert (effect("complex_need_quality", "unfragmented", "choice") > 0).all()
    assert (effect("complex_need_quality", "choice", "fragmented") > 0).all()
    # paying for coordination buys it back, and costs the documentation to claim it
    assert (effect("complex_need_quality", "coordinated", "choice") > 0).all()
    # most of what fragmentation took: the claims' documentation keeps back the rest
    restored = effect("complex_need_quality", "coordinated", "choice").mean()
    assert restored >= 0.5 * effect("complex_need_quality", "unfragmented", "choice").mean()
    assert (effect("admin_share", "coordinated", "choice") > 0).all()


def test_the_purchaser_provider_split_buys_urban_take_up_and_costs_admin_time_and_money():
    # with the split, private providers come, and they act on all of the payment model (a
    # public one on public_response of it): more access where citizens can leave
    assert (effect("take_up_urban", "choice", "choice_no_split") > 0).all()
    assert (effect("admin_share", "choice", "choice_no_split") > 0.005).all()  # contract follow-up
    # the purchaser's office is paid for: under the fixed budget, out of casework hours
    engines = [batch_runs([(VARIANTS[name], 1)]) for name in ("choice", "choice_no_split")]
    for engine in engines:
        engine.run(4)
    split, line = (engine.state for engine in engines)
    office = split.c.purchaser_staff * split.n_staff
    assert split.other_posts[0, 0] - line.other_posts[0, 0] == pytest.approx(office, rel=0.05)
    assert split.funded[0, 0] < line.funded[0, 0]


def test_the_network_view_shows_each_citizens_caseworker_now_not_the_first_one():
    from sim import SteeringModel
    model = SteeringModel(rng=1, citizens=300, choice=1.0, collect=False)
    assert model.network is not None
    model.run(40)
    now = model.engine.state.caseworker[0]
    moved = np.flatnonzero(now != model.layers.caseworker_of_citizen)
    assert moved.size
    citizens = {agent.row: agent for agent in model.agents if agent.node_kind == "citizen"}
    for row in moved[:5]:
        staff = [cell.coordinate for cell in citizens[row].cell.neighborhood if cell.coordinate[0] == "staff"]
        assert staff == [("staff", int(now[row]))]


def test_a_move_takes_the_citizen_to_the_friends_unit_and_caseworker_and_keeps_the_indices_linked():
    engine = batch_runs([(load_scenario("choice"), seed) for seed in (1, 2)])
    s = engine.state
    before_unit, before_worker = s.home_unit.copy(), s.caseworker.copy()
    engine.run(26)
    moved = (s.home_unit != before_unit)
    assert moved.any()
    assert (s.caseworker[moved] != before_worker[moved]).all()
    # a caseworker is in the citizen's unit, and the flattened indices follow the moves
    assert np.array_equal(s.staff_unit[s.caseworker], s.home_unit)
    run = np.arange(s.runs)[:, None]
    assert np.array_equal(s.caseworker_flat, s.caseworker + run * s.n_staff)
    assert np.array_equal(s.home_flat, s.home_unit + run * s.p.units)
    # where they live does not move with them
    assert np.array_equal(s.lives_rural, s.rural[run, before_unit])


def test_a_run_with_a_market_in_a_batch_equals_the_run_alone_bit_for_bit():
    # choice draws only in the runs that have it: a batch mixing runs with and without a
    # market (and a market switched on by a pilot) must not change any of them
    from dataclasses import replace

    from sim.inputs.events import SetLevers
    piloted = replace(NPM, events=(SetLevers(week=10, levers={"choice": 1.0, "payment_capitation": 0.8},
                                             units=(0, 1)),))
    jobs = [(load_scenario("choice"), 3), (NPM, 3), (load_scenario("choice_ffs"), 5), (piloted, 3)]
    together = batch_runs(jobs)
    together.run(30)
    for r, job in enumerate(jobs):
        alone = batch_runs([job])
        alone.run(30)
        assert np.array_equal(together.history_of(r), alone.history_of(0), equal_nan=True), job[0].name
        assert np.array_equal(together.state.caseworker[r], alone.state.caseworker[0])


def test_a_market_switched_on_by_a_reform_in_some_units_moves_only_their_citizens():
    from dataclasses import replace

    from sim.inputs.events import SetLevers
    scenario = replace(NPM, events=(SetLevers(week=1, levers={"choice": 1.0}, units=(0, 1, 2, 3)),))
    engine = batch_runs([(scenario, 1)])
    s = engine.state
    before = s.home_unit.copy()
    engine.run(52)
    moved = s.home_unit != before
    assert moved.any() and (before[moved] <= 3).all()
    # and only among the units with choice: a pilot does not open the other units' lists
    assert (s.home_unit[moved] <= 3).all()


@pytest.mark.parametrize("rural_share", [0.0, 0.2, 1.0])
def test_the_rural_part_is_the_last_units_and_its_citizens_take_up_is_reported(rural_share):
    scenario = load_scenario("choice").with_inputs({"rural_share": rural_share}, source="test")
    engine = batch_runs([(scenario, 1)])
    engine.run(4)
    s = engine.state
    assert s.rural[0].sum() == round(rural_share * s.p.units)
    assert not s.rural[0][:-1].any() or s.rural[0][-1]  # the rural units are the last ones
    rural, urban = engine.history_of(0)[-1, INDEX["take_up_rural"]], engine.history_of(0)[-1, INDEX["take_up_urban"]]
    # a part with no citizens has no take-up: not defined, not "every need met"
    assert (0 < rural <= 1) if rural_share else np.isnan(rural)
    assert (0 < urban <= 1) if rural_share < 1 else np.isnan(urban)


def test_a_friend_is_picked_among_each_citizens_own_friends_in_their_own_run():
    import scipy.sparse as sp

    from sim.model.state import RunBlocks
    # run 0: citizen 0 has friends 1 and 2, citizen 1 has friend 0, citizen 2 none
    first = sp.csr_matrix(np.array([[0, 0.5, 0.5], [1, 0, 0], [0, 0, 0]]))
    second = sp.csr_matrix(np.array([[0, 1.0, 0], [0.5, 0, 0.5], [0, 1.0, 0]]))
    blocks = RunBlocks([first, second])
    draw = np.array([[0.1, 0.7, 0.3], [0.9, 0.6, 0.2]])
    picked = blocks.pick(draw)
    # flattened (runs x citizens) indices: run 1's citizens are 3, 4 and 5
    assert picked.tolist() == [[1, 0, -1], [4, 5, 4]]
    alone = RunBlocks([second]).pick(draw[1:])
    assert alone.tolist() == [[1, 2, 1]]  # the same friends, counted inside the run
    assert RunBlocks([sp.csr_matrix((3, 3))]).pick(draw[:1]).tolist() == [[-1, -1, -1]]


def test_a_region_that_has_lived_under_vardval_starts_from_it():
    # past_regime = "choice": lists have already moved in the burn-in, before week 1
    scenario = load_scenario("choice").with_inputs({"past_regime": "choice", "burn_in": 104}, source="test")
    engine = batch_runs([(scenario, 1)])
    s = engine.state
    first = s.layers[0].caseworker_of_citizen
    assert (s.caseworker[0] != first).mean() > 0.05  # about 8% a year for two years
    assert np.array_equal(s.staff_unit[s.caseworker[0]], s.home_unit[0])
    from_npm = batch_runs([(load_scenario("choice").with_inputs({"burn_in": 104}, source="test"), 1)])
    assert np.array_equal(from_npm.state.caseworker[0], first)  # an npm past has no market


def test_with_one_provider_capitation_eases_nothing_because_nobody_can_leave():
    # an outside referee found choice raising take-up by 0.034 in a one-unit organisation
    one = {"units": 1, "burn_in": 52}
    npm = batch_runs([(NPM.with_inputs(one, source="test"), 1)])
    choice = batch_runs([(load_scenario("choice").with_inputs(one, source="test"), 1)])
    for engine in (npm, choice):
        engine.run(30)
    assert (choice.state.access_relief == 0).all()
    assert (choice.history_of(0)[-26:, INDEX["switching"]] == 0).all()
    taken = [engine.history_of(0)[-26:, INDEX["take_up"]].mean() for engine in (npm, choice)]
    assert taken[1] <= taken[0] + 0.005, taken  # no gain from access; selection may cost a little
    # and no private provider takes the only place: a choice system needs an alternative
    eager = batch_runs([(load_scenario("choice").with_inputs({**one, "entry_rate": 0.006}, source="test"), 1)])
    eager.run(520)
    assert not eager.state.private.any()


def test_a_set_that_takes_the_payment_shares_over_one_names_the_share_it_set():
    from sim.errors import SteersimInputError
    with pytest.raises(SteersimInputError) as error:
        load_scenario("choice").with_inputs({"payment_per_visit": 0.5}, source="--set")
    assert str(error.value).startswith("--set 'payment_per_visit': the payment shares add up to 1.3")
