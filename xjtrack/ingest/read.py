"""Which extractor reads a file: by its name's ending, confirmed by what the file holds."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from xjtrack.errors import XjtrackError
from xjtrack.ingest.text import Extracted, refuse_unreadable
from xjtrack.safe import one_line


class Received(StrEnum):
    """The kinds of file add-source archives, by the name endings that say which."""

    text = "text"
    html = "html"
    pdf = "pdf"


ENDINGS = {".txt": Received.text, ".text": Received.text, ".html": Received.html, ".htm": Received.html,
           ".xhtml": Received.html, ".pdf": Received.pdf}
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """A file as received and the text extracted from it."""

    name: str  # the file's own name, as the manifest records it
    received: Received
    sha256: str
    extracted: Extracted


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:256]


def received_as(path: Path) -> Received:
    """What the file's name says it is; XjtrackError for a kind add-source does not read."""
    received = ENDINGS.get(path.suffix.lower())
    if received is None:
        raise XjtrackError(f"{one_line(str(path))}: add-source reads plain text (.txt), web pages (.html, .htm) "
                           "and PDF (.pdf); convert the document to one of them first")
    return received


def kind_of(path: Path, data: bytes) -> Received:
    """What the file is: its name's kind, when what it holds agrees."""
    shown = one_line(str(path))
    received = received_as(path)
    is_pdf, is_html = data.startswith(b"%PDF-"), _looks_like_html(data)
    if received is Received.pdf and not is_pdf:
        raise XjtrackError(f"{shown} is named .pdf but is not a PDF (it does not start with %PDF-)")
    if received is not Received.pdf and is_pdf:
        raise XjtrackError(f"{shown} is a PDF named {path.suffix}; rename it .pdf")
    if received is Received.text and is_html:
        raise XjtrackError(f"{shown} is named {path.suffix} but holds a web page; rename it .html, so that "
                           "the page's navigation, header and footer are left out")
    return received


def _bytes(path: Path) -> bytes:
    shown = one_line(str(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise XjtrackError(f"{shown} not found") from None
    except OSError as exc:
        raise XjtrackError(f"{shown} cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise XjtrackError(f"{shown} is {'a folder' if stat.S_ISDIR(info.st_mode) else 'not a regular file'}; "
                           "give the document's file")
    if info.st_size > MAX_BYTES:
        raise XjtrackError(f"{shown} is {info.st_size // 2**20} MiB; add-source reads files up to "
                           f"{MAX_BYTES // 2**20} MiB")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise XjtrackError(f"{shown} cannot be read ({exc.strerror})") from None


def _plain(data: bytes, name: str) -> Extracted:
    """A plain-text file's text; a web page saved as text loses the site's lines around it."""
    from xjtrack import __version__
    from xjtrack.ingest.chrome import strip_footer, strip_top
    from xjtrack.ingest.text import decode_plain, tidy

    text, tidied = tidy(decode_plain(data, name))
    refuse_unreadable(text, name)  # on the whole text, before any line is taken out
    lines, top = strip_top(text.split("\n"))
    lines, footer = strip_footer(lines, kinds_needed=2)
    text = "\n".join(lines).rstrip("\n") + "\n" if top or footer else text
    removed = [*dict.fromkeys(top), *([footer] if footer else []), *tidied]
    return Extracted(text, tuple(removed), f"xjtrack {__version__}, plain text")


def read_document(path: Path) -> Document:
    """The file's text, extracted and cleaned; XjtrackError if it cannot be trusted."""
    data = _bytes(path)
    received = kind_of(path, data)
    name = one_line(path.name)
    if received is Received.text:
        extracted = _plain(data, name)  # checked whole, before its chrome lines go
    else:
        if received is Received.pdf:
            from xjtrack.ingest.pdf import extract_pdf as extract
        else:
            from xjtrack.ingest.html import extract_html as extract
        extracted = extract(data, name)
        refuse_unreadable(extracted.text, name)
    return Document(path.name, received, hashlib.sha256(data).hexdigest(), extracted)
