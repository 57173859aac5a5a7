"""Writing every table and the status view to files, for spreadsheets; the caller gives the
format's suffix and its lines (output/render.py writes CSV and JSON)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from xjtrack.errors import XjtrackError
from xjtrack.files import make_folder, replacing
from xjtrack.store.read import MAX_VALUE_BYTES, READ_SECONDS, connect_readonly, known_names, limit, streamed


def exportable(conn) -> list[str]:
    """The data tables and views xjtrack writes that the file holds, by xjtrack's own list of
    names (a name in the file never becomes a path); not the full-text index."""
    present = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    return sorted(name for name in known_names() if name in present and name != "source_lines_fts")


Lines = Callable[[list[str], Iterable[tuple]], Iterator[str]]  # a table's columns and rows -> its file's lines


def export(db_path: Path, folder: Path, fmt: str, lines: Lines, seconds: float = READ_SECONDS) -> list[Path]:
    """One file per table and view (NAME.fmt), each written atomically; rows are streamed, not held.

    seconds bounds each read: the list of tables, a table's first rows, each next batch of rows;
    not the whole export, whose time grows with the corpus (a minute and more for 10^6 targets)."""
    make_folder(folder)
    written = []
    conn = connect_readonly(db_path, seconds)
    name = "its list of tables"
    try:
        for name in exportable(conn):
            cursor = conn.cursor()
            cursor.row_factory = None  # plain tuples: a file of a million rows makes no Row objects
            limit(conn, seconds)
            cursor.execute(f'select * from "{name}"')
            columns = [d[0] for d in cursor.description]
            path = folder / f"{name}.{fmt}"
            with replacing(path) as temp, temp.open("w", encoding="utf-8", newline="") as out:
                for line in lines(columns, streamed(conn, cursor, seconds)):
                    out.write(line + "\n")
            written.append(path)
    except sqlite3.DatabaseError as exc:
        if "interrupted" in str(exc):
            raise XjtrackError(f"export stopped at {name}: a read took over {seconds:g} s, its time limit; raise it with "
                               "--timeout SECONDS") from None
        if "too big" in str(exc):
            raise XjtrackError(f"export stopped at {name}: it holds a value over {MAX_VALUE_BYTES // 2**20} MiB, "
                               "more than xjtrack reads from the database") from None
        raise
    finally:
        conn.close()
    return written
