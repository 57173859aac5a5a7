"""add-source: archiving a new document's text, with its manifest row and its source entry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import TargetsOpt
from xjtrack.core.vocab import SourceKind
from xjtrack.output.terminal import say, write


def _text(help: str, metavar: str = "TEXT"):
    return typer.Option(help=help, metavar=metavar)


@command("add-source")
def add_source(
    file: Annotated[Path, typer.Argument(help="The document: a .txt (UTF-8), .html or .pdf file.",
                                         show_default=False)],
    id: Annotated[Optional[str], typer.Option("--id", metavar="ID", help="The source's id (lower-case letters, "
                                              "digits, -) [default: from the file's name].")] = None,
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", metavar="PLACE", help="Whose document "
                            "it is [default: the place its header's meeting or title names].")] = None,
    kind: Annotated[Optional[SourceKind], typer.Option("--kind", help="plan, work_report or bulletin [default: "
                    "from its title].")] = None,
    title_zh: Annotated[Optional[str], _text("The Chinese title [default: from its header].")] = None,
    title_en: Annotated[Optional[str], _text("The English title [default: made from the kind, place and year].")] = None,
    issuer: Annotated[Optional[str], _text("Who issued or delivered it [default: the government, with the "
                      "speaker's role and the meeting its header names].")] = None,
    date: Annotated[Optional[str], _text("When it was delivered: 2021-02-01, 2021-02 or 2021 [default: "
                    "from its header, as precise as it is].", "DATE")] = None,
    targets: TargetsOpt = None,
) -> None:
    """Archive a new document: its text in sources/ID.txt, a row in sources/MANIFEST.md, its entry in targets.yaml.

    Web pages lose their navigation, header and footer, PDFs their page numbers and running
    headers; garbled text (a scan, unmapped glyphs, mojibake) is refused. The three files are
    written together or not at all. Fields taken from the document's header are marked in
    the entry's notes for a curator to confirm. PDFs need the ingest extra."""
    from xjtrack.ingest.archive import prepare

    given = {"jurisdiction": jurisdiction, "kind": kind.value if kind else None, "title_zh": title_zh,
             "title_en": title_en, "issuer": issuer, "date": date}
    addition = prepare(file, targets or Path("targets.yaml"), id, given)
    addition.write()
    document, archived = addition.document, addition.changes[0].path
    write(addition.entry)
    lines = addition.document.extracted.text.count("\n")
    say(f"Archived {document.name} as {archived} ({lines} lines, read by {document.extracted.extractor}); "
        f"recorded it in {addition.changes[1].path} and added the source {addition.id!r} to "
        f"{addition.changes[2].path}.")
    if document.extracted.removed:
        say("Left out: " + "; ".join(document.extracted.removed) + ".")
    if addition.proposed:
        say("Proposed from the document's header, to be confirmed (then remove the note): "
            + "; ".join(f"{name} {addition.fields[name]}" for name in addition.proposed) + ".")
