/* Sort a score table by a column when its header is clicked. The table is complete without
   this script; it only reorders rows, using each cell's data-sort value when it has one. */
(function () {
  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    var headers = table.querySelectorAll('thead th[data-column]');
    headers.forEach(function (th) {
      th.tabIndex = 0;
      th.setAttribute('role', 'button');
      function sort() {
        var column = +th.getAttribute('data-column');
        var descending = th.getAttribute('aria-sort') !== 'descending';
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function value(row) {
          var cell = row.cells[column];
          var raw = cell.getAttribute('data-sort');
          if (raw === null) raw = cell.textContent.trim();
          var number = parseFloat(raw);
          return isNaN(number) ? raw : number;
        }
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) { if (event.key === 'Enter') sort(); });
    });
  });
})();
