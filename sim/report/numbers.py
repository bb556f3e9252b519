"""Numbers as a reader sees them, by one rule, in English or Swedish.

* A row of a table (or the two levels a sentence compares) shows three significant
  digits of its largest value, and at most three decimals: 0.833 and 0.867; 1.81 and
  1.15; 141 and 93 (never 141 beside 92.553).
* A difference is shown with the decimals of the levels it is the difference of, and
  more when those would round it to zero: a difference shown as 0.000 is never called
  higher or lower; only an exact zero is shown as 0.
* A share in a sentence is a percentage (36.2%), and a difference of shares is in
  percentage points (-16.9 points); tables keep shares on their 0-1 scale, as their unit
  column says.
* Swedish: a decimal comma and a no-break space between thousands (1 805,3; 36,2 %).
"""

from __future__ import annotations

import math

from sim.model.metrics import METRICS

#: Swedish puts a no-break space between groups of thousands and before a per cent sign.
NBSP = "\u00a0"


def decimals(*values: float) -> int:
    """Decimals that show three significant digits of the largest of ``values`` (0-3)."""
    finite = [abs(v) for v in values if v == v and math.isfinite(v)]
    largest = max(finite, default=0.0)
    if largest == 0:
        return 3
    return int(min(3, max(0, 2 - math.floor(math.log10(largest)))))


def number(x: float, places: int, lang: str = "en", sign: bool = False) -> str:
    """``x`` with ``places`` decimals, grouped by thousands, in ``lang``'s way."""
    if x != x or not math.isfinite(x):
        return "–" if lang == "sv" else "n/a"
    text = f"{x:{'+' if sign else ''},.{places}f}"
    if text.lstrip("+-").strip("0.,") == "":  # -0.000 and +0.000 are 0.000
        text = text.lstrip("+-")
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def difference(x: float, places: int, lang: str = "en") -> str:
    """A signed difference with ``places`` decimals, or more when those would show a
    difference that is not zero as 0 (up to 6); an exact zero is 0."""
    if x != x or not math.isfinite(x):
        return number(x, places, lang)
    if x == 0:
        return "0"
    while places < 6 and round(abs(x), places) == 0:
        places += 1
    return number(x, places, lang, sign=True)


def is_share(metric: str) -> bool:
    return METRICS[metric].unit.startswith("share")


def level(x: float, metric: str, lang: str = "en", places: int | None = None) -> str:
    """A metric's value in a sentence: a percentage for a share, else by the rule."""
    if is_share(metric):
        return number(100 * x, 1, lang) + (NBSP + "%" if lang == "sv" else "%")
    return number(x, decimals(x) if places is None else places, lang)


def change(x: float, metric: str, _, lang: str = "en", places: int | None = None) -> str:
    """A difference of a metric in a sentence: percentage points for a share."""
    if is_share(metric):
        return _("{x} points").format(x=difference(100 * x, 1, lang))
    return difference(x, decimals(x) if places is None else places, lang)


def label(metric: str, _) -> str:
    """A metric's name in words (translated)."""
    return _(metric.replace("_", " "))
