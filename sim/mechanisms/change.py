"""Reforms and their transition: change costs before it pays, and how a change is made
matters (docs/science.md, effect sizes: imposed change costs a dip, participation lowers it;
Repenning & Sterman 2001: worse before better).

A change of levers puts a *change load* on the units it reaches, in proportion to how
far the levers moved. While it lasts, staff spend hours on new routines, their skill
fits the work less well, strain rises, and, where the change was imposed, it reads as
distrust and costs motivation (``trust``, ``motivation``). Participation (staff and
unions shaping the change: the Vänsterpartiet motion's "tas fram tillsammans med
organisationens medarbetare") costs meeting hours, but the change fits the work
better, so the load is smaller, and while staff work it out they take part in
shaping their work, which reads as being trusted and motivates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import saturating
from sim.model.fields import Array, Fields, Inputs, Reads, Values, per_unit, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("change_per_distance", 0.8, "load per lever distance", (0.4, 1.6),
                "change load from moving every lever across its whole range", low=0.04),
    coefficient("participation_relief", 0.5, "share", (0.2, 0.8),
                "share of the change load that full participation spares",
                "docs/science.md, effect sizes (participation lowers the dip); size: assumption"),
    coefficient("change_absorption", 0.04, "1/week", (0.02, 0.08),
                "share of the change load absorbed per week (half-life about 17 weeks)"),
    coefficient("change_hours", 4.0, "hours/week at full load", (2.0, 8.0),
                "hours spent on new routines, systems and forms"),
    coefficient("change_disruption", 0.15, "share of skill", (0.05, 0.3),
                "share of skill that does not fit the new routines at full load",
                "Repenning & Sterman 2001 (size: assumption)"),
    coefficient("load_half", 1.0, "change load", (0.5, 1.5),
                "change load at which half of its disruption of skill, and of the resistance "
                "an imposed load meets, is reached", "assumption", low=0.05),
    coefficient("participation_hours", 0.5, "hours/week", (0.2, 1.0),
                "meeting hours at full participation in calm times (medledarskap)"),
    coefficient("participation_change_hours", 2.0, "hours/week at full load", (1.0, 4.0),
                "meeting hours per unit of co-created change still being worked through"),
    coefficient("co_creation_taking_part", 1.0, "participation per lever distance", (0.5, 2.0),
                "how much staff take part in shaping their work while a co-created change is "
                "worked out, per share of every lever's range still being worked through",
                "the Vänsterpartiet motion (size: assumption)"),
    coefficient("demands_added", 0.25, "1/week", (0.1, 0.5),
                "share of the gap closed per week when indicators or documentation demands "
                "rise: they are added within weeks"),
    coefficient("demands_dropped", 0.03, "1/week", (0.01, 0.08),
                "share of the gap closed per week when they fall: contracts, IT systems and "
                "habits take months to dismantle (half-life about 23 weeks)"),
    coefficient("discretion_uptake", 0.02, "1/week", (0.005, 0.05),
                "share of the gap between delegated and used discretion closed per week: "
                "after years of detailed control, people take time to use new room",
                "docs/science.md, effect sizes: trust reforms give slow change (SF12)"),
)


class Owns(Fields):
    """Changes still being absorbed, the demands adopted so far, and the discretion staff use."""

    indicators_adopted: Array = per_unit("indicators adopted from the lever (they follow it with a lag)")
    documentation_in_force: Array = per_unit("documentation hours per case in force (they follow the "
                                             "lever with a lag)")
    change_load: Array = per_unit("load of changes still being absorbed")
    imposed_load: Array = per_unit("the part of the change load imposed without participation")
    co_creation_load: Array = per_unit("co-created changes still being worked through with staff "
                                       "(meeting hours)")
    used_discretion: Array = per_worker("discretion this worker actually uses (follows the lever slowly), 0-1")
    taking_part: Array = per_worker("how much this worker takes part in shaping the work this week, 0-1")


READS = Reads(levers=("indicators", "documentation_hours", "discretion", "participation"))
RESULTS = ("change_load", "development_share")


def add_load(*, load: Values, distance: Array, participation: Array, c: Inputs) -> Array:
    """Change load after a change of levers that moved ``distance`` (0-1, the mean
    share of each lever's range it moved)."""
    return load + c.change_per_distance * distance * (1 - c.participation_relief * participation)


def absorb(*, load: Array, c: Inputs) -> Array:
    return load * (1 - c.change_absorption)


def co_creation_load(*, distance: Array, c: Inputs) -> Array:
    """Working a change out with staff: meetings in proportion to the whole change,
    before participation has made it any smaller (``hours``)."""
    return c.change_per_distance * distance


def taking_part(*, participation: Array, co_creating: Array, c: Inputs) -> Array:
    """How much staff take part in shaping their work this week (0-1): the standing
    ``participation``, and more while a co-created change is being worked out with them
    (``co_creating``: its co-creation load, ``co_creation_load``)."""
    return np.minimum(participation + c.co_creation_taking_part * co_creating / c.change_per_distance, 1)


def reform_participation(*, participation: Array, distance: Array, co_created: float, c: Inputs) -> Array:
    """How much staff take part in a change of levers (0-1) that moved ``distance``.
    Imposed (``co_created`` 0), none: it is decided without them, however much they
    take part in calmer times. Co-created (1), the participation their units already
    practise (the ``participation`` lever before the change) and the involvement of
    working this change out with them (``taking_part``), so a co-created change in a
    unit that never involves its staff is only partly theirs."""
    return co_created * taking_part(participation=participation,
                                    co_creating=co_creation_load(distance=distance, c=c), c=c)


def hours(*, load: Array, participation: Array, co_creating: Array, c: Inputs) -> Array:
    """Hours per week on change and participation: the change itself, standing
    participation in calm times, and the meetings of co-created changes
    (``co_creating``: what is left of them: ``co_creation_load`` of the whole change,
    before participation has made it smaller, times the share of it staff take part in)."""
    return (c.change_hours * load + participation * c.participation_hours
            + c.participation_change_hours * co_creating)


def disrupted_skill(*, skill: Array, load: Array, c: Inputs) -> Array:
    """Skill as it fits the work during a change."""
    return skill * (1 - c.change_disruption * saturating(load, c.load_half))


def follow_lever(*, in_force: Array, lever: Array, c: Inputs) -> Array:
    """Demands in force (indicators, documentation) follow their lever with a lag: easy
    up, slow down."""
    rate = (lever > in_force) * c.demands_added + (lever <= in_force) * c.demands_dropped
    return in_force + rate * (lever - in_force)


def practise_discretion(*, used_discretion: Array, delegated: Array, c: Inputs) -> Array:
    """Discretion staff actually use, following the delegated room slowly."""
    return used_discretion + c.discretion_uptake * (delegated - used_discretion)


def take_on(s: State, *, run: int, rows: np.ndarray, moved: Array, practised: Array,
            co_created: bool = False) -> None:
    """Put the change load of levers that ``moved`` (``Engine.set_levers``) on ``rows``
    (units) of ``run``: imposed, with no participation; ``co_created``, with the
    participation staff there practise (``practised``, 0-1) and the involvement of
    working it out. The part imposed reads as distrust; the part worked out with staff
    costs meetings."""
    c = s.run_c[run]
    participation = reform_participation(participation=practised, distance=moved,
                                         co_created=float(co_created), c=c)
    load = add_load(load=0, distance=moved, participation=participation, c=c)
    s.change_load[run, rows] += load
    s.imposed_load[run, rows] += load * (1 - participation)
    s.co_creation_load[run, rows] += participation * co_creation_load(distance=moved, c=c)


# ------------------------------------------------------------------ steps of the week
def adopt_demands(s: State) -> None:
    """Indicators and documentation demands in force follow their levers with a lag."""
    s.indicators_adopted = follow_lever(in_force=s.indicators_adopted, lever=s.lever.indicators, c=s.c)
    s.documentation_in_force = follow_lever(in_force=s.documentation_in_force,
                                            lever=s.lever.documentation_hours, c=s.c)


def use_discretion(s: State) -> None:
    """Staff use a little more of the room they are given (or less of what was taken)."""
    s.used_discretion = practise_discretion(used_discretion=s.used_discretion,
                                            delegated=s.worker_lever.discretion, c=s.c)


def take_part(s: State) -> None:
    """How much staff take part in shaping their work this week."""
    s.taking_part = taking_part(participation=s.worker_lever.participation,
                                co_creating=s.at_worker(s.co_creation_load), c=s.c)


def absorb_change(s: State) -> None:
    """Part of every change load is absorbed each week."""
    s.change_load = absorb(load=s.change_load, c=s.c)
    s.imposed_load = absorb(load=s.imposed_load, c=s.c)
    s.co_creation_load = absorb(load=s.co_creation_load, c=s.c)
