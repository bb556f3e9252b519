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

__all__ = ["INPUTS", "SPEC_LIST", "LEVERS", "UNCERTAINTIES", "GROUPS", "CHOICE_CODES",
           "HISTORIES", "Params", "make_params", "lookup", "defaults"]


def _s(group, name, default, unit, low, high, doc, source="", kind=float, plausible=None,
       work=False):
    if not source and group == _O:
        source = "describes the organisation: set it to yours"
    return Spec(name, group, default, unit, doc, source or "assumption", low, high, kind=kind,
                plausible=plausible, work=work)


def _c(group, name, default, choices, doc, source=""):
    return Spec(name, group, default, "choice", doc, source, choices=tuple(choices), kind=str)


_O, _R, _B = "organisation", "regime", "behaviour"

#: Regimes an organisation may have lived under before a run starts (preset names), or
#: "self": the scenario's own levers, for a run that starts in its own steady state.
HISTORIES = ("npm", "trust", "hybrid", "rule_based", "balanced", "self")

_ORGANISATION = (
    _s(_O, "politicians", 7, "people", 1, 51, "members of the political board", kind=int),
    _s(_O, "units", 20, "units", 1, 100_000, "operational units, one manager each", kind=int),
    _s(_O, "staff_per_unit", 10, "people", 2, 200, "frontline workers per unit", kind=int),
    _s(_O, "citizens", 2000, "people", 10, 20_000_000,
       "citizens served (each is one household with recurring contact)", kind=int),
    _s(_O, "need_rate", 0.5, "cases/citizen/week", 0.01, 5.0,
       "expected new cases per citizen per week"),
    _s(_O, "complex_share", 0.25, "share", 0.0, 1.0,
       "share of cases whose needs span several units and need collaboration",
       "stylized fact SF14", plausible=(0.1, 0.4), work=True),
    _s(_O, "measurability", 0.4, "share", 0.05, 0.95,
       "share of the value of the work that indicators can capture at all: near 1 for a "
       "narrow goal such as waiting times, low for care and social work",
       "Holmström & Milgrom 1991; Propper et al. 2010", plausible=(0.2, 0.7), work=True),
    _s(_O, "measurement_noise", 0.1, "score SD", 0.0, 0.5,
       "noise in one indicator's reading of a worker's measured work",
       "Holmström & Milgrom 1991", plausible=(0.05, 0.2), work=True),
    _s(_O, "environment_change", 0.15, "share per year", 0.01, 0.6,
       "share of useful rules the world makes obsolete each year", "Yang & Grenier 2024"),
    _s(_O, "work_hours", 40.0, "hours/week", 10, 60, "paid hours per frontline worker"),
    _s(_O, "social_degree", 10, "ties", 2, 50, "mean ties per citizen in the social network",
       kind=int),
    _s(_O, "social_rewiring", 0.1, "probability", 0.0, 1.0,
       "small-world rewiring probability of the citizens' network (Watts-Strogatz)"),
    _s(_O, "cross_unit_ties", 2, "ties", 0, 20,
       "collaboration ties each worker has to staff in other units", kind=int),
    _c(_O, "history", "npm", HISTORIES,
       "the regime the organisation has lived under before the run: a preset name, or "
       "'self' for the scenario's own levers (a run that starts in its own steady state)",
       "Swedish welfare services have lived under NPM for decades (docs/science.md)"),
    _s(_O, "history_years", 30, "years", 0, 200,
       "years of that history behind the rulebook at the start",
       "docs/science.md (decades of NPM)", kind=int),
    _c(_O, "budget", "fixed", ("fixed", "open"),
       "fixed: the wage bill of the history regime pays for everything, so support staff, "
       "inspectors, central staff and bonuses come out of frontline hours; open: they are "
       "paid on top and show only in the cost metrics",
       "assumption: Swedish regions and municipalities work within fixed budgets"),
    _s(_O, "burn_in", 260, "weeks", 0, 5000,
       "weeks simulated under the history before week 1, so that staff, trust and "
       "practices start from that history's steady state",
       "docs/science.md (a run starts from a steady state of its history)", kind=int),
)

_REGIME = (
    _s(_R, "indicators", 24, "count", 0, 80,
       "performance indicators followed up from the top", "Hood 2006; SOU 2018:47", kind=int),
    _s(_R, "target_pressure", 0.8, "0-1", 0, 1,
       "how hard targets on the indicators are pressed (0 none, 1 league tables and "
       "sanctions)", "Bevan & Hood 2006"),
    _s(_R, "target_ratchet", 0.5, "0-1", 0, 1,
       "how far next year's target rises with this year's result", "Weitzman 1980"),
    _s(_R, "incentive_strength", 0.6, "0-1", 0, 1,
       "share of funding or pay tied to measured output (payment model)",
       "Holmström & Milgrom 1991"),
    _s(_R, "documentation_hours", 1.5, "hours/case", 0, 5,
       "documentation and reporting required per case (Brå: about 1 h per police case)",
       "calibration bands, docs/science.md"),
    _s(_R, "audit_rate", 0.5, "0-1", 0, 1,
       "audit intensity: probability that a worker's reports are checked against the real "
       "work within a month", "Bevan & Hood 2006; Falk & Kosfeld 2006"),
    _c(_R, "audit_style", "control", ("control", "learning"),
       "control: find and punish faults; learning: inspection that feeds back and teaches",
       "SOU 2018:47 (lärande tillsyn)"),
    _s(_R, "monitoring", 0.7, "0-1", 0, 1, "manager monitoring and detailed follow-up",
       "Falk & Kosfeld 2006"),
    _s(_R, "discretion", 0.3, "0-1", 0, 1,
       "decision room delegated to the frontline (handlingsutrymme)", "SOU 2018:47"),
    _s(_R, "support", 0.3, "0-1", 0, 1,
       "professional and psychosocial support close to the core work (support staff)",
       "SOU 2018:47"),
    _s(_R, "central_staff", 0.7, "0-1", 0, 1,
       "how much of the staff functions sits centrally (finance, evaluation, control) rather "
       "than close to the core work", "the Västernorrland motion (dyr överbyggnad)"),
    _c(_R, "error_policy", "punish_all", ("punish_all", "forgive_minor"),
       "punish_all: every visible error brings sanctions and new controls; forgive_minor: "
       "forgive minor errors, act on serious ones", "Sitkin & Roth 1993; SOU 2018:47"),
    _s(_R, "collaboration_reward", 0.1, "0-1", 0, 1,
       "how much collaboration across silos is recognised and resourced", "SOU 2018:47"),
    _s(_R, "citizen_panel", 0.0, "0-1", 0, 1,
       "citizen involvement feeding back to politicians (Kalmar's intressebank)",
       "the Kalmar article"),
    _s(_R, "learning_time", 0.2, "0-1", 0, 1,
       "protected learning time (1 = the most the organisation can protect)",
       "Repenning & Sterman 2001"),
    _s(_R, "participation", 0.1, "0-1", 0, 1,
       "how much staff and unions shape changes and steering (medledarskap, co-creation)",
       "the Vänsterpartiet motion; SOU 2018:47"),
    _s(_R, "rule_creation", 0.6, "0-1", 0, 1,
       "propensity to write rules and routines", "Forssell & Ivarsson Westerberg 2014"),
    _s(_R, "rule_pruning", 0.1, "0-1", 0, 1,
       "effort spent reviewing the rulebook to find and remove obsolete rules (1 = a "
       "standing review function)", "Yang & Grenier 2024"),
)

_BEHAVIOUR = (
    _s(_B, "low_motivation_share", 0.2, "share", 0, 1,
       "share of people with low public-service motivation ('knaves') in the labour pool",
       "Le Grand 2003", plausible=(0.05, 0.6)),
    _s(_B, "crowding_sensitivity", 1.0, "multiplier", 0, 3,
       "how strongly control read as distrust lowers intrinsic motivation",
       "Deci, Koestner & Ryan 1999; Falk & Kosfeld 2006", plausible=(0.3, 2.0)),
    _s(_B, "unaffected_share", 0.2, "share", 0, 1,
       "share of staff whose motivation does not react to control at all",
       "Falk & Kosfeld 2006 (a minority is unaffected)", plausible=(0.05, 0.4)),
    _s(_B, "trust_gain", 0.02, "1/week", 0.001, 0.2,
       "rate at which trust is built by good experiences", "Slovic 1993",
       plausible=(0.008, 0.04)),
    _s(_B, "trust_loss_ratio", 3.0, "ratio", 1, 10,
       "how much faster trust is lost than built (an assumption: sweep it)",
       "Slovic 1993; Poortinga & Pidgeon 2004", plausible=(2.0, 5.0)),
    _s(_B, "professional_bias", 0.3, "0-1", 0, 1,
       "how much professionals left to themselves under-weight the measurable part of the "
       "work that the public values (waiting times, follow-up)", "Propper et al. 2010",
       plausible=(0.0, 0.6)),
    _s(_B, "gaming_propensity", 0.5, "0-1", 0, 1,
       "willingness to game indicators when pressed and unchecked", "Bevan & Hood 2006",
       plausible=(0.2, 0.8)),
    _s(_B, "incentive_response", 0.5, "0-1", 0, 1,
       "how much extra effort incentive pay buys", "Holmström & Milgrom 1991",
       plausible=(0.2, 0.8)),
    _s(_B, "quit_sensitivity", 0.5, "0-1", 0, 1,
       "how readily strained, demotivated staff leave", "Anskär et al. 2019",
       plausible=(0.25, 0.75)),
    _s(_B, "media_attention", 0.3, "0-1", 0, 1,
       "how likely serious errors are to become visible incidents", "Hood 2011",
       plausible=(0.1, 0.6)),
    _s(_B, "incident_reaction", 0.5, "0-1", 0, 1,
       "how strongly politicians add indicators, rules and control after an incident",
       "Sitkin & Roth 1993; Hood 2011", plausible=(0.2, 0.8)),
    _s(_B, "rule_bloat", 0.5, "0-1", 0, 1,
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
SPEC_LIST: tuple[Spec, ...] = _ORGANISATION + _REGIME + _BEHAVIOUR + _coefficients()
INPUTS: MappingProxyType = MappingProxyType({s.name: s for s in SPEC_LIST})
if len(INPUTS) != len(SPEC_LIST):  # a coefficient may not share a name with another input
    _names = [s.name for s in SPEC_LIST]
    raise ValueError("inputs declared twice: " + ", ".join(sorted({n for n in _names if _names.count(n) > 1})))
LEVERS = tuple(s.name for s in SPEC_LIST if s.group == _R)
UNCERTAINTIES = tuple(s.name for s in SPEC_LIST if s.uncertain)
#: Levers that are choices; inside the model they become 0/1 numbers per unit.
CHOICE_CODES = {"audit_style": {"control": 0.0, "learning": 1.0},
                "error_policy": {"punish_all": 0.0, "forgive_minor": 1.0}}


def defaults(group: str | None = None) -> dict[str, Any]:
    """The default value of every input (of one group, if given)."""
    return {s.name: s.default for s in SPEC_LIST if group in (None, s.group)}


_WHAT = {None: "input", _R: "lever", "coefficient": "coefficient"}


def lookup(name: str, *, source: str | None = None, line: int | None = None,
           group: str | None = None, key: str | None = None) -> Spec:
    """The input called ``name``; a one-line error with a suggestion if there is none."""
    spec = INPUTS.get(name) if isinstance(name, str) else None
    if spec is not None and (group is None or spec.group == group):
        return spec
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
    return Params(MappingProxyType(merged))


assert set(GROUPS) >= {s.group for s in SPEC_LIST}
