"""A section of the project's own documentation (README.md, CURATING.md) as HTML, for the method page.

markdown-it-py renders it with raw HTML switched off, so a tag written in the text is shown as
text. Links that lead into the repository (CURATING.md, docs/…) have no page on the site: they are
kept as their words; web links and in-page anchors stay links.
"""

from __future__ import annotations

import re

from markupsafe import Markup


def section(text: str, heading: str) -> str | None:
    """The markdown under the heading named heading, to the next heading of its level or higher."""
    lines = text.splitlines()
    for n, line in enumerate(lines):
        m = re.match(r"^(#+)\s+(.*?)\s*$", line)
        if m and m.group(2) == heading:
            level, body = len(m.group(1)), []
            for rest in lines[n + 1:]:
                h = re.match(r"^(#+)\s", rest)
                if h and len(h.group(1)) <= level:
                    break
                body.append(rest)
            return "\n".join(body).strip() + "\n"
    return None


def section_html(text: str, heading: str) -> Markup | None:
    from markdown_it import MarkdownIt

    body = section(text, heading)
    if body is None:
        return None
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(body)
    for token in tokens:
        children = token.children or []
        kept, drop = [], 0
        for child in children:
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                if not re.match(r"^(https?://|#)", href):
                    drop += 1
                    continue
            elif child.type == "link_close" and drop:
                drop -= 1
                continue
            kept.append(child)
        if token.children is not None:
            token.children = kept
    # the heading levels inside a section start below the page's own h2
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 1)}"
    return Markup(md.renderer.render(tokens, md.options, {}))
