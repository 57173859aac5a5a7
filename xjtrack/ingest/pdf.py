"""A PDF's text layer, page by page, with its page numbers and running headers and footers left out.

Read with pypdf (BSD-3-Clause, pure Python), installed by the `ingest` extra. The text keeps
the PDF's own lines: a sentence, or a number, broken across a line stays broken across it,
because quote matching ignores whitespace and joining lines would be a guess (7398 at the end of
a line and 1530 at the start of the next are two numbers). What would break a quote is what
stands between the halves of a sentence at a page break: the page number and the running header
or footer, which are removed. A page set in two columns is read down the left column, then the
right, where pypdf would read across both. A PDF whose fonts carry no map from glyphs to
characters, or a page without a text layer (a scan), is refused: its text would be garbage, or
missing.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from contextlib import contextmanager

from xjtrack.errors import XjtrackError
from xjtrack.ingest.text import CJK, Extracted, tidy

INSTALL = "pip install 'xjtrack[ingest]'"
PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(第\s*)?(\d{1,4})(\s*页)?(\s*[/／共]\s*\d{1,4}\s*页?)?[-—–－_\s]*$")
EDGE = 2  # how many lines at the top and at the bottom of a page may be a running header or footer
UNMAPPED_ENCODINGS = ("/Identity-H", "/Identity-V")
LINE_TOLERANCE = 2  # points: pieces of text this close in height stand on one line
# two columns: on 3 lines at least and half the page's, 4 CJK characters on each side of the gutter,
# and most left-hand lines (as running text is set) filled to within a fifth of the longest
COLUMN_LINES, COLUMN_SHARE, COLUMN_CJK, FULL_LINE = 3, 0.5, 4, 0.8
_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s")


@contextmanager
def _quiet():
    """pypdf reports what it works around through logging; xjtrack's own checks decide instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


EXTERNAL = "JBIG2Decode"  # the one filter pypdf decodes by running a program (jbig2dec) on the data


class _External(XjtrackError):
    pass


def _external_refused(name: str) -> _External:
    return _External(f"{name} cannot be archived: it holds data compressed with {EXTERNAL}, which xjtrack "
                     "would decode by running an external program on it; find another copy of the document")


@contextmanager
def _no_external_programs(name: str):
    """While a PDF is read, a filter that pypdf would hand to an external program is refused
    (however its name is spelt, and wherever it is met: a content stream, an image)."""
    from pypdf import filters

    met: list[str] = []

    def refuse(*args, **kwargs):
        met.append(EXTERNAL)
        raise _external_refused(name)

    before = filters.JBIG2Decode.decode
    filters.JBIG2Decode.decode = staticmethod(refuse)
    try:
        yield met
    finally:
        filters.JBIG2Decode.decode = before


def _fonts(resources, seen: set[int]):
    """Every font a page's resources name, forms drawn on the page included."""
    if not resources:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    for font in (fonts.get_object().values() if fonts else ()):
        yield font.get_object()
    objects = resources.get("/XObject")
    for xobject in (objects.get_object().values() if objects else ()):
        if id(xobject.get_object()) in seen:
            continue
        seen.add(id(xobject.get_object()))
        form = xobject.get_object()
        if form.get("/Subtype") == "/Form":
            yield from _fonts(form.get("/Resources"), seen)


def _unmapped_font(page) -> str | None:
    """The name of a font whose glyphs cannot be read as characters: no ToUnicode, Identity encoding."""
    for font in _fonts(page.get("/Resources"), set()):
        if font.get("/Subtype") == "/Type0" and "/ToUnicode" not in font and \
                str(font.get("/Encoding")) in UNMAPPED_ENCODINGS:
            return str(font.get("/BaseFont", "?")).lstrip("/")
    return None


def _pages(data: bytes, name: str) -> tuple[list[str], set[int]]:
    """Each page's text, and the numbers of the pages that draw an image."""
    try:
        import pypdf
        from pypdf.errors import PyPdfError
    except ImportError:
        raise XjtrackError(f"reading a PDF needs the ingest extra: {INSTALL}") from None
    if EXTERNAL.encode() in data:
        raise _external_refused(name)
    with _quiet(), _no_external_programs(name) as met:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise XjtrackError(f"{name} is encrypted with a password; remove the password and run again")
            texts, imaged, columned = [], set(), []
            for number, page in enumerate(reader.pages, 1):
                text = page.extract_text() or ""
                columns = _two_columns(page) if text.strip() else None
                if columns is not None:
                    text = columns
                    columned.append(number)
                font = _unmapped_font(page) if text.strip() else None
                if font:
                    raise XjtrackError(f"{name} cannot be archived: page {number} uses the font {font}, which "
                                       "carries no map from its glyphs to characters; find another copy of "
                                       "the document, or run OCR on it")
                if _has_images(page):
                    imaged.add(number)
                texts.append(text)
                if met:  # pypdf went on past the refusal
                    raise _external_refused(name)
        except (PyPdfError, ValueError, KeyError, TypeError) as exc:
            raise XjtrackError(f"{name} cannot be read as a PDF ({type(exc).__name__}: {exc})") from None
    return texts, imaged, columned


def _two_columns(page) -> str | None:
    """A page set in two columns of text, read as the eye reads it: the left column down, then the
    right; None for any other page, which pypdf's own order serves. A page is taken for two
    columns when on most of its lines a piece of text starts at the same x, past the page's left
    edge, with running text (not a table's figures or cells) on both sides of it."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            pieces.append((round(y), x, text.rstrip("\n")))

    page.extract_text(visitor_text=visit)
    lines: dict[int, list[tuple[float, str]]] = {}
    for y, x, text in pieces:
        row = next((k for k in lines if abs(k - y) <= LINE_TOLERANCE), y)
        lines.setdefault(row, []).append((x, text))
    split = Counter(round(x / 2) * 2 for row in lines.values() for x, _ in sorted(row)[1:])
    if not split:
        return None
    gutter = split.most_common(1)[0][0] - 2
    beside = [row for row in lines.values() if any(x >= gutter for x, _ in row) and any(x < gutter for x, _ in row)]
    prose = [row for row in beside if all(_running_text("".join(t for x, t in sorted(row) if (x >= gutter) == side))
                                          for side in (False, True))]
    if len(prose) < COLUMN_LINES or len(prose) < COLUMN_SHARE * len(lines):
        return None
    widths = [len("".join(t for x, t in row if x < gutter)) for row in prose]
    if sum(w >= FULL_LINE * max(widths) for w in widths) < COLUMN_SHARE * len(widths):
        return None  # the left side's lines are not filled to the gutter: a table's cells, not a column
    ordered = [lines[y] for y in sorted(lines, reverse=True)]
    left = ["".join(t for x, t in sorted(row) if x < gutter) for row in ordered]
    right = ["".join(t for x, t in sorted(row) if x >= gutter) for row in ordered]
    return "\n".join(line for line in left + right if line.strip())


def _running_text(text: str) -> bool:
    return len(CJK.findall(text)) >= COLUMN_CJK


def _has_images(page) -> bool:
    """Whether a page draws an image: a page with images and no text is a scan."""
    resources = page.get("/Resources")
    objects = resources.get_object().get("/XObject") if resources else None
    if objects and any(x.get_object().get("/Subtype") == "/Image" for x in objects.get_object().values()):
        return True
    contents = page.get("/Contents")
    streams = contents.get_object() if contents else []
    streams = streams if isinstance(streams, list) else [streams]
    return any(_INLINE_IMAGE.search(stream.get_object().get_data()) for stream in streams)


def _page_lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _edges(lines: list[str]) -> list[int]:
    ends = list(range(min(EDGE, len(lines)))) + list(range(max(EDGE, len(lines) - EDGE), len(lines)))
    return sorted(set(ends))


def _page_numbers(pages: list[list[str]]) -> int:
    """Remove each page's printed number (— 3 —, 第3页, 3/20) where the numbers run with the pages."""
    candidates = []
    for index, lines in enumerate(pages):
        for at in _edges(lines):
            found = PAGE_NUMBER.match(lines[at])
            if found:
                decorated = found.group(0).strip() != found.group(2)
                candidates.append((index, at, int(found.group(2)) - index, decorated))
    offsets = Counter(offset for _, _, offset, _ in candidates)
    if not offsets:
        return 0
    offset, count = offsets.most_common(1)[0]
    drop = {(i, at) for i, at, o, decorated in candidates if o == offset and (count >= 2 or decorated)}
    for index, at in sorted(drop, reverse=True):
        del pages[index][at]
    return len({i for i, _ in drop})


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", "".join(line.split()))


def _running(pages: list[list[str]], top: bool) -> int:
    """Remove a line repeated at the same edge of most pages (a title or site name in the margin)."""
    if len(pages) < 2:
        return 0
    def edge(lines):
        return lines[:EDGE] if top else lines[-EDGE:]
    seen = Counter(shape for lines in pages for shape in {_shape(line) for line in edge(lines) if line.strip()})
    repeated = {shape for shape, count in seen.items() if count >= 2 and count * 2 >= len(pages)}
    removed = 0
    for lines in pages:
        span = range(min(EDGE, len(lines))) if top else range(max(0, len(lines) - EDGE), len(lines))
        drop = [at for at in span if lines[at].strip() and _shape(lines[at]) in repeated]
        for at in reversed(drop):
            del lines[at]
        removed += bool(drop)
    return removed


def extract_pdf(data: bytes, name: str) -> Extracted:
    texts, imaged, columned = _pages(data, name)
    if not texts:
        raise XjtrackError(f"{name} has no pages")
    pages = [_page_lines(text) for text in texts]
    numbered = _page_numbers(pages)
    headed, footed = _running(pages, top=True), _running(pages, top=False)
    empty = [n for n, lines in enumerate(pages, 1) if not any(line.strip() for line in lines)]
    if len(empty) == len(pages):
        raise XjtrackError(f"{name} cannot be archived: it has no text layer (a scan?); run OCR on it "
                           "first (e.g. ocrmypdf) and check the text by hand")
    scanned = [n for n in empty if n in imaged]  # a page left empty by design draws nothing
    if scanned:
        raise XjtrackError(f"{name} cannot be archived: page{'s' if len(scanned) > 1 else ''} "
                           f"{', '.join(map(str, scanned))} of {len(pages)} "
                           f"{'are images' if len(scanned) > 1 else 'is an image'} without a text layer "
                           "(scanned?), so the text would be incomplete; run OCR on the whole file first")
    removed = []
    for count, what in ((numbered, "page numbers"), (headed, "a running header"), (footed, "a running footer")):
        if count:
            removed.append(f"{what} (on {count} of {len(pages)} pages)")
    if columned:
        removed.append(f"two columns read as the left column, then the right (page{'s' if len(columned) > 1 else ''} "
                       f"{', '.join(map(str, columned))})")
    text, tidied = tidy("\n".join(line for lines in pages for line in lines))
    from importlib.metadata import version

    from xjtrack import __version__

    return Extracted(text, tuple(removed + tidied), f"xjtrack {__version__}, pypdf {version('pypdf')}")
