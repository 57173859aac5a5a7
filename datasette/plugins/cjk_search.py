"""A datasette plugin for xjtrack's database: Chinese terms in the search box find what they say.

xjtrack indexes every CJK character as a token of its own, so that any run of characters can be
found as a phrase. This turns what a reader types (铁路) into that phrase ("铁 路") before
datasette runs the search, for one character or many. Use: datasette db/xjtrack.db
-m datasette/metadata.json --plugins-dir datasette/plugins
"""

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl


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
