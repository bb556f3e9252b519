"""The stylized facts of SCIENCE.md (SF1-SF14), each run as an experiment.

Every fact is one or more *checks*. A check is a statistic computed per seed on
paired runs (the variants of one experiment share each seed: common random numbers),
with an expected sign; it holds when the 95% CI of its mean over seeds lies entirely
on that side of zero. A fact holds when all its checks hold. ``steersim validate``
prints the table and writes one figure per fact to results/validation/; the test
suite runs the same checks at a smaller size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.science.stats import mean_ci
from sim.run.ensemble import run_many
from sim.inputs.events import Incident, RuleCut, SetLevers
from sim.inputs.scenario import Scenario, load_scenario

DEFAULT_SIZE: dict = {}  # the organisation of the presets (20 units, 200 staff, 2,000 citizens)
HORIZON = 260


@dataclass
class Check:
    label: str
    expected: int            # +1: the statistic should be > 0; -1: < 0
    values: np.ndarray       # one per seed
    unit: str = ""

    @property
    def ci(self) -> tuple[float, float, float]:
        return mean_ci(self.values)

    @property
    def holds(self) -> bool:
        _, lo, hi = self.ci
        return bool(lo > 0) if self.expected > 0 else bool(hi < 0)


@dataclass
class FactResult:
    fact: "Fact"
    checks: list[Check]
    series: pd.DataFrame = field(repr=False, default=None)

    @property
    def holds(self) -> bool:
        return all(c.holds for c in self.checks)


@dataclass(frozen=True)
class Fact:
    id: str
    statement: str
    design: str
    experiment: Callable  # (seeds, size) -> (checks, series)
    figure_metrics: tuple[str, ...]

    def run(self, seeds: Sequence[int], size: dict | None = None, workers: int = 1) -> FactResult:
        checks, series = self.experiment(list(seeds), dict(size or DEFAULT_SIZE), workers)
        return FactResult(self, checks, series)


# ------------------------------------------------------------------ helpers
def variant(base: str, name: str, size: dict, events=(), **levers) -> Scenario:
    sc = load_scenario(base)
    inputs = dict(sc.inputs, **size, **levers)
    return dataclasses.replace(sc, name=name, inputs=dict(inputs),
                               events=tuple(sc.events) + tuple(events))


def levers_of(preset: str, **overrides) -> dict:
    sc = load_scenario(preset)
    from sim.inputs.schema import SPECS
    out = {k: v for k, v in sc.inputs.items() if SPECS[k].group == "regime"}
    out.update(overrides)
    return dict(out)


def run(scenarios: Sequence[Scenario], seeds, workers, steps=HORIZON) -> pd.DataFrame:
    return run_many(scenarios, seeds, steps, workers=workers)


def window(series: pd.DataFrame, scenario: str, metric: str, start: int, end: int) -> np.ndarray:
    """Per seed (in seed order): mean of ``metric`` over weeks start..end inclusive."""
    block = series[(series["scenario"] == scenario) & series["week"].between(start, end)]
    return block.groupby("seed")[metric].mean().sort_index().to_numpy()


def last_year(series, scenario, metric):
    return window(series, scenario, metric, HORIZON - 51, HORIZON)


# ------------------------------------------------------------------ the facts
def sf1(seeds, size, workers):
    heavy = variant("npm", "heavy control", size, indicators=40, target_pressure=1.0,
                    incentive_strength=1.0)
    light = variant("npm", "light control", size, indicators=8, target_pressure=0.2,
                    incentive_strength=0.1)
    s = run([light, heavy], seeds, workers)
    return [
        Check("reported outcomes: heavy - light control", +1,
              last_year(s, "heavy control", "reported_outcomes") - last_year(s, "light control", "reported_outcomes")),
        Check("unmeasured quality: heavy - light control", -1,
              last_year(s, "heavy control", "unmeasured_quality") - last_year(s, "light control", "unmeasured_quality")),
    ], s


def sf2(seeds, size, workers):
    base = dict(audit_style="control")
    low = variant("npm", "low pressure, weak audit", size, target_pressure=0.2, audit_rate=0.05, **base)
    high = variant("npm", "high pressure, weak audit", size, target_pressure=1.0, audit_rate=0.05, **base)
    audited = variant("npm", "high pressure, strong audit", size, target_pressure=1.0, audit_rate=0.9, **base)
    s = run([low, high, audited], seeds, workers)
    gap = lambda name: last_year(s, name, "gaming_gap")  # noqa: E731
    return [
        Check("gaming gap: high - low target pressure (weak audit)", +1,
              gap("high pressure, weak audit") - gap("low pressure, weak audit")),
        Check("gaming gap: strong - weak audit (high pressure)", -1,
              gap("high pressure, strong audit") - gap("high pressure, weak audit")),
    ], s


def sf3(seeds, size, workers):
    npm = variant("npm", "npm", size)
    s = run([npm], seeds, workers)
    return [Check("share just above the target - share just below it", +1,
                  last_year(s, "npm", "bunching") - last_year(s, "npm", "below_target"))], s


def sf4(seeds, size, workers):
    # A narrow goal (waiting times, a response-time target) that indicators capture
    # well, that the professions under-weight when left alone, measured by a handful
    # of indicators with the documentation a trust regime keeps anyway.
    narrow = dict(measurability=0.9, complex_share=0.05, professional_bias=0.5)
    npm = variant("npm", "npm, narrow goal", size, indicators=4, documentation_hours=1.0, **narrow)
    trust = variant("trust", "trust, narrow goal", size, **narrow)
    s = run([npm, trust], seeds, workers)
    return [Check("service quality: npm - trust on a narrow, well-measured goal", +1,
                  last_year(s, "npm, narrow goal", "service_quality")
                  - last_year(s, "trust, narrow goal", "service_quality"))], s


def sf4b(seeds, size, workers):
    npm = variant("npm", "npm", size)
    trust = variant("trust", "trust", size)
    s = run([npm, trust], seeds, workers)
    return [Check("service quality: trust - npm in welfare services (default)", +1,
                  last_year(s, "trust", "service_quality") - last_year(s, "npm", "service_quality"))], s


INTRODUCED = 52


def sf5(seeds, size, workers):
    introduce = SetLevers(INTRODUCED, dict(dict(incentive_strength=0.9, target_pressure=0.9,
                                                            indicators=30)), label="incentives")
    sc = variant("trust", "incentives introduced", size, events=[introduce])
    s = run([sc], seeds, workers)
    before = window(s, sc.name, "reported_outcomes", INTRODUCED - 12, INTRODUCED)
    early = window(s, sc.name, "reported_outcomes", INTRODUCED + 13, INTRODUCED + 26) - before
    late = window(s, sc.name, "reported_outcomes", INTRODUCED + 143, INTRODUCED + 156) - before
    return [Check("reported outcomes: gain in first 26 weeks", +1, early),
            Check("gain in first 26 weeks - further gain over the next 2.5 years", +1,
                  early - (late - early))], s


REMOVED = 104


def sf6(seeds, size, workers):
    remove = SetLevers(REMOVED, dict(incentive_strength=0.0), label="pay removed")
    sc = variant("npm", "incentives removed", size, events=[remove])
    s = run([sc], seeds, workers)
    def change(metric):
        before = window(s, sc.name, metric, REMOVED - 12, REMOVED)
        after = window(s, sc.name, metric, REMOVED + 40, REMOVED + 52)
        return (after - before) / before
    return [Check("recorded performance, relative change within a year", -1,
                  change("reported_performance")),
            Check("tick-box items fall more than outcome indicators (relative)", -1,
                  change("tickbox_compliance") - change("reported_outcomes"))], s


def sf7(seeds, size, workers):
    low = variant("npm", "low control", size, monitoring=0.1)
    high = variant("npm", "high control", size, monitoring=0.9)
    share_lower, share_same, frames = [], [], []
    for seed in seeds:  # per-worker comparison: same seed, so the same people in each slot
        a, b = low.model(seed).run(HORIZON), high.model(seed).run(HORIZON)
        stayed = (a.staff["tenure"] >= HORIZON) & (b.staff["tenure"] >= HORIZON)
        diff = b.staff["motivation"][stayed] - a.staff["motivation"][stayed]
        share_lower.append(float((diff < -1e-3).mean()))
        share_same.append(float((np.abs(diff) <= 1e-3).mean()))
        for sc, m in ((low, a), (high, b)):
            frame = m.history_frame().iloc[1:].reset_index()
            frame.insert(0, "seed", seed)
            frame.insert(0, "scenario", sc.name)
            frames.append(frame)
    s = pd.concat(frames, ignore_index=True)
    return [
        Check("felt trust: high - low monitoring", -1,
              last_year(s, "high control", "felt_trust") - last_year(s, "low control", "felt_trust")),
        Check("share of staff less motivated under control - 1/2 (most)", +1,
              np.array(share_lower) - 0.5),
        Check("share of staff not affected (individual variation)", +1, np.array(share_same)),
    ], s


def sf8(seeds, size, workers):
    few = variant("npm", "8 indicators", size, indicators=8)
    many = variant("npm", "40 indicators", size, indicators=40)
    npm = variant("npm", "npm", size)
    s = run([few, many, npm], seeds, workers)
    direct = last_year(s, "npm", "direct_time_share")
    return [
        Check("admin share: 40 - 8 indicators", +1,
              last_year(s, "40 indicators", "admin_share") - last_year(s, "8 indicators", "admin_share")),
        Check("admin share grows as rules accumulate (npm, last year - first year)", +1,
              last_year(s, "npm", "admin_share") - window(s, "npm", "admin_share", 1, 52)),
        Check("npm direct client time inside the 30-45% band (distance to nearest edge)", +1,
              np.minimum(direct - 0.30, 0.45 - direct)),
    ], s


CUT = 104


def sf9(seeds, size, workers):
    cut = RuleCut(CUT, 0.5)
    once = variant("npm", "one-off cut", size, events=[cut])
    keep = variant("npm", "cut and keep pruning", size,
                   events=[cut, SetLevers(CUT, dict(rule_pruning=0.8), label="pruning")])
    s = run([once, keep], seeds, workers)
    return [
        Check("rules in force: week 104 - week 1 (accumulate)", +1,
              window(s, "one-off cut", "rules", CUT - 4, CUT - 1) - window(s, "one-off cut", "rules", 1, 4)),
        Check("after a one-off cut, rules grow back (last year - just after the cut)", +1,
              last_year(s, "one-off cut", "rules") - window(s, "one-off cut", "rules", CUT + 1, CUT + 4)),
        Check("rules: cut with continued pruning - one-off cut", -1,
              last_year(s, "cut and keep pruning", "rules") - last_year(s, "one-off cut", "rules")),
    ], s


SWITCH = 104


def sf10(seeds, size, workers):
    to_trust = variant("npm", "npm -> trust", size,
                       events=[SetLevers(SWITCH, levers_of("trust"), co_created=True)])
    to_npm = variant("trust", "trust -> npm", size,
                     events=[SetLevers(SWITCH, levers_of("npm"), co_created=True)])
    scandal = variant("npm", "scandal", size, events=[Incident(SWITCH, 1.0, 0)])
    calm = variant("npm", "no scandal", size)
    s = run([to_trust, to_npm, scandal, calm], seeds, workers)

    def change(name, metric="felt_trust", weeks=13):
        before = window(s, name, metric, SWITCH - 8, SWITCH)
        return np.abs(window(s, name, metric, SWITCH + weeks - 3, SWITCH + weeks) - before)
    return [
        Check("felt trust moved in 13 weeks after the switch, lost - gained", +1,
              change("trust -> npm") - change("npm -> trust")),
        Check("scandal under npm: indicators a year later, scandal - none", +1,
              window(s, "scandal", "indicators", SWITCH + 40, SWITCH + 52)
              - window(s, "no scandal", "indicators", SWITCH + 40, SWITCH + 52)),
        Check("scandal under npm: citizen trust a year later, scandal - none", -1,
              window(s, "scandal", "citizen_trust", SWITCH + 40, SWITCH + 52)
              - window(s, "no scandal", "citizen_trust", SWITCH + 40, SWITCH + 52)),
    ], s


def sf11(seeds, size, workers):
    npm = variant("npm", "npm", size)
    s = run([npm], seeds, workers)
    return [Check("indicator validity: last year - first half year", -1,
                  last_year(s, "npm", "indicator_validity") - window(s, "npm", "indicator_validity", 1, 26))], s


def sf12(seeds, size, workers):
    imposed = variant("npm", "imposed reform", size,
                      events=[SetLevers(SWITCH, levers_of("trust"), co_created=False)])
    co = variant("npm", "co-created reform", size,
                 events=[SetLevers(SWITCH, levers_of("trust"), co_created=True)])
    s = run([imposed, co], seeds, workers)
    before = window(s, "co-created reform", "service_quality", SWITCH - 12, SWITCH)
    quarter = window(s, "co-created reform", "service_quality", SWITCH + 10, SWITCH + 13) - before
    year = window(s, "co-created reform", "service_quality", SWITCH + 40, SWITCH + 52) - before
    full = window(s, "co-created reform", "service_quality", HORIZON - 12, HORIZON) - before
    admin_before = window(s, "co-created reform", "admin_share", SWITCH - 12, SWITCH)
    admin_quarter = window(s, "co-created reform", "admin_share", SWITCH + 10, SWITCH + 13) - admin_before
    admin_full = window(s, "co-created reform", "admin_share", HORIZON - 12, HORIZON) - admin_before
    return [
        Check("admin falls fast, quality slowly: share of change in 13 weeks, admin - quality", +1,
              admin_quarter / admin_full - quarter / full),
        Check("no large quick gain: 25% - relative quality gain after one year", +1,
              0.25 - year / before),
        Check("quality a year after the reform: co-created - imposed", +1,
              window(s, "co-created reform", "service_quality", SWITCH + 40, SWITCH + 52)
              - window(s, "imposed reform", "service_quality", SWITCH + 40, SWITCH + 52)),
    ], s


def sf13(seeds, size, workers):
    knaves = dict(low_motivation_share=0.7)
    pure = variant("trust", "pure trust", size, monitoring=0.0, audit_rate=0.0, **knaves)
    balanced = variant("trust", "balanced", size, monitoring=0.5, audit_rate=0.5, **knaves)
    pure_k = variant("trust", "pure trust, motivated staff", size, monitoring=0.0, audit_rate=0.0,
                     low_motivation_share=0.05)
    balanced_k = variant("trust", "balanced, motivated staff", size, monitoring=0.5, audit_rate=0.5,
                         low_motivation_share=0.05)
    s = run([pure, balanced, pure_k, balanced_k], seeds, workers)
    gain = lambda a, b: last_year(s, a, "service_quality") - last_year(s, b, "service_quality")  # noqa: E731
    return [
        Check("70% low-motivation staff: balanced - pure trust", +1, gain("balanced", "pure trust")),
        Check("the best regime depends on the population: advantage of balanced, "
              "knaves - motivated", +1,
              gain("balanced", "pure trust") - gain("balanced, motivated staff", "pure trust, motivated staff")),
    ], s


def sf14(seeds, size, workers):
    silo = variant("npm", "silo incentives", size, incentive_strength=0.9, collaboration_reward=0.0)
    joined = variant("npm", "collaboration rewarded", size, incentive_strength=0.9, collaboration_reward=0.8)
    s = run([silo, joined], seeds, workers)
    rel = lambda m: (last_year(s, "silo incentives", m) / last_year(s, "collaboration rewarded", m) - 1)  # noqa: E731
    return [Check("relative quality loss under silo incentives, complex - simple needs", -1,
                  rel("complex_need_quality") - rel("simple_need_quality"))], s


FACTS: tuple[Fact, ...] = (
    Fact("SF1", "Heavy metric control raises measured output while unmeasured quality falls",
         "npm levers with 40 indicators, target 1, pay 1 vs 8, 0.2, 0.1", sf1,
         ("reported_outcomes", "unmeasured_quality", "service_quality", "admin_share")),
    Fact("SF2", "The reported-true gap grows with target pressure and weak audit",
         "target pressure 0.2 vs 1 at audit 0.05; audit 0.05 vs 0.9 at pressure 1", sf2,
         ("gaming_gap", "reported_outcomes", "bunching", "indicator_validity")),
    Fact("SF3", "Reported values bunch just above thresholds", "npm: share just above vs just below the target",
         sf3, ("bunching", "below_target", "gaming_gap", "reported_outcomes")),
    Fact("SF4", "Targets improve a narrow, well-measured goal: NPM can win",
         "npm targets (4 indicators) vs trust on a narrow goal: measurability 0.9, 5% complex "
         "needs, professional bias 0.5", sf4,
         ("service_quality", "reported_outcomes", "admin_share", "staff_motivation")),
    Fact("SF4b", "...and trust can win: welfare services that are hard to measure",
         "npm vs trust on the defaults (measurability 0.4, 25% complex needs)", sf4b,
         ("service_quality", "complex_need_quality", "admin_share", "citizen_trust")),
    Fact("SF5", "Gains from new incentives come early, then plateau",
         "trust, then pay, targets and 30 indicators from week 52", sf5,
         ("reported_outcomes", "reported_performance", "service_quality", "gaming_gap")),
    Fact("SF6", "Removing incentives quickly lowers recorded performance, tick-box items most",
         "npm, incentive pay set to 0 in week 104", sf6,
         ("reported_performance", "tickbox_compliance", "reported_outcomes", "service_quality")),
    Fact("SF7", "Control lowers felt trust and motivation for most staff, with variation",
         "npm with monitoring 0.1 vs 0.9; per-worker comparison on the same seeds", sf7,
         ("felt_trust", "staff_motivation", "strain", "turnover")),
    Fact("SF8", "Admin grows with indicators and rules; direct time 30-45% under heavy control",
         "npm with 8 vs 40 indicators; npm's admin over time and direct time", sf8,
         ("admin_share", "direct_time_share", "rules", "indicators")),
    Fact("SF9", "Rules accumulate; one-off cuts relapse unless pruning continues",
         "npm with half the rules cut in week 104, with and without continued pruning", sf9,
         ("rules", "admin_share", "take_up", "service_quality")),
    Fact("SF10", "Trust falls fast and rebuilds slowly; a scandal under control brings controls, not trust",
         "switches npm<->trust in week 104; a severe incident in week 104 under npm", sf10,
         ("felt_trust", "citizen_trust", "indicators", "control_drift")),
    Fact("SF11", "Indicators lose their power to tell good from bad performers",
         "npm: correlation of reported and true performance, first half year vs last year", sf11,
         ("indicator_validity", "gaming_gap", "reported_outcomes", "service_quality")),
    Fact("SF12", "Trust reforms give modest, slow change; co-created beats imposed",
         "npm, then the trust levers in week 104, co-created or imposed", sf12,
         ("service_quality", "admin_share", "felt_trust", "citizen_trust")),
    Fact("SF13", "Pure trust with many low-motivation staff loses to a balanced regime",
         "trust levers with monitoring/audit 0 (pure) or 0.5 (balanced), 70% vs 5% low-motivation staff",
         sf13, ("service_quality", "staff_motivation", "felt_trust", "gaming_gap")),
    Fact("SF14", "Complex needs that span units suffer most under silo incentives",
         "npm, pay 0.9, collaboration reward 0 vs 0.8", sf14,
         ("complex_need_quality", "simple_need_quality", "service_quality", "collaboration_share")),
)


def validate(seeds: Sequence[int], size: dict | None = None, workers: int = 1, only=None,
             progress: Callable | None = None) -> list[FactResult]:
    results = []
    for fact in FACTS:
        if only and fact.id not in only:
            continue
        results.append(fact.run(seeds, size, workers))
        if progress:
            progress(results[-1])
    return results


def table(results: Sequence[FactResult]) -> str:
    lines = [f"{'fact':<5} {'holds':<5}  check (expected sign): mean [95% CI]", "-" * 100]
    for r in results:
        lines.append(f"{r.fact.id:<5} {'yes' if r.holds else 'NO':<5}  {r.fact.statement}")
        for c in r.checks:
            mean, lo, hi = c.ci
            sign = ">0" if c.expected > 0 else "<0"
            lines.append(f"{'':<13}{'ok ' if c.holds else 'X  '}{c.label} ({sign}): "
                         f"{mean:+.4f} [{lo:+.4f}, {hi:+.4f}]")
    held = sum(r.holds for r in results)
    lines.append(f"\n{held} of {len(results)} stylized facts hold (each check's 95% CI excludes zero "
                 f"in the expected direction).")
    return "\n".join(lines)
