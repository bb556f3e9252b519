"""The page's drawings as small Vue widgets (ipyvue, which Solara already loads): the
time-series charts and the organisation pictures are drawn in the browser on canvases
(``charts.js``), so a week's redraw sends numbers, not images, and nothing is fetched
from a network."""

from __future__ import annotations

from pathlib import Path

import ipyvue
import traitlets

CHARTS_JS = (Path(__file__).resolve().parent / "charts.js").read_text(encoding="utf-8")


def _template(markup: str, methods: str, watch: str) -> str:
    return (f"<template>{markup}</template>\n<script>\n{CHARTS_JS}\nmodule.exports = {{\n"
            f"  mounted() {{ this.draw(); this._resize = () => this.draw(); window.addEventListener('resize', this._resize); }},\n"
            f"  destroyed() {{ window.removeEventListener('resize', this._resize); }},\n"
            f"  watch: {{ {watch} }},\n  methods: {{ {methods} }}\n}}\n</script>")


_CHARTS = _template(
    """<div class="steersim-charts" :style="'display:grid;gap:4px 10px;grid-template-columns:repeat(' + columns + ',1fr)'">
  <canvas v-for="(c, i) in charts" :key="c.title" :ref="'c' + i" class="steersim-chart" :data-title="c.title"
          :data-font="look.font" :style="'width:100%;height:' + height + 'px'"></canvas>
</div>""",
    """draw() {
      this.charts.forEach((c, i) => {
        const el = this.$refs['c' + i]; const canvas = Array.isArray(el) ? el[0] : el;
        if (canvas) steersimCharts.drawChart(canvas, c, this.series, this.markers, this.look);
      });
    }""",
    "series() { this.draw(); }, markers() { this.draw(); }, look() { this.draw(); },"
    "charts() { this.$nextTick(() => this.draw()); }, height() { this.$nextTick(() => this.draw()); }, "
    "columns() { this.$nextTick(() => this.draw()); }")


class TimeCharts(ipyvue.VueTemplate):
    """Small multiples over the weeks, both regimes on each (see charts.js for the shapes)."""

    template = traitlets.Unicode(_CHARTS).tag(sync=True)
    charts = traitlets.List().tag(sync=True)
    series = traitlets.List().tag(sync=True)
    markers = traitlets.List().tag(sync=True)
    look = traitlets.Dict().tag(sync=True)
    height = traitlets.Int(190).tag(sync=True)
    columns = traitlets.Int(4).tag(sync=True)


_NETWORKS = _template(
    """<div class="steersim-networks">
  <div style="display:grid;grid-template-columns:1fr 1fr;gap:10px">
    <canvas v-for="(n, i) in nets" :key="i" :ref="'n' + i" class="steersim-network"
            :style="'width:100%;height:' + height + 'px'"></canvas>
  </div>
  <div style="display:flex;align-items:center;gap:12px;margin-top:4px">
    <span :style="'font-size:' + look.font + 'px'">{{ scale_title }}</span>
    <canvas ref="scale" style="width:320px;height:44px"></canvas>
    <span :style="'font-size:' + look.font + 'px;color:#d62728'">{{ pilot_text }}</span>
  </div>
</div>""",
    """draw() {
      this.nets.forEach((n, i) => {
        const el = this.$refs['n' + i]; const canvas = Array.isArray(el) ? el[0] : el;
        if (canvas) steersimCharts.drawNetwork(canvas, n, this.look);
      });
      if (this.$refs.scale) steersimCharts.drawScale(this.$refs.scale, this.low_text, this.high_text, this.look);
    }""",
    "nets() { this.draw(); }, look() { this.draw(); }, height() { this.$nextTick(() => this.draw()); }")


class Networks(ipyvue.VueTemplate):
    """Both organisations: board, managers and staff by unit, coloured by a 0-1 value."""

    template = traitlets.Unicode(_NETWORKS).tag(sync=True)
    nets = traitlets.List().tag(sync=True)
    look = traitlets.Dict().tag(sync=True)
    height = traitlets.Int(300).tag(sync=True)
    scale_title = traitlets.Unicode("").tag(sync=True)
    low_text = traitlets.Unicode("0").tag(sync=True)
    high_text = traitlets.Unicode("1").tag(sync=True)
    pilot_text = traitlets.Unicode("").tag(sync=True)


class WindowWidth(ipyvue.VueTemplate):
    """Reports the browser window's width once, so the page can pick projector mode."""

    template = traitlets.Unicode(
        "<template><span></span></template>\n<script>\nmodule.exports = {\n"
        "  mounted() { this.report(window.innerWidth); }\n}\n</script>").tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)

    def vue_report(self, data) -> None:
        self.width = int(data)
