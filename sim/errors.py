"""One error type for every mistake a user can make in their input.

The command line prints ``str(error)`` as one line and exits with status 2, so
every message must name *where* (file, key, line when known), *what* was wrong
and *what is allowed*.
"""

from __future__ import annotations

import difflib


class SteersimInputError(ValueError):
    """Bad input from a user: a scenario file, a lever name, a value out of range."""

    def __init__(self, message: str, *, source: str | None = None, key: str | None = None,
                 line: int | None = None):
        self.source, self.key, self.line = source, key, line
        where = []
        if source:
            where.append(f"{source}" + (f":{line}" if line else ""))
        if key:
            where.append(f"'{key}'")
        prefix = " ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


def did_you_mean(word: str, allowed) -> str:
    """A ``; did you mean 'x'?`` hint, or the empty string when nothing is close."""
    close = difflib.get_close_matches(word, list(allowed), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def require_extra(module: str, extra: str, what: str) -> None:
    """Refuse, in one line naming the extra to install, a command whose optional part
    (``module``, installed by ``steersim[extra]``) is missing."""
    import importlib.util
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise SteersimInputError(f"{what} needs the '{extra}' extra: pip install 'steersim[{extra}]' "
                                 f"(from a checkout: bash setup.sh)", key=extra)
