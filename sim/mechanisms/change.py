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

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import saturating

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


def add_load(load, distance, participation, c):
    """Change load after a change of levers that moved ``distance`` (0-1, the mean
    share of each lever's range it moved)."""
    return load + c.change_per_distance * distance * (1 - c.participation_relief * participation)


def absorb(load, c):
    return load * (1 - c.change_absorption)


def co_creation_load(distance, c):
    """Working a change out with staff: meetings in proportion to the whole change,
    before participation has made it any smaller (``hours``)."""
    return c.change_per_distance * distance


def taking_part(participation, co_creating, c):
    """How much staff take part in shaping their work this week (0-1): the standing
    participation, and more while a co-created change is being worked out with them
    (``co_creating``: its co-creation load, ``co_creation_load``)."""
    return np.minimum(participation + c.co_creation_taking_part * co_creating / c.change_per_distance, 1)


def reform_participation(participation, distance, co_created, c):
    """How much staff take part in a change of levers (0-1) that moved ``distance``.
    Imposed (``co_created`` 0), none: it is decided without them, however much they
    take part in calmer times. Co-created (1), the participation their units already
    practise (the ``participation`` lever before the change) and the involvement of
    working this change out with them (``taking_part``), so a co-created change in a
    unit that never involves its staff is only partly theirs."""
    return co_created * taking_part(participation, co_creation_load(distance, c), c)


def hours(load, participation, co_creating, c):
    """Hours per week on change and participation: the change itself, standing
    participation in calm times, and the meetings of co-created changes
    (``co_creating``: what is left of them: ``co_creation_load`` of the whole change,
    before participation has made it smaller, times the share of it staff take part in)."""
    return (c.change_hours * load + participation * c.participation_hours
            + c.participation_change_hours * co_creating)


def disrupted_skill(skill, load, c):
    """Skill as it fits the work during a change."""
    return skill * (1 - c.change_disruption * saturating(load, c.load_half))


def follow_lever(in_force, lever, c):
    """Demands in force (indicators, documentation) follow their lever with a lag: easy
    up, slow down."""
    rate = (lever > in_force) * c.demands_added + (lever <= in_force) * c.demands_dropped
    return in_force + rate * (lever - in_force)


def practise_discretion(used, delegated, c):
    """Discretion staff actually use, following the delegated room slowly."""
    return used + c.discretion_uptake * (delegated - used)
