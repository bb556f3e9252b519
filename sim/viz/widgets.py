"""The page's drawings as small Vue widgets (ipyvue, which Solara already loads): the big
numbers, the time-series charts and the organisation pictures are drawn in the browser
on canvases (``charts.js``), so a week sends a few numbers, not an image, and nothing is
fetched from a network.

The server sends each new week as a message (``send({"method": "week", ...})``); the
browser keeps the series and redraws at most once per animation frame, so a burst of
weeks never queues redraws behind each other. ``window.steersimLast`` holds what the
page shows now (week, last values, levers), for the lesson checks in the tests.
"""

from __future__ import annotations

from pathlib import Path

import ipyvue
import traitlets

CHARTS_JS = (Path(__file__).resolve().parent / "charts.js").read_text(encoding="utf-8")

_BOARD = """<template>
<div class="steersim-board">
  <div style="display:grid;grid-template-columns:auto 1fr 1fr;gap:4px 16px;margin-bottom:2px;align-items:center">
    <b class="steersim-week" :data-week="week"
       :style="'white-space:nowrap;font-size:' + Math.round(look.font * 1.35) + 'px'">{{ week_label.replace('{n}', week) }}</b>
    <div v-for="(name, s) in look.names" :key="s" class="steersim-numbers"
         :style="'border-left:8px solid ' + look.colors[s] + ';padding-left:8px;font-size:' + look.font + 'px'">
      <b>{{ name }}</b>
      <span v-for="n in numbers" :key="n.metric" style="margin-left:10px;white-space:nowrap">
        {{ n.label }} <b :data-metric="n.metric" :data-side="s"
                         :style="'font-size:' + Math.round(look.font * 1.35) + 'px'">{{ shown(s, n) }}</b>
      </span>
    </div>
  </div>
  <div :style="'display:grid;gap:2px 8px;grid-template-columns:repeat(' + columns + ',1fr)'">
    <canvas v-for="(c, i) in charts" :key="c.title" :ref="'c' + i" class="steersim-chart"
            :data-title="c.title" :style="'width:100%;height:' + height + 'px'"></canvas>
  </div>
</div>
</template>
<script>
%(js)s
module.exports = {
  data() { return {live: [{}, {}], week: 0, marks: [], pending: false}; },
  created() { this.reset(); },
  mounted() {
    this.draw();
    this._resize = () => this.draw();
    window.addEventListener('resize', this._resize);
  },
  destroyed() { window.removeEventListener('resize', this._resize); },
  watch: {
    start() { this.reset(); this.later(); },
    look() { this.later(); }, height() { this.later(); }, columns() { this.later(); }, charts() { this.later(); }
  },
  methods: {
    reset() {
      this.live = [0, 1].map(s => {
        const out = {};
        Object.keys((this.start.series || [{}, {}])[s] || {}).forEach(k => { out[k] = this.start.series[s][k].slice(); });
        return out;
      });
      this.week = this.start.week || 0;
      this.marks = (this.start.markers || []).slice();
      this.publish();
    },
    jupyter_week(msg) {
      msg.rows.forEach((row, s) => { Object.keys(row).forEach(k => {
        (this.live[s][k] = this.live[s][k] || []).push(row[k]); }); });
      this.week = msg.week;
      if (msg.markers) this.marks = msg.markers;
      if (msg.levers) window.steersimLevers = msg.levers;
      this.publish();
      this.later();
    },
    publish() {
      const last = this.live.map(side => {
        const out = {}; Object.keys(side).forEach(k => { out[k] = side[k][side[k].length - 1]; }); return out;
      });
      window.steersimLast = {week: this.week, values: last, markers: this.marks, series: this.live};
    },
    shown(s, n) {
      const v = (this.live[s][n.metric] || []); const x = v[v.length - 1];
      if (x === undefined) return '-';
      return n.percent ? Math.round(100 * x) + '%' : x.toFixed(2);
    },
    later() {
      if (this.pending) return;
      this.pending = true;
      window.requestAnimationFrame(() => { this.pending = false; this.draw(); this.$forceUpdate(); });
    },
    draw() {
      this.charts.forEach((c, i) => {
        const canvas = steersimCharts.canvasOf(this, 'c' + i);
        if (canvas) steersimCharts.drawChart(canvas, c, this.live, this.marks, this.look);
      });
    }
  }
}
</script>"""


class Board(ipyvue.VueTemplate):
    """The big numbers and the charts (small multiples over the weeks, both regimes)."""

    template = traitlets.Unicode(_BOARD.replace("%(js)s", CHARTS_JS)).tag(sync=True)
    charts: traitlets.List = traitlets.List().tag(sync=True)     # chart specs (see charts.js)
    numbers: traitlets.List = traitlets.List().tag(sync=True)    # [{metric, label, percent}]
    start = traitlets.Dict().tag(sync=True)      # {week, series, markers}: the state to start from
    look = traitlets.Dict().tag(sync=True)       # {font, colors, names, diff}
    height = traitlets.Int(190).tag(sync=True)
    columns = traitlets.Int(5).tag(sync=True)
    week_label = traitlets.Unicode("week {n}").tag(sync=True)

    def week(self, week: int, rows: list[dict], markers: list[dict], levers: list[dict]) -> None:
        self.send({"method": "week", "args": [{"week": week, "rows": rows, "markers": markers,
                                                "levers": levers}]})


_NETWORKS = """<template>
<div class="steersim-networks">
  <div style="display:grid;grid-template-columns:1fr 1fr;gap:10px">
    <canvas v-for="(n, i) in nets" :key="i" :ref="'n' + i" class="steersim-network"
            :style="'width:100%;height:' + height + 'px'"></canvas>
  </div>
  <div style="display:flex;align-items:center;gap:12px;margin-top:4px">
    <span :style="'font-size:' + look.font + 'px'">{{ scale_title }}</span>
    <canvas ref="scale" style="width:320px;height:44px"></canvas>
    <span :style="'font-size:' + look.font + 'px;color:#d62728'">{{ pilot_text }}</span>
  </div>
</div>
</template>
<script>
%(js)s
module.exports = {
  mounted() { this.draw(); this._resize = () => this.draw(); window.addEventListener('resize', this._resize); },
  destroyed() { window.removeEventListener('resize', this._resize); },
  watch: { nets() { this.draw(); }, look() { this.draw(); }, height() { this.$nextTick(() => this.draw()); } },
  methods: {
    jupyter_nets(nets) { window.steersimNets = nets; this.nets.splice(0, this.nets.length, ...nets); },
    draw() {
      this.nets.forEach((n, i) => {
        const canvas = steersimCharts.canvasOf(this, 'n' + i);
        if (canvas) steersimCharts.drawNetwork(canvas, n, this.look);
      });
      if (this.$refs.scale) steersimCharts.drawScale(this.$refs.scale, this.low_text, this.high_text, this.look);
    }
  }
}
</script>"""


class Networks(ipyvue.VueTemplate):
    """Both organisations: board, managers and staff by unit, coloured by a 0-1 value."""

    template = traitlets.Unicode(_NETWORKS.replace("%(js)s", CHARTS_JS)).tag(sync=True)
    nets: traitlets.List = traitlets.List().tag(sync=True)
    look = traitlets.Dict().tag(sync=True)
    height = traitlets.Int(300).tag(sync=True)
    scale_title = traitlets.Unicode("").tag(sync=True)
    low_text = traitlets.Unicode("0").tag(sync=True)
    high_text = traitlets.Unicode("1").tag(sync=True)
    pilot_text = traitlets.Unicode("").tag(sync=True)

    def update(self, nets: list[dict]) -> None:
        self.send({"method": "nets", "args": [nets]})


class WindowWidth(ipyvue.VueTemplate):
    """Reports the browser window's width once, so the page can pick projector mode."""

    template = traitlets.Unicode(
        "<template><span></span></template>\n<script>\nmodule.exports = {\n"
        "  mounted() { this.report(window.innerWidth); }\n}\n</script>").tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)

    def vue_report(self, data) -> None:
        self.width = int(data)
