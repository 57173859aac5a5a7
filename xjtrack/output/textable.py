"""A fast fixed-width table for the terminal: CJK-aware widths, ANSI colour only on a terminal.

rich lays out a 500-row table in about 0.2 s; `xjtrack status` should feel instant, so the
status table is drawn here as plain lines. The README picture feeds the same text to rich.
"""

from __future__ import annotations

import re
import unicodedata
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


_PIECE = re.compile(rf"[-−]?[0-9０-９][0-9０-９.,]*[{re.escape(_unit_chars())}]*|.", re.S)


def pieces(word: str) -> list[str]:
    """A word cut where it may break: never inside a number, nor between a number and its unit."""
    return _PIECE.findall(word)


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


def draw(columns: list[Column], rows: list[list[tuple[str, str]]], width: int | None,
         colour: bool) -> list[str]:
    """Each row is a list of (text, style) cells; a cell may wrap onto several lines.

    A row whose cells after the first are all empty spans the table (a reason under its target).
    With width None nothing wraps: each column is as wide as its widest cell.
    """
    spans = [all(not text for text, _ in row[1:]) and len(columns) > 1 for row in rows]
    if width is None:
        widths = [max([cells(c.header), *(cells(row[i][0]) for row, s in zip(rows, spans, strict=True) if not s)])
                  for i, c in enumerate(columns)]
        widths[-1] = 0
        out = ["  ".join(paint(pad(c.header, w) if w else c.header, "bold", colour)
                         for c, w in zip(columns, widths, strict=True)).rstrip()]
        out.append("─" * cells(out[0]))
        for row, span in zip(rows, spans, strict=True):
            if span:
                out.append(paint(row[0][0], row[0][1], colour))
                continue
            out.append("  ".join(paint(text, style, colour) + " " * max(0, w - cells(text))
                                 for (text, style), w in zip(row, widths, strict=True)).rstrip())
        return out
    fixed = sum(c.width for c in columns) + 2 * (len(columns) - 1)
    widths = [c.width or max(20, width - fixed) for c in columns]
    out = ["  ".join(paint(pad(c.header, w), "bold", colour) for c, w in zip(columns, widths, strict=True)),
           "─" * (sum(widths) + 2 * (len(widths) - 1))]
    for row, span in zip(rows, spans, strict=True):
        if span:
            out += [paint(line, row[0][1], colour) for line in wrap(row[0][0], width)]
            continue
        wrapped = [wrap(text, w) for (text, _), w in zip(row, widths, strict=True)]
        for n in range(max(len(lines) for lines in wrapped)):
            parts = []
            for lines, (_, style), w in zip(wrapped, row, widths, strict=True):
                text = lines[n] if n < len(lines) else ""
                parts.append(paint(text, style, colour) + " " * (w - cells(text)))
            out.append("  ".join(parts).rstrip())
    return out
