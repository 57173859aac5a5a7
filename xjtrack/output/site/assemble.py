"""Pages put together from pre-escaped pieces, for the pages there are thousands of (a target's).

A Jinja2 template escapes each value it writes and yields each piece of its text; across 10^4
target pages that was most of the site's time. Here a page is joined from three kinds of piece:
the site's own markup (literals in this module), pieces made by markupsafe's Markup (the words
in pairs, badges and links of engine.py), and data, which passes through `esc` (markupsafe's
escape) where it is written: the one place data becomes text of these pages. What many pages
share (a figure's row of a series, a quote in its context, a timeline's entry, the navigation)
is made once and reused.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def esc(value) -> str:
    """Data to HTML text: every value taken from the data is written through this, as markupsafe
    (and so Jinja2's autoescape) writes it. A number (a chart's coordinates, a line number) is its
    own text, with nothing to escape; a plain string, the most common value by far, is replaced
    character by character only when it holds one of the five, and otherwise is its own text
    (markupsafe's escape makes a Markup of each, which at 10^4 targets was most of its cost)."""
    kind = value.__class__
    if kind is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace('"', "&#34;").replace("'", "&#39;"))
        return value
    if kind is int or kind is float:
        return str(value)
    return escape(value)


def segments(parts) -> str:
    """A quote's line as its segments ("plain" | "quote" | "figure"), escaped and marked."""
    out = []
    for text, kind in parts:
        if kind == "plain":
            out.append(esc(text))
        elif kind == "figure":
            out.append(f'<mark class="figure">{esc(text)}</mark>')
        else:
            out.append(f"<mark>{esc(text)}</mark>")
    return "".join(out)


def context(quote: dict, root: str, where) -> Markup:
    """A quote in its lines of the document, the quote and its figure marked, and the link to it."""
    out = [f'<blockquote class="context" cite="{root}doc/{esc(quote["source"])}/#L{esc(quote["line"])}">\n']
    for line in quote["lines"]:  # a line: its number (the first span), then its text
        here = ' class="here"' if line["here"] else ""
        out.append(f'<p{here}><span>{esc(line["n"])}</span>{segments(line["segments"])}</p>\n')
    if not quote["lines"]:
        out.append(f'<p class="here"><mark>{esc(quote["text"])}</mark></p>\n')
    out.append(f'</blockquote>\n<p class="where">{where(quote["source"], quote["line"])}')
    if quote["date"]:
        out.append(f' ({esc(quote["date"])})')
    if quote["value"]:
        out.append(f': {esc(quote["period"])} {esc(quote["value"])}')
    out.append("</p>")
    return Markup("".join(out))


def chart_body(chart: dict) -> Markup:
    """A target's series chart: its axes, ticks, path, lines and points (numbers and labels escaped)."""
    left, top, bottom = chart["left"], chart["top"], chart["bottom"]
    out = [f'<line x1="{esc(left)}" y1="{esc(bottom)}" x2="{esc(chart["right"])}" y2="{esc(bottom)}" class="axis"/>\n'
           f'<line x1="{esc(left)}" y1="{esc(top)}" x2="{esc(left)}" y2="{esc(bottom)}" class="axis"/>\n']
    # the years, the levels and the points each in a group that site.css styles, not each element
    out.append('<g class="years">')
    for tick in chart["ticks"]:
        out.append(f'<text x="{esc(tick["x"])}" y="{esc(bottom + 16)}">{esc(tick["year"])}</text>\n')
    out.append('</g><g class="levels">')
    for level in chart["levels"]:
        out.append(f'<text x="{esc(left - 4)}" y="{esc(level["y"])}">{esc(level["value"])}</text>\n')
    out.append("</g>")
    if chart["path"]:
        out.append(f'<polyline points="{esc(chart["path"])}" class="path"/>')
    for line in chart["lines"]:
        out.append(f'<polyline points="{esc(line)}" class="series"/>\n')
    unit = esc(chart["unit"])
    out.append('<g class="point">')
    for p in chart["points"]:
        out.append(f'<circle cx="{esc(p["x"])}" cy="{esc(p["y"])}" r="3.5"><title>{esc(p["year"])}: '
                   f'{esc(p["value"])} {unit}</title></circle>\n')
    out.append("</g>")
    return Markup("".join(out))


def document_text(lines, quoted: dict, root: str) -> Markup:
    """A document's archived text, a line each: the line's element carries its anchor (`L822`),
    its number is a link to it, and a quoted line links its targets. As little markup as a line
    needs (site.css styles `.text p` and its first link), as the text is most of a document's
    page and a document can run to thousands of lines."""
    out = []
    for n, text in lines:
        ids = quoted.get(n)
        n = esc(n)
        if ids is None:
            out.append(f'<p id="L{n}"><a href="#L{n}">{n}</a>{esc(text)}</p>\n')
        else:
            refs = "".join(f' <a class="tref" href="{root}t/{esc(t)}.html">{esc(t)}</a>' for t in ids)
            out.append(f'<p id="L{n}" class="quoted"><a href="#L{n}">{n}</a>{esc(text)}{refs}</p>\n')
    return Markup("".join(out))
