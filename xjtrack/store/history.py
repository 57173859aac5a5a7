"""Every target's verdicts over time (the verdict_history table), so that `--as-of` is a lookup.

A verdict changes only on the days core.lineage.moments lists (a document bearing on the target
delivered, a due year ended). The build judges each target on those days and keeps one row per
verdict with the days it holds: it is judged as of the first (as_of) and holds until the day
before `until` (null: it still holds). `status --as-of`, `report --as-of` and `show --as-of` read
the row holding on the day asked, through the same target_status query as the stored verdicts,
so the columns are the same. A test checks the rows against verdicts judged on demand on every
such day and the day before it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date

from xjtrack.core.evaluate import Index
from xjtrack.core.lineage import history
from xjtrack.core.records import Corpus, Source, Target, Verdict
from xjtrack.store.read import streamed
from xjtrack.store.schema import VERDICT_HISTORY, VERDICTS
from xjtrack.store.status import (
    PHRASES,
    Filters,
    columns,
    dicts,
    plans_sql,
    report_dicts,
    report_sql,
    status_sql,
)

FORGET_EVERY = 2000  # targets judged between clearing the index's caches, which grow with the days judged


def holdings(corpus: Corpus, judged: Iterable[tuple[Verdict, tuple]] = (), index: Index | None = None) -> Iterator[tuple]:
    """The history rows of every target of the corpus, in its order. judged: the verdicts as of
    the build's day with their rows in the verdicts table, in the same order (or none), which
    stand for that day's verdicts. The build writes these rows (store.build.part_rows, in its own
    process or a worker's); an update writes them through refresh()."""
    index = index or Index(corpus)
    known = iter(judged)
    row = VERDICTS.row  # a history row is a verdict's row, as of the first day it holds, and its end
    for n, target in enumerate(corpus.targets.values(), 1):
        verdict, stored = next(known, (None, None))
        if verdict is not None and verdict.target != target.id:
            verdict = None
        for held, since, until in history(target, index, verdict):
            values = stored if held is verdict else row(held)
            yield (values[0], since.isoformat(), *values[2:], until and until.isoformat())
        if n % FORGET_EVERY == 0:
            index.forget()


def _insert(conn: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    marks = ", ".join("?" * len(VERDICT_HISTORY.columns))
    conn.executemany(f'insert into "{VERDICT_HISTORY.name}" values ({marks})', rows)


def refresh(conn: sqlite3.Connection, target_ids: Iterable[str]) -> None:
    """The history of the targets an update judged again, from the rows it wrote (within its
    transaction): the rows of those gone are removed, the others' judged anew."""
    from xjtrack.store.read import read_for_targets, records
    from xjtrack.store.schema import TARGETS

    ids = sorted(set(target_ids))
    targets = []
    for at in range(0, len(ids), 900):
        chunk = ids[at: at + 900]
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"delete from verdict_history where target in ({marks})", chunk)
        targets += records(conn, TARGETS, f"id in ({marks})", tuple(chunk))
    if not targets:
        return
    corpus = read_for_targets(conn, sorted(targets, key=lambda t: (t.file, t.position)))
    _insert(conn, holdings(corpus))


def _held_sql() -> str:
    """The verdicts holding on a day (the first parameter, also their as_of; then twice more)."""
    names = [c for c, _ in VERDICT_HISTORY.columns if c != "until"]
    listed = ", ".join("? as as_of" if c == "as_of" else f'"{c}"' for c in names)
    return f"(select {listed} from verdict_history where as_of <= ? and (until is null or until > ?))"


def status_tuples(conn: sqlite3.Connection, as_of: date, filters: Filters = Filters(),
                  phrases: bool = False, query=status_sql) -> Iterator[tuple]:
    """The target_status rows as of a day, from the history (targets set later have none), one
    tuple at a time in the view's columns' order (and the reason's phrases after them if asked),
    as store.status.status_tuples reads the stored ones: nothing is held, whatever their number.
    query: status_sql, or store.status.report_sql for the report's columns."""
    where, params = filters.where()
    day = as_of.isoformat()
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(query(_held_sql(), where, PHRASES if phrases else ""), [day, day, day, *params])
    return streamed(conn, cursor)


def status_rows(conn: sqlite3.Connection, as_of: date, filters: Filters = Filters(),
                phrases: bool = True) -> Iterator[dict]:
    """status_tuples() as dicts (as_dict's), one at a time."""
    return dicts(columns(conn) + (["reason_phrases"] if phrases else []), status_tuples(conn, as_of, filters, phrases))


def report_rows(conn: sqlite3.Connection, as_of: date, filters: Filters = Filters(),
                phrases: bool = False) -> Iterator[dict]:
    """The rows the report reads (store.status.report_rows) as of a day, from the history."""
    return report_dicts(status_tuples(conn, as_of, filters, phrases, report_sql), phrases)


def status_plans(conn: sqlite3.Connection, as_of: date, filters: Filters = Filters()) -> list[str]:
    """The plans with a row as of a day, after the filters, without reading the rows."""
    where, params = filters.where()
    day = as_of.isoformat()
    return sorted(r[0] for r in conn.execute(plans_sql(_held_sql(), where), [day, day, day, *params]))


def verdict_at(conn: sqlite3.Connection, target_id: str, as_of: date) -> Verdict | None:
    """The target's verdict as of a day, or None before the day it was set."""
    from xjtrack.store.read import records

    found = records(conn, VERDICT_HISTORY, "target = ? and as_of <= ? and (until is null or until > ?)",
                    (target_id, as_of.isoformat(), as_of.isoformat()))
    return found[0].verdict(as_of) if found else None


def statuses(conn: sqlite3.Connection, target_id: str) -> list[tuple[date, date | None, str]]:
    """The target's verdicts over time: the first day each holds, the first it no longer does, the status."""
    return [(_day(r[0]), _day(r[1]) if r[1] is not None else None, r[2]) for r in conn.execute(
        "select as_of, until, status from verdict_history where target = ? order by as_of", (target_id,))]


def every_status(conn: sqlite3.Connection) -> dict[str, list[tuple[date, date | None, str]]]:
    """statuses() of every target, read at once (the website's timelines)."""
    out: dict[str, list[tuple[date, date | None, str]]] = {}
    for target, since, until, status in conn.execute(
            "select target, as_of, until, status from verdict_history order by target, as_of"):
        out.setdefault(target, []).append((_day(since), _day(until) if until is not None else None, status))
    return out


def timeline(target: Target, series_sources: Iterable[str], sources: dict[str, Source],
             held: list[tuple[date, date | None, str]], when: date, judged) -> list[tuple[str, str, str]]:
    """The target's verdict as each document bearing on it arrived, up to when: the one that set
    it, those with a figure on its series (series_sources: its own, a stand-in's or a
    successor's, at its place) and those with a version, statement or claim of it. Each status
    is the stored history's (held, of statuses()); judged(day) gives one it cannot (a day before
    the target was set). (date, source id, status) each, in the documents' order. `show` and the
    website's target pages both give this."""
    bearing = {target.source, *series_sources, *(s.source for s in target.statements),
               *(c.source for c in target.claims), *(v.source for v in target.versions)}
    start, out = target.source_date.last_day(), []
    for source in sorted((sources[i] for i in bearing if i in sources), key=lambda s: (s.date.last_day(), s.id)):
        day = source.date.last_day()
        if start <= day <= when:
            out.append((str(source.date), source.id, held_on(held, day) or judged(day)))
    return out


def held_on(held: list[tuple[date, date | None, str]], day: date) -> str | None:
    """The status holding on day, of statuses(); None before the target was set."""
    return next((status for since, until, status in held if since <= day and (until is None or day < until)), None)


def first_day(conn: sqlite3.Connection) -> date | None:
    """The day the earliest document of the corpus counts from."""
    found = conn.execute("select min(date_last_day) from sources").fetchone()[0]
    return _day(found) if found is not None else None


def _day(value) -> date:
    """A stored day; one that is not a day means the file is damaged or not ours."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise sqlite3.DatabaseError(f"a stored day cannot be read: {str(value)[:40]!r}") from None
