"""Results that show themselves: in a notebook a result is a short card (what was run,
the answer in sentences, the table), and ``result.plot()`` draws its figure.

A result class mixes in ``Shown`` and says what to show in ``_shown()``: a title, a few
sentences and a table (pandas). Its ``figure(path=None, ...)`` draws; ``plot(...)``
returns that figure detached from pyplot, so a notebook shows it once (as the cell's
value) and a script can save it (``fig.savefig``).
"""

from __future__ import annotations

import html

import pandas as pd


class Shown:
    """``_repr_html_`` and ``plot()`` for a result (see the module's docstring)."""

    def _shown(self) -> tuple[str, list[str], pd.DataFrame | None]:
        raise NotImplementedError

    def figure(self, path=None, *args, **kwargs):
        raise NotImplementedError

    def plot(self, *args, **kwargs):
        """The result's figure (matplotlib), with a title, axis labels with units and a
        caption naming the scenarios, seeds and versions. Arguments as ``figure``'s."""
        fig = self.figure(None, *args, **kwargs)
        detach(fig)
        return fig

    def _repr_html_(self) -> str:
        title, sentences, table = self._shown()
        return card(title, sentences, table)


def detach(fig) -> None:
    """Leave ``fig`` usable but out of pyplot's list of open figures, so Jupyter's inline
    backend does not draw it a second time at the end of the cell."""
    import matplotlib.pyplot as plt
    if plt.fignum_exists(fig.number if hasattr(fig, "number") else -1):
        plt.close(fig)


def card(title: str, sentences: list[str], table: pd.DataFrame | None = None, rows: int = 20) -> str:
    parts = [f"<div class='steersim-result'><p><strong>{html.escape(title)}</strong></p>"]
    if sentences:
        parts.append("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in sentences) + "</ul>")
    if table is not None and len(table):
        shown = table.head(rows)
        parts.append(shown.to_html(index=False, float_format=lambda x: f"{x:.4g}", na_rep="", border=0))
        if len(table) > rows:
            parts.append(f"<p>... {len(table) - rows} more rows (the whole table: <code>.table</code>)</p>")
    parts.append("</div>")
    return "".join(parts)
