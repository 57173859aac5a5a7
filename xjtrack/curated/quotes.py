"""Finding a quote in an archived source text, whitespace ignored, and the figure in the quote."""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from xjtrack.core.quantity import format_number

_RUN = re.compile(r"\S+")  # str.split()'s words: \s is the whitespace str.isspace() knows


def squeeze(text: str) -> str:
    """Remove all whitespace: PDF text breaks lines mid-sentence and spaces out numbers."""
    return "".join(text.split())


@dataclass(frozen=True)
class Found:
    line: int  # 1-based line where the quote starts
    span: str  # the source's own text the quote matched, whitespace and all
    start: int = 0  # where span starts in the source's text


class SourceText:
    """A source's text, searchable with whitespace ignored, in about the text's own memory.

    The squeezed text (whitespace removed) is searched; a quote found there is mapped back to
    the original through one offset per run of non-space characters, not one per character.
    """

    def __init__(self, text: str):
        self.text = text
        runs = text.split()
        self.squeezed = "".join(runs)
        # where each run of non-space characters starts in squeezed, and in text
        self._runs = array("q", accumulate(map(len, runs[:-1]), initial=0) if runs else ())
        self._origins = array("q", [match.start() for match in _RUN.finditer(text)])
        self._line_starts = array("q", [0] + [m.end() for m in re.finditer("\n", text)])
        self._located: dict[str, Found | None] = {}  # a quote found once is found the same again

    def original(self, at: int) -> int:
        """Offset in text of the character at index at of the squeezed text."""
        run = bisect_right(self._runs, at) - 1
        return self._origins[run] + (at - self._runs[run])

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def _inside_number(self, start: int, end: int) -> bool:
        """Whether text[start:end] begins or ends in the middle of a number."""
        text = self.text
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if text[start].isdigit() and (before.isdigit() or before == "." and text[start - 2:start - 1].isdigit()):
            return True
        return text[end - 1].isdigit() and (after.isdigit() or after == "." and text[end + 1:end + 2].isdigit())

    def locate(self, quote: str) -> Found | None:
        """Where quote stands in the text (whitespace ignored), not cut out of a number."""
        if quote not in self._located:
            self._located[quote] = self._locate(quote)
        return self._located[quote]

    def _locate(self, quote: str) -> Found | None:
        needle = squeeze(quote)
        if not needle:
            return None
        at = self.squeezed.find(needle)
        while at >= 0:
            start, end = self.original(at), self.original(at + len(needle) - 1) + 1
            if not self._inside_number(start, end):
                return Found(self.line_of(start), self.text[start:end], start)
            at = self.squeezed.find(needle, at + 1)
        return None

    def find(self, quote: str) -> int | None:
        """The 1-based line where quote starts, or None if it is not in the text."""
        found = self.locate(quote)
        return None if found is None else found.line

    def near_miss(self, quote: str) -> str:
        """Where the longest leading part of quote matches, and what the text has after it."""
        needle = squeeze(quote)
        if needle in self.squeezed:
            return "it stands in the text only as part of a longer number: quote the whole number"
        low, high = 0, len(needle)
        while low < high:  # longest prefix that occurs: occurrence is monotone in length
            mid = (low + high + 1) // 2
            if needle[:mid] in self.squeezed:
                low = mid
            else:
                high = mid - 1
        if low < 2:
            return "no part of its beginning is in the text: is it from another source?"
        at = self.squeezed.find(needle[:low])
        has = self.squeezed[at + low : at + low + 6]
        return (f"it matches up to {needle[max(0, low - 8):low]!r} (line "
                f"{self.line_of(self.original(at))}), then the quote has "
                f"{needle[low:low + 6]!r} where the text has {has!r}")


_DIGIT_RUN = re.compile(r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?")
_TO_ASCII = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def numbers_in(text: str) -> set[float]:
    """Every number written in text, each a whole run of digits: whitespace ends a number."""
    found = set()
    for match in _DIGIT_RUN.finditer(text):
        found.add(float(match.group().translate(_TO_ASCII).replace(",", "")))
    return found


_WRITTEN_NUMBER = re.compile(r"(一半|半|[0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百千]+)(?:余|多)?"
                             r"(万亿|亿|万|千|百)?")
_DOUBLING = re.compile("翻(一|两)番")


def _scaled(text: str) -> float | None:
    """The first number in text times the magnitude after it: "169.3万" is 1693000."""
    from xjtrack.core.quantity import MAGNITUDES, _chinese_integer

    text = squeeze(text).translate(_TO_ASCII).replace(",", "")
    doubling = _DOUBLING.search(text)
    if doubling:
        return 2.0 if doubling.group(1) == "一" else 4.0
    match = _WRITTEN_NUMBER.search(text)
    if match is None:
        return None
    number, magnitude = match.group(1), match.group(2) or ""
    if number in ("一半", "半"):
        value = 0.5
    elif number[0].isdigit():
        value = float(number)
    else:
        value = float(_chinese_integer(number))
    return value * MAGNITUDES[magnitude]


def _same_figure(quantity, as_written: str) -> str | None:
    """as_written must give the same figure as the curated value, whatever words surround it."""
    from xjtrack.core.quantity import MAGNITUDES

    written = _scaled(as_written)
    prefix = next((m for m in sorted(MAGNITUDES, key=len, reverse=True)
                   if m and quantity.unit.text.startswith(m)), "")
    value = abs(quantity.value)
    candidates = {value * MAGNITUDES[prefix], value * quantity.unit.factor}
    if written is not None and any(math.isclose(written, c, rel_tol=1e-9) for c in candidates):
        return None
    return f"as_written {as_written!r} is not the figure {quantity.text!r}"


def figure_missing(quantity, quotes: list[str], as_written: str = "") -> str | None:
    """Why the quantity's figure does not stand in any of its quotes (see _figure_missing)."""
    return _figure_missing(quantity, tuple(quotes), as_written)


@lru_cache(maxsize=65536)
def _figure_missing(quantity, quotes: tuple[str, ...], as_written: str = "") -> str | None:
    """Why the quantity's figure does not stand in any of its quotes, or None when it does.

    quotes are the source's own text that each quote matched (Found.span), so whitespace the
    source has between two digits ends a number, whatever the curator typed. The figure must
    appear as a whole number (7398 is not in "17398" or "7398.5"). A figure in Chinese numerals
    must appear as written; as_written names another form the quote uses.
    """
    if quantity is None or quantity.value is None:
        return None
    if as_written:
        if not any(squeeze(as_written) in squeeze(q) for q in quotes):
            return f"as_written {as_written!r} is not in the quote"
        return _same_figure(quantity, as_written)
    if quantity.numeral:
        if any(squeeze(quantity.numeral) in squeeze(q) for q in quotes):
            return None
        return f"{quantity.numeral!r} is not in the quote"
    wanted = [abs(quantity.value)] + ([abs(quantity.high)] if quantity.high is not None else [])
    for quote in quotes:
        numbers = numbers_in(quote)
        if all(any(math.isclose(w, n, rel_tol=0, abs_tol=1e-9) for n in numbers) for w in wanted):
            return None
    shown = " and ".join(format_number(w) for w in wanted)
    return (f"the figure {shown} does not stand in the quote as a whole number; quote the words "
            "that give it, or say with as_written: how the document writes it")
