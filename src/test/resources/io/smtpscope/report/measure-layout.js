(function () {
  'use strict';
  // Test-only: measures the laid-out report and writes the numbers into the DOM for --dump-dom to carry out.
  var r = {}, root = document.documentElement;
  r.viewport = root.clientWidth;
  r.innerHeight = window.innerHeight;
  r.height = root.scrollHeight;
  r.minChartFont = 1e9;
  r.clippedLabels = [];
  Array.prototype.forEach.call(document.querySelectorAll('svg.chart'), function (svg) {
    var box = svg.getBoundingClientRect();
    var scale = box.width / svg.viewBox.baseVal.width;
    Array.prototype.forEach.call(svg.querySelectorAll('text'), function (t) {
      var b = t.getBoundingClientRect();
      r.minChartFont = Math.min(r.minChartFont, parseFloat(getComputedStyle(t).fontSize) * scale);
      if (b.left < box.left - 0.5 || b.right > box.right + 0.5) { r.clippedLabels.push(t.textContent); }
    });
  });
  // An inline element broken over two lines has two client rectangles.
  r.wrappedModes = [];
  Array.prototype.forEach.call(document.querySelectorAll('#endpoint-table td.nowrap span'), function (s) {
    if (s.getClientRects().length > 1) { r.wrappedModes.push(s.textContent); }
  });
  var first = document.querySelector('.fixfirst li');
  if (first) {
    var f = first.getBoundingClientRect();
    r.fixFirst = {top: f.top, bottom: f.bottom, left: f.left, right: f.right, text: first.textContent};
  }
  var cell = document.querySelector('#endpoint-table tbody tr td:last-child').getBoundingClientRect();
  r.worstCell = {left: cell.left, right: cell.right};
  var closed = document.querySelectorAll('details.ep:not([open])');
  Array.prototype.forEach.call(closed, function (d) { d.open = true; });
  r.heightAllOpen = root.scrollHeight;
  Array.prototype.forEach.call(closed, function (d) { d.open = false; });
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
}());
