"""Every input of the model, in one registry: defaults, units, bounds, plausible ranges,
meanings and sources.

Organisation, regime and behaviour inputs are declared here; each mechanism declares
its own coefficients beside its logic (``COEFFICIENTS`` in ``sim.mechanisms.*``) and
they are collected below. ``INPUTS`` is the single source of truth: the model's
constructor, ``steersim list``, scenario and experiment files, the JSON Schema for
editors and docs/ODD.md all read it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import MappingProxyType, SimpleNamespace
from typing import Any

from sim.errors import SteersimInputError, did_you_mean
from sim.inputs.spec import GROUPS, Spec
from sim.mechanisms import MODULES

__all__ = ["INPUTS", "SPEC_LIST", "LEVERS", "STEERING_LEVERS", "PAYMENT_SHARES", "UNCERTAINTIES", "GROUPS",
           "CHOICE_CODES", "PAST_REGIMES", "RENAMED", "Params", "make_params", "lookup", "defaults", "check_payment"]


def number(group, name, default, unit, low, high, doc, source="", kind=float, plausible=None,
           work=False):
    """A numeric input of ``group`` (organisation inputs say where their value comes from)."""
    if not source and group == ORGANISATION:
        source = "describes the organisation: set it to yours"
    return Spec(name, group, default, unit, doc, source or "assumption", low, high, kind=kind,
                plausible=plausible, work=work)


def choice(group, name, default, choices, doc, source=""):
    """An input that takes one of ``choices``."""
    return Spec(name, group, default, "choice", doc, source, choices=tuple(choices), kind=str)


ORGANISATION, REGIME, BEHAVIOUR = "organisation", "regime", "behaviour"

#: Regimes an organisation may have lived under before a run starts (preset names), or
#: "self": the scenario's own levers, for a run that starts in its own steady state.
#: Swedish primary care has lived under vårdval since 2010: "choice" starts a run there.
PAST_REGIMES = ("npm", "trust", "hybrid", "rule_based", "balanced", "targets", "choice", "choice_ffs", "self")

_ORGANISATION = (
    number(ORGANISATION, "politicians", 7, "people", 1, 51, "members of the political board", kind=int),
    number(ORGANISATION, "units", 20, "units", 1, 100_000, "operational units, one manager each", kind=int),
    number(ORGANISATION, "staff_per_unit", 10, "people", 2, 200, "frontline workers per unit", kind=int),
    number(ORGANISATION, "citizens", 2000, "people", 10, 20_000_000,
       "citizens served (each is one household with recurring contact)", kind=int),
    number(ORGANISATION, "need_rate", 0.5, "cases/citizen/week", 0.01, 5.0,
       "expected new cases per citizen per week"),
    number(ORGANISATION, "complex_share", 0.25, "share", 0.0, 1.0,
       "share of cases whose needs span several units and need collaboration",
       "stylized fact SF14", plausible=(0.1, 0.4), work=True),
    number(ORGANISATION, "measurability", 0.4, "share", 0.05, 0.95,
       "share of the value of the work that indicators can capture at all: near 1 for a "
       "narrow goal such as waiting times, low for care and social work",
       "Holmström & Milgrom 1991; Propper et al. 2010", plausible=(0.2, 0.7), work=True),
    number(ORGANISATION, "goal_contest", 0.5, "0-1", 0.0, 1.0,
       "how far professionals and the public disagree about what the measured goal should be: "
       "near 0 for a goal everyone wants (shorter waits), high where the measure stands for a "
       "contested idea of good work (test scores for schooling, throughput for social work). "
       "Targets and pay pull time beyond the value-optimal split, and cause role conflict, only "
       "as far as the goal is contested",
       "Propper et al. 2010 and Kelman & Friedman 2009 found no diversion on waiting-time "
       "targets; Glewwe et al. 2010 found teaching to the test; size: assumption",
       plausible=(0.2, 0.9), work=True),
    number(ORGANISATION, "measurement_noise", 0.1, "score SD", 0.0, 0.5,
       "noise in one indicator's reading of a worker's measured work",
       "Holmström & Milgrom 1991", plausible=(0.05, 0.2), work=True),
    number(ORGANISATION, "environment_change", 0.15, "share per year", 0.01, 0.6,
       "share of useful rules the world makes obsolete each year", "Yang & Grenier 2024"),
    number(ORGANISATION, "work_hours", 40.0, "hours/week", 10, 60, "paid hours per frontline worker"),
    number(ORGANISATION, "social_degree", 10, "ties", 2, 50, "mean ties per citizen in the social network",
       kind=int),
    number(ORGANISATION, "social_rewiring", 0.1, "probability", 0.0, 1.0,
       "small-world rewiring probability of the citizens' network (Watts-Strogatz)"),
    number(ORGANISATION, "rural_share", 0.2, "share", 0.0, 1.0,
       "share of the units, with the citizens they serve, in sparsely populated places, where "
       "the next provider is far (it matters where citizens can choose)"),
    number(ORGANISATION, "cross_unit_ties", 2, "ties", 0, 20,
       "collaboration ties each worker has to staff in other units", kind=int),
    choice(ORGANISATION, "past_regime", "npm", PAST_REGIMES,
       "the regime the organisation has lived under before the run: a preset name, or "
       "'self' for the scenario's own levers (a run that starts in its own steady state)",
       "Swedish welfare services have lived under NPM for decades (docs/science.md)"),
    number(ORGANISATION, "past_years", 30, "years", 0, 200,
       "years of that past regime behind the rulebook at the start",
       "docs/science.md (decades of NPM)", kind=int),
    choice(ORGANISATION, "budget", "fixed", ("fixed", "open"),
       "fixed: the wage bill of the past regime pays for everything, so support staff, "
       "inspectors, central staff and bonuses come out of frontline hours; open: they are "
       "paid on top and show only in the cost metrics",
       "assumption: Swedish regions and municipalities work within fixed budgets"),
    number(ORGANISATION, "burn_in", 260, "weeks", 0, 5000,
       "weeks simulated under the past regime before week 1, so that staff, trust and "
       "practices start from that regime's steady state",
       "docs/science.md (a run starts from a steady state of its past)", kind=int),
)

_REGIME = (
    number(REGIME, "indicators", 24, "count", 0, 80,
       "performance indicators followed up from the top", "Hood 2006; SOU 2018:47", kind=int),
    number(REGIME, "target_pressure", 0.8, "0-1", 0, 1,
       "how hard targets on the indicators are pressed (0 none, 1 league tables and "
       "sanctions)", "Bevan & Hood 2006"),
    number(REGIME, "target_ratchet", 0.5, "0-1", 0, 1,
       "how far next year's target rises with this year's result", "Weitzman 1980"),
    number(REGIME, "incentive_strength", 0.6, "0-1", 0, 1,
       "share of funding or pay tied to measured output (payment model)",
       "Holmström & Milgrom 1991"),
    number(REGIME, "documentation_hours", 1.5, "hours/case", 0, 5,
       "documentation and reporting required per case (Brå: about 1 h per police case)",
       "calibration bands, docs/science.md"),
    number(REGIME, "audit_rate", 0.5, "0-1", 0, 1,
       "audit intensity: probability that a worker's reports are checked against the real "
       "work within a month", "Bevan & Hood 2006; Falk & Kosfeld 2006"),
    choice(REGIME, "audit_style", "control", ("control", "learning"),
       "control: find and punish faults; learning: inspection that feeds back and teaches",
       "SOU 2018:47 (lärande tillsyn)"),
    number(REGIME, "monitoring", 0.7, "0-1", 0, 1, "manager monitoring and detailed follow-up",
       "Falk & Kosfeld 2006"),
    number(REGIME, "discretion", 0.3, "0-1", 0, 1,
       "decision room delegated to the frontline (handlingsutrymme)", "SOU 2018:47"),
    number(REGIME, "support", 0.3, "0-1", 0, 1,
       "professional and psychosocial support close to the core work (support staff)",
       "SOU 2018:47"),
    number(REGIME, "central_staff", 0.7, "0-1", 0, 1,
       "how much of the staff functions sits centrally (finance, evaluation, control) rather "
       "than close to the core work", "the Västernorrland motion (dyr överbyggnad)"),
    choice(REGIME, "error_policy", "punish_all", ("punish_all", "forgive_minor"),
       "punish_all: every visible error brings sanctions and new controls; forgive_minor: "
       "forgive minor errors, act on serious ones", "Sitkin & Roth 1993; SOU 2018:47"),
    number(REGIME, "collaboration_reward", 0.1, "0-1", 0, 1,
       "how much collaboration across silos is recognised and resourced", "SOU 2018:47"),
    number(REGIME, "citizen_panel", 0.0, "0-1", 0, 1,
       "citizen involvement feeding back to politicians (Kalmar's intressebank)",
       "the Kalmar article"),
    number(REGIME, "learning_time", 0.2, "0-1", 0, 1,
       "protected learning time (1 = the most the organisation can protect)",
       "Repenning & Sterman 2001"),
    number(REGIME, "participation", 0.1, "0-1", 0, 1,
       "how much staff and unions shape changes and steering (medledarskap, co-creation)",
       "the Vänsterpartiet motion; SOU 2018:47"),
    number(REGIME, "rule_creation", 0.6, "0-1", 0, 1,
       "propensity to write rules and routines", "Forssell & Ivarsson Westerberg 2014"),
    number(REGIME, "rule_pruning", 0.1, "0-1", 0, 1,
       "effort spent reviewing the rulebook to find and remove obsolete rules (1 = a "
       "standing review function)", "Yang & Grenier 2024"),
)

#: The market half of NPM (sim.mechanisms.market): off in the presets of the
#: administrative half, so that a model without a market is the model before it.
_MARKET = (
    number(REGIME, "choice", 0.0, "0-1", 0, 1,
       "citizens' freedom to choose and switch provider (vårdval, LOV): 0 listed where they "
       "live, 1 free to move any week", "LOV (2008:962); Glenngård, Anell & Beckman 2011"),
    number(REGIME, "payment_per_visit", 0.0, "share", 0, 1,
       "share of a provider's payment that comes per visit (fee for service)",
       "Sveréus, Kjellsson & Rehnberg 2018; Gosden et al. 2000"),
    number(REGIME, "payment_capitation", 0.0, "share", 0, 1,
       "share of a provider's payment that comes per listed citizen (capitation); with the "
       "shares per visit and per case at most 1, the rest is a budget",
       "Fredriksson et al. 2022 (Swedish regions pay mostly by capitation)"),
    number(REGIME, "payment_per_case", 0.0, "share", 0, 1,
       "share of a provider's payment that comes per case handled, at a fixed price (as DRG "
       "prices or England's payment by results)",
       "Gaynor, Moreno-Serra & Propper 2013 (competition under fixed prices)"),
    number(REGIME, "risk_adjustment", 0.0, "0-1", 0, 1,
       "how far capitation and case prices follow citizens' needs (0 a flat amount a head or a "
       "case, 1 weighted by need)", "Equity scoping review 2017"),
    number(REGIME, "purchaser_provider_split", 0.0, "0-1", 0, 1,
       "how far the board steers providers as a purchaser, through contracts and their "
       "follow-up, instead of through line management (1: a purchaser's office, every provider "
       "under contract and paid by the payment model; choice with a split lets private "
       "providers in)", "LOV (2008:962); Gerdtham, Rehnberg & Tambour 1999 (internal markets)"),
    number(REGIME, "coordination_payment", 0.0, "0-1", 0, 1,
       "how far the purchaser pays providers for coordinating care of needs that span them "
       "(0: nobody is paid to coordinate across providers)", "Equity scoping review 2017"),
)
#: Shares of a provider's payment that must add up to at most 1 (the rest is a budget).
PAYMENT_SHARES = ("payment_per_visit", "payment_capitation", "payment_per_case")


def last_share(names) -> str | None:
    """The last of ``PAYMENT_SHARES`` among ``names`` (the share an error about their sum
    names), or None."""
    named = set(names)
    return next((name for name in reversed(PAYMENT_SHARES) if name in named), None)

_BEHAVIOUR = (
    number(BEHAVIOUR, "low_motivation_share", 0.2, "share", 0, 1,
       "share of people with low public-service motivation ('knaves') in the labour pool",
       "Le Grand 2003", plausible=(0.05, 0.6)),
    number(BEHAVIOUR, "crowding_sensitivity", 1.0, "multiplier", 0, 3,
       "how strongly control read as distrust lowers intrinsic motivation",
       "Deci, Koestner & Ryan 1999; Falk & Kosfeld 2006", plausible=(0.3, 2.0)),
    number(BEHAVIOUR, "unaffected_share", 0.2, "share", 0, 1,
       "share of staff whose motivation does not react to control at all",
       "Falk & Kosfeld 2006 (a minority is unaffected)", plausible=(0.05, 0.4)),
    number(BEHAVIOUR, "trust_gain", 0.02, "1/week", 0.001, 0.2,
       "rate at which trust is built by good experiences", "Slovic 1993",
       plausible=(0.008, 0.04)),
    number(BEHAVIOUR, "trust_loss_ratio", 3.0, "ratio", 1, 10,
       "how much faster trust is lost than built (an assumption: sweep it)",
       "Slovic 1993; Poortinga & Pidgeon 2004", plausible=(2.0, 5.0)),
    number(BEHAVIOUR, "professional_bias", 0.3, "0-1", 0, 1,
       "how much professionals left to themselves under-weight the measurable part of the "
       "work that the public values (waiting times, follow-up)", "Propper et al. 2010",
       plausible=(0.0, 0.6)),
    number(BEHAVIOUR, "gaming_propensity", 0.5, "0-1", 0, 1,
       "willingness to game indicators when pressed and unchecked", "Bevan & Hood 2006",
       plausible=(0.2, 0.8)),
    number(BEHAVIOUR, "incentive_response", 0.5, "0-1", 0, 1,
       "how much extra effort incentive pay buys", "Holmström & Milgrom 1991",
       plausible=(0.2, 0.8)),
    number(BEHAVIOUR, "quit_sensitivity", 0.5, "0-1", 0, 1,
       "how readily strained, demotivated staff leave", "Anskär et al. 2019",
       plausible=(0.25, 0.75)),
    number(BEHAVIOUR, "media_attention", 0.3, "0-1", 0, 1,
       "how likely serious errors are to become visible incidents", "Hood 2011",
       plausible=(0.1, 0.6)),
    number(BEHAVIOUR, "incident_reaction", 0.5, "0-1", 0, 1,
       "how strongly politicians add indicators, rules and control after an incident",
       "Sitkin & Roth 1993; Hood 2011", plausible=(0.2, 0.8)),
    number(BEHAVIOUR, "rule_bloat", 0.5, "0-1", 0, 1,
       "how much existing rules beget new ones (interpretations, exceptions)",
       "Yang & Grenier 2024 (range narrowed by calibration: above it the status quo's "
       "rulebook runs away, against the observed admin shares)", plausible=(0.3, 0.7)),
)


def _coefficients() -> tuple[Spec, ...]:
    out: list[Spec] = []
    for name in MODULES:
        out.extend(importlib.import_module(f"sim.mechanisms.{name}").COEFFICIENTS)
    return tuple(out)


#: Every input, in the order ``steersim list`` shows them.
SPEC_LIST: tuple[Spec, ...] = _ORGANISATION + _REGIME + _MARKET + _BEHAVIOUR + _coefficients()
INPUTS: MappingProxyType = MappingProxyType({s.name: s for s in SPEC_LIST})
if len(INPUTS) != len(SPEC_LIST):  # a coefficient may not share a name with another input
    _names = [s.name for s in SPEC_LIST]
    raise ValueError("inputs declared twice: " + ", ".join(sorted({n for n in _names if _names.count(n) > 1})))
LEVERS = tuple(s.name for s in SPEC_LIST if s.group == REGIME)
#: The levers of the administrative half: a change's load is measured in full swings of
#: these (a market lever's move adds one more lever's worth).
STEERING_LEVERS = tuple(s.name for s in _REGIME)
assert all(set(s.acts_with) <= set(LEVERS) for s in SPEC_LIST)
UNCERTAINTIES = tuple(s.name for s in SPEC_LIST if s.uncertain)
#: Levers that are choices; inside the model they become 0/1 numbers per unit.
CHOICE_CODES = {"audit_style": {"control": 0.0, "learning": 1.0},
                "error_policy": {"punish_all": 0.0, "forgive_minor": 1.0}}


def defaults(group: str | None = None) -> dict[str, Any]:
    """The default value of every input (of one group, if given)."""
    return {s.name: s.default for s in SPEC_LIST if group in (None, s.group)}


_WHAT = {None: "input", REGIME: "lever", "coefficient": "coefficient"}


#: Inputs renamed since an earlier version: old name -> new name (docs/migration.md).
RENAMED = {"history": "past_regime", "history_years": "past_years"}


def lookup(name: str, *, source: str | None = None, line: int | None = None,
           group: str | None = None, key: str | None = None) -> Spec:
    """The input called ``name``; a one-line error with a suggestion if there is none."""
    spec = INPUTS.get(name) if isinstance(name, str) else None
    if spec is not None and (group is None or spec.group == group):
        return spec
    if isinstance(name, str) and name in RENAMED:
        raise SteersimInputError(f"'{name}' was renamed '{RENAMED[name]}' (docs/migration.md)",
                                 source=source, key=key or name, line=line)
    pool = [s.name for s in SPEC_LIST if group in (None, s.group)]
    what = _WHAT.get(group, f"{group} input")
    where = ""
    if spec is not None:
        where = f"; '{name}' is a{'n' if spec.group[0] in 'aeiou' else ''} {spec.group} input"
    raise SteersimInputError(
        f"no {what} '{name}'{did_you_mean(str(name), pool)}{where} (see `steersim list`)",
        source=source, key=key or str(name), line=line)


@dataclass(frozen=True)
class Params:
    """A validated, complete set of inputs. Build with :func:`make_params`; read values
    as attributes (``p.discretion``) or as a mapping (``p.values``)."""

    values: MappingProxyType = field(default_factory=lambda: MappingProxyType(defaults()))

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def group(self, group: str) -> dict[str, Any]:
        return {k: v for k, v in self.values.items() if INPUTS[k].group == group}

    def namespace(self) -> SimpleNamespace:
        """The inputs as plain attributes, for the mechanisms (fast attribute access)."""
        return SimpleNamespace(**self.values)


def make_params(values: dict[str, Any] | None = None, *, source: str | None = None) -> Params:
    """Validate ``values`` (any subset of inputs) and fill in the defaults."""
    merged = defaults()
    for name, value in (values or {}).items():
        merged[name] = lookup(name, source=source).check(value, source=source)
    check_payment(merged, source=source)
    return Params(MappingProxyType(merged))


def check_payment(levers: dict[str, Any], *, source: str | None = None, line: int | None = None,
                  key: str | None = None, where: str = "") -> None:
    """A provider's payment shares (per visit, per listed citizen, per case) add up to at
    most 1: the rest is a budget. A one-line error naming the key otherwise (the last share
    set; ``where`` says which values were added, where they are not the file's own)."""
    shares = {name: float(levers.get(name, INPUTS[name].default)) for name in PAYMENT_SHARES}
    if sum(shares.values()) > 1 + 1e-9:
        named = key or last_share(name for name, share in shares.items() if share)
        raise SteersimInputError(
            f"the payment shares add up to {sum(shares.values()):g}{where}; allowed: {' + '.join(PAYMENT_SHARES)} "
            f"at most 1 (the rest of the payment is a budget)", source=source, key=named, line=line)


assert set(GROUPS) >= {s.group for s in SPEC_LIST}
