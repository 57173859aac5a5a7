"""sources/MANIFEST.md: one row per archived text, saying where it came from and what was cut.

The table's columns are those scripts/clean_sources.py began with, and an `extractor` column
(what read the text out of the file, and its version). A manifest still in the first layout
gains the column, filled for its rows with `scripts/clean_sources.py`, which wrote them; the
rest of the file is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from xjtrack.errors import XjtrackError
from xjtrack.safe import md_cell

COLUMNS = ("archived file", "received as", "sha256 received", "sha256 archived", "extractor", "removed")
FIRST_COLUMNS = tuple(c for c in COLUMNS if c != "extractor")
FIRST_EXTRACTOR = "scripts/clean_sources.py"
DIGEST_SHOWN = 64  # hex digits of each sha256 the table shows: all of them, to check with sha256sum
ADDED_BY = ("Rows whose extractor is xjtrack were written by `xjtrack add-source FILE`: the text as that\n"
            "extractor read it from the file received, less what the row names.\n\n")
NEW_MANIFEST = ("# Archived source texts\n\n"
                "Each file here is a document's text, archived so that every quote can be checked against\n"
                "it. " + ADDED_BY)


@dataclass(frozen=True)
class Row:
    archived: str
    received: str
    sha256_received: str
    sha256_archived: str
    extractor: str
    removed: tuple[str, ...]

    def cells(self) -> list[str]:
        return [md_cell(self.archived, code=True), md_cell(self.received, code=True),
                f"`{self.sha256_received[:DIGEST_SHOWN]}`", f"`{self.sha256_archived[:DIGEST_SHOWN]}`",
                md_cell(self.extractor, code=True),
                md_cell("; ".join(self.removed)) if self.removed else "nothing"]


def _line(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def _split(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def add_row(manifest: str | None, row: Row, name: str = "sources/MANIFEST.md") -> str:
    """The manifest with the row appended to its table (a new manifest when there is none); an
    earlier row for the same archived file (whose source has no entry, or add-source would not
    have come this far) is replaced."""
    if manifest is None:
        return NEW_MANIFEST + _line(COLUMNS) + "\n" + _line(["---"] * len(COLUMNS)) + "\n" + _line(row.cells()) + "\n"
    lines = manifest.split("\n")
    header = next((i for i, line in enumerate(lines) if line.startswith("|") and
                   tuple(_split(line)) in (COLUMNS, FIRST_COLUMNS)), None)
    if header is None:
        raise XjtrackError(f"{name} has no table with the columns {', '.join(COLUMNS)}; restore its table, "
                           "or move the file away to start a new manifest")
    end = header + 1
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    table = lines[header:end]
    intro = lines[:header]
    if tuple(_split(table[0])) == FIRST_COLUMNS:
        table = [_line(COLUMNS), _line(["---"] * len(COLUMNS))] + [
            _line([*cells[:4], md_cell(FIRST_EXTRACTOR, code=True), *cells[4:]]) for cells in map(_split, table[2:])]
        intro = [*intro, ""] if intro and intro[-1] else intro
        intro = [*intro, *ADDED_BY.rstrip("\n").split("\n"), ""]
    bad = [i for i, line in enumerate(table) if len(_split(line)) != len(COLUMNS)]
    if bad:
        raise XjtrackError(f"{name}: line {header + bad[0] + 1} of its table does not have the "
                           f"{len(COLUMNS)} columns {', '.join(COLUMNS)}; fix it by hand and run again")
    # a row for the same file is what an add-source stopped between its writes left: replaced
    mine = row.cells()[0]
    table = table[:2] + [line for line in table[2:] if _split(line)[0] != mine]
    return "\n".join([*intro, *table, _line(row.cells()), *lines[end:]])
