"""The Vue templates of the page's widgets (sim.viz.widgets); ``%(js)s`` is charts.js."""

BOARD = """<template>
<div class="steersim-board">
  <div class="steersim-status" style="display:flex;gap:4px 14px;align-items:center">
    <div style="display:flex;flex-direction:column;line-height:1.15">
      <b class="steersim-week" :data-week="week"
         :style="'white-space:nowrap;font-size:' + big + 'px'">{{ weekText }}</b>
      <span class="steersim-seed" :style="'white-space:nowrap;font-size:' + small + 'px'">{{ texts.seed }}</span>
    </div>
    <div v-for="(name, s) in look.names" :key="s" class="steersim-numbers"
         :style="'flex:1 1 0;min-width:0;line-height:1.2;border-left:8px solid ' + look.colors[s]
                 + ';padding-left:8px;font-size:' + look.font + 'px'">
      <b class="steersim-side-name">{{ name }}</b>
      <div style="display:flex;flex-wrap:wrap;column-gap:12px">
        <span v-for="n in numbers" :key="n.metric" class="steersim-number" :data-help="n.help" style="white-space:nowrap">{{ n.label }}
          <b :data-metric="n.metric" :data-side="s" :style="'font-size:' + big + 'px'">{{ shown(s, n) }}</b></span>
      </div>
    </div>
  </div>
  <div v-show="show_charts">
    <div class="steersim-legend" :style="'display:flex;flex-wrap:wrap;align-items:center;gap:2px 14px;margin:2px 0;font-size:' + small + 'px'">
      <span v-for="(name, s) in look.names" :key="'k' + s" style="white-space:nowrap">
        <span :style="'display:inline-block;width:26px;height:0;vertical-align:middle;border-top:4px solid ' + look.colors[s]">
        </span> {{ name }}</span>
      <span class="steersim-start" style="flex:1 1 320px;min-width:0">{{ texts.start }}</span>
      <v-btn v-if="focus.length" small class="steersim-all-charts" @click="all = !all">{{ all ? texts.lesson_charts : texts.all_charts }}</v-btn>
      <v-btn small class="steersim-png" @click="savePng">{{ texts.png }}</v-btn>
      <v-btn small class="steersim-csv" @click="saveCsv">{{ texts.csv }}</v-btn>
    </div>
    <div ref="grid" :style="'display:grid;gap:4px 12px;grid-template-columns:repeat(' + cols + ',minmax(0,1fr))'">
      <div v-for="c in shownCharts" :key="c.key" class="steersim-cell" :data-help="c.help" :data-heading="heading(c)"
           style="display:flex;flex-direction:column;justify-content:flex-end;min-width:0">
        <div class="steersim-chart-head" :style="'font-size:' + small + 'px;line-height:1.2'">
          <b class="steersim-chart-title">{{ c.title }}</b> <span class="steersim-chart-unit">({{ c.unit }})</span>
          <span v-for="l in keyed(c)" :key="l.key" class="steersim-key" style="white-space:nowrap;margin-left:6px">
            <span :style="'display:inline-block;width:24px;height:0;vertical-align:middle;border-top:3px '
                          + (l.dash ? 'dashed' : 'solid') + ' #555'"></span> {{ l.label }}</span>
        </div>
        <canvas :ref="'c_' + c.key" class="steersim-chart" :data-key="c.key" :data-title="c.title"
                :style="'display:block;width:100%;height:' + canvasH + 'px'"></canvas>
      </div>
    </div>
  </div>
</div>
</template>
<script>
%(js)s
module.exports = {
  data() { return {live: [{}, {}], week: 0, run: 0, marks: [], pending: false, all: false, canvasH: 170}; },
  computed: {
    shownCharts() {
      if (this.all || !this.focus.length) return this.charts;
      return this.focus.map(k => this.charts.find(c => c.key === k)).filter(c => c);
    },
    cols() { const n = this.shownCharts.length; return n >= 5 ? 5 : Math.max(n, 1); },
    big() { return Math.round(this.look.font * 1.35); },
    small() { return Math.max(16, this.look.font - 2); },
    weekText() { return (this.texts.week || '{n}').replace('{n}', this.week); }
  },
  created() { this.reset(); },
  mounted() {
    // a canvas that changes size (a view shown again, a window resized) is drawn again
    this._observer = new ResizeObserver(() => this.later());
    this._observer.observe(document.body);
    this._resize = () => this.later();
    window.addEventListener('resize', this._resize);
    this.observe();
    this.later();
  },
  updated() { this.observe(); },
  beforeDestroy() { this._observer.disconnect(); window.removeEventListener('resize', this._resize); },
  watch: {
    start() { this.reset(); this.later(); },
    focus() { this.all = false; this.later(); },
    look() { this.later(); }, charts() { this.later(); }, all() { this.later(); },
    show_charts() { this.later(); }, texts() { this.later(); }
  },
  methods: {
    observe() {
      this.$el.querySelectorAll('canvas').forEach(c => { if (!c.steersimObserved) { c.steersimObserved = true; this._observer.observe(c); } });
    },
    reset() {
      const series = this.start.series || [{}, {}];
      this.live = [0, 1].map(s => { const out = {}; Object.keys(series[s] || {}).forEach(k => { out[k] = series[s][k].slice(); }); return out; });
      this.run = this.start.run || 0;
      this.week = this.start.week || 0;
      this.marks = (this.start.markers || []).slice();
      this.publish();
    },
    jupyter_week(msg) {
      if (msg.run !== this.run) return;  // a week of an earlier run, still on its way
      if (msg.rows && msg.week > this.week + 1) { this.resync(); return; }  // a week went missing
      if (msg.rows && msg.week === this.week + 1) {
        msg.rows.forEach((row, s) => { Object.keys(row).forEach(k => { (this.live[s][k] = this.live[s][k] || []).push(row[k]); }); });
        this.week = msg.week;
      }
      if (msg.markers) this.marks = msg.markers;
      this.publish();
      this.later();
    },
    publish() {
      const last = this.live.map(side => { const out = {}; Object.keys(side).forEach(k => { out[k] = side[k][side[k].length - 1]; }); return out; });
      window.steersimLast = {run: this.run, week: this.week, values: last, markers: this.marks, series: this.live};
    },
    shown(s, n) {
      const v = this.live[s][n.metric] || [], x = v[v.length - 1];
      if (x === undefined) return '-';
      return n.percent ? (this.look.pct || '{n}%').replace('{n}', Math.round(100 * x)) : steersimCharts.number(x, 2, this.look);
    },
    keyed(c) { return c.lines.filter(l => l.label); },
    heading(c) {
      return c.title + ' (' + c.unit + ')' + this.keyed(c).map(l => '  ' + (l.dash ? '╌ ' : '─ ') + l.label).join('');
    },
    later() {
      if (this.pending) return;
      this.pending = true;
      window.requestAnimationFrame(() => { this.pending = false; this.layout(); this.$nextTick(() => this.draw()); });
    },
    layout() {
      // the charts fill the window's height down to `reserve` pixels above its bottom, no
      // smaller than a plot a claim can be read on
      const grid = this.$refs.grid;
      if (!grid || !grid.offsetParent) return;
      const rows = Math.ceil(this.shownCharts.length / this.cols);
      let head = 0;
      this.$el.querySelectorAll('.steersim-chart-head').forEach(h => { head = Math.max(head, h.offsetHeight); });
      const top = grid.getBoundingClientRect().top + window.scrollY;
      const each = Math.floor((window.innerHeight - top - this.reserve) / rows) - head - 4;
      const h = Math.max(this.look.minCanvas || 160, Math.min(360, each));
      if (Math.abs(h - this.canvasH) > 1) this.canvasH = h;
    },
    draw() {
      const look = Object.assign({}, this.look, {span: this.look.span || 52});
      this.shownCharts.forEach(c => {
        const canvas = steersimCharts.canvasOf(this, 'c_' + c.key);
        if (canvas && canvas.clientWidth) steersimCharts.drawChart(canvas, c, this.live, this.marks, look);
      });
    },
    fileName(ext) { return (this.texts.file || 'steersim') + '-' + this.week + '.' + ext; },
    savePng() {
      const cells = Array.from(this.$el.querySelectorAll('.steersim-cell'));
      const caption = (this.texts.caption || '') + ' ' + this.weekText;
      steersimCharts.pngOf(cells, caption, this.look).toBlob(b => steersimCharts.save(b, this.fileName('png')));
    },
    saveCsv() {
      const sep = this.look.decimal === ',' ? ';' : ',', cols = [];
      this.charts.forEach(c => c.lines.forEach(l => [0, 1].forEach(s => cols.push({s: s, key: l.key,
        name: this.look.names[s] + ': ' + c.title + (l.label ? ' (' + l.label + ')' : '')}))));
      const quote = t => '"' + String(t).replace(/"/g, '""') + '"';
      const lines = [[quote(this.texts.weekWord || 'week')].concat(cols.map(c => quote(c.name))).join(sep)];
      const n = Math.max.apply(null, cols.map(c => (this.live[c.s][c.key] || []).length));
      for (let w = 0; w < n; w++) {
        lines.push([w].concat(cols.map(c => { const v = (this.live[c.s][c.key] || [])[w];
          return v === undefined ? '' : String(v).replace('.', this.look.decimal || '.'); })).join(sep));
      }
      steersimCharts.save(new Blob(['\\ufeff' + lines.join('\\r\\n') + '\\r\\n'], {type: 'text/csv'}), this.fileName('csv'));
    }
  }
}
</script>"""

NETWORKS = """<template>
<div class="steersim-networks">
  <div style="display:grid;grid-template-columns:1fr 1fr;gap:10px">
    <canvas v-for="(n, i) in nets" :key="i" :ref="'n' + i" class="steersim-network"
            :style="'display:block;width:100%;height:' + height + 'px'"></canvas>
  </div>
  <div style="display:flex;align-items:center;gap:4px 12px;margin-top:4px;flex-wrap:wrap">
    <span :style="'font-size:' + look.font + 'px'">{{ scale_title }}</span>
    <canvas ref="scale" class="steersim-scale" style="width:320px;height:44px"></canvas>
    <span :style="'font-size:' + look.font + 'px;color:#d62728'">{{ pilot_text }}</span>
  </div>
</div>
</template>
<script>
%(js)s
module.exports = {
  mounted() {
    this._observer = new ResizeObserver(() => this.draw());
    this.$el.querySelectorAll('canvas').forEach(c => this._observer.observe(c));
    this.draw();
  },
  updated() {
    this.$el.querySelectorAll('canvas').forEach(c => { if (!c.steersimObserved) { c.steersimObserved = true; this._observer.observe(c); } });
  },
  beforeDestroy() { this._observer.disconnect(); },
  watch: { nets() { this.$nextTick(() => this.draw()); }, look() { this.draw(); }, height() { this.$nextTick(() => this.draw()); },
           low_text() { this.draw(); } },
  methods: {
    draw() {
      window.steersimNets = this.nets;
      this.nets.forEach((n, i) => {
        const canvas = steersimCharts.canvasOf(this, 'n' + i);
        if (canvas && canvas.clientWidth) steersimCharts.drawNetwork(canvas, n, this.look);
      });
      const scale = this.$refs.scale;
      if (scale && scale.clientWidth) steersimCharts.drawScale(scale, this.low_text, this.high_text, this.look);
    }
  }
}
</script>"""

EXPLAINER = """<template>
<div class="steersim-explainer" v-show="text"
     :style="'position:fixed;z-index:1000;left:' + x + 'px;top:' + y + 'px;max-width:440px;background:#fffbe6;' +
             'border:1px solid #b59f3b;padding:6px 10px;border-radius:4px;font-size:16px;line-height:1.3;' +
             'box-shadow:0 2px 6px rgba(0,0,0,.25);pointer-events:none'">{{ text }}</div>
</template>
<script>
module.exports = {
  data() { return {text: '', x: 0, y: 0, pinned: null}; },
  mounted() {
    this._size = () => this.window_size([window.innerWidth, window.innerHeight]);
    this._size();
    window.addEventListener('resize', this._size);
    const target = e => e.target && e.target.closest ? e.target.closest('[data-help]') : null;
    this._over = e => { const el = target(e); if (el) this.explain(el); else if (!this.pinned) this.text = ''; };
    this._tap = e => { const el = target(e); this.pinned = el; if (el) this.explain(el); else this.text = ''; };
    document.addEventListener('mouseover', this._over);
    document.addEventListener('click', this._tap, true);
  },
  beforeDestroy() {
    window.removeEventListener('resize', this._size);
    document.removeEventListener('mouseover', this._over);
    document.removeEventListener('click', this._tap, true);
  },
  methods: {
    explain(el) {
      const r = el.getBoundingClientRect();
      this.text = el.getAttribute('data-help');
      this.x = Math.max(4, Math.min(r.left, window.innerWidth - 450));
      this.y = r.bottom + 4;
      this.$nextTick(() => {  // no room below: above the element
        const h = this.$el.offsetHeight;
        if (this.y + h > window.innerHeight - 2) this.y = Math.max(2, r.top - h - 4);
      });
    }
  }
}
</script>"""
