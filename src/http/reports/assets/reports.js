// Draws each chart from the table beside it, so the chart can never disagree with the numbers.
// Served from this server with Chart.js (window.Chart); no inline script, no CDN.
(function () {
  'use strict';
  // Okabe–Ito colours: distinguishable with the common kinds of colour blindness.
  var COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  var ROW_HEIGHT = 30;
  var MIN_HEIGHT = 180;
  var MAX_BAR = 28;
  // Row labels of a horizontal chart get at most this share of its width, wrapped onto lines to fit (never cut off).
  var LABEL_SHARE = 0.42;
  var LABEL_FONT_PX = 12;
  var LINE_HEIGHT = 16;

  /** Splits a label into lines no wider than maxPx when drawn in the chart's tick font. */
  function wrapLabel(text, maxPx, measure) {
    var lines = [];
    var line = '';
    text.split(/\s+/).forEach(function (word) {
      var next = line ? line + ' ' + word : word;
      if (line && measure(next) > maxPx) { lines.push(line); line = word; } else { line = next; }
    });
    if (line) lines.push(line);
    return lines.length > 1 ? lines : text;
  }

  function number(text) {
    var n = Number(String(text).trim());
    return text.trim() === '' || isNaN(n) ? null : n;
  }

  function readTable(table, seriesKeys) {
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th'));
    var index = {};
    heads.forEach(function (th, i) { index[th.getAttribute('data-key')] = { i: i, label: th.textContent }; });
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr')).filter(function (tr) { return tr.children.length === heads.length; });
    return {
      labels: rows.map(function (tr) { return tr.children[0].textContent; }),
      series: seriesKeys.filter(function (k) { return index[k]; }).map(function (k) {
        return { label: index[k].label, data: rows.map(function (tr) { return number(tr.children[index[k].i].textContent); }) };
      }),
    };
  }

  function config(kind, data) {
    var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var common = { responsive: true, maintainAspectRatio: false, animation: reduced ? false : { duration: 300 } };
    if (kind === 'doughnut') {
      return {
        type: 'doughnut',
        data: { labels: data.labels, datasets: [{ data: data.series[0].data, backgroundColor: COLOURS.slice(0, data.labels.length) }] },
        options: Object.assign(common, { plugins: { legend: { position: 'bottom' } } }),
      };
    }
    var stacked = kind === 'stacked';
    return {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) { return { label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length], maxBarThickness: MAX_BAR }; }),
      },
      options: Object.assign(common, {
        indexAxis: 'y',
        scales: { x: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: stacked, ticks: { autoSkip: false, font: { size: LABEL_FONT_PX } } } },
        plugins: { legend: { display: data.series.length > 1, position: 'bottom' } },
      }),
    };
  }

  function draw(canvas) {
    var table = document.getElementById(canvas.getAttribute('data-table'));
    if (!table || !window.Chart) return;
    var kind = canvas.getAttribute('data-chart');
    var data = readTable(table, canvas.getAttribute('data-series').split(','));
    var extraLines = 0;
    var ctx = canvas.getContext('2d');
    var maxPx = Math.max(80, canvas.parentElement.clientWidth * LABEL_SHARE);
    if (kind !== 'doughnut') {
      ctx.font = LABEL_FONT_PX + 'px ' + window.Chart.defaults.font.family;
      data.labels = data.labels.map(function (l) { return wrapLabel(l, maxPx, function (t) { return ctx.measureText(t).width; }); });
      data.labels.forEach(function (l) { if (Array.isArray(l)) extraLines += l.length - 1; });
    }
    var bars = kind === 'doughnut' ? 6 : data.labels.length * (kind === 'stacked' ? 1 : data.series.length);
    canvas.parentElement.style.height = Math.max(MIN_HEIGHT, bars * ROW_HEIGHT + extraLines * LINE_HEIGHT + 80) + 'px';
    new window.Chart(canvas, config(kind, data));
  }

  document.querySelectorAll('canvas[data-chart]').forEach(draw);
  document.documentElement.setAttribute('data-charts-ready', 'true');
})();
