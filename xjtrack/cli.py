"""The command line: the only module that knows about argv, stdout, stderr and exit codes.

Exit codes: 0 ok; 1 bad data, a missing file or a refused query; 2 usage error; 3 a bug.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.errors import DataError, UsageError, XjtrackError
from xjtrack.output.terminal import SlowProgress, reader_left, say, stdout, write

app = typer.Typer(
    help="Track the targets in Xinjiang's Five-Year Plans and work reports: met, partial or missed, "
    "with the quotes that prove it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

TargetsOpt = Annotated[Optional[Path], typer.Option(
    "--targets", envvar="XJTRACK_TARGETS", help="The curated targets.yaml (data/*.yaml beside it are read too).")]
DbOpt = Annotated[Optional[Path], typer.Option(
    "--db", envvar="XJTRACK_DB", help="The SQLite file [default: db/xjtrack.db beside targets.yaml].")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", help="Judge with only the documents delivered on or before this date (2021, 2021-02, 2021-02-01).")]


class Lang(StrEnum):
    en = "en"
    zh = "zh"


LangOpt = Annotated[Optional[Lang], typer.Option(
    "--lang", help="Labels and status words in en or zh [default: $XJTRACK_LANG, else the locale].")]


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    svg = "svg"


class ProblemFormat(StrEnum):
    text = "text"
    github = "github"


class Status(StrEnum):
    met = "met"
    partial = "partial"
    missed = "missed"
    on_track = "on_track"
    behind = "behind"
    pending = "pending"
    unassessable = "unassessable"


def command(name: str | None = None):
    """Register a command behind the one boundary that turns errors into messages and codes."""

    def register(fn):
        @functools.wraps(fn)
        def guarded(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except DataError as exc:
                for problem in exc.problems:
                    say(str(problem))
                say(f"Error: {exc}. Fix them and run again (xjtrack validate lists them all).")
                raise typer.Exit(1) from None
            except UsageError as exc:
                say(f"Error: {exc}")
                raise typer.Exit(2) from None
            except XjtrackError as exc:
                say(f"Error: {exc}")
                raise typer.Exit(1) from None
            except sqlite3.DatabaseError as exc:  # a damaged or foreign file met after the checks
                say(f"Error: the database cannot be read ({exc}); rebuild it with xjtrack build")
                raise typer.Exit(1) from None
            except (typer.Exit, typer.Abort, KeyboardInterrupt):
                raise
            except BrokenPipeError:
                reader_left()
            except Exception as exc:  # anything else is a bug in xjtrack: say so, briefly
                say(f"Internal error (a bug in xjtrack, please report it): "
                     f"{type(exc).__name__}: {exc}")
                raise typer.Exit(3) from None

        return app.command(name)(guarded)

    return register


def _as_of(text: str | None):
    """--as-of read strictly; a date that is not one, or could be two, is a usage error."""
    if text is None:
        return None
    from xjtrack.core.asof import BadDate, parse_as_of

    try:
        return parse_as_of(text)
    except BadDate as exc:
        raise UsageError(f"--as-of: {exc}") from None


def _judged(project, as_of_text, plan=None, jurisdiction=None, status=None, binding=False):
    """The corpus and its verdicts as rows, filtered, with the date they were judged at."""
    from xjtrack.core.verdicts import verdict_rows

    as_of = _as_of(as_of_text)
    corpus = project.corpus(on_build=say, progress=SlowProgress("Building the database"))
    as_of = as_of or corpus.default_as_of()
    return corpus, as_of, verdict_rows(corpus, as_of, plan, jurisdiction, status, binding)


@command()
def validate(
    targets: TargetsOpt = None,
    format: Annotated[ProblemFormat, typer.Option("--format", help="text, or github for Actions annotations.")] = ProblemFormat.text,
) -> None:
    """Check the curated data: schema, references, unique ids, and every quote in its source."""
    from xjtrack.store.project import Project

    project = Project.locate(targets, None)
    try:
        corpus = project.load()
    except DataError as exc:
        for p in exc.problems:
            if format is ProblemFormat.github:
                write(f"::error file={p.file},line={p.line},col={p.col},title={p.code}::"
                       f"{p.message.replace('%', '%25').replace(chr(10), '%0A')}")
            else:
                write(str(p))
        say(f"Error: {exc}.")
        raise typer.Exit(1) from None
    outcomes = sum(len(t.outcomes) for t in corpus.targets.values())
    claims = sum(len(t.claims) for t in corpus.targets.values())
    quotes = sum(len(t.quotes) for t in corpus.targets.values()) + outcomes + claims
    say(f"OK: {len(corpus.sources)} sources, {len(corpus.plans)} plans, {len(corpus.targets)} "
         f"targets, {outcomes} outcomes, {claims} claims; all {quotes} quotes found in their sources.")


@command()
def build(targets: TargetsOpt = None, db: DbOpt = None) -> None:
    """Build the SQLite database from the curated data (atomically: all or nothing)."""
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    corpus = project.build(progress=SlowProgress("Building the database"))
    say(f"Built {project.db}: {len(corpus.targets)} targets from {len(corpus.sources)} sources.")


@command()
def status(
    plan: Annotated[Optional[str], typer.Option("--plan", help="Only this plan, e.g. xj-13fyp.")] = None,
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", help="xinjiang, urumqi or xpcc.")] = None,
    status: Annotated[Optional[Status], typer.Option("--status", help="Only targets with this verdict.")] = None,
    binding: Annotated[bool, typer.Option("--binding", help="Only binding (约束性) targets.")] = False,
    as_of: AsOfOpt = None,
    format: Annotated[StatusFormat, typer.Option("--format", help="table, json, csv, markdown, or svg (the table as a picture, 100 columns).")] = StatusFormat.table,
    reasons: Annotated[bool, typer.Option("--reasons", "-r", help="Show each verdict's reason in the table.")] = False,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show every target's verdict, grouped by plan, with a summary line per plan."""
    from xjtrack.output import i18n, render
    from xjtrack.store.project import Project

    language = i18n.choose(lang)
    corpus, when, rows = _judged(Project.locate(targets, db), as_of, plan, jurisdiction,
                                 status.value if status else None, binding)
    if format is StatusFormat.json:
        write(render.as_json(rows))
    elif format is StatusFormat.csv:
        write(render.as_csv(rows))
    elif format is StatusFormat.markdown:
        write(render.as_markdown(rows, corpus.plans, language))
    elif format is StatusFormat.svg:
        from rich.console import Console
        from rich.text import Text

        console = Console(record=True, width=100, file=open(os.devnull, "w"), force_terminal=True)
        console.print(Text.from_ansi(render.status_text(rows, corpus.plans, reasons, language, 100, True)))
        write(console.export_svg(title="xjtrack status"))
    else:
        import shutil

        tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((100, 24)).columns
        write(render.status_text(rows, corpus.plans, reasons, language, width, tty))
        if not rows:
            write(i18n.WORDS[language]["no_targets"])
        say(f"As of {when.isoformat()}: {render.coverage(rows, language)}: "
             f"{render.counts(rows, language)}. {i18n.WORDS[language]['legend']}")


def _fresh_db(targets: Path | None, db: Path | None) -> Path:
    """The database file, rebuilt first if it is missing or older than the data."""
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    project.corpus(on_build=say)
    return project.db


def _one_target(targets: Path | None, db: Path | None, target_id: str, as_of: str | None):
    """The corpus, one target from it (with a did-you-mean if unknown), and the judging date."""
    from xjtrack.errors import did_you_mean
    from xjtrack.store.project import Project

    when = _as_of(as_of)
    corpus = Project.locate(targets, db).corpus(on_build=say)
    target = corpus.targets.get(target_id)
    if target is None:
        raise XjtrackError(f"no target {target_id!r}{did_you_mean(target_id, corpus.targets)}")
    return corpus, target, when or corpus.default_as_of()


@command()
def show(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="A target id, e.g. xj-13fyp.gdp-growth.")],
    as_of: AsOfOpt = None,
    format: Annotated[StatusFormat, typer.Option("--format", help="table (text) or json.")] = StatusFormat.table,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show one target: its quotes, every outcome, claims, the verdict and its timeline."""
    from xjtrack.core.judge import evaluate
    from xjtrack.core.verdicts import status_row, timeline
    from xjtrack.output import render

    corpus, target, when = _one_target(targets, db, target_id, as_of)
    assessment = evaluate(target, when)
    points = timeline(corpus, target, when)
    if format is StatusFormat.json:
        row = status_row(target, assessment)
        row["timeline"] = [{"date": d, "source": s, "status": st} for d, s, st in points]
        write(render.as_json(row))
        return
    console = stdout()
    for part in render.show_text(target, assessment, corpus, points):
        console.print(part)


@command()
def query(
    sql: Annotated[str, typer.Argument(help="One read-only SQL statement, e.g. \"select * from target_status\".")],
    format: Annotated[StatusFormat, typer.Option("--format", help="table, json, csv or markdown.")] = StatusFormat.table,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Run a read-only SQL query against the database."""
    from xjtrack.output import render
    from xjtrack.store.database import run_query
    columns, rows = run_query(_fresh_db(targets, db), sql)
    if format is StatusFormat.json:
        write(render.as_json([dict(zip(columns, r, strict=True)) for r in rows]))
    elif format is StatusFormat.csv:
        write(render.records_csv(columns, rows))
    elif format is StatusFormat.markdown:
        write(render.records_markdown(columns, rows))
    else:
        stdout().print(render.records_table(columns, rows))
        say(f"{len(rows)} rows")


@command()
def report(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if the -o file (default REPORT.md) is stale.")] = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Write a deterministic markdown report: summary, a table and chart per plan, disputes, silences, flags."""
    from xjtrack.output import i18n
    from xjtrack.output.report import report as make_report
    from xjtrack.store.project import Project

    if output is not None and not check:
        from xjtrack.output.files import check_destination

        check_destination(output)
    corpus, when, rows = _judged(Project.locate(targets, db), as_of)
    text = make_report(rows, corpus, when, i18n.choose(lang))
    if check:
        path = output or Path("REPORT.md")
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            raise XjtrackError(f"{path} is stale (or missing): run xjtrack report -o {path}")
        say(f"{path} is up to date.")
    elif output is None:
        write(text)
    else:
        from xjtrack.output.files import write_text

        write_text(output, text)
        say(f"Wrote {output}")


@command()
def search(
    term: Annotated[str, typer.Argument(help="A word or characters, e.g. 铁路 or 9627.")],
    source: Annotated[Optional[str], typer.Option("--source", help="Only this source, e.g. xj-gwr-2021.")] = None,
    format: Annotated[StatusFormat, typer.Option("--format", help="table (text) or json.")] = StatusFormat.table,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Search the archived documents: every line that mentions TERM, with its context."""
    from xjtrack.output import render
    from xjtrack.store.search import search as find

    hits = find(_fresh_db(targets, db), term, source)
    if format is StatusFormat.json:
        write(render.as_json([{"source": h.source, "line": h.line, "text": h.text,
                                "matches": len(h.spans)} for h in hits]))
        return
    from rich.text import Text

    console = stdout()
    for hit in hits:
        snippet, spans = hit.context()
        line = Text.assemble((f"{hit.source}:{hit.line}", "cyan"), "  ", snippet)
        offset = len(f"{hit.source}:{hit.line}  ")
        for a, b in spans:
            line.stylize("bold reverse", offset + a, offset + b)
        console.print(line, soft_wrap=True)
    say(f"{len(hits)} lines mention {term!r}")


@command()
def chart(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="A target id, e.g. xj-13fyp.railway-km.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The picture to write: .svg or .png.")] = Path("chart.svg"),
    as_of: AsOfOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Draw one target's trajectory: baseline, reported values, target and the path to it."""
    from xjtrack.core.judge import evaluate
    from xjtrack.output.chart import render_chart
    from xjtrack.output.files import check_destination

    check_destination(output)
    _, target, when = _one_target(targets, db, target_id, as_of)
    render_chart(target, evaluate(target, when), output)
    say(f"Wrote {output}")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


@command()
def export(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the files into.")],
    format: Annotated[ExportFormat, typer.Option("--format", help="csv or json.")] = ExportFormat.csv,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Write every table and the target_status view as CSV or JSON files."""
    from xjtrack.output.files import make_folder
    from xjtrack.store.export import export as write_all

    make_folder(folder)
    written = write_all(_fresh_db(targets, db), folder, format.value)
    say(f"Wrote {len(written)} files to {folder}: {', '.join(p.name for p in written)}")


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        reader_left()
