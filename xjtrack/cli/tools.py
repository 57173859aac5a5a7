"""query, search, export and chart: the tools around the database."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import (
    AsOfOpt,
    DbOpt,
    ExcelOpt,
    ExportFormat,
    LangOpt,
    QueryFormat,
    RowsFormat,
    TargetsOpt,
    as_of,
    colour,
    table_width,
)
from xjtrack.output.terminal import say, write_bytes, write_lines

TABLE_ROWS = 1_000  # query --format table measures its columns on the first rows, at most these


@command()
def query(
    sql: Annotated[str, typer.Argument(help="One read-only SQL statement, e.g. \"select * from target_status\".")],
    format: Annotated[QueryFormat, typer.Option("--format", help="table, json, csv or markdown.")] = QueryFormat.table,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Stop the query after this many seconds.")] = 10.0,
    excel: ExcelOpt = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Run a read-only SQL query against the database; rows are written as they are read."""
    from xjtrack.store.project import Project
    from xjtrack.store.query import run_query

    project = Project.locate(targets, db)
    if not sql.strip():
        from xjtrack.errors import UsageError

        raise UsageError("give one SQL statement, e.g. xjtrack query \"select * from target_status\"")
    with run_query(project.fresh(say), sql, timeout) as result:
        try:
            _write_query(result, format, excel)
        finally:  # a reader who left early (| head): stop reading while the database is open
            close = getattr(result.rows, "close", None)
            if close is not None:
                close()


def _write_query(result, format, excel: bool) -> None:
    from xjtrack.output import render

    if format is QueryFormat.json:
        write_lines(render.json_lines(result.columns, result.rows))
    elif format is QueryFormat.csv:
        write_lines(render.csv_lines(result.columns, result.rows, excel))
    elif format is QueryFormat.markdown:
        write_lines(render.records_markdown(result.columns, result.rows))
    else:
        from itertools import islice

        from xjtrack.output.series import rows_lines

        first = list(islice(result.rows, TABLE_ROWS))
        rest = [0]

        def counted():
            for row in result.rows:
                rest[0] += 1
                yield row

        write_lines(render.but_last_blank(rows_lines(result.columns, first, counted(), table_width(), colour())))
        if rest[0]:
            say(f"{len(first) + rest[0]} rows; the columns are as wide as the first {TABLE_ROWS} need, and a "
                "wider cell after them " + ("wraps" if table_width() else "overflows its column"))
        else:
            say(f"{len(first)} rows")


@command()
def search(
    term: Annotated[str, typer.Argument(help="A word or characters, e.g. 铁路 or 9627.")],
    source: Annotated[Optional[str], typer.Option("--source", help="Only this source, e.g. xj-gwr-2021.")] = None,
    format: Annotated[RowsFormat, typer.Option("--format", help="table (text), json or csv.")] = RowsFormat.table,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N lines, by source and line [default: every one].")] = None,
    excel: ExcelOpt = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Search the archived documents: every line that mentions TERM, with its context."""
    from xjtrack.output import render
    from xjtrack.store.project import Project
    from xjtrack.store.search import search as find

    hits, total = find(Project.locate(targets, db).fresh(say), term, source, limit)
    columns = ["source", "line", "text", "matches"]
    rows = [(h.source, h.line, h.text, len(h.spans)) for h in hits]
    if format is RowsFormat.json:
        write_lines(render.json_lines(columns, rows))
    elif format is RowsFormat.csv:
        write_lines(render.csv_lines(columns, rows, excel))
    else:
        write_lines(render.hits_text(hits, table_width(), colour()))
    if total > len(hits):  # said in every format: the rows are not all there are
        say(f"the first {len(hits)} of {total} lines that mention {term!r} (--limit {limit})")
    elif format is RowsFormat.table:
        say(f"{len(hits)} lines mention {term!r}")


class ChartFormat(StrEnum):
    svg = "svg"
    png = "png"


@command()
def chart(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A target id (xj-13fyp.railway-km) or an indicator id (gdp).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The picture to write: .svg or .png; - for stdout.")] = Path("chart.svg"),
    format: Annotated[Optional[ChartFormat], typer.Option("--format", help="svg or png [default: the file's suffix; svg for -].")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="The picture's title [default: what it shows].")] = None,
    lang: LangOpt = None,
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", help="For an indicator: the jurisdiction [default: every one].")] = None,
    width: Annotated[float, typer.Option("--width", min=2, max=40, help="Width in inches.")] = 10.0,
    height: Annotated[float, typer.Option("--height", min=2, max=40, help="Height in inches (of one axis).")] = 4.0,
    dpi: Annotated[int, typer.Option("--dpi", min=30, max=600, help="Dots per inch (PNG).")] = 100,
    as_of_text: AsOfOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Draw an indicator's every series with every plan's targets on it, or one target's series, goal and path."""
    from xjtrack.files import check_destination, check_place
    from xjtrack.output import i18n
    from xjtrack.output.chart import Size, draw_series, format_of, render
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    to_stdout = str(output) == "-"
    fmt = format_of(None if to_stdout else output, format.value if format else None)
    if not to_stdout:
        check_place(output, project.targets)
        check_destination(output)
    when = as_of(as_of_text)
    language = i18n.choose(lang)
    picture = picture_of(project, ident, jurisdiction, when, language, title)
    for note in picture.left_out:
        say(f"Not drawn: {note}")
    if to_stdout:
        write_bytes(render(picture, fmt, Size(width, height, dpi)))
    else:
        draw_series(picture, output, Size(width, height, dpi), fmt)
        say(f"Wrote {output}")


def picture_of(project, ident: str, jurisdiction, when, lang: str, title):
    """The picture of a target (judged as of when) or of an indicator."""
    from xjtrack.output.chartdata import indicator_picture, target_picture
    from xjtrack.store.read import is_target

    project.fresh(say)
    with project.reading() as conn:
        if not is_target(conn, ident):
            return indicator_picture(conn, ident, jurisdiction, lang, title)
    from xjtrack.cli.lookup import one_target

    _, target, verdict, _ = one_target(project, ident, when)
    with project.reading() as conn:
        return target_picture(conn, target, verdict, lang, title)


@command()
def export(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the files into.")],
    format: Annotated[ExportFormat, typer.Option("--format", help="csv or json.")] = ExportFormat.csv,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Stop when one read (a table's first rows, or any next 500) takes longer than this many seconds.")] = 60.0,
    excel: ExcelOpt = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Write every table and view as CSV or JSON files, one per table."""
    from xjtrack.files import check_place, make_folder
    from xjtrack.output.render import csv_lines, json_lines
    from xjtrack.store.export import export as write_all
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    check_place(folder, project.targets)
    make_folder(folder)
    lines = (lambda columns, rows: csv_lines(columns, rows, excel)) if format is ExportFormat.csv else json_lines
    written = write_all(project.fresh(say), folder, format.value, lines, timeout)
    say(f"Wrote {len(written)} files to {folder}: {', '.join(p.name for p in written)}")
