"""A document's text as xjtrack archives it, and the rules that refuse text it cannot trust.

Every extractor (plain text, HTML, PDF) hands its text here. What is kept is the document's own
text: line breaks, spaces inside numbers and full-width punctuation stay as extracted, because
quote matching ignores whitespace and nothing else. What is refused is text that would make a
quote match the wrong words, or none: glyphs the extractor could not map ((cid:123)), characters
replaced on decoding (U+FFFD), UTF-8 read as Latin-1 or as GBK (mojibake), control characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xjtrack.errors import XjtrackError
from xjtrack.safe import UNSAFE, one_line

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CID = re.compile(r"\(cid:\d+\)")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# a Latin-1 letter that starts a UTF-8 sequence, followed by what its continuation bytes read as
# in Latin-1 or Windows-1252: UTF-8 text decoded the wrong way (新疆 read as "æ–°ç–†")
_CONTINUATION = ("[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
                 "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_LATIN1_MOJIBAKE = re.compile(f"(?:[\u00c2-\u00f4]{_CONTINUATION}+)+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]{3,}")
GBK_MOJIBAKE_MARKS = ("锟斤拷", "烫烫烫", "屯屯屯")  # what U+FFFD and uninitialised memory become in GBK


@dataclass(frozen=True)
class Extracted:
    """The text to archive, what was taken out of it (for the manifest), and what read it."""

    text: str
    removed: tuple[str, ...]
    extractor: str


def decode_plain(data: bytes, name: str) -> str:
    """A plain-text file's text: UTF-8 (with or without a byte-order mark), or UTF-16 with one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise XjtrackError(f"{name} is not UTF-8 text (byte {exc.start}: {exc.reason}); convert it to "
                           "UTF-8 first, e.g. iconv -f GB18030 -t UTF-8, and check the result") from None


def tidy(text: str) -> tuple[str, list[str]]:
    """Line ends made \\n, page breaks made line breaks, invisible zero-width characters dropped."""
    removed = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        removed.append("CR line ends (made LF)")
    if "\f" in text:
        text = text.replace("\f", "\n")
        removed.append("page-break characters (made line breaks)")
    invisible = len(ZERO_WIDTH.findall(text))
    if invisible:
        text = ZERO_WIDTH.sub("", text)
        removed.append(f"{invisible} zero-width character{'s' if invisible != 1 else ''}")
    if not text.endswith("\n"):
        text += "\n"
    return text, removed


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _refuse(name: str, text: str, offset: int, what: str, fix: str) -> None:
    raise XjtrackError(f"{name} cannot be archived: {what} (first on line {_line(text, offset)}); {fix}")


def _latin1_mojibake(run: str) -> bool:
    data = bytearray()
    for char in run:
        try:
            data += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return False
            data.append(ord(char))
    try:
        return CJK.search(bytes(data).decode("utf-8")) is not None
    except UnicodeDecodeError:
        return False


def _gbk_mojibake_share(text: str) -> tuple[int, int, int]:
    """(runs of non-ASCII text that are UTF-8 bytes read as GBK, all such runs, first offset)."""
    hits, runs, first = 0, 0, -1
    for match in _NON_ASCII_RUN.finditer(text):
        runs += 1
        try:
            back = match.group().encode("gb18030").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if CJK.search(back):
            hits += 1
            first = match.start() if first < 0 else first
    return hits, runs, first


def refuse_unreadable(text: str, name: str) -> None:
    """Raise XjtrackError, naming the first bad place, unless the text can be archived as it is."""
    if not text.strip():
        raise XjtrackError(f"{name} cannot be archived: no text could be extracted from it (a scan, or an "
                           "empty file?); run OCR on it first and check the text by hand")
    checks = [
        (CID, "glyphs the extractor could not map to characters, such as (cid:123)",
         "the document's fonts carry no character map; find another copy of it, or run OCR on it"),
        (re.compile("\ufffd"), "replacement characters (\ufffd): the text lost characters when it was decoded",
         "find an undamaged copy of the document"),
        (PRIVATE_USE, "private-use characters, which stand for glyphs without a known character",
         "the document's fonts carry no character map; find another copy, or run OCR on it"),
    ]
    for pattern, what, fix in checks:
        found = pattern.search(text)
        if found:
            _refuse(name, text, found.start(), what, fix)
    for match in _LATIN1_MOJIBAKE.finditer(text):
        if _latin1_mojibake(match.group()):
            _refuse(name, text, match.start(), f"mojibake: UTF-8 text read as Latin-1 ('{one_line(match.group())}')",
                    "find the original file, or reverse the mis-decoding and check the result by hand")
    for mark in GBK_MOJIBAKE_MARKS:
        if mark in text:
            _refuse(name, text, text.index(mark), f"mojibake ({mark})", "find an undamaged copy of the document")
    hits, runs, first = _gbk_mojibake_share(text)
    if hits and hits * 50 >= runs:
        _refuse(name, text, first, f"mojibake: UTF-8 text read as GBK ({hits} of {runs} runs of Chinese text)",
                "find the original file, or reverse the mis-decoding and check the result by hand")
    control = UNSAFE.search(text)
    if control:
        _refuse(name, text, control.start(), f"a control or bidirectional-formatting character "
                f"(U+{ord(control.group()):04X})", "remove it from the file, or find a clean copy")
    if not CJK.search(text):
        raise XjtrackError(f"{name} cannot be archived: its text holds no Chinese characters; xjtrack "
                           "archives Chinese government documents: is it the right file, or is its text garbled?")
