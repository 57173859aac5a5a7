"""Finding a quote in an archived source text, whitespace ignored."""

from __future__ import annotations

import re
from bisect import bisect_right

_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Remove all whitespace: PDF text breaks lines mid-sentence and spaces out numbers."""
    return _WHITESPACE.sub("", text)


class SourceText:
    def __init__(self, text: str):
        self.text = text
        chars: list[str] = []
        self._offsets: list[int] = []  # offset in text of each character kept in squeezed
        for offset, char in enumerate(text):
            if not char.isspace():
                chars.append(char)
                self._offsets.append(offset)
        self.squeezed = "".join(chars)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def find(self, quote: str) -> int | None:
        """The 1-based line where quote starts, or None if it is not in the text."""
        needle = squeeze(quote)
        at = self.squeezed.find(needle) if needle else -1
        return None if at < 0 else self.line_of(self._offsets[at])

    def near_miss(self, quote: str) -> str:
        """Where the longest leading part of quote matches, and what the text has after it."""
        needle = squeeze(quote)
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
                f"{self.line_of(self._offsets[at])}), then the quote has "
                f"{needle[low:low + 6]!r} where the text has {has!r}")
