"""The side-by-side view as a file, for teachers without a server: an animated GIF or a
self-contained HTML player (frames and the player's icon font embedded; works offline).

    steersim animate npm trust --out results/npm_vs_trust.gif
    steersim animate npm trust --out results/npm_vs_trust.html
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402

from sim.model.metrics import METRICS  # noqa: E402
from sim.report.report import versions  # noqa: E402

from .app import CHART_METRICS, SIDE_COLOURS, SideBySide  # noqa: E402

FONT_AWESOME = re.compile(r'<link rel="stylesheet"\s+href="https://[^"]*font-awesome[^"]*"\s*>')


def build_animation(left: str, right: str, seed: int = 1, frames: int = 60,
                    weeks_per_frame: int = 4):
    model = SideBySide(left, right, seed)
    layout = model.layout
    fig = plt.figure(figsize=(13, 7.6), dpi=80)
    grid = fig.add_gridspec(2, len(CHART_METRICS), height_ratios=(1.5, 1), hspace=0.45, wspace=0.45)
    half = len(CHART_METRICS) // 2 + 1
    net_axes = [fig.add_subplot(grid[0, :half]), fig.add_subplot(grid[0, half:])]
    chart_axes = [fig.add_subplot(grid[1, i]) for i in range(len(CHART_METRICS))]
    fig.text(0.01, 0.01, f"steersim: {left} vs {right}, seed {seed} (same citizens and needs), "
             f"{weeks_per_frame} weeks per frame. Staff coloured by felt trust (0-1, dark = low). "
             f"{versions()}.", fontsize=8)
    fig.subplots_adjust(left=0.05, right=0.99, top=0.93, bottom=0.1)
    index = {m: list(METRICS).index(m) for m in CHART_METRICS}

    def draw(frame):
        if frame:
            for _ in range(weeks_per_frame):
                model.step()
        for ax, name, side in zip(net_axes, model.names, model.sides):
            ax.clear()
            ax.add_collection(LineCollection(layout["edges"], colors="#cccccc", linewidths=0.3))
            ax.scatter(*layout["board"].T, s=40, c="#444444", marker="s")
            ax.scatter(*layout["managers"].T, s=25, c="#777777", marker="D")
            ax.scatter(*layout["staff"].T, s=14, c=side.staff["felt_trust"], cmap="viridis", vmin=0, vmax=1)
            ax.scatter(*layout["citizens"].T, s=3, c="#bbbbbb")
            ax.set_xlim(0, 1)
            ax.set_ylim(0.05, 1.05)
            ax.axis("off")
            ax.set_title(f"{name}, week {side.steps}: board, managers, staff, citizens", fontsize=11)
        for ax, metric in zip(chart_axes, CHART_METRICS):
            ax.clear()
            for colour, name, side in zip(SIDE_COLOURS, model.names, model.sides):
                values = np.array([row[index[metric]] for row in side.history])
                ax.plot(np.arange(values.size), values, color=colour, lw=1.6, label=name)
            ax.set_title(metric.replace("_", " "), fontsize=10)
            ax.set_xlabel("week", fontsize=8)
            ax.set_ylabel(METRICS[metric].unit, fontsize=8)
            ax.set_xlim(0, frames * weeks_per_frame)
            ax.tick_params(labelsize=7)
            ax.grid(alpha=0.3)
        chart_axes[0].legend(fontsize=8, loc="lower left")
        return []

    return fig, FuncAnimation(fig, draw, frames=frames + 1, interval=200, blit=False)


def offline_jshtml(anim) -> str:
    """``anim.to_jshtml()`` with the player's icon font embedded instead of fetched."""
    page = anim.to_jshtml(default_mode="once")
    css = _font_awesome_css()
    if css:
        # a function, not a string: the stylesheet's "\f04b" escapes must stay as they are
        page = FONT_AWESOME.sub(lambda _: f"<style>{css}</style>", page)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>steersim animation</title>"
            "</head><body>" + page + "</body></html>")


def _font_awesome_css() -> str | None:
    from .assets import cdn_dir
    root = cdn_dir() / "font-awesome@4.5.0"
    css_path, font = root / "css" / "font-awesome.min.css", root / "fonts" / "fontawesome-webfont.woff"
    if not css_path.exists() or not font.exists():
        return None
    data = base64.b64encode(font.read_bytes()).decode("ascii")
    css = css_path.read_text()
    # one embedded woff for every format the stylesheet lists
    return re.sub(r"@font-face\{[^}]*\}", "@font-face{font-family:'FontAwesome';src:url(data:font/woff;"
                  f"base64,{data}) format('woff');font-weight:normal;font-style:normal}}", css, count=1)


def animate(left: str, right: str, out: Path, seed: int = 1, frames: int = 60,
            weeks_per_frame: int = 4, lang: str = "en") -> Path:
    fig, anim = build_animation(left, right, seed, frames, weeks_per_frame)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".gif":
        anim.save(out, writer=PillowWriter(fps=5))
    else:
        out.write_text(offline_jshtml(anim), encoding="utf-8")
    plt.close(fig)
    return out
