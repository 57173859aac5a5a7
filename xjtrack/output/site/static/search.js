// Static search over targets, indicators and the documents' lines. The page loads
// search-index.js (window.XJTRACK_INDEX: {t: [[id, name_zh, name_en, goal]], i: [[id, name_zh,
// name_en, aliases]]}), small, so that targets and indicators are found at once; the documents'
// lines (search-text.js, window.XJTRACK_TEXT: [[id, title_zh, title_en, [[line, text]]]]) are
// loaded on the first search, and their matches added when they come. A term is matched as a
// substring, so Chinese works as typed (铁路). Results are built as DOM nodes with textContent:
// nothing from the index is ever parsed as HTML.
(function () {
  "use strict";
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  var input = document.getElementById("q");
  var lang = list.getAttribute("data-lang");
  var root = list.getAttribute("data-root");
  var top = list.getAttribute("data-top");  // a target's page is one page in both languages, at t/ID.html
  var kinds = lang === "zh" ? { t: "目标", i: "指标", l: "原文" } : { t: "target", i: "indicator", l: "document" };
  var LIMIT = 200;
  function normal(text) { return text.toLowerCase().replace(/\s+/g, ""); }
  // each entry: [kind, address, name in Chinese, name in English, text, what a term is matched in]
  var entries = [];
  function add(kind, address, zh, en, text) {
    entries.push([kind, address, zh, en, text, normal(zh + " " + en + " " + text)]);
  }
  var index = window.XJTRACK_INDEX || { t: [], i: [] };
  index.t.forEach(function (e) {
    add("t", top + "t/" + e[0] + ".html" + (lang === "zh" ? "#zh" : ""), e[1] + " " + e[0], e[2] + " " + e[0], e[3]);
  });
  index.i.forEach(function (e) { add("i", root + "indicator/" + e[0] + "/", e[1], e[2], e[3]); });
  var text = "unloaded";
  function loadText() {
    // a script element, not a request: it works from any static host and from the disk alike
    text = "loading";
    var script = document.createElement("script");
    script.src = list.getAttribute("data-text");
    script.addEventListener("load", function () {
      (window.XJTRACK_TEXT || []).forEach(function (d) {
        d[3].forEach(function (line) {
          add("l", root + "doc/" + d[0] + "/#L" + line[0], d[1] + " " + line[0], d[2] + ", line " + line[0], line[1]);
        });
      });
      text = "loaded";
      run(input.value);
    });
    // without the lines (a host that lacks the file), the targets and indicators are still found
    script.addEventListener("error", function () { text = "missing"; run(input.value); });
    document.body.appendChild(script);
  }
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
    if (text === "unloaded") { loadText(); }
    var found = 0;
    for (var n = 0; n < entries.length; n += 1) {
      if (entries[n][5].indexOf(wanted) === -1) { continue; }
      found += 1;
      if (found > LIMIT) { continue; }
      var e = entries[n];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e[1];
      link.textContent = lang === "zh" ? e[2] : e[3];
      item.appendChild(link);
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = kinds[e[0]] || "";
      item.appendChild(kind);
      if (e[4]) {
        var line = document.createElement("div");
        line.textContent = snippet(e[4], term.trim());
        item.appendChild(line);
      }
      list.appendChild(item);
    }
    count.textContent = found + " " + count.getAttribute("data-results") +
      (text === "loading" ? " " + count.getAttribute("data-more") : "");
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); run(params.get("q")); }
  input.addEventListener("input", function () { run(input.value); });
}());
