"""A datasette plugin for xjtrack's database: Chinese terms in the search box find what they say;
a target's id links to its page; the column descriptions fold away under the table's title.

xjtrack indexes every CJK character as a token of its own, so that any run of characters can be
found as a phrase. This turns what a reader types (铁路) into that phrase ("铁 路") before
datasette runs the search, for one character or many. Use: datasette db/xjtrack.db
-m datasette/metadata.json --plugins-dir datasette/plugins
"""

from urllib.parse import parse_qsl, quote, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

LINKED = {"target_status": "id", "promises": "id", "targets": "id", "verdicts": "target"}

FOLD_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (list) {
  var box = document.createElement("details");
  var label = document.createElement("summary");
  label.textContent = "What each column holds";
  box.appendChild(label);
  list.parentNode.insertBefore(box, list);
  box.appendChild(list);
});
"""


@hookimpl
def extra_body_script(template):
    return FOLD_DESCRIPTIONS if template == "table.html" else ""


@hookimpl
def render_cell(value, column, table, database):
    """A target's id in the status views links to its page: verdict, reason and quotes."""
    if table in LINKED and column == LINKED[table] and isinstance(value, str) and "." in value:
        return Markup(f'<a href="/{escape(database)}/target?id={escape(quote(value, safe=""))}">{escape(value)}</a>')
    return None


def phrase(term: str) -> str:
    """A search term as an FTS5 phrase of single characters: 铁路 -> "铁 路"."""
    spaced = "".join(f" {ch} " if ord(ch) > 0x2E7F else ch for ch in term)
    tokens = " ".join(spaced.replace('"', " ").split())
    return f'"{tokens}"' if tokens else ""


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def rewritten(scope, receive, send):
            if scope.get("type") == "http" and b"_search" in scope.get("query_string", b""):
                pairs = parse_qsl(scope["query_string"].decode("utf-8"), keep_blank_values=True)
                pairs = [(k, phrase(v) if k.startswith("_search") else v) for k, v in pairs]
                scope = dict(scope, query_string=urlencode(pairs).encode("utf-8"))
            await app(scope, receive, send)

        return rewritten

    return wrap
