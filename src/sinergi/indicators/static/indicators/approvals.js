/* Approvals page: the "select all" box ticks every row box, and shows whether all, some or
   none of the rows are ticked. Without JavaScript the same box still works: the server reads
   it as "every row of this region" (the `below` field). */
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var table = document.querySelector(all.getAttribute("data-select-all"));
    if (!table) return;
    var rows = table.querySelectorAll('input[type="checkbox"][name="cell"]');
    function sync() {
      var ticked = 0;
      rows.forEach(function (box) { if (box.checked) ticked += 1; });
      all.checked = rows.length > 0 && ticked === rows.length;
      all.indeterminate = ticked > 0 && ticked < rows.length;
    }
    all.addEventListener("change", function () {
      rows.forEach(function (box) { box.checked = all.checked; });
      all.indeterminate = false;
    });
    rows.forEach(function (box) { box.addEventListener("change", sync); });
    if (all.checked) {
      rows.forEach(function (box) { box.checked = true; });  // restored by the browser
    } else {
      sync();
    }
  });
})();
