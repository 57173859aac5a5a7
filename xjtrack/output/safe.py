"""Making data safe for the medium it is written to: a terminal, a CI annotation, a CSV cell.

Curated text is checked at the door (control and bidi characters are refused by `validate`),
but text also comes from archived sources, from a database file someone else built, and from
error messages that quote the data. Everything shown passes through one of these on the way out.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab and newline, DEL, and the bidirectional formatting characters
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(char: str) -> str:
    return f"\\u{ord(char):04x}"


def terminal(text: str) -> str:
    """Text that cannot move the cursor, clear the screen, or reorder what a reader sees."""
    return UNSAFE.sub(lambda m: visible(m.group()), text)


def one_line(text: str) -> str:
    """terminal(), with line breaks and tabs shown as spaces: for messages and table cells."""
    return " ".join(terminal(text).split())
