"""Languages: every word a user reads in a report, the classroom page or an animation
goes through ``translator(lang)``, a gettext function over the message catalogues in
``sim/locale/<lang>/LC_MESSAGES/steersim.po`` (read with Babel). English is the
source language; a message with no translation is shown in English.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "sv")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def default_language() -> str:
    """The user's language if steersim speaks it (STEERSIM_LANG, then the locale)."""
    wanted = os.environ.get("STEERSIM_LANG") or (locale.getlocale()[0] or "") or os.environ.get("LANG", "")
    code = wanted[:2].lower()
    return code if code in LANGUAGES else "en"


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "steersim.po"
    if lang == "en" or not po.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def N_(text: str) -> str:
    """Mark a message for the catalogue; it is translated where it is shown."""
    return text


def translator(lang: str | None = None):
    """The gettext function for ``lang`` (default: the user's)."""
    return _catalogue(lang or default_language()).gettext
