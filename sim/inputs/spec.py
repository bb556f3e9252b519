"""One input of the model, whatever its kind: a documented name with a default, a unit,
the values allowed, a plausible range, a meaning and a source.

Four kinds are kept apart (the EMA Workbench's XLRM habit):

* ``organisation``: what the organisation *is* (sizes, the work, its history);
* ``regime``: the levers a government or board controls (what it *does*);
* ``behaviour``: uncertain assumptions about people;
* ``coefficient``: the numbers inside each mechanism, declared in a table beside it
  (``COEFFICIENTS`` in each module of ``sim.mechanisms``), uncertain too.

Behaviour inputs and coefficients are the *uncertainties*: ``steersim robustness`` and
sweeps sample them over their plausible range. This module depends on nothing else in
steersim, so every mechanism module can declare its table with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sim.errors import SteersimInputError, did_you_mean

GROUPS = ("organisation", "regime", "behaviour", "coefficient")
#: Specs that are not model inputs: run settings, event fields, command-line options.
OTHER_GROUPS = ("run", "event", "option")
UNCERTAIN = ("behaviour", "coefficient")


@dataclass(frozen=True)
class Spec:
    """One input: name, group, default, unit, allowed values, plausible range, meaning, source.

    ``low``/``high`` bound what the model accepts; ``plausible`` is the narrower range the
    evidence (or, where it says "assumption", our judgement) supports, which robustness
    analyses sample. ``mechanism`` names the module whose table declares a coefficient.
    """

    name: str
    group: str
    default: Any
    unit: str
    doc: str
    source: str = "assumption"
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    kind: type = float
    plausible: tuple[float, float] | None = None
    mechanism: str = ""
    #: An organisation input whose value is uncertain even for a known organisation (the
    #: character of the work): sampled with the behaviour inputs and coefficients.
    work: bool = False
    #: Levers through which alone this input acts (the market's coefficients act only where
    #: a market lever is on): an analysis of scenarios that leave them all at 0 does not
    #: sample it, since it could change which worlds are drawn but never a result.
    acts_with: tuple[str, ...] = ()

    def __post_init__(self):
        if self.group not in GROUPS + OTHER_GROUPS:
            raise ValueError(f"{self.name}: group {self.group!r} not in {GROUPS + OTHER_GROUPS}")
        if self.plausible is None and not self.choices and self.kind is not bool:
            object.__setattr__(self, "plausible", (self.low, self.high))
        if not self.choices and self.kind is not bool:
            lo, hi = self.plausible
            if self.group in GROUPS and not (self.low <= lo <= self.default <= hi <= self.high):
                raise ValueError(f"{self.name}: need low <= plausible low <= default <= "
                                 f"plausible high <= high, got {self.low}, {self.plausible}, "
                                 f"{self.default}, {self.high}")

    @property
    def uncertain(self) -> bool:
        """Behaviour inputs, coefficients and the uncertain features of the work: what
        robustness analyses sample over their plausible range."""
        return ((self.group in UNCERTAIN or self.work) and not self.choices
                and self.kind is not bool)

    def allowed(self) -> str:
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind is bool:
            return "true or false"
        word = "a whole number" if self.kind is int else "a number"
        return f"{word} from {fmt(self.low)} to {fmt(self.high)}"

    def check(self, value: Any, *, source: str | None = None, line: int | None = None,
              key: str | None = None) -> Any:
        """``value`` converted to this input's type, or a one-line ``SteersimInputError``
        naming the key, what was given and what is allowed."""
        def bad(why: str) -> SteersimInputError:
            return SteersimInputError(f"{why}; allowed: {self.allowed()}"
                                      + (f" ({self.unit})" if self.unit else ""),
                                      source=source, key=key or self.name, line=line)
        if self.choices:
            if not isinstance(value, str) or value not in self.choices:
                hint = did_you_mean(value, self.choices) if isinstance(value, str) else ""
                raise bad(f"got {short(value)}{hint}")
            return value
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false"):
                return value.lower() == "true"
            raise bad(f"got {short(value)}")
        if isinstance(value, bool) or isinstance(value, complex):
            raise bad(f"got {short(value)}")
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise bad(f"got {short(value)}, not a number") from None
        try:
            number = float(value)  # numpy scalars too; huge integers overflow here
        except (TypeError, ValueError, OverflowError):
            raise bad(f"got {short(value)}, not a number") from None
        if not math.isfinite(number):
            raise bad(f"got {short(value)}")
        if self.kind is int:
            if not number.is_integer():
                raise bad(f"got {short(value)}, not a whole number")
            out: Any = int(number)
        else:
            out = number
        if (self.low is not None and out < self.low) or (self.high is not None and out > self.high):
            raise bad(f"got {fmt(out)}, out of range")
        return out


def fmt(x) -> str:
    """A number as a person would write it (no trailing .0)."""
    if x is None:
        return "any"
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:g}" if isinstance(x, float) else str(x)


def short(value: Any, width: int = 40) -> str:
    """``repr(value)`` cut to ``width`` characters, so an error message stays one line."""
    text = repr(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 3] + "..."


def coefficient(name: str, default: float, unit: str, plausible: tuple[float, float],
                doc: str, source: str = "assumption", *, low: float = 0.0,
                high: float | None = None, kind: type = float) -> Spec:
    """A mechanism's coefficient. ``plausible`` is its documented range; the model accepts
    ``low`` (default 0) up to ``high`` (default: twice the plausible top)."""
    top = high if high is not None else max(plausible[1] * 2, plausible[1] + 1e-9)
    if high is None and plausible[1] <= 1 and (unit.startswith("share") or "0-1" in unit):
        top = min(top, 1.0)  # a share or a 0-1 score cannot exceed 1
    return Spec(name, "coefficient", default, unit, doc, source, low, top, kind=kind,
                plausible=plausible)


def table(module: str, *specs: Spec, acts_with: tuple[str, ...] = ()) -> tuple[Spec, ...]:
    """A mechanism module's coefficient table, each entry stamped with the module's name
    (and ``acts_with``: the levers without which the module does nothing)."""
    short_name = module.rsplit(".", 1)[-1]
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise ValueError(f"{module}: a coefficient is declared twice")
    return tuple(Spec(**{**s.__dict__, "mechanism": short_name, "acts_with": acts_with}) for s in specs)
