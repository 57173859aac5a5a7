"""A web page's document text: the page's navigation, header, footer and scripts left out.

Read with the standard library's html.parser, so HTML needs no extra install. What is left out
is what a site wraps around every document it publishes: nav, aside, script and style elements,
the header and footer of the page (an article's own header, which holds its title, stays), the
elements a site names for its chrome (class or id nav, menu, breadcrumb, sidebar, copyright …),
and, at the edges of the text, the lines that are site chrome in any markup: a breadcrumb or
"当前位置" line and the page title repeated at the top; from the first view counter, licence
number, copyright or contact line near the end, the rest of the page.
"""

from __future__ import annotations

import platform
import re
from html.parser import HTMLParser

from xjtrack import __version__
from xjtrack.errors import XjtrackError
from xjtrack.ingest.chrome import strip_footer, strip_top
from xjtrack.ingest.text import Extracted, tidy

ALWAYS_SKIPPED = {"head", "script", "style", "noscript", "template", "nav", "aside", "iframe", "svg",
                  "form", "button", "select", "object", "canvas"}
PAGE_FURNITURE = {"header", "footer"}  # the page's, not an article's own
CONTENT = {"article", "main"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}
BLOCKS = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "table", "thead", "tbody", "section", "article", "main", "blockquote", "pre", "hr", "center",
          "address", "figure", "figcaption", "caption"}
CELLS = {"td", "th"}
NAMED_CHROME = "named"  # an element whose class or id names it site chrome
CHROME_NAMES = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
                "sidebar", "copyright", "share", "toolbar", "topbar", "banner"}
FURNITURE_NAMES = {"header", "footer", "foot", "head"}

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\u00a0]+")
ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def decode_html(data: bytes, name: str) -> str:
    """The page's text in the charset it declares (a byte-order mark, or <meta charset>), else UTF-8."""
    declared = None
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    else:
        declared = _CHARSET.search(data[:4096])
        encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        encoding = ALIASES.get(encoding, encoding)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        said = f"in the charset it declares ({encoding})" if declared else "UTF-8, and declares no charset"
        raise XjtrackError(f"{name} is not {said} (byte {exc.start}: {exc.reason}); convert it to UTF-8 "
                           "first, and check the result") from None
    except (LookupError, UnicodeError):  # unknown, or a name such as "undefined" that decodes nothing
        raise XjtrackError(f"{name} declares the charset {encoding!r}, which Python cannot decode; "
                           "convert the page to UTF-8 first") from None


def _names(attrs) -> set[str]:
    words = set()
    for key, value in attrs:
        if key in ("class", "id") and value:
            words.update(w.lower() for w in re.split(r"[\s_-]+", value) if w)
    return words


class _Page(HTMLParser):
    """The page's text as lines, and which elements were left out of it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping: tuple[str, int] | None = None  # the skipped element's tag and nesting depth
        self.content_depth = 0
        self.pre_depth = 0
        self.skipped: dict[str, int] = {}

    def _skip_reason(self, tag: str, attrs) -> str | None:
        names = _names(attrs)
        outside = self.content_depth == 0
        if tag in ALWAYS_SKIPPED:
            return tag
        if tag in PAGE_FURNITURE and outside:
            return tag
        if names & CHROME_NAMES or outside and names & FURNITURE_NAMES:
            return NAMED_CHROME
        return None

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag == self.skipping[0] and tag not in VOID:
                self.skipping = (tag, self.skipping[1] + 1)
            return
        reason = self._skip_reason(tag, attrs)
        if reason:
            self.skipped[reason] = self.skipped.get(reason, 0) + 1
            if tag not in VOID:
                self.skipping = (tag, 1)
            return
        if tag in CONTENT:
            self.content_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        if tag in BLOCKS:
            self._break()
        elif tag in CELLS:
            self.current.append(" ")

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[0]:
                depth = self.skipping[1] - 1
                self.skipping = (tag, depth) if depth else None
            return
        if tag in CONTENT and self.content_depth:
            self.content_depth -= 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data if self.pre_depth else _SPACES.sub(" ", data))

    def _break(self):
        text = "".join(self.current)
        for line in text.split("\n") if self.pre_depth else [text]:
            line = line.strip(" \t\u00a0")
            if line:
                self.lines.append(line)
        self.current = []

    def close(self):
        super().close()
        self._break()


def _elements(skipped: dict[str, int]) -> str | None:
    shown = {tag: count for tag, count in skipped.items() if tag != "head"}  # head holds nothing shown
    named = shown.pop(NAMED_CHROME, 0)
    parts = [f"{tag} ({count})" if count > 1 else tag for tag, count in sorted(shown.items())]
    if named:
        parts.append(f"{named} element{'s' if named > 1 else ''} whose class or id names site chrome")
    return "the page's own elements: " + ", ".join(parts) if parts else None


def extract_html(data: bytes, name: str) -> Extracted:
    page = _Page()
    page.feed(decode_html(data, name))
    page.close()
    lines, top = strip_top(page.lines)
    lines, footer = strip_footer(lines)
    text, tidied = tidy("\n".join(lines))
    removed = [r for r in (_elements(page.skipped), *dict.fromkeys(top), footer) if r] + tidied
    extractor = f"xjtrack {__version__}, html.parser (Python {platform.python_version()})"
    return Extracted(text, tuple(removed), extractor)
