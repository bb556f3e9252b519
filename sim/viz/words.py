"""The classroom page's words: the names of regimes, levers, views and events as the
page shows them, and numbers in the page's language (a decimal comma in Swedish).

Every word here is a message of the catalogue (sim/locale), translated where it is
shown; a test checks that every visible string of the Swedish page is one.
"""

from __future__ import annotations

from sim.i18n import N_
from sim.inputs.schema import INPUTS

#: The regimes' names on the page (preset and shipped example files). A user's own
#: scenario file keeps its file name; a test checks that every preset and example has one.
REGIMES = {
    "npm": N_("NPM"), "trust": N_("trust-based"), "hybrid": N_("hybrid"), "balanced": N_("balanced trust"),
    "rule_based": N_("rule-based"), "pilot": N_("NPM with a trust pilot"), "reform": N_("NPM, then reform"),
    "scandal": N_("NPM with a scandal"), "targets": N_("NPM with hard targets"),
    "choice": N_("choice of provider (vårdval), capitation"), "choice_ffs": N_("choice of provider, paid per visit"),
    "examples/trust_in_a_choice_system": N_("trust-based steering in a choice system"),
    "examples/rural_county_choice": N_("vårdval in a sparsely populated county"),
    "examples/budget_cut": N_("trust with a budget cut"),
    "examples/half_indicators_keep_audits": N_("half the indicators, audits kept"),
    "examples/hybrid_conflicting_signals": N_("conflicting signals"),
    "examples/kalmar": N_("Kalmar: fewer goals, more discretion"),
    "examples/rule_cleanup": N_("rule clean-up"),
    "examples/scandal_control_spiral": N_("scandals and a control spiral"),
    "examples/targets_few_measures": N_("targets on four measures"),
    "examples/trust_all_levels_cocreated": N_("co-created reform on all levels"),
    "examples/vasternorrland_pilot": N_("Västernorrland pilot"),
}

VIEWS = (N_("charts"), N_("organisation"), N_("set-up"))
COLOUR_BY = {"felt_trust": N_("felt trust"), "motivation": N_("motivation"), "strain": N_("strain")}
LANGUAGE_NAMES = {"en": N_("English"), "sv": N_("Swedish")}
LEVER_LABELS = {"indicators": N_("indicators"), "target_pressure": N_("targets"),
                "incentive_strength": N_("pay"), "monitoring": N_("monitoring"),
                "audit_rate": N_("audits"), "documentation_hours": N_("documentation"),
                "discretion": N_("discretion"), "support": N_("support")}
UNITS = {"hours/case": N_("{n} h/case")}  # the page's short form of a value in a unit
#: A timeline event's words on the page, by kind (sim.viz.readings.event_kind).
EVENTS = {"scandal": N_("scandal"), "reform": N_("reform to trust"), "pilot": N_("pilot in unit {unit}"),
          "budget": N_("budget change"), "rule_cut": N_("rules cut")}


def regime_name(ref: str, _) -> str:
    return _(REGIMES[ref]) if ref in REGIMES else ref.removeprefix("examples/")


def side_names(left: str, right: str, _) -> list[str]:
    """The two sides' names; the same regime on both sides is told apart by its side."""
    names = [regime_name(left, _), regime_name(right, _)]
    if names[0] == names[1]:
        return [_("{name}, left").format(name=names[0]), _("{name}, right").format(name=names[1])]
    return names


def decimal(_) -> str:
    """The page's decimal mark: the catalogue translates the message "." (',' in Swedish)."""
    return _(".")


def number(value: float, digits: int, _) -> str:
    return f"{value:.{digits}f}".replace(".", decimal(_))


def percent(value: float, _) -> str:
    return _("{n}%").format(n=round(100 * value))


def lever_value(name: str, value: float, _) -> str:
    """A lever's value with its unit: "2", "0.80 / 1", "1.50 h/case"."""
    spec = INPUTS[name]
    if spec.kind is int:
        return str(int(round(value)))
    if spec.unit in UNITS:
        return _(UNITS[spec.unit]).format(n=number(value, 2, _))
    return f"{number(value, 2, _)}\u00a0/\u00a01"   # a share or score from 0 to 1; kept on one line


def lever_text(name: str, value: float, _) -> str:
    """A lever's label on the page: "discretion: 0.80 / 1"."""
    return _("{lever}: {value}").format(lever=_(LEVER_LABELS[name]), value=lever_value(name, value, _))


def lever_help(name: str, _) -> str:
    """The lever's one-sentence explanation: its description in ``steersim list``."""
    doc = _(INPUTS[name].doc)
    return doc[:1].upper() + doc[1:] + ("" if doc.endswith(".") else ".")


def marker_text(marker: dict, _) -> str:
    """What a marker on the charts says: an event's name, or the lever and its new value."""
    kind = marker["kind"]
    if kind == "lever":
        return lever_text(marker["lever"], marker["value"], _)
    if kind == "levers":   # a lesson's step moves several levers: it has its own words
        own = marker["words"]
        return _(own)
    return _(EVENTS[kind]).format(**marker.get("details", {}))
