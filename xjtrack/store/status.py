"""Verdicts as rows: the target_status view, filtered, as of the default date or any other.

As of the default date the rows are read as stored; as of another date, from the stored verdict
history (store.history), through the same view's query, so both give the same columns.
judged_rows runs that query over verdicts judged on demand: what the history is tested against.
"""

from __future__ import annotations

import json
import sqlite3
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import chain, islice

from xjtrack.core.phrases import from_json
from xjtrack.core.records import Verdict
from xjtrack.core.vocab import Binding, Claimed, Direction, Measure, Status
from xjtrack.store.read import streamed
from xjtrack.store.schema import VERDICTS
from xjtrack.store.views import ORDER_SQL, STATUS_COLUMNS, STATUS_ROWS_SQL, status_sql


@dataclass(frozen=True)
class Filters:
    """Which targets to show; each list combines as OR within, AND across."""

    plans: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    binding: bool = False
    ids: tuple[str, ...] = field(default=())
    topics: tuple[str, ...] = ()
    expected: bool = False
    due: str = ""  # a year (due then, or a period ending then) or a period (exactly)
    grep: str = ""  # words in the target, its indicator's names or its quotes

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        for column, values in (("t.plan", self.plans), ("t.jurisdiction", self.jurisdictions),
                               ("v.status", self.statuses), ("t.indicator", self.indicators),
                               ("t.id", self.ids), ("t.topic", self.topics)):
            if values:
                clauses.append(f"{column} in ({', '.join('?' * len(values))})")
                params += list(values)
        bindings = [b for b, on in (("binding", self.binding), ("expected", self.expected)) if on]
        if bindings:
            clauses.append(f"t.binding in ({', '.join('?' * len(bindings))})")
            params += bindings
        if self.due:
            clauses.append("t.due = ?" if "-" in self.due else "t.due_end = ?")
            params.append(self.due if "-" in self.due else int(self.due))
        if self.grep:
            clauses.append(GREP_SQL)
            like = "%" + self.grep.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [like] * GREP_SQL.count("?")
        return " and ".join(clauses), params


PHRASES = ", v.reason_phrases"  # the reason as phrases, for rendering it in any language

GREP_SQL = " ".join(f"{c} like ? escape '\\' or" for c in (
    "t.goal_text", "t.name_zh", "t.name_en", "i.name_zh", "i.name_en", "i.aliases")) + (
    " exists (select 1 from target_quotes q where q.target_id = t.id and q.text like ? escape '\\')")
GREP_SQL = f"({GREP_SQL})"


@dataclass(frozen=True, kw_only=True)
class StatusRow:
    """The status contract, declared once: a row of the target_status view, an object of
    `status --format json` and a line of its CSV, with these keys in this order. A test checks
    the view, the JSON, the CSV header, the README's key list and schema/status.schema.json
    (written by `python -m xjtrack.store.status`) against these fields."""

    id: str
    plan: str
    jurisdiction: str
    indicator: str  # the indicator id ("" for a target with none)
    indicator_zh: str
    indicator_en: str
    measure: Measure
    comparator: str | None  # >=, <=, ~ or =
    target_text: str
    target_value: float | None
    target_high: float | None  # a range's top
    unit: str | None
    due: str
    binding: Binding
    direction: Direction
    outcome_text: str | None  # the deciding figure, as written or computed
    outcome_value: float | None  # in the target's unit
    outcome_unit: str | None
    outcome_period: str | None
    derivation: str | None  # how the figure was derived; null when a document reports it
    baseline_text: str | None
    baseline_period: str | None
    progress: float | None
    status: Status
    reason: str  # in English
    reason_codes: list[str]  # the codes of the reason's phrases
    silent: bool  # no later document mentions the target in any way
    claimed: Claimed | None
    disputed: bool
    flags: list[str]
    target_quote: str | None
    target_source: str | None
    target_line: int | None
    outcome_quote: str | None
    outcome_source: str | None
    outcome_line: int | None
    as_of: str
    promise: str  # the target that decides its plan row
    # what each column holds (datasette/metadata.json), beside the records' shared descriptions
    DOCS = {"indicator_zh": "What it is about, in Chinese", "indicator_en": "What it is about, in English",
            "comparator": "≥ <= ~ =", "target_text": "The target as written", "target_value": "Its number",
            "target_high": "High end of a range", "unit": "Unit", "outcome_text": "The deciding figure",
            "outcome_value": "In the target's unit", "outcome_unit": "Unit", "outcome_period": "Its period",
            "derivation": "How it was derived", "target_quote": "The target's first quote",
            "target_source": "Its source", "target_line": "Its line", "outcome_quote": "The figure's quote",
            "outcome_source": "Its source", "outcome_line": "Its line",
            "promise": "The target that decides its plan row (its own id, or its form_of)"}


def _kinds() -> tuple[tuple[str, ...], tuple[str, ...]]:
    hints = typing.get_type_hints(StatusRow)
    return (tuple(n for n, h in hints.items() if h is bool),
            tuple(n for n, h in hints.items() if typing.get_origin(h) is list))


BOOLEANS, LISTS = _kinds()  # stored as 0/1 and as JSON lists
LISTS_READ = 4096  # the lists' texts dicts() keeps read (codes and flags: a few hundred kinds)


def as_dict(row: sqlite3.Row) -> dict:
    """A status row; reason_phrases (not a column of the view) holds the reason as phrases."""
    out = dict(row)
    for name in BOOLEANS:
        out[name] = bool(out[name])
    for name in LISTS:
        out[name] = json.loads(out[name])
    if "reason_phrases" in out:
        out["reason_phrases"] = from_json(out["reason_phrases"])
    return out


def json_schema() -> dict:
    """The JSON Schema of `status --format json`, from StatusRow's fields."""
    def one(hint) -> dict:
        if isinstance(hint, type) and issubclass(hint, StrEnum):
            return {"type": "string", "enum": [m.value for m in hint]}
        if typing.get_origin(hint) is list:
            return {"type": "array", "items": one(typing.get_args(hint)[0])}
        return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[hint]}

    properties = {}
    for name, hint in typing.get_type_hints(StatusRow).items():
        args = typing.get_args(hint)
        if type(None) in args:
            inner = one(next(a for a in args if a is not type(None)))
            properties[name] = {"anyOf": [inner, {"type": "null"}]}
        else:
            properties[name] = one(hint)
    row = {"type": "object", "properties": properties, "required": list(properties),
           "additionalProperties": False}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "xjtrack status --format json", "type": "array", "items": row}


def columns(conn: sqlite3.Connection) -> list[str]:
    return [d[0] for d in conn.execute(status_sql("verdicts", "0")).description]


def stored_rows(conn: sqlite3.Connection, filters: Filters = Filters()) -> list[dict]:
    return list(status_rows(conn, filters))


def status_tuples(conn: sqlite3.Connection, filters: Filters = Filters(), phrases: bool = False,
                  query=status_sql) -> Iterator[tuple]:
    """The view's rows as stored, filtered, one tuple at a time in its columns' order (and the
    reason's phrases, as stored, after them if asked): nothing is held, whatever their number.
    query: status_sql, or report_sql for the report's columns."""
    where, params = filters.where()
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(query("verdicts", where, PHRASES if phrases else ""), params)
    return streamed(conn, cursor)


def status_rows(conn: sqlite3.Connection, filters: Filters = Filters(), phrases: bool = True) -> Iterator[dict]:
    """The view's rows as stored, filtered, one dict (as_dict's) at a time."""
    return dicts(columns(conn) + (["reason_phrases"] if phrases else []), status_tuples(conn, filters, phrases))


def list_reader() -> Callable[[str], list]:
    """A reader of the stored JSON lists that reads each text once (up to LISTS_READ of them): the
    same few lists recur row after row. Each call gives a list of its own."""
    read: dict[str, tuple] = {}

    def values(text: str) -> list:
        found = read.get(text)
        if found is None:
            found = tuple(json.loads(text))
            if len(read) < LISTS_READ:
                read[text] = found
        return list(found)

    return values


def dicts(names: list[str], rows: Iterable[Sequence]) -> Iterator[dict]:
    """Rows of the view (with reason_phrases last, if among the names) as as_dict makes them."""
    booleans = [n for n in names if n in BOOLEANS]
    lists = [n for n in names if n in LISTS]
    phrases = "reason_phrases" in names
    values = list_reader()
    for row in rows:
        out = dict(zip(names, row, strict=True))
        for name in booleans:
            out[name] = bool(out[name])
        for name in lists:
            out[name] = values(out[name])
        if phrases:
            out["reason_phrases"] = from_json(out["reason_phrases"])
        yield out


# What the report shows of each row: these of the view's columns, by the same names and from the
# same SQL, and the target's notes where it is flagged. The quotes, which it does not show, are not
# joined: the rows come in about 0.6 of the time (at 10^5).
REPORT_COLUMNS = ("id", "plan", "indicator", "indicator_zh", "indicator_en", "measure", "target_text",
                  "target_value", "due", "binding", "outcome_text", "outcome_period", "progress", "status",
                  "reason", "silent", "claimed", "disputed", "flags", "promise")
REPORT_NOTES = "case when v.flags != '[]' then t.notes end"


def report_sql(verdicts: str = "verdicts", where: str = "", extra: str = "") -> str:
    """status_sql() of the report's columns (REPORT_COLUMNS, then notes), without the quotes' joins."""
    sql = dict(STATUS_COLUMNS)
    picked = ", ".join(f"{sql[name]} as {name}" for name in REPORT_COLUMNS)
    lean = STATUS_ROWS_SQL.format(verdicts=verdicts)
    return f"select {picked}, {REPORT_NOTES} as notes{extra}{lean}{' where ' + where if where else ''} {ORDER_SQL}"


def report_rows(conn: sqlite3.Connection, filters: Filters = Filters(), phrases: bool = False) -> Iterator[dict]:
    """The rows the report reads, as stored: REPORT_COLUMNS and notes (and reason_phrases, if
    asked), one at a time (store.history.report_rows reads them as of another day)."""
    return report_dicts(status_tuples(conn, filters, phrases, report_sql), phrases)


def report_dicts(tuples: Iterator[tuple], phrases: bool) -> Iterator[dict]:
    """report_sql's rows as status_rows() makes the view's, but that disputed and silent stay 0
    or 1 (equal to False and True), made a batch at a time."""
    return chain.from_iterable(_report_dicts(tuples, phrases))


def _report_dicts(tuples: Iterator[tuple], phrases: bool, batch: int = 500) -> Iterator[list[dict]]:
    names = [*REPORT_COLUMNS, "notes", *(["reason_phrases"] if phrases else [])]
    at = REPORT_COLUMNS.index("flags")
    flags = list_reader()
    while rows := list(islice(tuples, batch)):
        if phrases:
            yield [dict(zip(names, row, strict=True), flags=flags(row[at]), reason_phrases=from_json(row[-1]))
                   for row in rows]
        else:
            yield [dict(zip(names, row, strict=True), flags=flags(row[at])) for row in rows]


def status_plans(conn: sqlite3.Connection, filters: Filters = Filters()) -> list[str]:
    """The plans the filtered rows belong to, without reading the rows."""
    where, params = filters.where()
    return sorted(r[0] for r in conn.execute(plans_sql("verdicts", where), params))


def plans_sql(verdicts: str, where: str) -> str:
    """The plans with a row of the target_status query over verdicts, filtered by where: each plan
    looked up by the index until its first row (a scan of every row takes seconds at 10^6). The
    view's joins but the quotes' (which add no row and no filter reads them)."""
    lean = STATUS_ROWS_SQL.format(verdicts=verdicts)
    return (f"select pl.id from plans pl where exists (select 1 {lean} where t.plan = pl.id"
            f"{' and (' + where + ')' if where else ''})")


def judged_rows(conn: sqlite3.Connection, judged: list[Verdict], as_of: date,
                filters: Filters = Filters()) -> list[dict]:
    """The view's rows for verdicts judged on demand as of another date; targets set later are
    left out. The commands read the history instead; a test holds the two equal on every day."""
    conn.execute("create temp table if not exists as_of_verdicts as select * from verdicts where 0")
    conn.execute("delete from as_of_verdicts")
    rows = VERDICTS.rows(judged)[VERDICTS.name]
    if rows:
        conn.executemany(f"insert into as_of_verdicts values ({', '.join('?' * len(rows[0]))})", rows)
    where, params = filters.where()
    where = " and ".join(w for w in (where, "t.source_date_last_day <= ?") if w)
    return [as_dict(r) for r in conn.execute(status_sql("temp.as_of_verdicts", where, PHRASES),
                                             [*params, as_of.isoformat()])]


def promise_forms(conn: sqlite3.Connection, target_id: str) -> list[dict]:
    """The other forms of a target's plan row (the deciding one first), as stored: id, status, goal.
    A row's forms name its deciding target in form_of (the deciding one names none): looked up by
    index, whatever the corpus's size."""
    found = conn.execute("select coalesce(nullif(form_of, ''), id) from targets where id = ?", (target_id,)).fetchone()
    if found is None:
        return []
    columns = "select t.id, v.status, t.goal_text, t.id = ? from targets t join verdicts v on v.target = t.id"
    sql = (f"{columns} where t.form_of = ? and t.form_of != '' and t.id != ? union all "
           f"{columns} where t.id = ? and coalesce(t.form_of, '') = '' and t.id != ? order by 4 desc, 1")
    promise = found[0]
    return [{"id": r[0], "status": r[1], "target_text": r[2], "decides": bool(r[3])}
            for r in conn.execute(sql, (promise, promise, target_id, promise, promise, target_id))]


if __name__ == "__main__":  # python -m xjtrack.store.status: rewrite schema/status.schema.json
    from pathlib import Path

    from xjtrack.files import write_text

    out = Path(__file__).resolve().parents[2] / "schema" / "status.schema.json"
    write_text(out, json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {out}")
