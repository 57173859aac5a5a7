"""The text a document is read in: simplified characters, inline pinyin taken out.

Documents come in traditional characters (地區生產總值3893.22億元) and, from some web pages, with
pinyin after the characters (實(shí)現(xiàn), 生shēng产chǎn). Reading needs neither. `reading_text`
turns traditional characters into simplified ones through OpenCC (its t2s configuration,
character by character, so that one character stays one character) and removes the pinyin. It
keeps, for every character of the reading text, the offset of the character of the original it
came from: a quote found in the reading text is cut from the original (`Reading.original`),
because the archived text stays as written and every quote is checked against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# a syllable with a tone mark, alone or in brackets after the character it reads: 實(shí), 产chǎn
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_SYLLABLE = rf"[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*"
PINYIN = re.compile(rf"[(（]\s*{_SYLLABLE}(?:\s+{_SYLLABLE})*\s*[)）]|(?<=[\u4e00-\u9fff]){_SYLLABLE}(?![a-z])")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def pinyin_spans(text: str) -> list[tuple[int, int]]:
    """Where inline pinyin stands in text: (start, end) of each syllable or bracketed group."""
    return [m.span() for m in PINYIN.finditer(text)]


def has_pinyin(text: str, at_least: int = 3) -> bool:
    """Whether text carries inline pinyin: at least a few toned syllables beside characters."""
    return len(pinyin_spans(text)) >= at_least


@dataclass(frozen=True)
class Reading:
    """The text to read, and where each of its characters stands in the original."""

    text: str
    origin: tuple[int, ...]  # origin[i]: offset in original of text[i]; one more for the end
    original: str
    converted: int  # characters changed from traditional to simplified
    pinyin: int  # pinyin syllables or groups removed

    def span(self, start: int, end: int) -> str:
        """The original's text that text[start:end] came from (pinyin inside it included)."""
        if start >= end:
            return ""
        return self.original[self.origin[start]:self.origin[end - 1] + 1]

    @property
    def changed(self) -> bool:
        return self.converted > 0 or self.pinyin > 0


def reading_text(original: str) -> Reading:
    """The text to read: simplified, pinyin removed, with the offset map back to the original."""
    cut = pinyin_spans(original)
    chars: list[str] = []
    origin: list[int] = []
    converted = 0
    at = 0
    for start, end in [*cut, (len(original), len(original))]:
        for i in range(at, start):
            char = original[i]
            if _HAN.match(char):
                simple = _simplified(char)
                converted += simple != char
                char = simple
            chars.append(char)
            origin.append(i)
        at = end
    origin.append(len(original))
    return Reading("".join(chars), tuple(origin), original, converted, len(cut))
