"""A fast fixed-width table for the terminal: CJK-aware widths, ANSI colour only on a terminal.

rich lays out a 500-row table in about 0.2 s; `xjtrack status` should feel instant, so the
status table is drawn here as plain lines. The README picture feeds the same text to rich.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

ANSI = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35",
        "cyan": "36"}


@cache
def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cells(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two cells."""
    if text.isascii():
        return len(text)
    return sum(map(_width, text))


def _unit_chars() -> str:
    from xjtrack.core.quantity import BASE_UNITS, MAGNITUDES, PER_UNITS, RATIO_UNITS

    return "".join(sorted(set("".join([*BASE_UNITS, *MAGNITUDES, *RATIO_UNITS, *PER_UNITS, "/"]))))


_NUMBER = r"[-−]?[0-9０-９][0-9０-９.,:]*"
# a figure as one piece: [ ] around it, a range (2至3, 2-3), its unit and a qualifier after it
_PIECE = re.compile(
    rf"[\[(（]?{_NUMBER}(?:[至~～\-–]{_NUMBER})?[\])）]?[{re.escape(_unit_chars())}]*[\])）]?"
    rf"(?:以上|以下|以内|左右|余|多)?|[A-Za-z]+[-/.,;:_]?|.", re.S)


def pieces(word: str) -> list[str]:
    """A word cut where it may break: never inside a number, nor between a number and its unit,
    its brackets or the qualifier after it (4100万亩以上, [135.65]万户, 2至3个百分点); a run of
    letters is kept whole (an id breaks after its hyphens)."""
    return _PIECE.findall(word)


def widest_piece(text: str) -> int:
    """The narrowest a column can be without cutting this text inside a piece."""
    return max((cells(p) for word in text.split() for p in pieces(word)), default=0)


def wrap(text: str, width: int | None) -> list[str]:
    """Greedy wrap by display width: at spaces, else between pieces of a too-long word.

    No word is ever dropped or cut short; width None means no wrapping at all.
    """
    if width is None:
        return [text]
    lines, line, used = [], "", 0
    for word in text.split():
        size = cells(word)
        gap = 1 if line else 0
        if used + gap + size <= width:
            line, used = line + " " * gap + word, used + gap + size
            continue
        if line and size <= width:
            lines.append(line)
            line, used = word, size
            continue
        if line:
            lines.append(line)
            line, used = "", 0
        for piece in pieces(word):
            size = cells(piece)
            if used + size > width and line:
                lines.append(line)
                line, used = "", 0
            while size > width:  # a piece wider than the column: cut it by characters
                head = ""
                for ch in piece:
                    if cells(head + ch) > width:
                        break
                    head += ch
                lines.append(head)
                piece = piece[len(head):]
                size = cells(piece)
            line, used = line + piece, used + size
    return [*lines, line] if line or not lines else lines


def paint(text: str, style: str, colour: bool) -> str:
    if not colour or not style or not text:
        return text
    codes = ";".join(ANSI[s] for s in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"


def pad(text: str, width: int) -> str:
    """text padded to width display cells (ljust counts characters, not cells)."""
    return text + " " * max(0, width - cells(text))


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # 0: take what the others leave


def layout(columns: list[Column], rows: list[list[tuple[str, str]]], width: int) -> list[int]:
    """Column widths for a table at most width cells wide, where the cells allow.

    Every column is at least as wide as its widest unbreakable piece (a figure with its unit), so
    no figure is cut, nor a header's word. Room left goes first to the fixed columns up to their
    width, then to every column in proportion to what it still lacks (a fixed one up to twice its
    width), then to everyone: a wide terminal widens every column that would wrap, and nothing
    wraps where everything fits."""
    shown = [r for r in rows if not (all(not t for t, _ in r[1:]) and len(columns) > 1)]
    natural = [max([cells(c.header), *(cells(r[i][0]) for r in shown)]) for i, c in enumerate(columns)]
    gap = 2 * (len(columns) - 1)
    if sum(natural) + gap <= width:
        return natural
    cap = max(8, width // 2)
    content = [max([1, *(widest_piece(r[i][0]) for r in shown)]) for i in range(len(columns))]
    headed = [max(content[i], *map(cells, c.header.split())) for i, c in enumerate(columns)]
    widths = [min(cap, w) for w in content]
    spare = width - gap - sum(widths)

    def grow(i: int, up_to: int) -> None:
        nonlocal spare
        more = max(0, min(spare, up_to - widths[i]))
        widths[i] += more
        spare -= more

    # a header's words whole, the shortest first (where the table cannot fit them all, some break)
    for i in sorted(range(len(columns)), key=lambda i: headed[i] - widths[i]):
        grow(i, headed[i])
    for i, c in enumerate(columns):
        if c.width:
            grow(i, min(natural[i], max(c.width, widths[i])))
    # then in proportion to what each still lacks, a fixed column to twice its width at most
    limit = [natural[i] if not c.width else min(natural[i], max(2 * c.width, widths[i]))
             for i, c in enumerate(columns)]
    wanted = sum(limit[i] - widths[i] for i in range(len(columns)))
    if spare > 0 and wanted > 0:
        share = spare
        for i in range(len(columns)):
            grow(i, widths[i] + share * (limit[i] - widths[i]) // wanted)
    for i in range(len(columns)):
        grow(i, limit[i])
    for i in range(len(columns)):
        grow(i, natural[i])
    return widths


def draw(columns: list[Column], rows: list[list[tuple[str, str]]], width: int | None,
         colour: bool, sample: int | None = None) -> list[str]:
    """Each row is a list of (text, style) cells; a cell may wrap onto several lines.

    A row whose cells after the first are all empty spans the table (a reason under its target).
    With width None nothing wraps: each column is as wide as its widest cell. sample: the columns
    are measured on the first rows only, at most these (a wider cell after them wraps, or with
    width None overflows its column).
    """
    if width is None:  # each cell's width is taken once, for the columns' and for its padding
        sized = [None if _span(row) else [cells(text) for text, _ in row] for row in rows]
        shown = [s for s in (sized[:sample] if sample else sized) if s is not None]
        widths = [max([cells(c.header), *(s[i] for s in shown)]) for i, c in enumerate(columns)]
        widths[-1] = 0
        return [*head(columns, widths, width, colour), *_unwrapped(rows, sized, widths, colour)]
    widths = measure(columns, rows[:sample] if sample else rows, width)
    return [*head(columns, widths, width, colour), *body(rows, widths, width, colour)]


def _unwrapped(rows: list[list[tuple[str, str]]], sized: list, widths: list[int], colour: bool) -> Iterator[str]:
    """body() with width None, of rows whose cells' widths are known (None: a row that spans)."""
    for row, size in zip(rows, sized, strict=True):
        if size is None:
            yield paint(row[0][0], row[0][1], colour)
        elif colour:
            yield "  ".join(paint(text, style, colour) + " " * max(0, w - n)
                            for (text, style), w, n in zip(row, widths, size, strict=True)).rstrip()
        else:
            yield "  ".join(text + " " * (w - n) if w > n else text
                            for (text, _), w, n in zip(row, widths, size, strict=True)).rstrip()


def _span(row: list[tuple[str, str]]) -> bool:
    return len(row) > 1 and all(not text for text, _ in row[1:])


def measure(columns: list[Column], rows: list[list[tuple[str, str]]], width: int | None) -> list[int]:
    """The columns' widths for these rows (see draw); with width None the last is 0 (not padded)."""
    if width is not None:
        return layout(columns, rows, width)
    shown = [row for row in rows if not _span(row)]
    widths = [max([cells(c.header), *(cells(row[i][0]) for row in shown)]) for i, c in enumerate(columns)]
    widths[-1] = 0
    return widths


def head(columns: list[Column], widths: list[int], width: int | None, colour: bool) -> list[str]:
    """The header line and the rule under it."""
    if width is None:
        out = ["  ".join(paint(pad(c.header, w) if w else c.header, "bold", colour)
                         for c, w in zip(columns, widths, strict=True)).rstrip()]
        return [*out, "─" * cells(out[0])]
    return [*_lines([(c.header, "bold") for c in columns], widths, colour),
            "─" * (sum(widths) + 2 * (len(widths) - 1))]


def body(rows: Iterable[list[tuple[str, str]]], widths: list[int], width: int | None,
         colour: bool) -> Iterator[str]:
    """The rows' lines at these widths, a row at a time."""
    for row in rows:
        if _span(row):
            if width is None:
                yield paint(row[0][0], row[0][1], colour)
            else:
                yield from (paint(line, row[0][1], colour) for line in wrap(row[0][0], width))
        elif width is None:
            yield "  ".join(paint(text, style, colour) + " " * max(0, w - cells(text))
                            for (text, style), w in zip(row, widths, strict=True)).rstrip()
        else:
            yield from _lines(row, widths, colour)


def _lines(row: list[tuple[str, str]], widths: list[int], colour: bool) -> list[str]:
    """One row, its cells wrapped to their columns, as lines."""
    wrapped = [wrap(text, w) for (text, _), w in zip(row, widths, strict=True)]
    out = []
    for n in range(max(len(lines) for lines in wrapped)):
        parts = []
        for lines, (_, style), w in zip(wrapped, row, widths, strict=True):
            text = lines[n] if n < len(lines) else ""
            parts.append(paint(text, style, colour) + " " * max(0, w - cells(text)))
        out.append("  ".join(parts).rstrip())
    return out
