"""Inputs as other tools want them, from the one registry (``sim.inputs.schema``), so
no script types a range by hand: SALib's problem dictionary and the EMA Workbench's
parameters. An uncertain input spans its plausible range, a lever or another input
everything the model accepts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.inputs.schema import lookup


def span(name: str) -> tuple[float, float]:
    """The range an analysis samples ``name`` over: its plausible range if it is an
    uncertain input, else every value the model accepts."""
    spec = lookup(name)
    if spec.choices or spec.kind is bool:
        raise ValueError(f"{name} is a choice, not a range")
    low, high = spec.plausible if spec.uncertain and spec.plausible else (spec.low, spec.high)
    if low is None or high is None:
        raise ValueError(f"{name} has no upper or lower bound to sample")
    return float(low), float(high)


def salib_problem(names: Sequence[str]) -> dict:
    """SALib's problem dictionary for ``names`` (``span`` of each)."""
    return {"num_vars": len(names), "names": list(names), "bounds": [list(span(n)) for n in names]}


def ema_parameters(names: Sequence[str]) -> list[Any]:
    """EMA Workbench parameters for ``names``: a whole-number input as an
    ``IntegerParameter``, a choice as a ``CategoricalParameter``, the rest as
    ``RealParameter`` over ``span``."""
    from ema_workbench import CategoricalParameter, IntegerParameter, RealParameter
    out: list[Any] = []
    for name in names:
        spec = lookup(name)
        if spec.choices:
            out.append(CategoricalParameter(name, list(spec.choices)))
        elif spec.kind is int:
            low, high = span(name)
            out.append(IntegerParameter(name, int(low), int(high)))
        else:
            out.append(RealParameter(name, *span(name)))
    return out
