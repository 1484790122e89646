(function () {
  'use strict';
  var root = document.documentElement;
  window.addEventListener('error', function (ev) {
    root.setAttribute('data-script-error', String(ev.message || 'script error'));
  });
  var table = document.getElementById('endpoint-table');
  var tools = document.getElementById('table-tools');
  if (table && tools) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var text = document.getElementById('filter-text');
    var sev = document.getElementById('filter-severity');
    var reach = document.getElementById('filter-reachability');
    var count = document.getElementById('filter-count');
    var apply = function () {
      var q = text.value.trim().toLowerCase(), s = sev.value, r = reach.value, shown = 0;
      rows.forEach(function (row) {
        var ok = (!q || row.textContent.toLowerCase().indexOf(q) >= 0) &&
          (!s || row.getAttribute('data-severity') === s) &&
          (!r || row.getAttribute('data-reachability') === r);
        row.hidden = !ok;
        if (ok) { shown++; }
      });
      count.textContent = shown + ' of ' + rows.length + ' endpoints';
    };
    [text, sev, reach].forEach(function (el) { el.addEventListener('input', apply); });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      th.setAttribute('aria-sort', 'none');
      th.tabIndex = 0;
      var sort = function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        heads.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var key = function (row) {
          var cell = row.cells[col];
          var v = cell.getAttribute('data-v');
          return v !== null ? Number(v) : cell.textContent.trim().toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * dir;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); sort(); } });
    });
    // A link can carry a filter: report.html#filter=mail.example.com
    var wanted = /^#filter=(.*)$/.exec(window.location.hash);
    if (wanted) { text.value = decodeURIComponent(wanted[1]); }
    tools.hidden = false;
    table.setAttribute('data-interactive', 'true');
    apply();
  }
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
  });
  root.setAttribute('data-script', 'ok');
}());
