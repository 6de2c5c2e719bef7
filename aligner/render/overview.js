// aligner batch overview: sort the table by a column (click its heading;
// again to reverse).  No network, no libraries.
(function () {
  "use strict";
  var table = document.getElementById("overview");
  if (!table) { return; }
  var body = table.tBodies[0];

  function value(row, key, type) {
    var cell = row.querySelector('[data-key="' + key + '"]');
    var text = cell ? cell.textContent.trim() : "";
    return type === "number" ? Number(text) || 0 : text.toLowerCase();
  }

  function sortBy(header) {
    var key = header.getAttribute("data-key");
    var type = header.getAttribute("data-type");
    // numbers sort largest first the first time: the transcripts to read first come first
    var current = header.getAttribute("aria-sort");
    var ascending = current === "none" ? type !== "number" : current !== "ascending";
    Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-key]"), function (th) {
      th.setAttribute("aria-sort", "none");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, key, type), y = value(b, key, type);
      var order = x < y ? -1 : x > y ? 1 : 0;
      if (!ascending) { order = -order; }
      if (order === 0) {  // ties by name, A-Z
        var p = value(a, "transcript", "text"), q = value(b, "transcript", "text");
        order = p < q ? -1 : p > q ? 1 : 0;
      }
      return order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-key]"), function (header) {
    header.addEventListener("click", function () { sortBy(header); });
  });
})();
