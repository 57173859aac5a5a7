"""Writing the database: every table from the corpus, in one transaction, to a temporary file
that is renamed over the old one only when it is complete."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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
    VERDICT_HISTORY,
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
_SPACES = re.compile(" {2,}")


def lines_tokens(text: str) -> list[str]:
    """cjk_tokens of each line of text (broken at \\n), the whole text at once: one call a run of
    CJK characters rather than a Python step a character. Each line's whitespace is closed up
    first, while its words are few; then each run is spaced with replace("", " "), which puts a
    space before, between and after its characters (as " " + " ".join(run) + " " would, without
    making a string of each character), and the spaces doubled at a run's ends are closed up."""
    words = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    spaced = _SPACES.sub(" ", CJK_RUN.sub(lambda run: run.group().replace("", " "), words))
    return [line.strip(" ") for line in spaced.split("\n")]


def text_lines(text: str) -> list[str]:
    """An archived text's lines as quotes count them: broken at \\n only (U+2028, U+0085 or a form
    feed inside a line do not start a new one), a CRLF's CR dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def insert_records(conn: sqlite3.Connection, table, objects, chunk: int = 5000) -> None:
    """Insert the records' rows, a chunk at a time, so that rows are never all held at once."""
    insert_rows(conn, record_rows(table, objects, chunk))


def record_rows(table, objects, chunk: int = 5000) -> Iterator[tuple[str, list[tuple]]]:
    """The records' rows and their child tables', as (table name, rows), a chunk of records at a time."""
    batch: dict[str, list[tuple]] = {t.name: [] for t in (table, *table.children.values())}
    for n, obj in enumerate(objects, 1):
        table.add_rows(obj, batch)
        if n % chunk == 0:
            yield from _taken(batch)
    yield from _taken(batch)


def _taken(batch: dict[str, list[tuple]]) -> Iterator[tuple[str, list[tuple]]]:
    for name, rows in batch.items():
        if rows:
            batch[name] = []
            yield name, rows


INSERT = {t.name: f'insert into "{t.name}" values ({", ".join("?" * len(t.columns))})' for t in every_table()}


def insert_rows(conn: sqlite3.Connection, made: Iterable[tuple[str, list[tuple]]]) -> None:
    """Insert rows given as (table name, rows), in the order given."""
    for name, rows in made:
        conn.executemany(INSERT[name], rows)


def part_rows(corpus: Corpus, judged: Iterable[Verdict], index=None, chunk: int = 5000) -> Iterator[tuple[str, list[tuple]]]:
    """Every row a corpus (or a part of one) adds to the database, as (table name, rows) a chunk
    at a time, in the order they are written: its observations and targets with their child
    tables, then its verdicts as of the build's day (judged, in the corpus's order) beside their
    history (store.history.holdings). index: the judging Index the verdicts came from, or None.
    A build in one process writes them as they come; a worker process (store.parallel) makes the
    same rows, in the same order, for the main process to write."""
    for table, objects in ((OBSERVATIONS, corpus.observations.values()), (TARGETS, corpus.targets.values())):
        yield from record_rows(table, objects, chunk)
    verdicts: list[tuple] = []

    def rowed() -> Iterator[tuple[Verdict, tuple]]:  # a verdict's history row is its own row: made once
        for verdict in judged:
            row = VERDICTS.row(verdict)
            verdicts.append(row)
            yield verdict, row

    each, held = rowed(), []
    for row in history.holdings(corpus, each, index):
        held.append(row)
        if len(held) == chunk:
            if verdicts:
                yield VERDICTS.name, verdicts[:]
                verdicts.clear()
            yield VERDICT_HISTORY.name, held
            held = []
    for _ in each:  # any verdict the history did not ask for
        pass
    if verdicts:
        yield VERDICTS.name, verdicts[:]
    if held:
        yield VERDICT_HISTORY.name, held


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


# Lines indexed for search at a step: in one step, every line of 10^6 targets' documents took
# 66 s, through which the workers, a few parts ahead, waited. At 20,000 a step it costs what one
# pass does (smaller steps cost more: the index merges its segments at each statement's end).
FTS_CHUNK = 20_000
# The index merges its segments once this many stand at a level (FTS5's own default is 4): at 16,
# filling it costs a quarter less, and a search over the 10^5-target corpus's index takes as long.
FTS_AUTOMERGE = 16


def _sources(conn: sqlite3.Connection, corpus: Corpus, inputs: dict) -> Iterator[None]:
    """The archived texts' tables, a source at a step, then their full-text index, FTS_CHUNK lines
    at a step (write_parts steps it while it waits for a part, and finishes it after the parts)."""
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
        yield
    conn.execute("create virtual table source_lines_fts using fts5(tokens, content='source_lines', "
                 "tokenize='unicode61')")
    conn.execute("insert into source_lines_fts(source_lines_fts, rank) values ('automerge', ?)", (FTS_AUTOMERGE,))
    last = conn.execute("select max(rowid) from source_lines").fetchone()[0] or 0
    for start in range(0, last, FTS_CHUNK):
        conn.execute("insert into source_lines_fts(rowid, tokens) select rowid, tokens from source_lines "
                     "where rowid > ? and rowid <= ?", (start, start + FTS_CHUNK))
        yield


def write(conn: sqlite3.Connection, corpus: Corpus, judged: Iterable[Verdict], inputs: dict,
          progress=lambda done, total: None) -> None:
    """Every table, view and fact of the database, into an empty connection."""
    write_parts(conn, corpus, lambda meanwhile: [part_rows(corpus, judged)], inputs, progress)


Rows = Iterable[tuple[str, list[tuple]]]  # a part's rows, as part_rows gives them


def write_parts(conn: sqlite3.Connection, registries: Corpus, parts: Callable[[Iterator[None]], Iterable[Rows]],
                inputs: dict, progress=lambda done, total: None, count: int = 1) -> None:
    """Every table, view and fact of the database, into an empty connection: the registries, then
    each part's rows (a part is let go once written), then the rest. parts(meanwhile) gives the
    parts' rows in order; meanwhile is work this process may do while it waits for a part (next()
    takes a step of it: the archived texts, a source at a step), and what is left of it is done
    once the parts are written. inputs must hold the registry files when parts is called (the
    sources' digests are read from it), and every file read once the parts are written."""
    conn.execute(f"pragma application_id = {dbfile.APPLICATION_ID}")
    for table in every_table():
        if table.parent:
            continue
        for statement in table.ddl():
            conn.execute(statement)
    steps = [(JURISDICTIONS, registries.jurisdictions.values()), (SOURCES, registries.sources.values()),
             (PLANS, registries.plans.values()), (INDICATORS, registries.indicators.values())]
    total = len(steps) + count + 2
    done = 0
    for table, objects in steps:
        insert_records(conn, table, objects)
        done += 1
        progress(done, total)
    meanwhile = _sources(conn, registries, inputs)
    for made in parts(meanwhile):
        insert_rows(conn, made)
        done += 1
        progress(min(done, total - 2), total)
    progress(total - 1, total)
    for statement in index_ddl():
        conn.execute(statement)
    for _ in meanwhile:
        pass
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


# SQLite steps between looks at the workers while this process runs a statement (parallel.Pool.poll)
POLL_EVERY = 20_000
GC_EVERY = 20_000  # allocations between collections of the youngest objects while building (Python's own: 700)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect less often while a corpus is built a part at a time (the workers, forked inside,
    do the same): judging a part makes many short-lived objects and few cycles, and each
    collection walks every young object. About 3.5% less CPU at 10^4 targets in one process
    (the median of six paired runs)."""
    import gc

    threshold = gc.get_threshold()
    gc.set_threshold(GC_EVERY, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def build_parts(parts, db_path: Path, started_ns: int, progress=lambda done, total: None, jobs: int = 1):
    """Build the database a part at a time (curated.parts): each part is read, checked, judged
    and written, then let go; in worker processes when jobs asks for them (store.parallel.workers),
    the main process writing the rows in the parts' order. Raises parts.Whole, leaving db_path as
    it was, when a part cannot be read apart from the others; returns what was built, counted."""
    import gc
    from contextlib import nullcontext

    from xjtrack.core.evaluate import Index
    from xjtrack.core.lineage import judge_each
    from xjtrack.curated.parts import Tally
    from xjtrack.store import parallel

    registries = parts.registries.corpus
    as_of = registries.default_as_of()
    tally = Tally().registries(registries)
    documents = Index(registries).documents_by_place()
    gc.freeze()  # the registries are held throughout: later collections need not scan them (nor copy them, in a worker)
    count = parallel.workers(len(parts.groups), jobs)

    def stamps() -> dict:
        return {name: {**stamp, "built_ns": started_ns} for name, stamp in parts.registries.inputs.items()}

    stamped = stamps()  # the registry files now; every file read once every part is read

    def rows(corpus: Corpus) -> Rows:  # a part's rows, judged (in this process or a worker)
        index = Index(corpus, documents)
        return part_rows(corpus, judge_each(corpus, as_of, index=index), index)

    def each(pool, meanwhile):
        if pool is None:
            for corpus in parts:
                tally.add(corpus, checks=False)
                yield rows(corpus)
        else:
            for made, inputs, counted in pool.made(meanwhile):
                parts.registries.inputs.update(inputs)
                tally.join(counted)
                yield made
        stamped.update(stamps())

    dbfile.require_ours(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise XjtrackError(f"cannot create the folder {db_path.parent}: {exc.strerror}") from None
    with _fewer_collections(), parallel.Pool(parts, rows, count) if count else nullcontext() as pool:

        def fill(conn: sqlite3.Connection) -> bool:
            if pool is not None:
                conn.set_progress_handler(pool.poll, POLL_EVERY)
            conn.execute("begin")
            write_parts(conn, registries, lambda meanwhile: each(pool, meanwhile), stamped, progress,
                        count=len(parts.groups))
            if pool is not None:
                conn.set_progress_handler(None, 0)
                pool.raise_failed()
            conn.execute("commit")
            return True

        dbfile.replace_atomically(db_path, fill)
    return tally
