"""The files a database was built from, one row each: the digest of the bytes parsed and the
stat they had, so that every command can tell whether the database is still in step with them.

The rows are a table, not one value: a lookup reads them in one query without decoding a
document the size of the corpus, and an update or a restamp rewrites the rows of the files it
read, in place, without touching the others.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

TABLE = "inputs"
COLUMNS = ("name", "sha256", "size", "mtime_ns", "ctime_ns", "inode", "role", "built_ns")
DOCS = {TABLE: {
    "name": "The file, relative to the repository",
    "sha256": "sha256 of the bytes the build parsed",
    "size": "Its size in bytes, as the build read it",
    "mtime_ns": "Its modification time (ns), as the build read it",
    "ctime_ns": "Its change time (ns), as the build read it",
    "inode": "Its inode, as the build read it",
    "role": "What it holds: data, registry, or source (an archived text)",
    "built_ns": "When the build that read it began (ns)",
}}


def create(conn: sqlite3.Connection, inputs: dict[str, dict]) -> None:
    """The table of inputs, filled (for a new database)."""
    conn.execute(f"create table {TABLE} (name TEXT primary key, sha256 TEXT, size INTEGER, mtime_ns INTEGER, "
                 "ctime_ns INTEGER, inode INTEGER, role TEXT, built_ns INTEGER)")
    record(conn, inputs)


def record(conn: sqlite3.Connection, stamps: dict[str, dict], gone=()) -> None:
    """Write these files' stamps over what was recorded of them, and forget the files gone."""
    conn.executemany(f"insert or replace into {TABLE} values ({', '.join('?' * len(COLUMNS))})",
                     [(name, *(stamp.get(c) for c in COLUMNS[1:])) for name, stamp in sorted(stamps.items())])
    conn.executemany(f"delete from {TABLE} where name = ?", [(name,) for name in sorted(gone)])


def fingerprint(version: str, schema: str, conn: sqlite3.Connection) -> str:
    """What the database was built from: the digests of the bytes every recorded file had."""
    digests = conn.execute(f"select name, sha256 from {TABLE} order by name").fetchall()  # rows are JSON arrays
    return hashlib.sha256(json.dumps([version, schema, digests]).encode()).hexdigest()


# Whether a later edit could have left a file's time as it was when the build read it: it was
# modified within one tick of the file system's clock before the build began (whole seconds on
# some file systems, 100 ms here for the others), or, where the clock counts whole seconds, its
# change time is in the build's tick too. Such a file is hashed, whatever its stat. Worked out
# from the recorded values alone, in the query (a missing value counts as too close).
_RACY = ("coalesce((built_ns - mtime_ns <= case when mtime_ns % 1000000000 = 0 then 2000000000 else 100000000 end) "
         "or (ctime_ns % 1000000000 = 0 and built_ns - ctime_ns <= 2000000000), 1)")
TRUSTED = slice(1, 5)  # in a row as read: inode, size, mtime_ns, ctime_ns, as os.stat gives them
RACY = 5  # in a row as read: whether the stat alone cannot vouch for the file


class Recorded:
    """The recorded files of a database (a hostile file may hold any value in any column: each
    is checked where it is used). Each row as read holds what every command compares: the name,
    the stat (TRUSTED) and whether it may be trusted (RACY); the digests and roles, which only a
    changed or touched file needs, are read when first asked for, for those files only."""

    def __init__(self, rows: list[tuple], fetch):
        self.rows = {row[0]: row for row in rows}
        self._fetch, self._stamps = fetch, {}

    def __contains__(self, name) -> bool:
        return name in self.rows

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def prefetch(self, names) -> None:
        """Read the stamps of these files at once (those not read yet)."""
        wanted = sorted(n for n in set(names) if n in self.rows and n not in self._stamps)
        for at in range(0, len(wanted), 900):
            chunk = wanted[at: at + 900]
            found = {row[0]: dict(zip(COLUMNS[1:], row[1:], strict=True)) for row in self._fetch(chunk)}
            self._stamps.update((name, found.get(name, {})) for name in chunk)

    def stamp(self, name: str) -> dict:
        """The file's stamp as a dict ({} when it is not recorded)."""
        if name not in self.rows:
            return {}
        if name not in self._stamps:
            self.prefetch([name])
        return self._stamps[name]

    def get(self, name: str, default=None):
        return self.stamp(name) if name in self.rows else default


def _plain(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[tuple] | None:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples
    try:
        return cursor.execute(sql, params).fetchall()
    except sqlite3.DatabaseError:
        return None


def read(conn: sqlite3.Connection, fetch) -> Recorded | None:
    """The recorded files, or None when the database holds no table of them (an older build);
    fetch(names) reads every column of those files' rows (a connection is not kept open for it)."""
    rows = _plain(conn, f"select name, inode, size, mtime_ns, ctime_ns, {_RACY} from {TABLE}")
    return None if rows is None else Recorded(rows, fetch)


def every_column(conn: sqlite3.Connection, names: list[str]) -> list[tuple]:
    """Every column of the rows of these files."""
    return _plain(conn, f"select {', '.join(COLUMNS)} from {TABLE} where name in ({', '.join('?' * len(names))})",
                  tuple(names)) or []
