"""Making data safe for the medium it is written to: a terminal, a CI annotation, a CSV cell.

Curated text is checked at the door (control and bidi characters are refused by `validate`),
but text also comes from archived sources, from a database file someone else built, and from
error messages that quote the data. Everything shown passes through one of these on the way out.
"""

from __future__ import annotations

import functools
import re

# C0 and C1 controls except tab and newline, DEL, the bidirectional formatting characters, and
# the noncharacters U+FFFE and U+FFFF (no text holds them; a byte-order mark read backwards is one)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def visible(char: str) -> str:
    return f"\\u{ord(char):04x}"


def terminal(text: str) -> str:
    """Text that cannot move the cursor, clear the screen, or reorder what a reader sees."""
    return UNSAFE.sub(lambda m: visible(m.group()), text)


def json_text(text: str) -> str:
    """JSON text with C1 and bidirectional characters written as \\u escapes (json escapes C0)."""
    return UNSAFE.sub(lambda m: visible(m.group()), text)


def one_line(text: str) -> str:
    """terminal(), with line breaks and tabs shown as spaces: for messages and table cells."""
    return " ".join(terminal(text).split())


_MARKDOWN = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"), ("`", "&#96;"),
             ("*", "&#42;"), ("_", "&#95;"), ("[", "&#91;"), ("]", "&#93;"), ("\\", "&#92;"),
             ("@", "&#64;"), ("~", "&#126;"), ("://", "&#58;//"), ("www.", "www&#46;"),
             ("WWW.", "WWW&#46;"))
# the single characters at once (no entity holds one of them but '&', which goes first), then the
# sequences, which no entity can make or break
_MARKDOWN_CHARS = str.maketrans({char: entity for char, entity in _MARKDOWN if len(char) == 1})
_CODE = re.compile(r"[\w\-./]*")  # str.isalnum() or '_' is what \w matches
_MARKDOWN_SPECIAL = re.compile("[" + re.escape("".join(c for c, _ in _MARKDOWN if len(c) == 1)) + "]|://|www\\.",
                               re.IGNORECASE)


@functools.lru_cache(maxsize=4096, typed=True)  # a report's cells repeat (ids, units, words); 1 and 1.0 kept apart
def md_cell(text, code: bool = False) -> str:
    """Data made inert inside markdown: no tables broken, no HTML, links, images or mentions.

    Every character markdown or GitHub gives a meaning to becomes an entity, and so do '://'
    and 'www.', so that a bare URL cannot autolink. code=True writes an id as inline code (ids are checked
    to hold only a-z, 0-9, '-', '.', '_' and '/', so nothing needs escaping inside).
    """
    if text is None:
        return ""
    text = str(text)
    if UNSAFE.search(text) or not text.isprintable() or "  " in text or text != text.strip():
        text = one_line(text)
    if code and _CODE.fullmatch(text):
        return f"`{text}`"
    if not _MARKDOWN_SPECIAL.search(text):
        return text
    text = text.translate(_MARKDOWN_CHARS)
    for chars, entity in _MARKDOWN[-3:]:
        if chars in text:
            text = text.replace(chars, entity)
    return text


def annotation(text: str) -> str:
    """A GitHub workflow command's value: no line break or '::' can start a second command."""
    return terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A")


def annotation_property(text: str) -> str:
    return annotation(text).replace(",", "%2C")
