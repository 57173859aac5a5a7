"""Lines a command gathers over the whole corpus before it can write them (the report's topic
pages and main page), kept in private temporary files rather than in memory: memory stays flat
however many rows stream past.

A section whose lines come back in the order they came is appended to a temporary file of its
own, a batch (one `add`) at a time. A grouped section, whose lines come back in another order, goes
to a private temporary SQLite file, which sorts them: each line there has a group (a key the
section is ordered by), its sequence number (the order it was added in), and a head (what a
group's first line may show); its lines wait in memory until a few thousand are inserted at once.
"""

from __future__ import annotations

import marshal
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO


class Spool:
    """Lines by section; `lines` gives a section's lines back in the order they came, `grouped`
    a grouped section's by group (groups in the order of the ranks given, lines within a group in
    the order they came)."""

    BATCH = 5000  # a grouped section's lines inserted at once

    def __init__(self) -> None:
        self._files: dict[str, IO[bytes]] = {}
        self._conn: sqlite3.Connection | None = None
        self._counts: dict[str, int] = {}
        self._waiting: list[tuple] = []  # grouped lines added since the last insert

    def add(self, section: str, lines: Iterable[str]) -> None:
        """Append lines to a section, to come back in the order they came."""
        lines = list(lines)
        if not lines:
            return
        file = self._files.get(section)
        if file is None:
            file = self._files[section] = tempfile.TemporaryFile()  # removed when closed
        file.seek(0, 2)
        marshal.dump(lines, file)  # the strings as they are (a line may hold anything)
        self._counts[section] = self._counts.get(section, 0) + len(lines)

    def add_grouped(self, section: str, lines: Iterable[tuple[str, str, str]]) -> None:
        """Append lines to a grouped section: each (group, head, line)."""
        before = len(self._waiting)
        self._waiting += [(section, *x) for x in lines]
        if len(self._waiting) > before:
            self._counts[section] = self._counts.get(section, 0) + len(self._waiting) - before
        if len(self._waiting) >= self.BATCH:
            self._insert()

    def _insert(self) -> None:
        if self._conn is None:
            # "" is SQLite's private temporary file: removed when closed, its pages cached up to a bound
            self._conn = sqlite3.connect("", isolation_level=None)
            self._conn.execute("pragma journal_mode = off")
            self._conn.execute("pragma synchronous = off")
            self._conn.execute("create table lines (section text, grp text, seq integer primary key, head text, "
                               "line text)")
        if self._waiting:
            self._conn.executemany("insert into lines (section, grp, head, line) values (?, ?, ?, ?)", self._waiting)
            self._waiting = []

    def count(self, section: str) -> int:
        return self._counts.get(section, 0)

    def lines(self, section: str) -> Iterator[str]:
        """A section's lines in the order they were added (those added later, while these are
        read, are not among them)."""
        file = self._files.get(section)
        if file is None:
            return
        at, end = 0, file.seek(0, 2)
        while at < end:
            file.seek(at)
            batch = marshal.load(file)
            at = file.tell()
            yield from batch

    def grouped(self, section: str, ranks: dict[str, int]) -> Iterator[tuple[str, str, str, bool]]:
        """A grouped section's lines of the groups ranked (others left out), the groups by rank,
        each group's lines in the order they came: (group, head, line, first of its group)."""
        self._insert()
        self._conn.execute("create temp table if not exists ranks (grp text primary key, rank integer)")
        self._conn.execute("delete from ranks")
        self._conn.executemany("insert into ranks values (?, ?)", ranks.items())
        cursor = self._conn.execute(
            "select l.grp, l.head, l.line from lines l join ranks r on r.grp = l.grp "
            "where l.section = ? order by r.rank, l.seq", (section,))
        last = None
        while batch := cursor.fetchmany(1000):
            for grp, head, line in batch:
                yield grp, head, line, grp != last
                last = grp

    def close(self) -> None:
        for file in self._files.values():
            file.close()
        if self._conn is not None:
            self._conn.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
