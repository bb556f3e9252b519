"""The model's inputs: the one schema (``schema``: every input's default, unit, range,
plausible range, meaning and source), scenario files (``scenario``), events over time
(``events``), experiment files (``experiment``) and their checks (``files``).

``sim.inputs`` is also a function, for finding an input from a notebook or a prompt::

    >>> import sim
    >>> sim.inputs("regime")                  # the levers a government controls  # doctest: +SKIP
    >>> sim.inputs("gaming")                  # one mechanism's coefficients       # doctest: +SKIP
    >>> sim.inputs(uncertain=True)            # what robustness samples            # doctest: +SKIP

It returns a table (pandas) with one row per input: group, mechanism, default, unit,
allowed range, plausible range, meaning and source, the same as ``steersim list``.
Every row is a keyword of ``SteeringModel`` and a key of a scenario file's section.
"""

from __future__ import annotations

import sys
import types


class _Inputs(types.ModuleType):
    """This package, callable: ``sim.inputs(group)`` lists inputs grouped."""

    def __call__(self, group: str | None = None, *, uncertain: bool | None = None):
        """The inputs of ``group`` ("organisation", "regime", "behaviour", "coefficient"
        or a mechanism's name, e.g. "gaming"; None: all 4 groups), or only those that
        are (``uncertain=True``) or are not uncertain, as a table indexed by name."""
        import pandas as pd

        from sim.errors import SteersimInputError, did_you_mean
        from sim.inputs.schema import SPEC_LIST
        from sim.inputs.spec import GROUPS
        from sim.mechanisms import MODULES
        if group is not None and group not in GROUPS and group not in MODULES:
            raise SteersimInputError(f"no group or mechanism {group!r}{did_you_mean(str(group), [*GROUPS, *MODULES])};"
                                     f" groups: {', '.join(GROUPS)}; mechanisms: {', '.join(MODULES)}", key="group")
        rows = [{"name": s.name, "group": s.group, "mechanism": s.mechanism or "", "default": s.default,
                 "unit": s.unit, "allowed": s.allowed(),
                 "plausible": (f"{s.plausible[0]:g}-{s.plausible[1]:g}" if s.uncertain and s.plausible else ""),
                 "uncertain": s.uncertain, "meaning": s.doc, "source": s.source}
                for s in SPEC_LIST if group in (None, s.group, s.mechanism or None)
                and (uncertain is None or s.uncertain == uncertain)]
        return pd.DataFrame(rows).set_index("name")


sys.modules[__name__].__class__ = _Inputs
