"""Writing the database: every table from the corpus, in one transaction, to a temporary file
that is renamed over the old one only when it is complete."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from xjtrack import __version__, code_stamp
from xjtrack.core.records import Corpus, Verdict
from xjtrack.errors import XjtrackError
from xjtrack.store import dbfile, history
from xjtrack.store import inputs as recorded_inputs
from xjtrack.store.schema import (
    INDICATORS,
    JURISDICTIONS,
    OBSERVATIONS,
    PLANS,
    SCHEMA_VERSION,
    SOURCES,
    TARGETS,
    VERDICTS,
    every_table,
    index_ddl,
)
from xjtrack.store.views import VIEWS


def cjk_tokens(text: str) -> str:
    """Text for the full-text index: each CJK character a token, so any substring is a phrase."""
    spaced = "".join(f" {ch} " if ord(ch) > 0x2E7F else ch for ch in text)
    return " ".join(spaced.split())


CJK_RUN = re.compile(r"[^\x00-\u2e7f]+")  # the characters cjk_tokens makes tokens of, a run at a time


def lines_tokens(text: str) -> list[str]:
    """cjk_tokens of each line of text (broken at \\n), the whole text spaced at once: one call a
    run of CJK characters rather than a Python step a character."""
    spaced = CJK_RUN.sub(lambda run: " " + " ".join(run.group()) + " ", text)
    return [" ".join(line.split()) for line in spaced.split("\n")]


def text_lines(text: str) -> list[str]:
    """An archived text's lines as quotes count them: broken at \\n only (U+2028, U+0085 or a form
    feed inside a line do not start a new one), a CRLF's CR dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def insert_records(conn: sqlite3.Connection, table, objects, chunk: int = 5000) -> None:
    """Insert the records' rows, a chunk at a time, so that rows are never all held at once."""
    tables = [table, *table.children.values()]
    sql = {t.name: f'insert into "{t.name}" values ({", ".join("?" * len(t.columns))})' for t in tables}
    batch: dict[str, list[tuple]] = {t.name: [] for t in tables}
    for n, obj in enumerate(objects, 1):
        table.add_rows(obj, batch)
        if n % chunk == 0:
            _flush(conn, sql, batch)
    _flush(conn, sql, batch)


def _flush(conn: sqlite3.Connection, sql: dict[str, str], batch: dict[str, list[tuple]]) -> None:
    for name, rows in batch.items():
        if rows:
            conn.executemany(sql[name], rows)
            rows.clear()


def _written(conn: sqlite3.Connection, judged: Iterable[Verdict], chunk: int = 5000) -> Iterator[tuple[Verdict, tuple]]:
    """The verdicts, each with its row, passed on once it is in the verdicts table: they are
    written a chunk at a time, in order, and none is held after its chunk is passed on. The
    history's row of a verdict is the same row, so it is made once."""
    sql = f'insert into "{VERDICTS.name}" values ({", ".join("?" * len(VERDICTS.columns))})'
    batch: list[tuple[Verdict, tuple]] = []
    for verdict in judged:
        batch.append((verdict, VERDICTS.row(verdict)))
        if len(batch) == chunk:
            conn.executemany(sql, [row for _, row in batch])
            yield from batch
            batch = []
    conn.executemany(sql, [row for _, row in batch])
    yield from batch


# What the columns of the tables written here, without a record, hold (for datasette/metadata.json)
DOCS = {
    "source_files": {"source_id": "Source id", "file": "The curated data file it comes from",
                     "sha256": "sha256 of the bytes", "lines": "Number of lines"},
    "source_lines": {"source_id": "Source id", "line": "Line in the archived text", "text": "Text",
                     "tokens": "Search tokens (each CJK character a token)"},
    "meta": {"key": "Fact", "value": "Value"},
    **recorded_inputs.DOCS,
}


LINES_INDEX = "sqlite_autoindex_source_lines_1"  # SQLite's name for source_lines' primary key (source_id, line)


def _sources(conn: sqlite3.Connection, corpus: Corpus, inputs: dict) -> None:
    conn.execute("create table source_files (source_id TEXT primary key, file TEXT, sha256 TEXT, "
                 "lines INTEGER)")
    conn.execute("create table source_lines (source_id TEXT, line INTEGER, text TEXT, tokens TEXT, "
                 "primary key (source_id, line))")
    for s in corpus.sources.values():
        text = corpus.texts[s.id]
        lines, tokens = text_lines(text), lines_tokens(text)
        conn.execute("insert into source_files values (?, ?, ?, ?)",
                     (s.id, s.file, inputs.get(s.file, {}).get("sha256", ""), len(lines)))
        conn.executemany("insert into source_lines values (?, ?, ?, ?)",
                         [(s.id, n, line, tokens[n - 1]) for n, line in enumerate(lines, 1) if line.strip()])
    conn.execute("create virtual table source_lines_fts using fts5(tokens, content='source_lines', "
                 "tokenize='unicode61')")
    conn.execute("insert into source_lines_fts(rowid, tokens) select rowid, tokens from source_lines")


def write(conn: sqlite3.Connection, corpus: Corpus, judged: Iterable[Verdict], inputs: dict,
          progress=lambda done, total: None) -> None:
    """Every table, view and fact of the database, into an empty connection."""
    write_parts(conn, corpus, [(corpus, judged, None)], inputs, progress)


def write_parts(conn: sqlite3.Connection, registries: Corpus, parts: Iterable[tuple[Corpus, Iterable[Verdict], object]],
                inputs: dict, progress=lambda done, total: None, count: int = 1) -> None:
    """Every table, view and fact of the database, into an empty connection: the registries, then
    each part's observations, targets and verdicts (a part is let go once written; with it, the
    judging Index its verdicts came from, or None), then the rest.
    inputs is read once every part is written (the parts add the files they read to it)."""
    conn.execute(f"pragma application_id = {dbfile.APPLICATION_ID}")
    for table in every_table():
        if table.parent:
            continue
        for statement in table.ddl():
            conn.execute(statement)
    steps = [(JURISDICTIONS, registries.jurisdictions.values()), (SOURCES, registries.sources.values()),
             (PLANS, registries.plans.values()), (INDICATORS, registries.indicators.values())]
    total = len(steps) + 2 * count + 2
    done = 0
    for table, objects in steps:
        insert_records(conn, table, objects)
        done += 1
        progress(done, total)
    for corpus, judged, index in parts:
        for table, objects in ((OBSERVATIONS, corpus.observations.values()), (TARGETS, corpus.targets.values())):
            insert_records(conn, table, objects)
        done += 1
        progress(min(done, total - 2), total)
        verdicts = _written(conn, judged)  # the build day's verdicts, written as the history reads them
        history.write(conn, corpus, verdicts, index)
        for _ in verdicts:  # any the history did not ask for
            pass
        done += 1
        progress(min(done, total - 2), total)
    progress(total - 1, total)
    for statement in index_ddl():
        conn.execute(statement)
    _sources(conn, registries, inputs)
    for name, sql in VIEWS.items():
        conn.execute(f'create view "{name}" as {sql}')
    facts = {"fingerprint": fingerprint(inputs), "xjtrack_version": __version__, "code": code_stamp(),
             "schema_version": SCHEMA_VERSION, "as_of": registries.default_as_of().isoformat()}
    conn.execute("create table meta (key TEXT primary key, value TEXT)")
    conn.executemany("insert into meta values (?, ?)", facts.items())
    recorded_inputs.create(conn, inputs)
    progress(total, total)


def fingerprint(inputs: dict) -> str:
    """What the database was built from: the digests of the bytes every file had when parsed."""
    import hashlib

    digests = sorted((name, info["sha256"]) for name, info in inputs.items())
    return hashlib.sha256(json.dumps([__version__, SCHEMA_VERSION, digests]).encode()).hexdigest()


def build(corpus: Corpus, judged: Iterable[Verdict], db_path: Path, inputs: dict,
          progress=lambda done, total: None) -> None:
    """Write the database to a temporary file, then rename it over db_path."""
    dbfile.require_ours(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise XjtrackError(f"cannot create the folder {db_path.parent}: {exc.strerror}") from None

    def fill(conn: sqlite3.Connection) -> bool:
        conn.execute("begin")
        write(conn, corpus, judged, inputs, progress)
        conn.execute("commit")
        return True

    dbfile.replace_atomically(db_path, fill)


def build_parts(parts, db_path: Path, started_ns: int, progress=lambda done, total: None):
    """Build the database a part at a time (curated.parts): each part is read, checked, judged
    and written, then let go. Raises parts.Whole, leaving db_path as it was, when a part cannot
    be read apart from the others; returns what was built, counted."""
    import gc

    from xjtrack.core.evaluate import Index
    from xjtrack.core.lineage import judge_each
    from xjtrack.curated.parts import Tally

    registries = parts.registries.corpus
    as_of = registries.default_as_of()
    tally = Tally().registries(registries)
    documents = Index(registries).documents_by_place()
    gc.freeze()  # the registries are held throughout: later collections need not scan them

    stamped: dict = {}  # the files read, filled in once every part is read (before write_parts reads it)

    def each():
        for corpus in parts:
            tally.add(corpus, checks=False)
            index = Index(corpus, documents)
            yield corpus, judge_each(corpus, as_of, index=index), index
        stamped.update((name, {**stamp, "built_ns": started_ns})
                       for name, stamp in sorted(parts.registries.inputs.items()))

    def fill(conn: sqlite3.Connection) -> bool:
        conn.execute("begin")
        write_parts(conn, registries, each(), stamped, progress, count=len(parts.groups))
        conn.execute("commit")
        return True

    dbfile.require_ours(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise XjtrackError(f"cannot create the folder {db_path.parent}: {exc.strerror}") from None
    dbfile.replace_atomically(db_path, fill)
    return tally
