"""A quote shown in its document: the lines around it, the quote marked, the figure in it marked.

Pure functions returning segments (text, kind); the templates escape every segment.
"""

from __future__ import annotations

import re
from bisect import bisect_left

NUMBER = re.compile(r"\d[\d,，.]*")


def number_in(value_text: str) -> str:
    """The number a figure is written with (9627 of 9627公里), to find it inside a quote."""
    found = NUMBER.search(value_text or "")
    return found.group().rstrip(".,，") if found else ""


def _marked(text: str, figure: str) -> list[tuple[str, str]]:
    """text as segments, the figure's number (where it stands as a whole number) marked."""
    if figure:
        for m in re.finditer(re.escape(figure), text):
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if not (before.isdigit() or before == ".") and not (after.isdigit() or (after == "." and
                                                                                   text[m.end() + 1: m.end() + 2].isdigit())):
                return [(text[:m.start()], "quote"), (figure, "figure"), (text[m.end():], "quote")]
    return [(text, "quote")]


WINDOW = 120  # characters of context kept on each side of a quote; the document's page has the whole line


def _head(text: str) -> str:
    return text if len(text) <= WINDOW else text[:WINDOW] + "…"


def _tail(text: str) -> str:
    return text if len(text) <= WINDOW else "…" + text[-WINDOW:]


def in_context(lines: list[tuple[int, str]], line: int, quote: str, figure: str = "",
               around: int = 1) -> list[dict]:
    """The lines around a quote (line numbers as in the archived text), each as segments:
    ("text", "plain" | "quote" | "figure"). Long lines are cut to WINDOW characters on each side
    of the quote (marked …): a paragraph of a work report can run to thousands of characters."""
    at = bisect_left(lines, (line, ""))
    if at >= len(lines) or lines[at][0] != line:
        return []
    out = []
    for n, text in lines[max(0, at - around): at + around + 1]:
        if n < line:
            segments: list[tuple[str, str]] = [(_tail(text), "plain")]
        elif n > line:
            segments = [(_head(text), "plain")]
        else:
            start = text.find(quote) if quote else -1
            if start >= 0:
                segments = [(_tail(text[:start]), "plain"), *_marked(quote, figure),
                            (_head(text[start + len(quote):]), "plain")]
            else:  # a quote running over several lines: the whole line is marked
                segments = _marked(text, figure)
        out.append({"n": n, "segments": [s for s in segments if s[0]], "here": n == line})
    return out
