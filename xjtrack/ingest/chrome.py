"""The lines a web site wraps around a document, in any markup or none: a breadcrumb or
"当前位置" line and the page title repeated at the top; from the first view counter, licence
number, copyright or contact line near the end, the rest of the page.

A web page (xjtrack.ingest.html) loses them on its lines' evidence alone. A plain-text file
loses its footer only where two kinds of chrome stand in it (a view counter and an ICP number,
say): a text saved from a page carries several, while a document's own last lines can name a
hotline. Blank lines are kept where they stand and skipped when lines are compared.
"""

from __future__ import annotations

import re

# lines that are the site's, not the document's: at the top ...
TOP_CHROME = re.compile(r"^(首页|当前位置|您的位置|您现在的位置|所在位置)|\s[>›»]\s|^[>›»]")
# ... and, near the end, the first of these and everything after it, each named for the manifest
FOOTER_KINDS = (
    (re.compile(r"点击数|点击量|浏览次数|浏览量|阅读次数|阅读量|访问量|观注度|关注度"), "a view counter"),
    (re.compile(r"ICP备|ICP证"), "an ICP licence number"),
    (re.compile(r"公网安备"), "a public-security filing number"),
    (re.compile(r"电话|热线|传真|邮箱|E-?mail", re.IGNORECASE), "contact numbers"),
    (re.compile(r"版权所有|Copyright|©|\(c\)", re.IGNORECASE), "a copyright line"),
    (re.compile(r"主办|承办|协办|网站标识码|网站地图"), "the site's operator"),
    (re.compile(r"技术支持"), "a technical-support credit"),
    (re.compile(r"地址[：:]|邮编"), "an address"),
    (re.compile(r"打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫|上一篇|下一篇|返回顶部"), "page controls"),
)
FOOTER_ZONE = 15  # how many of the last (non-blank) lines may hold the page's footer


def _written(lines: list[str], start: int = 0) -> int | None:
    """The index of the first non-blank line from start on."""
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def strip_top(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines without the breadcrumbs and the repeated title they open with, and what went."""
    removed = []
    while (first := _written(lines)) is not None and TOP_CHROME.search(lines[first]):
        lines, removed = lines[first + 1:], [*removed, "a breadcrumb line"]
    while (first := _written(lines)) is not None and (second := _written(lines, first + 1)) is not None \
            and lines[first].strip() == lines[second].strip():
        lines, removed = lines[second:], [*removed, "the page title repeated"]
    return lines, removed


def strip_footer(lines: list[str], kinds_needed: int = 1) -> tuple[list[str], str | None]:
    """The lines without the page's footer, and what it held; unchanged unless the footer holds
    at least kinds_needed kinds of chrome."""
    written = [i for i, line in enumerate(lines) if line.strip()]
    for at in written[-FOOTER_ZONE:]:
        if not any(pattern.search(lines[at]) for pattern, _ in FOOTER_KINDS):
            continue
        kinds, other = [], 0
        for line in (line for line in lines[at:] if line.strip()):
            found = [kind for pattern, kind in FOOTER_KINDS if pattern.search(line)]
            kinds.extend(k for k in found if k not in kinds)
            other += not found
        if len(kinds) < kinds_needed:
            return lines, None
        if other:
            kinds.append(f"{other} other line{'s' if other != 1 else ''}")
        count = written[-1] - at + 1
        return lines[:at], f"the page's last {count} line{'s' if count != 1 else ''}, its footer: " + ", ".join(kinds)
    return lines, None
