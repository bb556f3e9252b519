"""Progress that a user sees wherever the work runs.

* in a terminal: a labelled bar (tqdm) that stays on screen when it is done;
* in Jupyter: a widget (tqdm's notebook bar, when ipywidgets is installed);
* in a log file, under nohup, CI or a cluster's batch system (stderr is not a
  terminal): a line every ``LOG_SECONDS`` with what is done, the total, the rate and the
  time left, and a last line when it ends (a task shorter than ``LOG_SECONDS`` prints
  nothing, so quick commands stay quiet);
* nothing, when asked (``--quiet``, ``progress=False``).

``show`` is True (show it, in whichever form fits where stderr goes), False (nothing) or
None (only where someone is watching: a terminal or a notebook; what the library does
when not told).
"""

from __future__ import annotations

import sys
import time
from typing import IO

from sim.i18n import N_, default_language, translator

#: Seconds between two progress lines in a log.
LOG_SECONDS = 5.0


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where stderr is not a terminal but a person watches)."""
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except Exception:
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


#: What is counted, in the plural a line shows (translated where shown).
UNITS = {"run": N_("runs"), "world": N_("worlds"), "seed": N_("seeds"), "study": N_("studies")}


def progress_bar(total: int, show: bool | None, unit: str = "run", desc: str | None = None,
                 stream: IO[str] | None = None):
    """A progress display for ``total`` items of ``unit`` ("run", "world" or "seed")
    labelled ``desc`` (default: what is counted), with ``update(n)`` and ``close()``, in
    the user's language (``sim.i18n.default_language``)."""
    _ = translator()
    stream = stream or sys.stderr
    many = _(UNITS.get(unit, f"{unit}s"))
    label = _(desc) if desc else many
    terminal, notebook = _is_terminal(stream), in_notebook()
    if show is False or (show is None and not (terminal or notebook)) or total <= 0:
        return _Silent()
    if notebook and _has_widgets():
        from tqdm.notebook import tqdm as notebook_bar
        return notebook_bar(total=total, unit=" " + many, desc=label, leave=True)
    if terminal or notebook:
        from tqdm import tqdm
        return tqdm(total=total, unit=" " + many, desc=label, leave=True, dynamic_ncols=True, file=stream)
    return LogLines(total, many, label, stream)


def _has_widgets() -> bool:
    import importlib.util
    return importlib.util.find_spec("ipywidgets") is not None


class _Silent:
    n = 0

    def update(self, n: int = 1) -> None:
        self.n += n

    def close(self) -> None:
        pass


class LogLines:
    """Progress as plain lines, for a log: ``label: 40/100 runs (40%), 5.10 runs/s, about
    12 s left`` (``units``: what is counted, plural, as shown)."""

    def __init__(self, total: int, units: str, label: str, stream: IO[str], every: float | None = None):
        self.total, self.units, self.label, self.stream = total, units, label, stream
        self.every = LOG_SECONDS if every is None else every
        self.n, self.started = 0, time.monotonic()
        self.last = self.started
        self.printed = False

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self._line(now)

    def close(self) -> None:
        if self.printed:  # a task that never printed stays silent at its end too
            self._line(time.monotonic(), final=True)

    def _line(self, now: float, final: bool = False) -> None:
        from sim.report.numbers import number
        lang = default_language()
        _ = translator(lang)
        self.last, self.printed = now, True
        elapsed = max(now - self.started, 1e-9)
        rate = self.n / elapsed
        if final:
            tail = _("done in {time}").format(time=_duration(elapsed))
        elif rate > 0:
            tail = _("about {time} left").format(time=_duration((self.total - self.n) / rate))
        else:
            tail = _("waiting for the first to finish")
        share = number(100 * self.n / self.total, 0, lang) + ("\u00a0%" if lang == "sv" else "%")
        text = _("{label}: {done}/{total} {units} ({share}), {rate} {units}/s, {tail}").format(
            label=self.label, done=self.n, total=self.total, units=self.units, share=share,
            rate=number(rate, 2, lang), tail=tail)
        try:
            print(text, file=self.stream, flush=True)
        except (OSError, ValueError):  # a closed log: the work goes on
            pass


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def notice(text: str) -> None:
    """A line for the user on stderr (a stop, a wait), whatever the progress display."""
    try:
        print(f"steersim: {text}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


__all__ = ["progress_bar", "LogLines", "notice", "in_notebook", "LOG_SECONDS"]
