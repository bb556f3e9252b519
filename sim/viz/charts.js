// steersim's charts, drawn in the browser on a canvas: the classroom page and the
// exported HTML player share this code. No library, nothing fetched from a network.
//
// chart:   {title, unit, ymin, ymax (null: from the data), lines: [{side, metric, dash}],
//           diff: {metric} (right minus left, with a zero line), percent: bool}
// series:  [{metric: [value per week]}, {...}]  (left side, right side)
// markers: [{week, side, label}]
// style:   {font (px), colors: [left, right], diff: colour, names: [left, right]}
var steersimCharts = (function () {
  function niceTicks(lo, hi, count) {
    var span = hi - lo || 1, raw = span / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; }).find(function (s) { return span / s <= count; }) || raw;
    var out = [], first = Math.ceil(lo / step - 1e-9) * step;
    for (var v = first; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
  }

  function label(v, percent) {
    if (percent) return Math.round(v * 100) + '%';
    if (Math.abs(v) >= 100) return Math.round(v).toString();
    return (Math.round(v * 100) / 100).toString();
  }

  function fit(canvas) {
    var ratio = window.devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    }
    var ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    return {ctx: ctx, w: w, h: h};
  }

  function values(chart, series) {
    var out = [];
    (chart.lines || []).forEach(function (l) { out.push({v: series[l.side][l.metric] || [], line: l}); });
    if (chart.diff) {
      var a = series[0][chart.diff.metric] || [], b = series[1][chart.diff.metric] || [];
      var d = []; for (var i = 0; i < Math.min(a.length, b.length); i++) d.push(b[i] - a[i]);
      out.push({v: d, line: {side: 2, dash: false}});
    }
    return out;
  }

  function drawChart(canvas, chart, series, markers, style) {
    var f = fit(canvas), ctx = f.ctx, font = style.font || 18;
    var lines = values(chart, series), n = 0;
    lines.forEach(function (l) { n = Math.max(n, l.v.length); });
    var lo = chart.ymin, hi = chart.ymax;
    if (lo === null || hi === null || lo === undefined || hi === undefined) {
      var mn = Infinity, mx = -Infinity;
      lines.forEach(function (l) { l.v.forEach(function (x) { if (x < mn) mn = x; if (x > mx) mx = x; }); });
      if (!isFinite(mn)) { mn = 0; mx = 1; }
      if (chart.diff) { var m = Math.max(Math.abs(mn), Math.abs(mx), 0.02) * 1.15; mn = -m; mx = m; }
      else { mn = Math.min(0, mn); mx = mx + (mx - mn) * 0.1 || 1; }
      if (lo === null || lo === undefined) lo = mn;
      if (hi === null || hi === undefined) hi = mx;
    }
    var left = font * 3.2, right = font * 1.1, top = font * 1.7, bottom = font * 1.6;
    var pw = f.w - left - right, ph = f.h - top - bottom;
    var weeks = Math.max(n - 1, 52);
    var x = function (w) { return left + pw * w / weeks; };
    var y = function (v) { return top + ph * (1 - (v - lo) / (hi - lo)); };
    ctx.font = 'bold ' + font + 'px sans-serif'; ctx.fillStyle = '#222'; ctx.textBaseline = 'top';
    ctx.fillText(chart.title, 4, 2);
    ctx.font = font + 'px sans-serif'; ctx.strokeStyle = '#ddd'; ctx.lineWidth = 1; ctx.fillStyle = '#444';
    ctx.textBaseline = 'middle'; ctx.textAlign = 'right';
    niceTicks(lo, hi, Math.max(2, Math.floor(ph / (font * 2.2)))).forEach(function (t) {
      ctx.beginPath(); ctx.moveTo(left, y(t)); ctx.lineTo(left + pw, y(t)); ctx.stroke();
      ctx.fillText(label(t, chart.percent), left - 4, y(t));
    });
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    niceTicks(0, weeks, Math.max(2, Math.floor(pw / (font * 4)))).forEach(function (t) {
      ctx.fillText(String(t), x(t), top + ph + 3);
    });
    if (chart.diff) {
      ctx.strokeStyle = '#888'; ctx.setLineDash([]); ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.moveTo(left, y(0)); ctx.lineTo(left + pw, y(0)); ctx.stroke();
    }
    (markers || []).forEach(function (m) {
      if (m.week > weeks) return;
      ctx.strokeStyle = style.colors[m.side]; ctx.setLineDash([3, 3]); ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.moveTo(x(m.week), top); ctx.lineTo(x(m.week), top + ph); ctx.stroke();
    });
    var shown = (markers || []).slice(-2);
    ctx.setLineDash([]); ctx.textAlign = 'left'; ctx.textBaseline = 'top'; ctx.font = font + 'px sans-serif';
    shown.forEach(function (m, i) {
      if (m.week > weeks) return;
      ctx.fillStyle = style.colors[m.side];
      var text = m.label, width = ctx.measureText(text).width;
      var at = Math.min(x(m.week) + 3, left + pw - width);
      ctx.fillText(text, at, top + 2 + i * (font + 2));
    });
    lines.forEach(function (l) {
      if (!l.v.length) return;
      ctx.strokeStyle = l.line.side === 2 ? (style.diff || '#333') : style.colors[l.line.side];
      ctx.lineWidth = 2.5; ctx.setLineDash(l.line.dash ? [7, 5] : []);
      ctx.beginPath();
      for (var i = 0; i < l.v.length; i++) {
        var v = Math.max(lo, Math.min(hi, l.v[i]));
        if (i === 0) ctx.moveTo(x(i), y(v)); else ctx.lineTo(x(i), y(v));
      }
      ctx.stroke();
    });
    ctx.setLineDash([]);
  }

  // The organisation: the board on top, managers below, each unit's staff as a cluster
  // under its manager; nodes coloured by a 0-1 value, pilot units outlined.
  function colour(v) {
    var stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    v = Math.max(0, Math.min(1, v)) * (stops.length - 1);
    var i = Math.min(Math.floor(v), stops.length - 2), t = v - i, a = stops[i], b = stops[i + 1];
    return 'rgb(' + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * t); }).join(',') + ')';
  }

  function drawNetwork(canvas, net, style) {
    var f = fit(canvas), ctx = f.ctx, font = style.font || 18, units = net.units, per = net.per_unit;
    var top = font * 1.8, w = f.w, h = f.h - top;
    ctx.font = 'bold ' + font + 'px sans-serif'; ctx.fillStyle = '#222'; ctx.textBaseline = 'top';
    ctx.fillText(net.title, 4, 2);
    var cols = Math.ceil(Math.sqrt(units * 2)), rows = Math.ceil(units / cols);
    var boardY = top + h * 0.08, cellW = w / cols, cellH = (h * 0.8) / rows, r = Math.max(2, Math.min(cellW, cellH) / (Math.sqrt(per) * 3.2));
    var managers = [];
    for (var u = 0; u < units; u++) {
      var cx = cellW * (u % cols + 0.5), cy = top + h * 0.2 + cellH * (Math.floor(u / cols) + 0.5);
      managers.push([cx, cy]);
    }
    ctx.strokeStyle = 'rgba(0,0,0,0.12)'; ctx.lineWidth = 1;
    var nb = net.board.length;
    for (var p = 0; p < nb; p++) {
      var bx = w * (0.3 + 0.4 * (nb > 1 ? p / (nb - 1) : 0.5));
      managers.forEach(function (m) { ctx.beginPath(); ctx.moveTo(bx, boardY); ctx.lineTo(m[0], m[1] - cellH * 0.3); ctx.stroke(); });
    }
    for (u = 0; u < units; u++) {
      var m = managers[u], pilot = net.pilots.indexOf(u) >= 0;
      var ring = Math.min(cellW, cellH) * 0.36;
      if (pilot) {
        ctx.strokeStyle = style.pilot || '#d62728'; ctx.lineWidth = 3;
        ctx.beginPath(); ctx.arc(m[0], m[1], ring + r * 2, 0, 2 * Math.PI); ctx.stroke();
      }
      for (var k = 0; k < per; k++) {
        var idx = u * per + k, angle = 2 * Math.PI * k / per;
        var sx = m[0] + ring * Math.cos(angle), sy = m[1] + ring * Math.sin(angle);
        ctx.strokeStyle = 'rgba(0,0,0,0.15)'; ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(m[0], m[1]); ctx.lineTo(sx, sy); ctx.stroke();
        ctx.fillStyle = colour(net.staff[idx]);
        ctx.beginPath(); ctx.arc(sx, sy, r, 0, 2 * Math.PI); ctx.fill();
      }
      ctx.fillStyle = colour(net.managers[u]); ctx.strokeStyle = '#222'; ctx.lineWidth = 1;
      ctx.fillRect(m[0] - r * 1.3, m[1] - r * 1.3, r * 2.6, r * 2.6); ctx.strokeRect(m[0] - r * 1.3, m[1] - r * 1.3, r * 2.6, r * 2.6);
    }
    for (p = 0; p < nb; p++) {
      bx = w * (0.3 + 0.4 * (nb > 1 ? p / (nb - 1) : 0.5));
      ctx.fillStyle = colour(net.board[p]); ctx.strokeStyle = '#222';
      ctx.beginPath(); ctx.arc(bx, boardY, r * 1.8, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
    }
  }

  function drawScale(canvas, lowText, highText, style) {
    var f = fit(canvas), ctx = f.ctx, font = style.font || 18, w = f.w;
    for (var i = 0; i < w; i++) { ctx.fillStyle = colour(i / w); ctx.fillRect(i, 0, 1, f.h - font - 4); }
    ctx.fillStyle = '#222'; ctx.font = font + 'px sans-serif'; ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left'; ctx.fillText(lowText, 0, f.h);
    ctx.textAlign = 'right'; ctx.fillText(highText, w, f.h);
  }

  // A canvas a Vue component names in a v-for (Vue gives those refs as arrays).
  function canvasOf(vm, name) { var el = vm.$refs[name]; return Array.isArray(el) ? el[0] : el; }

  return {drawChart: drawChart, drawNetwork: drawNetwork, drawScale: drawScale, colour: colour, canvasOf: canvasOf};
})();
