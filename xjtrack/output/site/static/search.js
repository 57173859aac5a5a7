// Static search over targets, indicators and the documents' lines. The index is
// search-index.js (window.XJTRACK_INDEX: [kind, path, name_zh, name_en, text]). A term is
// matched as a substring, so Chinese works as typed (铁路). Results are built as DOM nodes
// with textContent: nothing from the index is ever parsed as HTML.
(function () {
  "use strict";
  var index = window.XJTRACK_INDEX || [];
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  var input = document.getElementById("q");
  var lang = list.getAttribute("data-lang");
  var root = list.getAttribute("data-root");
  var top = list.getAttribute("data-top");  // a target's page is one page in both languages, at t/ID/
  var kinds = lang === "zh" ? { t: "目标", i: "指标", l: "原文" } : { t: "target", i: "indicator", l: "document" };
  var LIMIT = 200;
  function normal(text) { return text.toLowerCase().replace(/\s+/g, ""); }
  var prepared = index.map(function (e) { return normal(e[2] + " " + e[3] + " " + e[4]); });
  function snippet(text, term) {
    // the words around the first place the term stands, so that a long line shows why it matched
    var at = text.toLowerCase().indexOf(term.toLowerCase());
    var start = at > 60 ? at - 60 : 0;
    var end = Math.min(text.length, Math.max(at, 0) + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }
  function run(term) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var wanted = normal(term);
    if (!wanted) { count.textContent = ""; return; }
    var found = 0;
    for (var n = 0; n < index.length; n += 1) {
      if (prepared[n].indexOf(wanted) === -1) { continue; }
      found += 1;
      if (found > LIMIT) { continue; }
      var e = index[n];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e[0] === "t" ? top + e[1] + (lang === "zh" ? "#zh" : "") : root + e[1];
      link.textContent = lang === "zh" ? e[2] : e[3];
      item.appendChild(link);
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = kinds[e[0]] || "";
      item.appendChild(kind);
      if (e[4]) {
        var text = document.createElement("div");
        text.textContent = snippet(e[4], term.trim());
        item.appendChild(text);
      }
      list.appendChild(item);
    }
    count.textContent = found + " " + count.getAttribute("data-results");
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); run(params.get("q")); }
  input.addEventListener("input", function () { run(input.value); });
}());
