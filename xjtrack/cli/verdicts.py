"""status and report: every target's verdict, as a table, data or a markdown report."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import (
    AsOfOpt,
    DbOpt,
    ExcelOpt,
    JurisdictionOpt,
    LangOpt,
    PlanOpt,
    StatusFormat,
    StatusOpt,
    TargetsOpt,
    as_of,
    choose,
    colour,
    table_width,
)
from xjtrack.core.vocab import Topic
from xjtrack.errors import UsageError, XjtrackError
from xjtrack.output.terminal import SlowProgress, say, write, write_lines


def judged(project, when, plan=None, jurisdiction=None, statuses=None, binding=False, indicator=None,
           more: dict | None = None):
    """The plans, the status rows (filtered) and their columns, and the date they are judged at;
    more: the other filters (topics, expected, due, grep) as Filters takes them."""
    with judging(project, when, plan, jurisdiction, statuses, binding, indicator, more) as found:
        return found.plans, list(found.rows()), found.columns, found.when


@dataclass
class Judging:
    """What status writes, read as it is written: the plans, the view's columns, the date, and the
    filtered rows, as dicts (rows) or as values in the columns' order (values); shown: the plans
    with a row among them."""

    plans: dict
    columns: list[str]
    when: object
    shown: tuple[str, ...]
    rows: Callable[..., Iterator[dict]]
    values: Callable[[], Iterator[Sequence]]
    report_rows: Callable[..., Iterator[dict]]  # the rows with the report's columns only (store.status)


@contextmanager
def judging(project, when, plan=None, jurisdiction=None, statuses=None, binding=False, indicator=None,
            more: dict | None = None):
    """judged(), with its rows read while they are written: as of the default date, from the
    stored view a batch at a time; as of another date, from the stored verdict history, likewise."""
    from xjtrack.store import history, lookup
    from xjtrack.store.status import Filters, columns, report_rows, status_plans, status_rows, status_tuples

    project.fresh(say, SlowProgress("Building the database"))
    with project.reading() as conn:
        chosen = choose("plan", plan, lookup.plan_ids(conn))
        filters = Filters(chosen, choose("jurisdiction", jurisdiction, lookup.jurisdiction_ids(conn)),
                          tuple(s.value for s in statuses or ()),
                          choose("indicator", indicator, lookup.indicator_ids(conn)), binding, **(more or {}))
        meta = lookup.meta(conn)
        from datetime import date

        default = date.fromisoformat(meta["as_of"])
        names = columns(conn)
        if when is None or when == default:
            shown = tuple(status_plans(conn, filters))

            def rows(phrases: bool = True):
                return status_rows(conn, filters, phrases)

            def values():
                return status_tuples(conn, filters)

            def lean(phrases: bool = False):
                return report_rows(conn, filters, phrases)
        else:
            first = history.first_day(conn)
            if first is not None and when < first:
                say(f"Note: {when.isoformat()} is before the first document in the corpus "
                    f"({first.isoformat()}): no target had been set yet.")
            shown = tuple(history.status_plans(conn, when, filters))

            def rows(phrases: bool = True, day=when):
                return history.status_rows(conn, day, filters, phrases)

            def values(day=when):
                return history.status_tuples(conn, day, filters)

            def lean(phrases: bool = False, day=when):
                return history.report_rows(conn, day, filters, phrases)
        listed = chosen or (() if filters == Filters() else shown)
        when = when or default  # a plan's claims as of then: no later document's word leaks in
        plans = {p.id: p.seen_at(when)
                 for p in lookup.plans_in_order(conn, listed if listed or filters != Filters() else None)}
        yield Judging(plans, names, when, shown, rows, values, lean)


SVG_LINES = 3000  # the longest table status draws as a picture: the whole picture is laid out in memory


@command()
def status(
    plan: PlanOpt = None,
    jurisdiction: JurisdictionOpt = None,
    status: StatusOpt = None,
    indicator: Annotated[Optional[list[str]], typer.Option("--indicator", metavar="ID", help="Only targets on this indicator, e.g. gdp (repeat for several).")] = None,
    binding: Annotated[bool, typer.Option("--binding", help="Only binding (约束性) targets.")] = False,
    expected: Annotated[bool, typer.Option("--expected", help="Only expected (预期性) targets; with --binding, both.")] = False,
    topic: Annotated[Optional[list[Topic]], typer.Option("--topic", help="Only targets about this topic, e.g. transport (repeat for several; `xjtrack indicators` counts them).")] = None,
    due: Annotated[Optional[str], typer.Option("--due", metavar="YEAR|PERIOD", help="Only targets due in this year (a period ending then counts), or due over exactly this period, e.g. 2025 or 2021-2025.")] = None,
    grep: Annotated[Optional[str], typer.Option("--grep", metavar="TEXT", help="Only targets whose words, indicator (name or alias) or quote contain TEXT, e.g. 铁路.")] = None,
    as_of_text: AsOfOpt = None,
    format: Annotated[StatusFormat, typer.Option("--format", help="table, json, csv, markdown, or svg (the table as a picture).")] = StatusFormat.table,
    reasons: Annotated[bool, typer.Option("--reasons", "-r", help="Show each verdict's reason in the table.")] = False,
    excel: ExcelOpt = False,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show every target's verdict, grouped by plan, with a summary line per plan."""
    from xjtrack.output import i18n, render
    from xjtrack.store.project import Project

    language = i18n.choose(lang)
    when = as_of(as_of_text)
    more = {"topics": tuple(t.value for t in topic or ()), "expected": expected, "due": due_filter(due),
            "grep": (grep or "").strip()}
    with judging(Project.locate(targets, db), when, plan, jurisdiction, status, binding, indicator, more) as found:
        plans, when = found.plans, found.when
        if format is StatusFormat.json:
            write_lines(render.status_json(found.columns, found.values()))
        elif format is StatusFormat.csv:
            write_lines(render.csv_lines(found.columns, found.values(), excel))
        elif format is StatusFormat.markdown:
            write_lines(render.but_last_blank(render.markdown_lines(found.rows(language != "en"), plans, language)))
        elif format is StatusFormat.svg:
            from itertools import islice

            from xjtrack.output.picture import table_svg

            lines = list(islice(render.status_lines(found.rows(language != "en"), plans, reasons, language, 100, True),
                                SVG_LINES + 1))  # read no further than a picture can show
            if len(lines) > SVG_LINES:
                raise XjtrackError(f"status --format svg draws at most {SVG_LINES:,} lines of the table (a "
                                   "picture for a page), and these targets make more: narrow them with --plan, "
                                   "--jurisdiction, --status or --indicator, or use --format table")
            write(table_svg("\n".join(lines)))
        else:
            narrowed = status or indicator or binding or jurisdiction or any(more.values())
            also = () if narrowed else tuple(
                p for p in plans.values() if p.claims and p.id not in found.shown and (not plan or p.id in plan))
            counted: list = []
            width = table_width()
            write_lines(render.but_last_blank(render.status_lines(
                found.rows(reasons and language != "en"), plans, reasons, language, width, colour(), also, counted, say)))
            if not counted:
                write(i18n.WORDS[language]["no_targets"])
            # The table is for people: its summary closes it on stdout, where a terminal leaves it in view.
            from xjtrack.core.promises import total

            write(render.overall_of(total(c for c, _ in counted), sum(n for _, n in counted), when, language,
                                    width))


def due_filter(text: str | None) -> str:
    """A --due value as the filter takes it: a year, or a period; anything else is refused."""
    if text is None:
        return ""
    from xjtrack.core.periods import Period

    try:
        period = Period.parse(text.strip())
    except ValueError as exc:
        raise UsageError(f"--due: {exc} (e.g. 2025 or 2021-2025)") from None
    return str(period)


@command()
def report(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (and its linked pages to docs/report/ beside it) instead of stdout (the main page only).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if the -o file (default REPORT.md) is stale.")] = False,
    as_of_text: AsOfOpt = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Write a deterministic markdown report: headlines per plan, then linked pages (docs/report/) for every target, disputes, silences, flags."""
    from contextlib import ExitStack

    from xjtrack.files import Batch, replacing
    from xjtrack.output import i18n
    from xjtrack.output.report import Context, page_stream
    from xjtrack.output.terminal import write_pieces
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    if output is not None and not check:
        from xjtrack.files import check_destination, check_place

        check_place(output, project.targets)
        check_destination(output)
    when = as_of(as_of_text)
    language = i18n.choose(lang)
    main = output or Path("REPORT.md")
    stale, written, swept = [], 0, set()
    made = [f for f in (main.parent / "docs", main.parent / "docs" / "report") if not f.exists()]
    with ExitStack() as stack:
        if output is not None and not check:
            stack.callback(_remove_if_empty, made)  # a write that failed leaves no empty folder behind
        found = stack.enter_context(judging(project, when))
        context = Context.read(stack.enter_context(project.reading()), found.plans)
        # the main page's file is opened first (a destination it cannot have fails before any
        # work) and written last, when the pages are; the pages come a plan at a time, each
        # written or checked as it comes, and are synced to disk together (a batch at a time)
        main_temp = stack.enter_context(replacing(main)) if output is not None and not check else None
        pages = stack.enter_context(Batch()) if output is not None and not check else None
        for rel, pieces in page_stream(found.report_rows(language != "en"), context, found.when, language, main.name):
            path = main if not rel else main.parent / rel
            if check:
                if not _same(path, pieces):
                    stale.append(str(path))
            elif output is None:
                if not rel:
                    write_pieces(pieces)
            elif not rel:
                with open(main_temp, "w", encoding="utf-8") as handle:
                    handle.writelines(pieces)
                # one sync for the last pages and the main page (whose own sync then finds nothing
                # to write); the linked pages in place before the main page that links them
                pages.commit()
            else:
                _write_page(path, pieces, project, swept, pages)
            written += 1
    if check:
        if stale:
            if stale[-1] == str(main):  # the main page comes last: it is named first
                stale = [stale[-1], *stale[:-1]]
            raise XjtrackError(f"{', '.join(stale)} {'is' if len(stale) == 1 else 'are'} stale (or missing): "
                               f"run xjtrack report -o {main}")
        say(f"{main} and its {written - 1} linked pages are up to date.")
    elif output is not None:
        say(f"Wrote {output} and {written - 1} linked pages in {output.parent / 'docs' / 'report'}")


def _same(path: Path, pieces) -> bool:
    """Whether the file holds exactly the text of pieces, read as they come (every piece is
    consumed, so that what follows it in the stream is as if it had been written)."""
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below, after every piece
    except (OSError, ValueError):
        for _ in pieces:
            pass
        return False
    same = True
    with handle:
        try:
            for piece in pieces:
                if same and handle.read(len(piece)) != piece:
                    same = False
            return same and handle.read(1) == ""
        except (OSError, UnicodeDecodeError):
            return False


def _remove_if_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:  # not made after all, or holds the pages written
            pass


def _write_page(path: Path, pieces, project, swept: set[tuple[Path, str]], pages) -> None:
    """Write one linked page of the report into the batch, unless it is a plan's page the file
    holds already (its text held whole: a rename and a sync the fewer, and its time kept); a
    killed run's temporary files are removed once a folder (swept: the folders and suffixes
    done), not once a page. The folders on the way to a page (docs/report may not be a link out
    of the repository) are checked with a folder's first page; a later page is checked on its
    own only when it is itself a link."""
    from xjtrack.files import check_place, remove_dead_temps_in

    if (path.parent, path.suffix) not in swept:
        check_place(path, project.targets)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise XjtrackError(f"cannot write {path}: {exc.strerror or exc}") from None
        remove_dead_temps_in(path.parent, path.suffix)
        swept.add((path.parent, path.suffix))
    elif os.path.islink(path):
        check_place(path, project.targets)
    if isinstance(pieces, tuple) and _same(path, pieces):
        return  # a page held whole (a plan's) that the file holds already is left as it is
    pages.write(path, pieces, sweep=False)
