"""Lines a command gathers over the whole corpus before it can write them (the report's topic
pages and main page), kept in a private temporary SQLite file rather than in memory: memory stays
flat however many rows stream past (the lines wait in memory until a few thousand are inserted
at once), and SQLite sorts what must come out in another order.

Each line belongs to a section, has a group (a key the section may be ordered by) and comes with
its sequence number (the order it was added in); `head` is what a group's first line may show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator


class Spool:
    """Lines by section; `lines` gives them back in the order they came, or grouped (groups in
    the order of the ranks given, lines within a group in the order they came)."""

    def __init__(self) -> None:
        # "" is SQLite's private temporary file: removed when closed, its pages cached up to a bound
        self._conn = sqlite3.connect("", isolation_level=None)
        self._conn.execute("pragma journal_mode = off")
        self._conn.execute("pragma synchronous = off")
        self._conn.execute("create table lines (section text, grp text, seq integer primary key, head text, line text)")
        self._counts: dict[str, int] = {}
        self._waiting: list[tuple] = []  # lines added since the last insert: inserted BATCH at a time

    BATCH = 5000

    def add(self, section: str, lines: Iterable[str | tuple[str, str, str]]) -> None:
        """Append lines to a section: each a string, or (group, head, line)."""
        before = len(self._waiting)
        self._waiting += [(section, "", "", x) if isinstance(x, str) else (section, *x) for x in lines]
        if len(self._waiting) > before:
            self._counts[section] = self._counts.get(section, 0) + len(self._waiting) - before
        if len(self._waiting) >= self.BATCH:
            self._insert()

    def _insert(self) -> None:
        if self._waiting:
            self._conn.executemany("insert into lines (section, grp, head, line) values (?, ?, ?, ?)", self._waiting)
            self._waiting = []

    def count(self, section: str) -> int:
        return self._counts.get(section, 0)

    def lines(self, section: str) -> Iterator[str]:
        """A section's lines in the order they were added."""
        self._insert()
        cursor = self._conn.execute("select line from lines where section = ? order by seq", (section,))
        while batch := cursor.fetchmany(1000):
            yield from (r[0] for r in batch)

    def grouped(self, section: str, ranks: dict[str, int]) -> Iterator[tuple[str, str, str, bool]]:
        """A section's lines of the groups ranked (others left out), the groups by rank, each
        group's lines in the order they came: (group, head, line, first of its group)."""
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
        self._conn.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
