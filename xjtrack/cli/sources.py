"""add-source: archiving a new document's text, with its manifest row and its source entry."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import TargetsOpt
from xjtrack.core.vocab import SourceKind
from xjtrack.output.terminal import say, write

QUESTIONS = {"jurisdiction": "Jurisdiction (an id from targets.yaml)", "kind": "Kind (" + ", ".join(SourceKind) + ")",
             "date": "Date (2021-02-01, 2021-02 or 2021)", "title_zh": "Chinese title", "title_en": "English title",
             "issuer": "Issuer", "publisher": "Publisher (the outlet or author)",
             "reports_on": "Reports on (a source id or a title; empty if none)"}


def _text(help: str, metavar: str = "TEXT"):
    return typer.Option(help=help, metavar=metavar)


def _ask(field: str, offered: str, note: str) -> str:
    """One question on the terminal, offering the proposal (Enter takes it)."""
    from xjtrack.safe import one_line

    if note:
        say(f"  ({one_line(note)})")
    return typer.prompt(QUESTIONS[field], default=offered, show_default=bool(offered), err=True)


def on_a_terminal() -> bool:
    """Whether someone can answer: questions are read from stdin and asked on stderr, so stdout
    may still be a pipe (xjtrack add-source page.html > entry.yaml)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


@command("add-source")
def add_source(
    file: Annotated[Path, typer.Argument(help="The document: a .txt (UTF-8), .html or .pdf file.",
                                         show_default=False)],
    id: Annotated[Optional[str], typer.Option("--id", metavar="ID", help="The source's id (lower-case letters, "
                                              "digits, -) [default: from the file's name].")] = None,
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", metavar="PLACE", help="Whose document "
                            "it is [default: the place its meeting or title names, or that its text names most].")] = None,
    kind: Annotated[Optional[SourceKind], typer.Option("--kind", help="plan, work_report, bulletin, or for a "
                    "secondary source news or analysis [default: from its title and header].")] = None,
    title_zh: Annotated[Optional[str], _text("The Chinese title [default: from its header].")] = None,
    title_en: Annotated[Optional[str], _text("The English title [default: made from the kind, place and year].")] = None,
    issuer: Annotated[Optional[str], _text("Who issued or delivered it [default: the government, with the "
                      "speaker's role and the meeting its header names].")] = None,
    publisher: Annotated[Optional[str], _text("For news and analysis: who published it [default: its header's "
                         "来源].")] = None,
    reports_on: Annotated[Optional[str], _text("For news and analysis: the source id, or the title, of the "
                          "document it reports on.", "SOURCE")] = None,
    version_of: Annotated[Optional[str], _text("The source id of the document this is another version of (a "
                          "report as delivered and as posted).", "SOURCE")] = None,
    date: Annotated[Optional[str], _text("When it was delivered or published: 2021-02-01, 2021-02 or 2021 "
                    "[default: from its header, as precise as it is].", "DATE")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Take every proposal without asking.")] = False,
    targets: TargetsOpt = None,
) -> None:
    """Archive a new document: its text in sources/ID.txt, a row in sources/MANIFEST.md, its entry in targets.yaml.

    Every field the document settles is proposed (jurisdiction, kind, date, titles, issuer or
    publisher). On a terminal each is asked once, the proposal offered; with --yes, or without
    a terminal, the proposals are taken and marked in the entry's notes for a curator to
    confirm. What cannot be proposed is listed in one message. Web pages lose their navigation,
    header and footer, PDFs their page numbers and running headers; garbled text is refused.
    The three files are written together or not at all. PDFs need the ingest extra."""
    from xjtrack.ingest.archive import prepare

    given = {"jurisdiction": jurisdiction, "kind": kind.value if kind else None, "title_zh": title_zh,
             "title_en": title_en, "issuer": issuer, "publisher": publisher, "reports_on": reports_on,
             "version_of": version_of, "date": date}
    ask = _ask if on_a_terminal() and not yes else None
    addition = prepare(file, targets or Path("targets.yaml"), id, given, ask)
    addition.write()
    document, archived = addition.document, addition.changes[0].path
    write(addition.entry)
    lines = addition.document.extracted.text.count("\n")
    say(f"Archived {document.name} as {archived} ({lines} lines, read by {document.extracted.extractor}); "
        f"recorded it in {addition.changes[1].path} and added the source {addition.id!r} to "
        f"{addition.changes[2].path}.")
    if document.extracted.removed:
        say("Left out: " + "; ".join(document.extracted.removed) + ".")
    from xjtrack.core.normalise import pinyin_spans

    if len(pinyin_spans(document.extracted.text)) >= 3:
        say(f"warning: {archived} carries inline pinyin ({len(pinyin_spans(document.extracted.text))} syllables, as "
            "in 實(shí)現(xiàn)): it is archived as written; extract reads it without the pinyin, and quotes keep it.")
    if addition.proposed:
        say("Proposed from the document, to be confirmed (then remove the note): "
            + "; ".join(f"{name} {addition.fields[name]}" for name in addition.proposed) + ".")
