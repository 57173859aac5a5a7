"""The options commands share, and the formats each command really writes, as choice lists."""

from __future__ import annotations

import os
import shutil
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.core.vocab import Language, Status
from xjtrack.errors import UsageError

TargetsOpt = Annotated[Optional[Path], typer.Option(
    "--targets", envvar="XJTRACK_TARGETS", help="The curated targets.yaml (data/*.yaml beside it are read too).")]
DbOpt = Annotated[Optional[Path], typer.Option(
    "--db", envvar="XJTRACK_DB", help="The SQLite file [default: db/xjtrack.db beside targets.yaml].")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE", help="Judge with only the documents delivered on or before this date: 2021, 2021-02, "
    "2021-02-01, 2021年2月1日 or Feb 2021.")]
LangOpt = Annotated[Optional[Language], typer.Option(
    "--lang", help="Labels, status words and reasons in en or zh [default: $XJTRACK_LANG, else the locale].")]
PlanOpt = Annotated[Optional[list[str]], typer.Option(
    "--plan", metavar="PLAN", help="Only this plan, e.g. xj-13fyp (repeat for several).")]
JurisdictionOpt = Annotated[Optional[list[str]], typer.Option(
    "--jurisdiction", metavar="PLACE", help="Only this jurisdiction: xinjiang, urumqi, xpcc … (repeat for several).")]
StatusOpt = Annotated[Optional[list[Status]], typer.Option(
    "--status", help="Only targets with this verdict (repeat for several).")]
ExcelOpt = Annotated[bool, typer.Option(
    "--excel", help="CSV for Excel: a UTF-8 byte-order mark (text that would start a formula is made inert in every CSV).")]


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    svg = "svg"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class RowsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


class ProblemFormat(StrEnum):
    text = "text"
    github = "github"


def as_of(text: str | None):
    """--as-of read strictly; a date that is not one, or could be two, is a usage error."""
    if text is None:
        return None
    from xjtrack.core.asof import BadDate, parse_as_of

    try:
        return parse_as_of(text)
    except BadDate as exc:
        raise UsageError(f"--as-of: {exc}") from None


def choose(name: str, given: list[str] | None, known: list[str]) -> tuple[str, ...]:
    """Repeated values of an option checked against what exists (case-insensitive)."""
    chosen = []
    lowered = {k.lower(): k for k in known}
    for value in given or ():
        match = lowered.get(value.lower())
        if match is None:
            from xjtrack.errors import did_you_mean

            raise UsageError(f"no {name} {value!r}{did_you_mean(value, known)}; {name}s: {', '.join(known)}")
        chosen.append(match)
    return tuple(dict.fromkeys(chosen))


def table_width() -> int | None:
    """The width tables wrap at: the terminal's, or $COLUMNS; None (no wrapping) in a pipe."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except OSError:
        return None


def colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
