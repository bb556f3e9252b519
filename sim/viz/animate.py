"""The side-by-side view as a file, for a class without a server: an animated GIF, or a
self-contained HTML player that draws the same charts as the page (charts.js) from the
precomputed weeks, with nothing fetched from a network.

    steersim animate npm trust --out results/npm_vs_trust.gif
    steersim animate npm trust --out results/npm_vs_trust.html --lang sv
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sim.i18n import translator
from sim.inputs.scenario import load_scenario
from sim.model.model import SteeringModel
from sim.report.report import versions
from sim.viz.classroom import CHARTS, DIFF_COLOUR, SIDE_COLOURS, shown_series, translated

#: The GIF's charts (fewer, larger than the page's): quality, time use, citizens' trust, motivation.
GIF_CHARTS = tuple(CHARTS[i] for i in (0, 3, 4, 9))


def simulate(left: str, right: str, seed: int, weeks: int) -> list[dict[str, list[float]]]:
    """Both regimes on one seed: per side, metric -> weekly values (week 0 first)."""
    out = []
    for ref in (left, right):
        model = SteeringModel.from_scenario(load_scenario(ref), seed)
        model.run(weeks)
        out.append(shown_series(model))
        model.remove_all_agents()
    return out


def html_player(left: str, right: str, series, seed: int, lang: str) -> str:
    from sim.viz.widgets import CHARTS_JS
    _ = translator(lang)
    charts, numbers = translated(_)
    data = json.dumps({"series": series, "charts": charts, "numbers": numbers, "names": [left, right],
                       "colors": list(SIDE_COLOURS), "diff": DIFF_COLOUR, "week": _("week {n}"),
                       "play": _("Play"), "pause": _("Pause")}, separators=(",", ":"))
    caption = (f"steersim: {left} | {right}, seed {seed}: " + _("1 step = 1 week") + f". {versions()}.")
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>steersim: {left} | {right}</title>
<style>body{{font-family:sans-serif;font-size:18px;margin:8px;width:1264px}}
#charts{{display:grid;grid-template-columns:repeat(5,1fr);gap:2px 8px}} canvas{{width:100%;height:230px}}
.num b{{font-size:24px}} .side{{padding-left:8px;margin:2px 0}} button{{font-size:18px}}</style></head><body>
<div><button id="play"></button> <input id="week" type="range" min="0" value="0" style="width:700px">
<b id="label"></b></div><div id="numbers"></div><div id="charts"></div><p style="font-size:14px">{caption}</p>
<script>{CHARTS_JS}
var D = {data}, n = D.series[0].service_quality.length, at = n - 1, timer = null;
var slider = document.getElementById('week'); slider.max = n - 1; slider.value = at;
var holder = document.getElementById('charts');
D.charts.forEach(function () {{ holder.appendChild(document.createElement('canvas')); }});
function cut(w) {{ return D.series.map(function (s) {{ var o = {{}}; for (var k in s) o[k] = s[k].slice(0, w + 1); return o; }}); }}
function draw() {{
  var s = cut(at), look = {{font: 18, colors: D.colors, diff: D.diff, names: D.names}};
  holder.querySelectorAll('canvas').forEach(function (c, i) {{ steersimCharts.drawChart(c, D.charts[i], s, [], look); }});
  document.getElementById('label').textContent = D.week.replace('{{n}}', at);
  document.getElementById('numbers').innerHTML = D.names.map(function (name, i) {{
    return '<div class="side num" style="border-left:8px solid ' + D.colors[i] + '"><b>' + name + '</b> ' +
      D.numbers.map(function (m) {{ var v = D.series[i][m.metric][at];
        return m.label + ' <b>' + (m.percent ? Math.round(100 * v) + '%' : v.toFixed(2)) + '</b>'; }}).join(' &nbsp; ') + '</div>';
  }}).join('');
  document.getElementById('play').textContent = timer ? D.pause : D.play;
}}
slider.oninput = function () {{ at = +slider.value; draw(); }};
document.getElementById('play').onclick = function () {{
  if (timer) {{ clearInterval(timer); timer = null; }}
  else {{ if (at >= n - 1) at = 0; timer = setInterval(function () {{ at = Math.min(at + 1, n - 1); slider.value = at;
    if (at >= n - 1) {{ clearInterval(timer); timer = null; }} draw(); }}, 50); }}
  draw();
}};
window.addEventListener('resize', draw); draw();
</script></body></html>"""


def gif(left: str, right: str, series, out: Path, seed: int, frames: int, lang: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation, PillowWriter
    from matplotlib.lines import Line2D
    _ = translator(lang)
    n = len(series[0]["service_quality"])
    plt.rcParams.update({"font.size": 16})
    fig, axes = plt.subplots(1, len(GIF_CHARTS), figsize=(12.8, 7.2), dpi=100)
    fig.subplots_adjust(left=0.05, right=0.99, top=0.68, bottom=0.12, wspace=0.3)
    fig.legend([Line2D([], [], color=c, lw=4) for c in SIDE_COLOURS], [left, right], loc="upper right",
               ncol=2, frameon=False, fontsize=18)
    header = fig.text(0.01, 0.97, "", fontsize=22, va="top", weight="bold")
    numbers = [fig.text(0.01, 0.88 - 0.07 * i, "", fontsize=18, va="top", color=c) for i, c in enumerate(SIDE_COLOURS)]
    fig.text(0.01, 0.01, f"steersim, seed {seed}: " + _("1 step = 1 week") + f". {versions()}", fontsize=11)
    weeks = np.linspace(0, n - 1, frames).round().astype(int)

    def draw(frame):
        w = int(weeks[frame])
        header.set_text(_("week {n}").format(n=w))
        for i, name in enumerate((left, right)):
            s = series[i]
            numbers[i].set_text(f"{name}:  {_('quality')} {s['service_quality'][w]:.2f}   {_('with clients')} "
                                f"{100 * s['direct_time_share'][w]:.0f}%   {_("citizens' trust")} "
                                f"{100 * s['citizen_trust'][w]:.0f}%")
        for ax, chart in zip(axes, GIF_CHARTS):
            ax.clear()
            for line in chart["lines"]:
                ax.plot(series[line["side"]][line["metric"]][:w + 1], color=SIDE_COLOURS[line["side"]], lw=2.5,
                        ls="--" if line.get("dash") else "-")
            ax.set_title(_(chart["title"]), fontsize=16)
            ax.set_xlim(0, n - 1)
            ax.set_ylim(chart["ymin"], chart["ymax"])
            ax.set_xlabel(_("week"))
            ax.grid(alpha=0.3)
        return []

    anim = FuncAnimation(fig, draw, frames=frames, interval=200, blit=False)
    anim.save(out, writer=PillowWriter(fps=5))
    plt.close(fig)


def animate(left: str, right: str, out: Path, seed: int = 1, frames: int = 60,
            weeks_per_frame: int = 4, lang: str = "en") -> Path:
    out = Path(out)
    series = simulate(left, right, seed, frames * weeks_per_frame)
    from sim.execution.files import write_atomic
    if out.suffix.lower() == ".gif":
        def write_gif(tmp: str) -> None:
            named = Path(tmp).with_suffix(".gif")  # Pillow picks the format by the name
            try:
                gif(left, right, series, named, seed, frames, lang)
                named.replace(tmp)
            finally:
                named.unlink(missing_ok=True)
        write_atomic(out, write_gif)
    else:
        page = html_player(left, right, series, seed, lang)
        write_atomic(out, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    return out
