"""`xjtrack query`: one read-only statement, under a time limit, its rows streamed.

The connection is opened read-only and an authorizer refuses writes, ATTACH, PRAGMA and every
function that can reach files or memory (load_extension, readfile, fts3_tokenizer …). A query
that runs past its time limit is interrupted with a message saying how to raise it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from xjtrack.errors import UsageError, XjtrackError
from xjtrack.store.read import connect_readonly

REFUSED_FUNCTIONS = {"load_extension", "readfile", "writefile", "fts3_tokenizer", "edit", "zipfile",
                     "sqlar_compress", "sqlar_uncompress", "fts5", "sqlite_dbpage"}
ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}
# pragmas that only describe the schema, whatever their argument (pragma_table_info('targets'))
DESCRIBING = {"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
              "foreign_key_list"}
DEFAULT_SECONDS = 10.0


def _read_only(action, arg1, arg2, db_name, trigger):
    if action in ALLOWED:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in DESCRIBING:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and db_name == "main" and trigger is None:
        return sqlite3.SQLITE_OK  # SQLite's own schema read for a describing pragma; the file is read-only
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if (arg2 or "").lower() in REFUSED_FUNCTIONS else sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


class Result:
    def __init__(self, columns: list[str], rows: Iterator[tuple]):
        self.columns, self.rows = columns, rows


@contextmanager
def run_query(db_path: Path, sql: str, seconds: float = DEFAULT_SECONDS) -> Iterator[Result]:
    """The statement's columns and its rows, read as they are written out."""
    if not sql.strip():
        raise UsageError("give one SQL statement, e.g. xjtrack query \"select * from target_status\"")
    conn = connect_readonly(db_path)
    deadline = time.monotonic() + seconds
    conn.set_authorizer(_read_only)
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
    rows = None
    try:
        try:
            cursor = conn.execute(sql)
        except sqlite3.ProgrammingError as exc:  # more than one statement
            raise XjtrackError(f"query refused: {exc}") from None
        columns = [d[0] for d in cursor.description or ()]
        rows = _rows(cursor, seconds)
        yield Result(columns, rows)
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise XjtrackError(f"query stopped after {seconds:g} s, its time limit; raise it with "
                               "--timeout SECONDS") from None
        _refused(exc)
    except sqlite3.DatabaseError as exc:
        _refused(exc)
    finally:
        if rows is not None:
            rows.close()  # a reader that stopped early (a capped table) leaves the cursor open
        conn.close()


def _rows(cursor, seconds: float) -> Iterator[tuple]:
    try:
        yield from cursor
    except (sqlite3.OperationalError, sqlite3.DataError) as exc:
        if "interrupted" in str(exc):
            raise XjtrackError(f"query stopped after {seconds:g} s, its time limit; raise it with "
                               "--timeout SECONDS") from None
        _refused(exc)


def _refused(exc: Exception):
    if "too big" in str(exc):
        from xjtrack.store.read import MAX_VALUE_BYTES

        raise XjtrackError(f"query stopped: a value is over {MAX_VALUE_BYTES // 2**20} MiB, more than xjtrack "
                           "reads from the database; select a part of it, e.g. substr(column, 1, 1000)") from None
    if "not authorized" in str(exc) or "prohibited" in str(exc):
        raise XjtrackError("query refused: xjtrack query only reads (no writes, ATTACH, PRAGMA, "
                           "extensions or file functions); open the file with sqlite3 to change it") from None
    raise XjtrackError(f"query failed: {exc}") from None
