"""Checks over a written site, with the standard library's HTML parser: each page parses, its
elements nest, every internal link and anchor resolves, and no script or handler is inline."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_EMPTY = {"line", "polyline", "circle", "rect", "path"}  # written self-closed inside svg
OWN_SCRIPTS = {"static/filter.js", "static/search.js", "search-index.js"}  # and search-text.js, which search.js loads
NOT_FOUND_SCRIPT = "static/notfound.js"  # 404.html's, at the --base-url it is given (served at any depth)


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.in_script = False
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "html":
            self.lang = a.get("lang")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"handler attribute {name} on <{tag}>")
            if value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"active URL in {name} on <{tag}>")
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) is not None:
                self.links.append(a[name])
        if tag == "script":
            self.scripts.append(a.get("src") or "")
            self.in_script = True
        if tag not in VOID and not (tag in SVG_EMPTY and "svg" in self.stack):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag in VOID or (tag in SVG_EMPTY and "svg" in self.stack and (not self.stack or self.stack[-1] != tag)):
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append("inline script")
        self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    if page.stack:
        page.problems.append(f"unclosed {page.stack}")
    return page


def check_site(site: Path, base: str = "") -> dict[str, Page]:
    """Every HTML page parsed; raises AssertionError listing every problem found."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for name, page in pages.items():
        problems += [f"{name}: {p}" for p in page.problems]
        if page.lang not in ("en", "zh-Hans"):
            problems.append(f"{name}: lang {page.lang!r}")
        for src in page.scripts:
            resolved = _resolve(name, src)
            if name == "404.html" and base and src == base + NOT_FOUND_SCRIPT:
                continue
            if resolved not in OWN_SCRIPTS:
                problems.append(f"{name}: a script that is not the site's own: {src!r}")
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = _resolve(name, parts.path) if parts.path else name
            if target is None:
                problems.append(f"{name}: link {link!r} leaves the site")
                continue
            if not parts.path or parts.path.endswith("/") or not Path(parts.path).suffix:
                target = (target.rstrip("/") + "/index.html").lstrip("/") if parts.path else name
            if not (site / target).is_file():
                problems.append(f"{name}: broken link {link!r}")
            elif parts.fragment and target.endswith(".html"):
                other = pages.get(target)
                if other is None or unquote(parts.fragment) not in other.ids:
                    problems.append(f"{name}: missing anchor {link!r}")
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} problems)"
    return pages


def _resolve(page: str, href: str) -> str | None:
    parts = page.split("/")[:-1]
    for piece in href.split("/"):
        if piece == "..":
            if not parts:
                return None
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    out = "/".join(parts)
    return out + "/" if href.endswith("/") and out else out
