// The not-found page: an address of a target page as xjtrack 0.3.0 wrote it (t/ID/, or zh/t/ID/
// for its Chinese) leads to the page as it is written now (t/ID.html, t/ID.html#zh). Only the
// address's own path is read, and only a path of non-empty parts is followed, so it never leads
// to another host.
(function () {
  "use strict";
  var found = /^((?:\/[^\/]+)*?\/)(zh\/)?t\/([A-Za-z0-9][A-Za-z0-9._-]*)\/(?:index\.html)?$/.exec(window.location.pathname);
  if (found) {
    window.location.replace(found[1] + "t/" + found[3] + ".html" + (found[2] ? "#zh" : ""));
  }
}());
