"""The stylized facts as experiments (docs/science.md). Each function takes a ``Lab``
and returns its checks; each check states its minimum effect size. Runs start from the
steady state of the organisation's past regime (``past_regime``), so facts about change
introduce the change.
"""

from __future__ import annotations

import numpy as np

from sim.inputs.events import Incident, RuleCut, SetLevers
from sim.inputs.scenario import load_scenario
from sim.science.facts_staff import per_worker_motivation
from sim.science.validation import HORIZON, Check, Fact

# The evidence's world for targets: a narrow, measurable goal everyone wants (shorter waits:
# goal_contest at the low end of its plausible range), many low-motivation staff
NARROW = dict(measurability=0.9, complex_share=0.05, professional_bias=0.5, low_motivation_share=0.5,
              goal_contest=0.2)
SWITCH = 104


def _gain(lab, s, a, b, metric):
    return lab.last_year(s, a, metric) - lab.last_year(s, b, metric)


def sf1(lab):
    heavy = lab.variant("npm", "heavy control", indicators=40, target_pressure=1.0, incentive_strength=1.0)
    light = lab.variant("npm", "light control", indicators=8, target_pressure=0.2, incentive_strength=0.1)
    s = lab.run(light, heavy)
    return [Check("reported outcomes: heavy - light control", +1,
                  _gain(lab, s, "heavy control", "light control", "reported_outcomes"), 0.02),
            Check("unmeasured quality: heavy - light control", -1,
                  _gain(lab, s, "heavy control", "light control", "unmeasured_quality"), 0.02)]


def sf2(lab):
    low = lab.variant("npm", "low pressure, weak audit", target_pressure=0.2, audit_rate=0.05)
    high = lab.variant("npm", "high pressure, weak audit", target_pressure=1.0, audit_rate=0.05)
    audited = lab.variant("npm", "high pressure, strong audit", target_pressure=1.0, audit_rate=0.9)
    s = lab.run(low, high, audited)
    return [Check("reported - true gap: high - low target pressure (weak audit)", +1,
                  _gain(lab, s, "high pressure, weak audit", "low pressure, weak audit", "gaming_gap"), 0.02),
            Check("manipulated share of reports: strong - weak audit (high pressure)", -1,
                  _gain(lab, s, "high pressure, strong audit", "high pressure, weak audit", "manipulation"), 0.005)]


def sf3(lab):
    s = lab.run(lab.variant("npm", "npm"))
    return [Check("share just above the target - share just below it", +1,
                  lab.last_year(s, "npm", "bunching") - lab.last_year(s, "npm", "below_target"), 0.01)]


def sf4(lab):
    npm = lab.variant("npm", "npm, narrow goal", **NARROW)
    trust = lab.variant("trust", "trust, narrow goal", **NARROW)
    s = lab.run(npm, trust)
    return [Check("service quality: npm - trust on a narrow, measurable goal with many "
                  "low-motivation staff", +1,
                  _gain(lab, s, "npm, narrow goal", "trust, narrow goal", "service_quality"), 0.01)]


def sf4b(lab):
    s = lab.run(lab.variant("npm", "npm"), lab.variant("trust", "trust"))
    return [Check("service quality: trust - npm in welfare work that is hard to measure", +1,
                  _gain(lab, s, "trust", "npm", "service_quality"), 0.01)]


def sf5(lab):
    week = 52
    introduce = SetLevers(week, dict(incentive_strength=0.9, target_pressure=0.9, indicators=30),
                          label="incentives")
    sc = lab.variant("trust", "incentives introduced", events=[introduce], past_regime="trust")
    s = lab.run(sc)
    w = lambda a, b: lab.window(s, sc.name, "reported_outcomes", a, b)
    before = w(week - 12, week)
    early, late = w(week + 13, week + 26) - before, w(week + 143, week + 156) - before
    return [Check("reported outcomes: gain in the first 26 weeks", +1, early, 0.02),
            Check("gain in the first 26 weeks - further gain over the next 2.5 years", +1,
                  early - (late - early), 0.01)]


def sf6(lab):
    week = 104
    sc = lab.variant("npm", "pay removed", events=[SetLevers(week, dict(incentive_strength=0.0),
                                                             label="pay removed")])
    s = lab.run(sc)

    def change(metric):
        before = lab.window(s, sc.name, metric, week - 12, week)
        return (lab.window(s, sc.name, metric, week + 40, week + 52) - before) / before
    return [Check("recorded performance, relative change within a year", -1,
                  change("reported_performance"), 0.03),
            Check("tick-box items fall more than outcome indicators (relative)", -1,
                  change("tickbox_compliance") - change("reported_outcomes"), 0.02)]


def sf7(lab):
    low = lab.variant("npm", "low control", monitoring=0.1)
    high = lab.variant("npm", "high control", monitoring=0.9)
    s = lab.run(low, high)
    lower, same = per_worker_motivation(lab, low, high)
    return [Check("felt trust: high - low monitoring", -1,
                  _gain(lab, s, "high control", "low control", "felt_trust"), 0.05),
            Check("share of staff less motivated under control - 1/2 (most)", +1, lower - 0.5, 0.05),
            Check("share of staff not affected (individual variation)", +1, same, 0.02)]


def sf8(lab):
    few = lab.variant("npm", "8 indicators", indicators=8)
    many = lab.variant("npm", "40 indicators", indicators=40)
    lean = lab.variant("npm", "few rules written", rule_creation=0.3)
    npm = lab.variant("npm", "npm")
    s = lab.run(few, many, lean, npm)
    direct = lab.last_year(s, "npm", "direct_time_share")
    return [Check("admin share: 40 - 8 indicators", +1, _gain(lab, s, "40 indicators", "8 indicators", "admin_share"), 0.03),
            Check("admin share: npm's rule-writing - half of it", +1, _gain(lab, s, "npm", "few rules written", "admin_share"), 0.01),
            Check("npm's direct client time inside the 30-45% band (distance to nearest edge)", +1,
                  np.minimum(direct - 0.30, 0.45 - direct), 0.01)]


def sf9(lab):
    cut = RuleCut(SWITCH, 0.5)
    once = lab.variant("npm", "one-off cut", events=[cut])
    keep = lab.variant("npm", "cut and keep pruning", events=[cut, SetLevers(SWITCH, dict(rule_pruning=0.8), label="pruning")])
    growing = lab.variant("npm", "npm after a lean history", past_regime="trust")
    s = lab.run(once, keep, growing)
    w = lambda sc, a, b: lab.window(s, sc, "rules", a, b)
    return [Check("rules accumulate: npm after a lean history, last year / first month - 1", +1,
                  lab.last_year(s, "npm after a lean history", "rules") / w("npm after a lean history", 1, 4) - 1, 0.1),
            Check("after a one-off cut, rules grow back (last year - just after, rules)", +1,
                  lab.last_year(s, "one-off cut", "rules") - w("one-off cut", SWITCH + 1, SWITCH + 4), 5),
            Check("rules: cut and keep pruning - one-off cut", -1,
                  _gain(lab, s, "cut and keep pruning", "one-off cut", "rules"), 5)]


def sf10(lab):
    trust_levers, npm_levers = load_scenario("trust").levers(), load_scenario("npm").levers()
    to_trust = lab.variant("npm", "npm -> trust", events=[SetLevers(SWITCH, trust_levers, co_created=True)])
    to_npm = lab.variant("trust", "trust -> npm", past_regime="trust",
                         events=[SetLevers(SWITCH, npm_levers, co_created=True)])
    scandal = lab.variant("npm", "scandal", events=[Incident(SWITCH, 1.0, 0)])
    calm = lab.variant("npm", "no scandal")
    s = lab.run(to_trust, to_npm, scandal, calm)

    def moved(name, weeks=13):
        before = lab.window(s, name, "felt_trust", SWITCH - 8, SWITCH)
        return np.abs(lab.window(s, name, "felt_trust", SWITCH + weeks - 3, SWITCH + weeks) - before)
    year = lambda name, m: lab.window(s, name, m, SWITCH + 40, SWITCH + 52)
    return [Check("felt trust moved in 13 weeks after the switch, lost - gained", +1,
                  moved("trust -> npm") - moved("npm -> trust"), 0.02),
            Check("scandal under npm: indicators a year later, scandal - none", +1,
                  year("scandal", "indicators") - year("no scandal", "indicators"), 0.3),
            Check("scandal under npm: citizen trust a year later, scandal - none", -1,
                  year("scandal", "citizen_trust") - year("no scandal", "citizen_trust"), 0.003)]


def sf11(lab):
    new = lab.variant("npm", "indicators introduced", past_regime="trust")
    s = lab.run(new)
    return [Check("indicator validity: last year - first quarter, after indicators are introduced", -1,
                  lab.last_year(s, new.name, "indicator_validity") - lab.window(s, new.name, "indicator_validity", 1, 13), 0.03)]


def sf12(lab):
    trust_levers, npm_levers = load_scenario("trust").levers(), load_scenario("npm").levers()
    imposed = lab.variant("npm", "imposed reform", events=[SetLevers(SWITCH, trust_levers, co_created=False)])
    co = lab.variant("npm", "co-created reform", events=[SetLevers(SWITCH, trust_levers, co_created=True)])
    # the other way: control imposed on, or worked out with, staff used to taking part
    back = lab.variant("trust", "npm imposed on trust", events=[SetLevers(SWITCH, npm_levers, co_created=False)])
    co_back = lab.variant("trust", "npm co-created in trust", events=[SetLevers(SWITCH, npm_levers, co_created=True)])
    s = lab.run(imposed, co, back, co_back)
    q = lambda name, a, b: lab.window(s, name, "service_quality", a, b)

    def dip(name, same_until_switch):
        before = q(same_until_switch, SWITCH - 12, SWITCH)
        return np.min([q(name, SWITCH + k, SWITCH + k + 12) for k in (1, 14, 27, 40)], axis=0) - before

    before = q("imposed reform", SWITCH - 12, SWITCH)  # the two runs are the same until the switch
    rests_on = ("rests on resistance to imposed change, change_resistance above about 0.07, and on how "
                "much co-creating involves staff, relieves the load and costs in meetings")
    imposed_dip = dip("imposed reform", "imposed reform")
    return [Check("imposed: a dip first (lowest quarter of the first year - before)", -1, imposed_dip, 0.005),
            Check("no large quick gain: 5% - relative gain after one year (imposed)", +1,
                  0.05 - (q("imposed reform", SWITCH + 40, SWITCH + 52) / before - 1), 0.01),
            Check(f"co-created dips less: its dip - the imposed one's ({rests_on})", +1,
                  dip("co-created reform", "imposed reform") - imposed_dip, 0.002),
            Check("npm's levers brought into trust: co-created dips less there too", +1,
                  dip("npm co-created in trust", "npm imposed on trust")
                  - dip("npm imposed on trust", "npm imposed on trust"), 0.002)]


def sf13(lab):
    # follow-up alone: the trust levers with none of it, or with some of it kept
    none = dict(monitoring=0.0, audit_rate=0.0, target_pressure=0.0)
    kept = dict(monitoring=0.45, audit_rate=0.4, target_pressure=0.45)
    knaves, knights = dict(low_motivation_share=0.6), dict(low_motivation_share=0.05)
    s = lab.run(lab.variant("trust", "pure trust", **none, **knaves), lab.variant("trust", "balanced", **kept, **knaves),
                lab.variant("trust", "pure trust, motivated staff", **none, **knights),
                lab.variant("trust", "balanced, motivated staff", **kept, **knights))
    g = lambda a, b: _gain(lab, s, a, b, "service_quality")
    return [Check("60% low-motivation staff: balanced - pure trust", +1, g("balanced", "pure trust"), 0.003),
            Check("the best regime depends on the population: balanced's advantage, many - few "
                  "low-motivation staff", +1,
                  g("balanced", "pure trust") - g("balanced, motivated staff", "pure trust, motivated staff"), 0.005)]


def sf14(lab):
    # Absolute losses, not ratios: a ratio can pass while complex needs lose next to
    # nothing. Silo incentives save the hours collaboration takes, so simple needs may
    # gain; the fact is that complex needs lose, and lose more than simple ones gain.
    silo = lab.variant("npm", "silo incentives", incentive_strength=0.9, collaboration_reward=0.0)
    joined = lab.variant("npm", "collaboration rewarded", incentive_strength=0.9, collaboration_reward=0.8)
    s = lab.run(silo, joined)
    loss = lambda m: _gain(lab, s, "silo incentives", "collaboration rewarded", m)
    return [Check("complex-need quality: silo incentives - collaboration rewarded", -1,
                  loss("complex_need_quality"), 0.01),
            Check("quality change under silo incentives, complex - simple needs", -1,
                  loss("complex_need_quality") - loss("simple_need_quality"), 0.01)]


def sf15(lab):
    # Yang & Grenier's asymmetry is about where the rulebook goes, not how fast it grew
    # from a lean start: in a world prone to bloat (rules beget rules at 0.8), compare
    # the growth of the last five of ten years over a 2 x 2 of rule-writing and pruning.
    # The asymmetry is that writing moves that growth more than pruning does; the
    # corners say the same in Yang & Grenier's words.
    steps = 520
    cells = {(c, p): lab.variant("npm", f"writing {c}, pruning {p}", rule_bloat=0.8, rule_creation=c, rule_pruning=p)
             for c in (0.3, 1.0) for p in (0.1, 0.9)}
    s = lab.run(*cells.values(), steps=steps)
    late = {k: np.log(lab.last_year(s, v.name, "rules", steps) / lab.last_year(s, v.name, "rules", steps // 2))
            for k, v in cells.items()}
    writing = (late[1.0, 0.1] + late[1.0, 0.9] - late[0.3, 0.1] - late[0.3, 0.9]) / 2
    pruning = (late[1.0, 0.1] + late[0.3, 0.1] - late[1.0, 0.9] - late[0.3, 0.9]) / 2
    return [Check("log growth over years 6-10: what more writing adds - what less pruning adds", +1,
                  writing - pruning, 0.2),
            Check("much writing runs away even with strong pruning: its log growth over years 6-10", +1,
                  late[1.0, 0.9], 0.2),
            Check("little writing settles even with weak pruning: 0.02 - its log growth over years 6-10", +1,
                  0.02 - late[0.3, 0.1], 0.0)]


def sf16(lab):
    steps = 520
    fast = lab.variant("npm", "fast-changing world", past_regime="trust", environment_change=0.4)
    slow = lab.variant("npm", "slow-changing world", past_regime="trust", environment_change=0.08)
    s = lab.run(fast, slow, steps=steps)
    growth = lambda n: np.log(lab.last_year(s, n, "rules", steps) / lab.window(s, n, "rules", 1, 4))
    return [Check("log growth of the rulebook over 10 years: fast - slow environmental change", +1,
                  growth("fast-changing world") - growth("slow-changing world"), 0.2)]


def sf17(lab):
    # Kelman & Friedman asked what *adding* a target did, other things equal: so the same
    # regime (trust), with and without a pressed target on the narrow goal.
    target = lab.variant("trust", "a target on the narrow goal", target_pressure=0.8, indicators=4, **NARROW)
    none = lab.variant("trust", "no target", **NARROW)
    s = lab.run(target, none)
    d = lambda m: _gain(lab, s, "a target on the narrow goal", "no target", m)
    return [Check("the goal itself (honestly measured): target - none", +1, d("measured_quality"), 0.02),
            Check("no measurable dysfunction: unmeasured quality falls by less than 0.03 "
                  "(0.03 + change)", +1, 0.03 + d("unmeasured_quality"), 0.0),
            Check("no measurable dysfunction: serious errors rise by less than 0.2 per 1,000 cases "
                  "(0.2 - change)", +1, 0.2 - d("serious_errors"), 0.0)]


def sf18(lab):
    week, years = 52, 8
    end = week + years * 52
    more = lab.variant("npm", "learning time raised", events=[SetLevers(week, dict(learning_time=1.0), co_created=True, label="learning time")])
    base = lab.variant("npm", "npm")
    s = lab.run(more, base, steps=end)
    q = lambda n, a, b: lab.window(s, n, "service_quality", a, b)
    early = q("learning time raised", week + 1, week + 26) - q("npm", week + 1, week + 26)
    late = q("learning time raised", end - 51, end) - q("npm", end - 51, end)
    return [Check("first half year: raised learning time - none (worse ...)", -1, early, 0.002),
            Check(f"after {years} years: raised learning time - none (... before better)", +1, late, 0.001),
            Check("recovery: last year's difference - the first half year's", +1, late - early, 0.003)]


def sf19(lab):
    # Braganza's proxy economics: copying what reports best moves practice towards the
    # proxy, so the proxy rises while the goal falls, though no one games on purpose
    # (gaming_gap, the report against the true value of the same measure, need not move).
    imitating = lab.variant("npm", "units imitate", imitation_rate=0.05)
    isolated = lab.variant("npm", "no imitation", imitation_rate=0.0)
    s = lab.run(imitating, isolated, steps=HORIZON + 260)
    d = lambda m: (lab.last_year(s, "units imitate", m, HORIZON + 260)
                   - lab.last_year(s, "no imitation", m, HORIZON + 260))
    return [Check("practice drift towards the measured: imitation - none", +1, d("practice_drift"), 0.02),
            Check("the proxy rises (reported outcomes): imitation - none", +1, d("reported_outcomes"), 0.005),
            Check("service quality: imitation - none", -1, d("service_quality"), 0.001)]


def _fact(id_, statement, design, fn, metrics, source=""):
    return Fact(id_, statement, design, fn, tuple(metrics), source)


FACTS: tuple[Fact, ...] = (
    _fact("SF1", "Heavy metric control raises measured output while unmeasured quality falls",
          "npm with 40 indicators, target pressure 1, pay 1 vs 8, 0.2, 0.1", sf1,
          ("reported_outcomes", "unmeasured_quality", "service_quality", "admin_share"), "Holmström & Milgrom 1991"),
    _fact("SF2", "The reported-true gap grows with target pressure and weak audit",
          "target pressure 0.2 vs 1 at audit 0.05; audit 0.05 vs 0.9 at pressure 1", sf2,
          ("gaming_gap", "manipulation", "reported_outcomes", "indicator_validity"), "Bevan & Hood 2006"),
    _fact("SF3", "Reported values bunch just above thresholds", "npm: share just above vs just below the target",
          sf3, ("bunching", "below_target", "manipulation", "reported_outcomes"), "Bevan & Hood 2006"),
    _fact("SF4", "Targets improve a narrow, well-measured goal: NPM can win",
          "the full npm preset vs trust where measurability is 0.9, 5% of needs are complex, "
          "professional bias 0.5, half the staff have low motivation and the goal is one everyone wants "
          "(goal_contest 0.2)", sf4,
          ("service_quality", "reported_outcomes", "admin_share", "staff_motivation"),
          "Propper et al. 2010; Kelman & Friedman 2009 (with SF17 it sized goal_hold: docs/replication.md)"),
    _fact("SF4b", "...and trust can win: welfare work that is hard to measure",
          "npm vs trust on the defaults (measurability 0.4, 25% complex needs)", sf4b,
          ("service_quality", "complex_need_quality", "admin_share", "unequal_treatment")),
    _fact("SF5", "Gains from new incentives come early, then plateau",
          "trust, then pay, targets and 30 indicators from week 52", sf5,
          ("reported_outcomes", "reported_performance", "service_quality", "manipulation")),
    _fact("SF6", "Removing incentives quickly lowers recorded performance, tick-box items most",
          "npm, incentive pay set to 0 in week 104", sf6,
          ("reported_performance", "tickbox_compliance", "reported_outcomes", "service_quality"), "Morales et al. 2023"),
    _fact("SF7", "Control lowers felt trust and motivation for most staff, with variation",
          "npm with monitoring 0.1 vs 0.9; per-worker comparison on the same seeds", sf7,
          ("felt_trust", "staff_motivation", "strain", "turnover"), "Deci, Koestner & Ryan 1999; Falk & Kosfeld 2006"),
    _fact("SF8", "Admin grows with indicators and rules; direct time 30-45% under heavy control",
          "npm with 8 vs 40 indicators; npm's rule-writing vs half of it; npm's direct time", sf8,
          ("admin_share", "direct_time_share", "rules", "indicators"), "Anskär et al. 2018; Forssell & Ivarsson Westerberg 2014"),
    _fact("SF9", "Rules accumulate; one-off cuts relapse unless pruning continues",
          "npm after a lean (trust) history; npm with half the rules cut in week 104, with and without continued pruning",
          sf9, ("rules", "admin_share", "take_up", "service_quality"), "Yang & Grenier 2024"),
    _fact("SF10", "Trust falls fast and rebuilds slowly; a scandal under control brings controls, not trust",
          "switches npm <-> trust in week 104; a severe incident in week 104 under npm", sf10,
          ("felt_trust", "citizen_trust", "indicators", "control_drift"), "Slovic 1993; Sitkin & Roth 1993"),
    _fact("SF11", "Indicators lose their power to tell good from bad performers",
          "npm's indicators introduced after a history without them: validity in the first half year vs the last year",
          sf11, ("indicator_validity", "gaming_gap", "reported_outcomes", "service_quality"), "van Thiel & Leeuw 2002"),
    _fact("SF12", "Trust reforms give modest, slow change; imposed ones dip more than co-created ones",
          "npm, then the trust levers in week 104, imposed or co-created; and trust, then npm's levers", sf12,
          ("service_quality", "admin_share", "felt_trust", "change_load")),
    _fact("SF13", "Pure trust with many low-motivation staff loses to a balanced regime",
          "trust levers with no follow-up (monitoring, audits, targets 0) vs with some kept (0.45, 0.4, "
          "0.45), at 60% and 5% low-motivation staff",
          sf13, ("service_quality", "staff_motivation", "felt_trust", "manipulation"), "Le Grand 2003"),
    _fact("SF14", "Complex needs that span units suffer most under silo incentives",
          "npm, pay 0.9, collaboration reward 0 vs 0.8", sf14,
          ("complex_need_quality", "simple_need_quality", "service_quality", "collaboration_share")),
    _fact("SF15", "Rule bloat is asymmetric: much rule-writing bloats the rulebook even with strong pruning",
          "npm in a bloat-prone world (rule bloat 0.8): rule creation 0.3 or 1 x pruning 0.1 or 0.9, 10 years",
          sf15, ("rules", "dead_rule_share", "admin_share", "take_up"), "Yang & Grenier 2024"),
    _fact("SF16", "Faster change in the environment makes rule bloat more likely",
          "npm after a lean history, 40% vs 8% of useful rules going obsolete a year, 10 years",
          sf16, ("rules", "dead_rule_share", "admin_share", "take_up"), "Yang & Grenier 2024"),
    _fact("SF17", "A target on a narrow goal improves it with no measurable dysfunction",
          "the narrow world of SF4: trust with and without a pressed target (4 indicators, pressure 0.8)",
          sf17, ("measured_quality", "unmeasured_quality", "service_quality", "manipulation"),
          "Kelman & Friedman 2009 (with SF4 it sized goal_hold: docs/replication.md)"),
    _fact("SF18", "Protected learning time makes things worse before better",
          "npm, learning time raised to 1 in week 52, against npm; 8 years after", sf18,
          ("service_quality", "skill", "learning_share", "direct_time_share"), "Repenning & Sterman 2001"),
    _fact("SF19", "Units that copy the best-reporting units drift towards the proxy, with no one cheating on purpose",
          "npm with units imitating each other (5% a week) vs none; 10 years", sf19,
          ("practice_drift", "measured_focus", "reported_outcomes", "service_quality"), "Braganza 2022; Smaldino & McElreath 2016"),
)
