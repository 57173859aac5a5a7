"""Reading the database back: connections, build facts, and records through the schema.

The read-back goes through the same table descriptions the build wrote with, so a record read
here equals the record that was written. A command that looks at one thing reads only what
that thing needs (one target, the series it sits on), not the whole corpus.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from xjtrack.core.records import Corpus, Target
from xjtrack.errors import XjtrackError
from xjtrack.store.schema import (
    INDICATORS,
    JURISDICTIONS,
    OBSERVATIONS,
    PLANS,
    SOURCES,
    TARGETS,
    VERDICTS,
    Table,
    Unreadable,
)

OPENED: list[Path] = []  # the databases this process has read, to check when something goes wrong
READ_SECONDS = 60.0  # no connection reads for longer than this (query and export take --timeout)
MAX_VALUE_BYTES = 16 * 1024 * 1024  # a longer text or blob is refused by SQLite as "too big"
OTHER_TABLES = ("source_files", "source_lines", "source_lines_fts", "meta", "inputs")


def known_names() -> dict[str, str]:
    """Every table and view xjtrack writes, with its type: the only names read back or exported."""
    from xjtrack.store.schema import every_table
    from xjtrack.store.views import VIEWS

    return {**{t.name: "table" for t in every_table()}, **{n: "table" for n in OTHER_TABLES},
            **{n: "view" for n in VIEWS}}


def _foreign(conn: sqlite3.Connection) -> str | None:
    """What in the schema xjtrack did not write (a view of its own name with other SQL, a view
    in place of a table, a virtual table), or None. Such a file is not read as xjtrack's."""
    from xjtrack.store.views import VIEWS

    names = known_names()
    for kind, name, sql in conn.execute("select type, name, coalesce(sql, '') from sqlite_master "
                                        "where type in ('table', 'view')"):
        if kind == "view" and (name not in VIEWS or sql[:11].lower() != "create view"
                               or sql[11:].rstrip() != f' "{name}" as {VIEWS[name]}'.rstrip()):
            return f"the view {name!r} is not one xjtrack writes"
        if kind == "table" and names.get(name) == "view":
            return f"{name!r} is a table, where xjtrack writes a view"
        if kind == "table" and sql.lower().startswith("create virtual") and name != "source_lines_fts":
            return f"the virtual table {name!r} is not one xjtrack writes"
    return None


def limit(conn: sqlite3.Connection, seconds: float) -> None:
    """Interrupt whatever the connection runs once seconds have passed (an endless view, a huge
    join); SQLite then raises OperationalError("interrupted")."""
    import time

    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)


def streamed(conn: sqlite3.Connection, cursor: sqlite3.Cursor, seconds: float = READ_SECONDS,
             batch: int = 500) -> Iterator:
    """A cursor's rows, read a batch at a time, each batch under its own time limit: a reader
    that writes them out as they come (to a pager, a slow pipe) may take as long as it likes."""
    import time

    deadline = [0.0]
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline[0]), 20_000)
    try:
        while True:
            deadline[0] = time.monotonic() + seconds
            rows = cursor.fetchmany(batch)
            if not rows:
                return
            yield from rows
    finally:
        try:
            limit(conn, seconds)
        except sqlite3.ProgrammingError:  # the connection was closed before the reader stopped
            pass


def connect_readonly(db_path: Path, seconds: float = READ_SECONDS) -> sqlite3.Connection:
    """A read-only connection, under a time limit and a limit on the size of any one value; a
    file whose schema xjtrack did not write is refused as damaged."""
    if not db_path.is_file():
        raise XjtrackError(f"no database at {db_path}; run: xjtrack build")
    OPENED.append(db_path)
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    limit(conn, seconds)
    try:
        why = _foreign(conn)
    except sqlite3.Error:
        conn.close()
        raise
    if why is not None:
        conn.close()
        raise sqlite3.DatabaseError(f"{why}; it is not a database xjtrack built")
    return conn


def facts(db_path: Path) -> dict[str, str] | None:
    """The meta table, or None when the file is missing, older or unreadable as xjtrack's."""
    if not db_path.is_file():
        return None
    try:
        conn = connect_readonly(db_path)
        try:
            return dict(conn.execute("select key, value from meta").fetchall())
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def stored_inputs(db_path: Path, version: tuple[str, str, str]):
    """The files the database was built from, with their stamps (an inputs.Recorded), or None
    when it is stale, old or unreadable (version: xjtrack's version, the schema's, and the stamp
    of the code that builds)."""
    from xjtrack.store import inputs

    if not db_path.is_file():
        return None
    try:
        conn = connect_readonly(db_path)
        try:
            meta = dict(conn.execute("select key, value from meta where key in "
                                     "('xjtrack_version', 'schema_version', 'code')").fetchall())
            if (meta.get("xjtrack_version"), meta.get("schema_version"), meta.get("code")) != version:
                return None
            return inputs.read(conn, lambda names: _every_input(db_path, names))
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def _every_input(db_path: Path, names: list[str]) -> list[tuple]:
    """Every column of these recorded inputs (their digests and roles): read when a file's stat
    differs from its record, or an update needs them."""
    from xjtrack.store import inputs

    try:
        conn = connect_readonly(db_path)
        try:
            return inputs.every_column(conn, names)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return []


def records(conn: sqlite3.Connection, table: Table, where: str = "", params: tuple = ()) -> list:
    """The records of table (with their child records) whose rows match where."""
    try:
        return _records(conn, table, where, params)
    except Unreadable as exc:  # a value the file holds; anything else raised here is a bug (exit 3)
        raise sqlite3.DatabaseError(f"a row of {table.name} cannot be read: {exc}") from None


def _records(conn: sqlite3.Connection, table: Table, where: str, params: tuple) -> list:
    rows = [tuple(r) for r in conn.execute(table.select(where), params)]
    children: dict[str, dict] = {}
    if rows and table.children:
        keys = [row[0] for row in rows]
        for field, child in table.children.items():
            grouped: dict = {}
            for at in range(0, len(keys), 900):
                chunk = keys[at: at + 900]
                sql = child.select(f'"{child.parent}" in ({", ".join("?" * len(chunk))})') + ' order by 1, 2'
                for row in conn.execute(sql, chunk):
                    row = tuple(row)
                    grouped.setdefault(row[0], []).append(child.load(row[2:]))
            children[field] = grouped
    return [table.load(row, {f: tuple(children[f].get(row[0], ())) for f in children}) for row in rows]


def read_corpus(conn: sqlite3.Connection, indicators: set[str] | None = None,
                jurisdictions: set[str] | None = None, target_ids: set[str] | None = None) -> Corpus:
    """The corpus, or the part of it that given targets and series need."""
    corpus = Corpus()
    corpus.jurisdictions = {j.id: j for j in records(conn, JURISDICTIONS)}
    corpus.sources = {s.id: s for s in records(conn, SOURCES)}
    corpus.plans = {p.id: p for p in records(conn, PLANS)}
    corpus.indicators = {i.id: i for i in records(conn, INDICATORS)}
    if target_ids is None:
        corpus.targets = {t.id: t for t in records(conn, TARGETS, "1 order by file, position")}
    else:
        for chunk in _chunks(sorted(target_ids)):
            for t in records(conn, TARGETS, f"id in ({', '.join('?' * len(chunk))})", tuple(chunk)):
                corpus.targets[t.id] = t
    if indicators is None:
        corpus.observations = {o.id: o for o in records(conn, OBSERVATIONS, "1 order by file, position")}
    else:
        for indicator in sorted(indicators):
            where = "indicator = ?" + (f" and jurisdiction in ({', '.join('?' * len(jurisdictions))})"
                                       if jurisdictions else "")
            params = (indicator, *sorted(jurisdictions or ()))
            for o in records(conn, OBSERVATIONS, where + " order by file, position", params):
                corpus.observations[o.id] = o
    return corpus


def _chunks(items: list, size: int = 900):
    for at in range(0, len(items), size):
        yield items[at: at + size]


def read_for_target(conn: sqlite3.Connection, target_id: str) -> tuple[Corpus, Target | None]:
    """The target and everything judging it needs (read_for_targets)."""
    found = records(conn, TARGETS, "id = ?", (target_id,))
    if not found:
        return Corpus(), None
    return read_for_targets(conn, found), found[0]


def read_for_targets(conn: sqlite3.Connection, targets: list[Target]) -> Corpus:
    """The targets and everything judging them needs: their plans and places, the levels above
    the places (which report on them), their indicators and the indicators that may stand in for
    them, those series at their places, and the documents of those places and the ones they and
    their figures cite. What it reads grows with the targets asked for, not with the corpus."""
    corpus = Corpus()
    corpus.targets = {t.id: t for t in targets}
    plans = sorted({t.plan for t in targets})
    for chunk in _chunks(plans):
        corpus.plans.update((p.id, p) for p in records(conn, PLANS, f"id in ({', '.join('?' * len(chunk))})", tuple(chunk)))
    for place in sorted({t.jurisdiction for t in targets}):
        while place and place not in corpus.jurisdictions:
            found_place = records(conn, JURISDICTIONS, "id = ?", (place,))
            if not found_place:
                break
            corpus.jurisdictions[place] = found_place[0]
            place = found_place[0].parent
    series: set[tuple[str, str]] = set()
    for indicator in sorted({t.indicator for t in targets if t.indicator}):
        own = records(conn, INDICATORS, "id = ? or replaces = ?", (indicator, indicator))
        wanted = {i.id for i in own} | {p.indicator for i in own if i.id == indicator for p in i.proxies}
        corpus.indicators.update((i.id, i) for i in records(
            conn, INDICATORS, f"id in ({', '.join('?' * len(wanted))})", tuple(sorted(wanted))))
        series |= {(w, t.jurisdiction) for t in targets if t.indicator == indicator for w in wanted}
    for indicator, place in sorted(series):
        for o in records(conn, OBSERVATIONS, "indicator = ? and jurisdiction = ? order by file, position",
                         (indicator, place)):
            corpus.observations[o.id] = o
    corpus.observations = dict(sorted(corpus.observations.items(), key=lambda item: (item[1].file, item[1].position)))
    cited = {s for t in targets for s in (t.source, *(q.source for q in t.quotes), *(s.source for s in t.statements),
                                          *(c.source for c in t.claims), *(v.source for v in t.versions))}
    cited |= {o.source for o in corpus.observations.values()}
    order: dict[str, int] = {}  # the documents in the order they are curated (rowid)
    for column, values in (("jurisdiction", corpus.jurisdictions), ("id", {s for s in cited if s})):
        for chunk in _chunks(sorted(values)):
            order.update((ident, rowid) for rowid, ident in conn.execute(
                f"select rowid, id from sources where {column} in ({', '.join('?' * len(chunk))})", tuple(chunk)))
    for chunk in _chunks(sorted(order)):
        corpus.sources.update((s.id, s) for s in records(conn, SOURCES, f"id in ({', '.join('?' * len(chunk))})", tuple(chunk)))
    corpus.sources = {ident: corpus.sources[ident] for ident in sorted(order, key=order.get)}
    return corpus


def stored_verdict(conn: sqlite3.Connection, target_id: str):
    found = records(conn, VERDICTS, "target = ?", (target_id,))
    return found[0] if found else None


def is_target(conn: sqlite3.Connection, ident: str) -> bool:
    return conn.execute("select 1 from targets where id = ?", (ident,)).fetchone() is not None


def resolve_target(conn: sqlite3.Connection, given: str) -> str:
    """The target's id now: given itself, or the target that lists given among its old ids."""
    if is_target(conn, given):
        return given
    found = conn.execute("select targets.id from targets, json_each(targets.aliases) as a "
                         "where a.value = ? order by targets.id", (given,)).fetchone()
    return found[0] if found else given


def target_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("select id from targets order by file, position")]


def damaged() -> Path | None:
    """A database read by this process that fails SQLite's own check, if any."""
    for path in dict.fromkeys(OPENED):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                ok = conn.execute("pragma quick_check(1)").fetchone()[0] == "ok"
            finally:
                conn.close()
        except sqlite3.Error:
            ok = False
        if not ok:
            return path
    return None
