// The plan page's filters: show only the targets with the chosen verdict, binding, topic and section.
// Without JavaScript the page lists every target, grouped by verdict, with links to each group.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  function apply() {
    var wanted = {};
    ["status", "binding", "topic", "section"].forEach(function (name) {
      var field = form.elements[name];
      wanted[name] = field ? field.value : "";
    });
    document.querySelectorAll("section.group").forEach(function (group) {
      var shown = 0;
      group.querySelectorAll("tbody tr").forEach(function (row) {
        var keep = ["status", "binding", "topic", "section"].every(function (name) {
          return !wanted[name] || row.getAttribute("data-" + name) === wanted[name];
        });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      group.hidden = shown === 0;
    });
  }
  form.addEventListener("change", apply);
}());
