// steersim's charts, drawn in the browser on a canvas: the classroom page and the
// exported HTML player share this code. No library, nothing fetched from a network.
//
// chart:   {key, title, unit, lo, hi (the fixed axis range), full: [lo, hi] (the range used
//           only when a value leaves the fixed one), percent, lines: [{key, dash, label}]}
// series:  [{key: [value per week]}, {...}]  (left side, right side; week 0 first)
// markers: [{week, side, label}]
// look:    {font (px), colors: [left, right], decimal ('.' or ','), pct ('{n}%'),
//           weekWord (the x axis's unit), span (weeks the x axis shows at least)}
//
// Each drawing returns, and keeps on its canvas as `steersimReport`, what it drew: the
// axis range, the plot's box, every line's points and every text with its width and the
// space it had, so a test can check what a person sees without reading pixels back.
var steersimCharts = (function () {
  function niceTicks(lo, hi, count) {
    var span = hi - lo || 1, raw = span / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; }).find(function (s) { return span / s <= count; }) || raw;
    var out = [], first = Math.ceil(lo / step - 1e-9) * step;
    for (var v = first; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
  }

  function number(v, digits, look) {
    return v.toFixed(digits).replace('.', look.decimal || '.').replace('-', '−');
  }

  function tickText(v, chart, look, step) {
    if (chart.percent) return (look.pct || '{n}%').replace('{n}', Math.round(v * 100));
    var digits = 0;  // as many decimals as the step needs (0.025: three), no more
    while (digits < 4 && Math.abs(step * Math.pow(10, digits) - Math.round(step * Math.pow(10, digits))) > 1e-6) digits++;
    return number(v, digits, look);
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

  // Draw `text` at (x, y) and note it in the report with the width it had room for.
  function put(ctx, report, text, x, y, space, size) {
    ctx.fillText(text, x, y);
    report.texts.push({text: text, y: y, width: ctx.measureText(text).width, space: space, size: size});
  }

  function range(chart, series) {
    var lo = chart.lo, hi = chart.hi, out = false;
    (chart.lines || []).forEach(function (l) {
      [0, 1].forEach(function (s) {
        (series[s][l.key] || []).forEach(function (v) { if (v < lo - 1e-9 || v > hi + 1e-9) out = true; });
      });
    });
    return out && chart.full ? [Math.min(lo, chart.full[0]), Math.max(hi, chart.full[1])] : [lo, hi];
  }

  function drawChart(canvas, chart, series, markers, look) {
    var f = fit(canvas), ctx = f.ctx, font = Math.max(16, look.font || 16);
    var report = {key: chart.key, texts: [], lines: [], markers: [], canvas: {w: f.w, h: f.h}};
    var yr = range(chart, series), lo = yr[0], hi = yr[1], n = 0;
    (chart.lines || []).forEach(function (l) { [0, 1].forEach(function (s) { n = Math.max(n, (series[s][l.key] || []).length); }); });
    var weeks = Math.max(n - 1, look.span || 52);
    ctx.font = font + 'px sans-serif';
    var band = font + 6, bottom = font + 8, ph = f.h - band - bottom;
    var ticks = niceTicks(lo, hi, Math.max(3, Math.min(6, Math.floor(ph / (font * 1.8)))));
    var step = ticks.length > 1 ? ticks[1] - ticks[0] : hi - lo;
    var texts = ticks.map(function (t) { return tickText(t, chart, look, step); });
    var left = 8 + Math.max.apply(null, texts.map(function (t) { return ctx.measureText(t).width; }));
    var right = 10, top = band, pw = f.w - left - right;
    var x = function (w) { return left + pw * w / weeks; };
    var y = function (v) { return top + ph * (1 - (v - lo) / (hi - lo)); };
    report.lo = lo; report.hi = hi; report.weeks = weeks;
    report.plot = {left: left, top: top, width: pw, height: ph};
    // the y axis: grid lines and values
    ctx.strokeStyle = '#ddd'; ctx.lineWidth = 1; ctx.fillStyle = '#444'; ctx.textBaseline = 'middle'; ctx.textAlign = 'right';
    ticks.forEach(function (t, i) {
      ctx.beginPath(); ctx.moveTo(left, y(t)); ctx.lineTo(left + pw, y(t)); ctx.stroke();
      put(ctx, report, texts[i], left - 4, Math.min(Math.max(y(t), top + font / 2), top + ph - font / 2), left - 6, font);
    });
    // the x axis: weeks, with the unit's word at its right end (ticks that would touch it
    // are left out)
    ctx.textBaseline = 'top'; ctx.textAlign = 'right';
    var unit = look.weekWord || '', unitW = ctx.measureText(unit).width;
    put(ctx, report, unit, f.w - 2, top + ph + 4, f.w - left, font);
    var xticks = niceTicks(0, weeks, Math.max(2, Math.floor(pw / (font * 2.6))));
    var gap = xticks.length > 1 ? x(xticks[1]) - x(xticks[0]) : pw;
    ctx.textAlign = 'center';
    xticks.forEach(function (t) {
      var text = String(t), w = ctx.measureText(text).width;
      if (x(t) + w / 2 > f.w - 2 - unitW - 8) return;
      put(ctx, report, text, x(t), top + ph + 4, Math.min(gap - 4, 2 * (x(t) - 1)), font);
    });
    ctx.strokeStyle = '#888'; ctx.beginPath(); ctx.moveTo(left, top); ctx.lineTo(left, top + ph);
    ctx.lineTo(left + pw, top + ph); ctx.stroke();
    // markers: a dashed line at the week in the side's colour; the latest labels above the
    // plot (never on the data), as many as fit side by side
    (markers || []).forEach(function (m) {
      if (m.week > weeks) return;
      ctx.strokeStyle = look.colors[m.side]; ctx.globalAlpha = 0.7; ctx.setLineDash([3, 4]); ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.moveTo(x(m.week), top); ctx.lineTo(x(m.week), top + ph); ctx.stroke();
      ctx.globalAlpha = 1; ctx.setLineDash([]);
      ctx.fillStyle = look.colors[m.side];
      ctx.beginPath(); ctx.moveTo(x(m.week) - 5, top - 7); ctx.lineTo(x(m.week) + 5, top - 7); ctx.lineTo(x(m.week), top); ctx.fill();
      report.markers.push({week: m.week, side: m.side, x: x(m.week), label: m.label});
    });
    ctx.textBaseline = 'top'; ctx.textAlign = 'left';
    var free = f.w;  // the band is filled from the right: the newest label last
    (markers || []).filter(function (m) { return m.week <= weeks; }).slice(-3).reverse().forEach(function (m) {
      var w = ctx.measureText(m.label).width, at = Math.min(x(m.week) + 7, free - w - 2);
      if (at < 0 || w + 4 > free) return;  // no room left: the dashed line alone
      ctx.fillStyle = look.colors[m.side];
      put(ctx, report, m.label, at, 1, free - at, font);
      report.texts[report.texts.length - 1].marker = true;
      free = at - 10;
    });
    // the lines, and a dot at each line's latest week (week 0 alone is a dot too)
    (chart.lines || []).forEach(function (l) {
      [0, 1].forEach(function (s) {
        var v = series[s][l.key] || [], pts = [];
        for (var i = 0; i < v.length; i++) pts.push([x(i), y(Math.max(lo, Math.min(hi, v[i])))]);
        report.lines.push({side: s, key: l.key, dash: !!l.dash, points: pts});
        if (!pts.length) return;
        ctx.strokeStyle = ctx.fillStyle = look.colors[s]; ctx.lineWidth = 2.5; ctx.setLineDash(l.dash ? [7, 5] : []);
        ctx.beginPath();
        pts.forEach(function (p, i) { if (i === 0) ctx.moveTo(p[0], p[1]); else ctx.lineTo(p[0], p[1]); });
        ctx.stroke(); ctx.setLineDash([]);
        var last = pts[pts.length - 1];
        ctx.beginPath(); ctx.arc(last[0], last[1], 3.5, 0, 2 * Math.PI); ctx.fill();
      });
    });
    canvas.steersimReport = report;
    return report;
  }

  // The organisation: the board on top, managers below, each unit's staff as a cluster
  // under its manager; nodes coloured by a 0-1 value, pilot units outlined.
  var STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function colour(v) {
    v = Math.max(0, Math.min(1, v)) * (STOPS.length - 1);
    var i = Math.min(Math.floor(v), STOPS.length - 2), t = v - i, a = STOPS[i], b = STOPS[i + 1];
    return 'rgb(' + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * t); }).join(',') + ')';
  }

  function drawNetwork(canvas, net, look) {
    var f = fit(canvas), ctx = f.ctx, font = Math.max(16, look.font || 16), units = net.units, per = net.per_unit;
    var report = {title: net.title, week: net.week, texts: [], staff: [], canvas: {w: f.w, h: f.h}};
    var top = font * 1.8, w = f.w, h = f.h - top;
    ctx.font = 'bold ' + font + 'px sans-serif'; ctx.fillStyle = '#222'; ctx.textBaseline = 'top'; ctx.textAlign = 'left';
    put(ctx, report, net.title, 4, 2, w - 8, font);
    var cols = Math.ceil(Math.sqrt(units * 2)), rows = Math.ceil(units / cols);
    var boardY = top + h * 0.08, cellW = w / cols, cellH = (h * 0.8) / rows, r = Math.max(2, Math.min(cellW, cellH) / (Math.sqrt(per) * 3.2));
    var managers = [], u, p, bx;
    for (u = 0; u < units; u++) managers.push([cellW * (u % cols + 0.5), top + h * 0.2 + cellH * (Math.floor(u / cols) + 0.5)]);
    ctx.strokeStyle = 'rgba(0,0,0,0.12)'; ctx.lineWidth = 1;
    var nb = net.board.length;
    for (p = 0; p < nb; p++) {
      bx = w * (0.3 + 0.4 * (nb > 1 ? p / (nb - 1) : 0.5));
      managers.forEach(function (m) { ctx.beginPath(); ctx.moveTo(bx, boardY); ctx.lineTo(m[0], m[1] - cellH * 0.3); ctx.stroke(); });
    }
    for (u = 0; u < units; u++) {
      var m = managers[u], ring = Math.min(cellW, cellH) * 0.36;
      if (net.pilots.indexOf(u) >= 0) {
        ctx.strokeStyle = '#d62728'; ctx.lineWidth = 3;
        ctx.beginPath(); ctx.arc(m[0], m[1], ring + r * 2, 0, 2 * Math.PI); ctx.stroke();
      }
      for (var k = 0; k < per; k++) {
        var angle = 2 * Math.PI * k / per, sx = m[0] + ring * Math.cos(angle), sy = m[1] + ring * Math.sin(angle);
        ctx.strokeStyle = 'rgba(0,0,0,0.15)'; ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(m[0], m[1]); ctx.lineTo(sx, sy); ctx.stroke();
        ctx.fillStyle = colour(net.staff[u * per + k]);
        ctx.beginPath(); ctx.arc(sx, sy, r, 0, 2 * Math.PI); ctx.fill();
        report.staff.push({unit: u, x: sx, y: sy});
      }
      ctx.fillStyle = colour(net.managers[u]); ctx.strokeStyle = '#222'; ctx.lineWidth = 1;
      ctx.fillRect(m[0] - r * 1.3, m[1] - r * 1.3, r * 2.6, r * 2.6); ctx.strokeRect(m[0] - r * 1.3, m[1] - r * 1.3, r * 2.6, r * 2.6);
    }
    for (p = 0; p < nb; p++) {
      bx = w * (0.3 + 0.4 * (nb > 1 ? p / (nb - 1) : 0.5));
      ctx.fillStyle = colour(net.board[p]); ctx.strokeStyle = '#222';
      ctx.beginPath(); ctx.arc(bx, boardY, r * 1.8, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
    }
    canvas.steersimReport = report;
    return report;
  }

  function drawScale(canvas, lowText, highText, look) {
    var f = fit(canvas), ctx = f.ctx, font = Math.max(16, look.font || 16), w = f.w;
    var report = {texts: [], canvas: {w: f.w, h: f.h}};
    for (var i = 0; i < w; i++) { ctx.fillStyle = colour(i / w); ctx.fillRect(i, 0, 1, f.h - font - 4); }
    ctx.fillStyle = '#222'; ctx.font = font + 'px sans-serif'; ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left'; put(ctx, report, lowText, 0, f.h, w / 2, font);
    ctx.textAlign = 'right'; put(ctx, report, highText, w, f.h, w / 2, font);
    canvas.steersimReport = report;
    return report;
  }

  // A canvas a Vue component names in a v-for (Vue gives those refs as arrays).
  function canvasOf(vm, name) { var el = vm.$refs[name]; return Array.isArray(el) ? el[0] : el; }

  // Save a file the browser makes itself (no server, no network).
  function save(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // Words wrapped into lines no wider than `width` (a long word keeps its own line).
  function wrap(ctx, text, width) {
    var lines = [], line = '';
    text.split(' ').forEach(function (word) {
      var next = line ? line + ' ' + word : word;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; } else line = next;
    });
    if (line) lines.push(line);
    return lines;
  }

  // The charts on screen as one PNG for a handout: a caption (the sides in their colours,
  // the seed, the week), then each chart's heading, wrapped, and its canvas as on the page.
  function pngOf(cells, caption, look) {
    var ratio = window.devicePixelRatio || 1, font = Math.max(16, look.font || 16);
    var boxes = cells.map(function (c) { return c.getBoundingClientRect(); });
    var x0 = Math.min.apply(null, boxes.map(function (b) { return b.left; }));
    var y0 = Math.min.apply(null, boxes.map(function (b) { return b.top; }));
    var w = Math.max.apply(null, boxes.map(function (b) { return b.right; })) - x0;
    var h = Math.max.apply(null, boxes.map(function (b) { return b.bottom; })) - y0;
    var head = font * 2, out = document.createElement('canvas');
    out.width = Math.round(w * ratio) + 16; out.height = Math.round((h + head) * ratio) + 16;
    var ctx = out.getContext('2d');
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, out.width, out.height);
    ctx.setTransform(ratio, 0, 0, ratio, 8, 8);
    ctx.font = font + 'px sans-serif'; ctx.textBaseline = 'top';
    var at = 0;
    [['steersim: ', '#222'], [look.names[0], look.colors[0]], [' | ', '#222'], [look.names[1], look.colors[1]],
     [caption, '#222']].forEach(function (part) {
      ctx.fillStyle = part[1]; ctx.fillText(part[0], at, 0); at += ctx.measureText(part[0]).width;
    });
    cells.forEach(function (cell, i) {
      var b = boxes[i], canvas = cell.querySelector('canvas'), c = canvas.getBoundingClientRect();
      var small = Math.max(16, font - 2), lines;
      ctx.font = small + 'px sans-serif'; ctx.fillStyle = '#222';
      lines = wrap(ctx, cell.getAttribute('data-heading'), b.width);
      lines.forEach(function (line, k) {  // bottom-aligned over the canvas, as on the page
        ctx.fillText(line, b.left - x0, c.top - y0 + head - (lines.length - k) * small * 1.2);
      });
      ctx.drawImage(canvas, c.left - x0, c.top - y0 + head, c.width, c.height);
    });
    return out;
  }

  var api = {drawChart: drawChart, drawNetwork: drawNetwork, drawScale: drawScale, colour: colour,
              canvasOf: canvasOf, save: save, pngOf: pngOf, number: number};
  if (typeof window !== "undefined") window.steersimCharts = api;  // for the tests, and a curious teacher
  return api;
})();
