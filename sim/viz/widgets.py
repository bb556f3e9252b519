"""The page's drawings as small Vue widgets (ipyvue, which Solara already loads): the week
and big numbers, the time-series charts and the organisation pictures are drawn in the
browser on canvases (``charts.js``), so a week sends a few numbers, not an image, and
nothing is fetched from a network.

A run starts from ``start`` (its run number, week, series and markers); the server then
sends each new week as a message tagged with the run, and the browser drops any message
from another run, so a restart is clean whatever was still on its way. The browser
keeps the series and redraws at most once per animation frame, and redraws a canvas
whenever its size changes (a view shown again, a window resized). ``window.steersimLast``
holds what the page shows now (week, last values, series, markers), for the tests.
"""

from __future__ import annotations

from pathlib import Path

import ipyvue
import traitlets

from sim.viz import vue

CHARTS_JS = (Path(__file__).resolve().parent / "charts.js").read_text(encoding="utf-8")


def _template(text: str) -> str:
    return text.replace("%(js)s", CHARTS_JS)


class Board(ipyvue.VueTemplate):
    """The week, the big numbers and the charts (small multiples over the weeks, both sides)."""

    template = traitlets.Unicode(_template(vue.BOARD)).tag(sync=True)
    charts: traitlets.List = traitlets.List().tag(sync=True)     # chart specs (sim.viz.board)
    numbers: traitlets.List = traitlets.List().tag(sync=True)    # [{metric, label, percent, help}]
    focus: traitlets.List = traitlets.List().tag(sync=True)      # a lesson's charts, first ([]: all)
    start = traitlets.Dict().tag(sync=True)      # {run, week, series, markers}: the run to draw
    look = traitlets.Dict().tag(sync=True)       # {font, colors, names, decimal, pct, weekWord, span}
    texts = traitlets.Dict().tag(sync=True)      # the page's words the board shows
    show_charts = traitlets.Bool(True).tag(sync=True)
    reserve = traitlets.Int(150).tag(sync=True)  # pixels to leave under the charts (the levers)

    on_resync = None   # what the page does when the browser asks for the whole run again

    def week(self, run: int, week: int, rows: list[dict] | None, markers: list[dict]) -> None:
        """A new week's values (``rows``, one dict per side), or only new markers (None)."""
        self.send({"method": "week", "args": [{"run": run, "week": week, "rows": rows, "markers": markers}]})

    def vue_resync(self, _data=None) -> None:
        if self.on_resync is not None:
            self.on_resync()


class Networks(ipyvue.VueTemplate):
    """Both organisations: board, managers and staff by unit, coloured by a 0-1 value.
    ``nets`` is set by the server and always holds the current week."""

    template = traitlets.Unicode(_template(vue.NETWORKS)).tag(sync=True)
    nets: traitlets.List = traitlets.List().tag(sync=True)
    look = traitlets.Dict().tag(sync=True)
    height = traitlets.Int(300).tag(sync=True)
    scale_title = traitlets.Unicode("").tag(sync=True)
    low_text = traitlets.Unicode("0").tag(sync=True)
    high_text = traitlets.Unicode("1").tag(sync=True)
    pilot_text = traitlets.Unicode("").tag(sync=True)


class Explainer(ipyvue.VueTemplate):
    """A one-sentence explanation beside any element with a ``data-help`` attribute, on
    hover and on tap (a touch screen has no hover), and the browser window's size."""

    template = traitlets.Unicode(_template(vue.EXPLAINER)).tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)

    def vue_window_size(self, data) -> None:
        self.width, self.height = int(data[0]), int(data[1])
