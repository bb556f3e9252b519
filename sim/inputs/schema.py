"""Every input of the model, in one place: defaults, units, bounds, meaning, source.

Three kinds of input are kept apart (the XLRM habit of the EMA Workbench):

* ``organisation``: sizes and shape of the organisation (what it *is*);
* ``regime``: the steering levers a government or board controls (what it *does*);
* ``behaviour``: uncertain assumptions about people (what we are *unsure of*).

Researchers sweep ``behaviour`` to see whether a conclusion survives; analysts change
the ``regime``. ``SPECS`` is the single source of truth: the model's constructor
signature, ``steersim list``, the scenario validator and docs/ODD.md all read it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sim.errors import SteersimInputError, did_you_mean


@dataclass(frozen=True)
class Spec:
    """One input: its name, group, default, unit, allowed values and meaning."""

    name: str
    group: str  # "organisation" | "regime" | "behaviour"
    default: Any
    unit: str
    doc: str
    source: str = ""
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    kind: type = float

    def allowed(self) -> str:
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind is bool:
            return "true or false"
        word = "a whole number" if self.kind is int else "a number"
        return f"{word} from {_fmt(self.low)} to {_fmt(self.high)}"

    def check(self, value: Any, *, source: str | None = None, line: int | None = None) -> Any:
        """Return ``value`` converted to this spec's type, or raise a one-line error."""
        bad = lambda why: SteersimInputError(  # noqa: E731
            f"{why}; allowed: {self.allowed()} ({self.unit})", source=source,
            key=self.name, line=line)
        if self.choices:
            if not isinstance(value, str) or value not in self.choices:
                raise bad(f"got {value!r}" + (did_you_mean(value, self.choices)
                                              if isinstance(value, str) else ""))
            return value
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false"):
                return value.lower() == "true"
            raise bad(f"got {value!r}")
        if isinstance(value, bool):
            raise bad(f"got {value!r}")
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise bad(f"got {value!r}, not a number") from None
        if not isinstance(value, (int, float)) or isinstance(value, complex):
            try:  # numpy scalars
                value = float(value)
            except (TypeError, ValueError):
                raise bad(f"got {value!r}, not a number") from None
        if not math.isfinite(value):
            raise bad(f"got {value!r}")
        if self.kind is int:
            if float(value) != int(value):
                raise bad(f"got {value!r}, not a whole number")
            value = int(value)
        else:
            value = float(value)
        if (self.low is not None and value < self.low) or (
                self.high is not None and value > self.high):
            raise bad(f"got {_fmt(value)}, out of range")
        return value


def _fmt(x) -> str:
    if x is None:
        return "any"
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return f"{x:g}" if isinstance(x, float) else str(x)


def _s(group, name, default, unit, low, high, doc, source="", kind=float):
    return Spec(name, group, default, unit, doc, source, low, high, kind=kind)


def _c(group, name, default, choices, doc, source=""):
    return Spec(name, group, default, "choice", doc, source, choices=tuple(choices), kind=str)


_O, _R, _B = "organisation", "regime", "behaviour"

#: Every input, in the order ``steersim list`` shows them. Regime defaults are the
#: ``npm`` preset: Swedish welfare services as the seeds describe them today.
SPEC_LIST: tuple[Spec, ...] = (
    # --- organisation -------------------------------------------------------------
    _s(_O, "politicians", 7, "people", 1, 51, "members of the political board", kind=int),
    _s(_O, "units", 20, "units", 1, 100_000, "operational units, one manager each", kind=int),
    _s(_O, "staff_per_unit", 10, "people", 2, 200, "frontline workers per unit", kind=int),
    _s(_O, "citizens", 2000, "people", 10, 20_000_000, "citizens served (each is one "
       "household with recurring contact)", kind=int),
    _s(_O, "need_rate", 0.5, "cases/citizen/week", 0.01, 5.0,
       "expected new cases per citizen per week"),
    _s(_O, "complex_share", 0.25, "share", 0.0, 1.0,
       "share of cases whose needs span several units and need collaboration", "SCIENCE SF14"),
    _s(_O, "measurability", 0.4, "share", 0.0, 1.0,
       "share of the value of the work that indicators can capture at all: near 1 for a "
       "narrow goal such as waiting times, low for care and social work",
       "Holmström & Milgrom 1991; Propper et al. 2010"),
    _s(_O, "work_hours", 40.0, "hours/week", 10, 60, "paid hours per frontline worker"),
    _s(_O, "social_degree", 10, "ties", 2, 50, "mean ties per citizen in the social network",
       kind=int),
    _s(_O, "social_rewiring", 0.1, "probability", 0.0, 1.0,
       "small-world rewiring probability of the citizens' network (Watts-Strogatz)"),
    _s(_O, "cross_unit_ties", 2, "ties", 0, 20,
       "collaboration ties each worker has to staff in other units", kind=int),
    # --- regime: the levers -------------------------------------------------------
    _s(_R, "indicators", 24, "count", 0, 80,
       "performance indicators followed up from the top", "Hood 2006; SOU 2018:47", kind=int),
    _s(_R, "target_pressure", 0.8, "0-1", 0, 1,
       "how hard targets on the indicators are pressed (0 none, 1 league tables and "
       "sanctions)", "Bevan & Hood 2006"),
    _s(_R, "incentive_strength", 0.6, "0-1", 0, 1,
       "share of funding or pay tied to measured output (payment model)",
       "Holmström & Milgrom 1991"),
    _s(_R, "documentation_hours", 1.5, "hours/case", 0, 5,
       "documentation and reporting required per case (Brå: about 1 h per police case)",
       "SCIENCE calibration bands"),
    _s(_R, "audit_rate", 0.5, "0-1", 0, 1,
       "audit intensity: probability that a worker's reports are checked against the "
       "real work within a month"),
    _c(_R, "audit_style", "control", ("control", "learning"),
       "control: find and punish faults; learning: inspection that feeds back and teaches",
       "SOU 2018:47 (lärande tillsyn)"),
    _s(_R, "monitoring", 0.7, "0-1", 0, 1, "manager monitoring and detailed follow-up",
       "Falk & Kosfeld 2006"),
    _s(_R, "discretion", 0.3, "0-1", 0, 1,
       "decision room delegated to the frontline (handlingsutrymme)", "SOU 2018:47"),
    _s(_R, "support", 0.3, "0-1", 0, 1,
       "professional and psychosocial support close to the core work", "SOU 2018:47"),
    _s(_R, "central_staff", 0.7, "0-1", 0, 1,
       "how much of the staff functions sits centrally (finance, evaluation, control) "
       "rather than as support close to the core work", "seed 000 (dyr överbyggnad)"),
    _c(_R, "error_policy", "punish_all", ("punish_all", "forgive_minor"),
       "punish_all: every visible error brings new controls; forgive_minor: forgive minor "
       "errors, act on serious ones", "Sitkin & Roth 1993; SOU 2018:47"),
    _s(_R, "collaboration_reward", 0.1, "0-1", 0, 1,
       "how much collaboration across silos is recognised and resourced", "SOU 2018:47"),
    _s(_R, "citizen_panel", 0.0, "0-1", 0, 1,
       "citizen involvement feeding back to politicians (Kalmar's intressebank)", "seed 004"),
    _s(_R, "learning_time", 0.2, "0-1", 0, 1,
       "protected learning time; 1 = 10% of working hours", "Repenning & Sterman 2001"),
    _s(_R, "rule_creation", 0.6, "0-1", 0, 1,
       "propensity to write new rules and routines; 1 = one new rule per week, more as the rulebook grows",
       "Forssell & Ivarsson Westerberg 2014"),
    _s(_R, "rule_pruning", 0.1, "0-1", 0, 1,
       "share of obsolete rules removed per year", "Yang & Grenier 2024"),
    # --- behaviour: uncertain assumptions about people -------------------------------
    _s(_B, "low_motivation_share", 0.2, "share", 0, 1,
       "share of staff with low public-service motivation ('knaves')", "Le Grand 2003"),
    _s(_B, "crowding_sensitivity", 1.0, "multiplier", 0, 3,
       "how strongly control read as distrust lowers intrinsic motivation",
       "Deci, Koestner & Ryan 1999; Falk & Kosfeld 2006"),
    _s(_B, "unaffected_share", 0.2, "share", 0, 1,
       "share of staff whose motivation does not react to control at all",
       "Falk & Kosfeld 2006 (a minority is unaffected)"),
    _s(_B, "trust_gain", 0.02, "1/week", 0.001, 0.2,
       "rate at which trust is built by good experiences", "Slovic 1993"),
    _s(_B, "trust_loss_ratio", 3.0, "ratio", 1, 10,
       "how much faster trust is lost than built (an assumption: sweep it)",
       "Slovic 1993; Poortinga & Pidgeon 2004"),
    _s(_B, "professional_bias", 0.3, "0-1", 0, 1,
       "how much professionals left to themselves under-weight the measurable part of the "
       "work that the public values (waiting times, follow-up)", "Propper et al. 2010"),
    _s(_B, "gaming_propensity", 0.5, "0-1", 0, 1,
       "willingness to game indicators when pressed and unchecked", "Bevan & Hood 2006"),
    _s(_B, "incentive_response", 0.5, "0-1", 0, 1,
       "how much extra effort incentive pay buys", "Holmström & Milgrom 1991"),
    _s(_B, "quit_sensitivity", 0.5, "0-1", 0, 1,
       "how readily strained, demotivated staff leave", "Anskär et al. 2019"),
    _s(_B, "media_attention", 0.3, "0-1", 0, 1,
       "how likely errors are to become visible incidents", "Hood 2011"),
    _s(_B, "incident_reaction", 0.5, "0-1", 0, 1,
       "how strongly politicians add indicators, rules and control after an incident",
       "Sitkin & Roth 1993; Hood 2011"),
    _s(_B, "rule_bloat", 0.5, "0-1", 0, 1,
       "how much existing rules beget new ones (interpretations, exceptions)",
       "Yang & Grenier 2024"),
)

SPECS: MappingProxyType = MappingProxyType({s.name: s for s in SPEC_LIST})
GROUPS = (_O, _R, _B)
LEVERS = tuple(s.name for s in SPEC_LIST if s.group == _R)
#: Levers that are choices; inside the model they become 0/1 numbers per unit.
CHOICE_CODES = {"audit_style": {"control": 0.0, "learning": 1.0},
                "error_policy": {"punish_all": 0.0, "forgive_minor": 1.0}}


def defaults(group: str | None = None) -> dict[str, Any]:
    """The default value of every input (of one group, if given)."""
    return {s.name: s.default for s in SPEC_LIST if group in (None, s.group)}


def lookup(name: str, *, source: str | None = None, line: int | None = None,
           group: str | None = None) -> Spec:
    """The spec called ``name``; a one-line error with a suggestion if there is none."""
    spec = SPECS.get(name)
    pool = [s.name for s in SPEC_LIST if group in (None, s.group)]
    if spec is None or (group is not None and spec.group != group):
        what = {None: "input", _R: "lever"}.get(group, f"{group} setting")
        raise SteersimInputError(
            f"no {what} '{name}'{did_you_mean(name, pool)} (see `steersim list`)",
            source=source, key=name, line=line)
    return spec


@dataclass(frozen=True)
class Params:
    """A validated, complete set of inputs. Build with :func:`make_params`."""

    values: MappingProxyType = field(default_factory=lambda: MappingProxyType(defaults()))

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def group(self, group: str) -> dict[str, Any]:
        return {k: v for k, v in self.values.items() if SPECS[k].group == group}

    def replace(self, **changes) -> "Params":
        return make_params({**self.values, **changes})


def make_params(values: dict[str, Any] | None = None, *, source: str | None = None) -> Params:
    """Validate ``values`` (any subset of inputs) and fill in the defaults."""
    merged = defaults()
    for name, value in (values or {}).items():
        merged[name] = lookup(name, source=source).check(value, source=source)
    return Params(MappingProxyType(merged))
