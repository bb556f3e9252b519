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
from sim.report.report import versions
from sim.viz import words
from sim.viz.board import BY_KEY, translated
from sim.viz.classroom import SIDE_COLOURS
from sim.viz.readings import Side

#: The GIF's charts (fewer, larger than the page's): quality, time use, staff, indicators.
GIF_CHARTS = tuple(BY_KEY[key] for key in ("quality", "time", "staff_trust", "indicator_results"))


def simulate(left: str, right: str, seed: int, weeks: int) -> list[dict[str, list[float]]]:
    """Both regimes on one seed: per side, series -> weekly values (week 0 first), as the
    page shows them."""
    out = []
    for ref in (left, right):
        side = Side(ref, seed)
        for _week in range(weeks):
            side.step()
        out.append(side.series())
        side.release()
    return out


def html_player(left: str, right: str, series, seed: int, lang: str) -> str:
    """A page that plays the weeks from week 0 (the question before the answer)."""
    from sim.viz.widgets import CHARTS_JS
    _ = translator(lang)
    charts, numbers = translated(_)
    names = words.side_names(left, right, _)
    look = {"font": 18, "colors": list(SIDE_COLOURS), "names": names, "decimal": words.decimal(_),
            "pct": _("{n}%"), "weekWord": _("week"), "span": len(series[0]["service_quality"]) - 1}
    data = json.dumps({"series": series, "charts": charts, "numbers": numbers, "look": look, "week": _("week {n}"),
                       "play": _("Play"), "pause": _("Pause")}, separators=(",", ":"))
    left, right = names
    caption = (f"steersim: {left} | {right}, " + _("seed {n}").format(n=seed) + ": " + _("1 step = 1 week")
               + f". {versions(_)}.")
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>steersim: {left} | {right}</title>
<style>body{{font-family:sans-serif;font-size:18px;margin:8px;max-width:1264px}}
#charts{{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:4px 10px}} canvas{{display:block;width:100%;height:200px}}
.head{{font-size:16px;line-height:1.2}} .num b{{font-size:24px}} .side{{padding-left:8px;margin:2px 0}} button{{font-size:18px}}</style></head><body>
<div><button id="play"></button> <input id="week" type="range" min="0" value="0" style="width:700px">
<b id="label"></b></div><div id="numbers"></div><div id="charts"></div><p style="font-size:16px">{caption}</p>
<script>{CHARTS_JS}
var D = {data}, n = D.series[0].service_quality.length, at = 0, timer = null;
var slider = document.getElementById('week'); slider.max = n - 1; slider.value = at;
var holder = document.getElementById('charts');
D.charts.forEach(function (c) {{
  var cell = document.createElement('div'), head = document.createElement('div');
  head.className = 'head'; head.textContent = c.title + ' (' + c.unit + ')' + c.lines.filter(function (l) {{ return l.label; }})
    .map(function (l) {{ return '  ' + (l.dash ? '╌ ' : '─ ') + l.label; }}).join('');
  cell.appendChild(head); cell.appendChild(document.createElement('canvas')); holder.appendChild(cell);
}});
function cut(w) {{ return D.series.map(function (s) {{ var o = {{}}; for (var k in s) o[k] = s[k].slice(0, w + 1); return o; }}); }}
function shown(m, v) {{ return m.percent ? D.look.pct.replace('{{n}}', Math.round(100 * v)) : steersimCharts.number(v, 2, D.look); }}
function draw() {{
  var s = cut(at);
  holder.querySelectorAll('canvas').forEach(function (c, i) {{ steersimCharts.drawChart(c, D.charts[i], s, [], D.look); }});
  document.getElementById('label').textContent = D.week.replace('{{n}}', at);
  document.getElementById('numbers').innerHTML = D.look.names.map(function (name, i) {{
    return '<div class="side num" style="border-left:8px solid ' + D.look.colors[i] + '"><b>' + name + '</b> ' +
      D.numbers.map(function (m) {{ return m.label + ' <b>' + shown(m, D.series[i][m.metric][at]) + '</b>'; }}).join(' &nbsp; ') + '</div>';
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
    from matplotlib.ticker import FuncFormatter
    _ = translator(lang)
    n = len(series[0]["service_quality"])
    plt.rcParams.update({"font.size": 16})
    fig, axes = plt.subplots(1, len(GIF_CHARTS), figsize=(12.8, 7.2), dpi=100)
    fig.subplots_adjust(left=0.075, right=0.99, top=0.66, bottom=0.12, wspace=0.5)
    names = words.side_names(left, right, _)
    fig.legend([Line2D([], [], color=c, lw=4) for c in SIDE_COLOURS], names, loc="upper right", ncol=2,
               frameon=False, fontsize=18)
    header = fig.text(0.01, 0.97, "", fontsize=22, va="top", weight="bold")
    numbers = [fig.text(0.01, 0.88 - 0.07 * i, "", fontsize=18, va="top", color=c) for i, c in enumerate(SIDE_COLOURS)]
    fig.text(0.01, 0.01, "steersim, " + _("seed {n}").format(n=seed) + ": " + _("1 step = 1 week") + f". {versions(_)}",
             fontsize=11)
    weeks = np.linspace(0, n - 1, frames).round().astype(int)

    def draw(frame):
        w = int(weeks[frame])
        header.set_text(_("week {n}").format(n=w))
        for i, name in enumerate(names):
            s = series[i]
            numbers[i].set_text(f"{name}:  {_('quality')} {words.number(s['service_quality'][w], 2, _)}   "
                                f"{_('with clients')} {words.percent(s['direct_time_share'][w], _)}   "
                                f"{_("citizens' trust")} {words.percent(s['citizen_trust'][w], _)}")
        for ax, chart in zip(axes, GIF_CHARTS):
            ax.clear()
            values = [v for line in chart.lines for side in series for v in side[line.key]]
            inside = chart.low <= min(values) and max(values) <= chart.high
            for line in chart.lines:
                for side in (0, 1):
                    ax.plot(series[side][line.key][:w + 1], color=SIDE_COLOURS[side], lw=2.5,
                            ls="--" if line.dash else "-")
            key = "  ".join(("╌ " if line.dash else "─ ") + _(line.label) for line in chart.lines if line.label)
            ax.set_title(_(chart.title) + (f"\n{key}" if key else ""), fontsize=13)
            ax.set_xlim(0, n - 1)
            ax.set_ylim(*((chart.low, chart.high) if inside else chart.full))
            ax.set_xlabel(_("week"))
            ax.set_ylabel(_(chart.unit))
            ax.yaxis.set_major_formatter(FuncFormatter(
                (lambda v, _pos: words.percent(v, _)) if chart.percent else (lambda v, _pos: words.number(v, 2, _))))
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
