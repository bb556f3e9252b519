"""The data steersim ships: preset scenarios, example scenarios and experiment files.

They live at the top of the project (``scenarios/``, ``experiments/``), where users look
for them, and are mapped into the package when a wheel is built (pyproject.toml), so an
installed steersim finds them with ``importlib.resources`` wherever it runs. From a
checkout or an editable install the same folders are read in place.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def shipped(*parts: str) -> Path:
    """The shipped folder or file ``parts`` (e.g. ``shipped("scenarios", "npm.toml")``)."""
    package = Path(str(importlib.resources.files("sim")))
    inside = package.joinpath(*parts)       # an installed wheel
    if inside.exists():
        return inside
    beside = package.parent.joinpath(*parts)  # a checkout or an editable install
    return beside if beside.exists() else inside


def presets_dir() -> Path:
    return shipped("scenarios")


def examples_dir() -> Path:
    return shipped("scenarios", "examples")


def experiments_dir() -> Path:
    return shipped("experiments")
