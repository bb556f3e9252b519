"""Languages: every word a user reads in a report, the classroom page or an animation
goes through ``translator(lang)``, a gettext function over the message catalogues in
``sim/locale/<lang>/LC_MESSAGES/steersim.po``, compiled to ``steersim.mo`` when the
wheel is built (``sim.msgfmt``; in a checkout, in memory on first use). English is the
source language; a message with no translation is shown in English.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "sv")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


_SPEAKING: list[str] = []


@contextmanager
def speaking(lang: str | None):
    """Within: ``default_language()`` is ``lang`` (a command's --lang, for what it prints
    beyond its report: progress lines, notices)."""
    if lang:
        _SPEAKING.append(lang)
    try:
        yield
    finally:
        if lang:
            _SPEAKING.pop()


def default_language() -> str:
    """The user's language if steersim speaks it (a command's --lang, STEERSIM_LANG, then
    the locale)."""
    if _SPEAKING:
        return _SPEAKING[-1]
    wanted = os.environ.get("STEERSIM_LANG") or (locale.getlocale()[0] or "") or os.environ.get("LANG", "")
    code = wanted[:2].lower()
    return code if code in LANGUAGES else "en"


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    mo, po = folder / "steersim.mo", folder / "steersim.po"
    if lang == "en" or not (mo.exists() or po.exists()):
        return gettext.NullTranslations()
    if mo.exists() and not (po.exists() and po.stat().st_mtime > mo.stat().st_mtime):
        data = mo.read_bytes()  # an installed wheel: compiled when it was built
    else:  # a checkout or an editable install: compile the catalogue in memory
        from sim.msgfmt import compile_po
        data = compile_po(po.read_text(encoding="utf-8"))
    return gettext.GNUTranslations(io.BytesIO(data))


def N_(text: str) -> str:
    """Mark a message for the catalogue; it is translated where it is shown."""
    return text


def translator(lang: str | None = None):
    """The gettext function for ``lang`` (default: the user's)."""
    return _catalogue(lang or default_language()).gettext
