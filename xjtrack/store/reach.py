"""How far an update reads: besides the changed files, the entries of other files that may claim
the same figures (a table's cells, a sentence's figures: one figure is one entry's, checked across
files), and of the registries only the rows those files name.

A full build checks every entry's figures against every other's; an update checks those of the
changed files against the entries of the same groups in other files (partners): a group is one
source's (binding.figure_group), so those files hold entries of the same sources. Where that
reaches more than MAX_FILES files, the database is built anew.
"""

from __future__ import annotations

from collections.abc import Mapping

from xjtrack.core.records import Corpus
from xjtrack.store.read import records
from xjtrack.store.schema import INDICATORS, JURISDICTIONS, PLANS, SOURCES, Table


def marks(n: int) -> str:
    return f"({', '.join('?' * n)})"


class Rows(Mapping):
    """A registry table's records, read by id when first asked for (a few, for a few files);
    read whole only where every id is wanted (an unknown id's "did you mean")."""

    def __init__(self, conn, table: Table):
        self.conn, self.table, self.found, self.whole = conn, table, {}, False

    def __getitem__(self, ident):
        if ident not in self.found and not self.whole and isinstance(ident, str):
            self.found.update((r.id, r) for r in records(self.conn, self.table, "id = ?", (ident,)))
        return self.found[ident]

    def __contains__(self, ident) -> bool:
        try:
            self[ident]
        except KeyError:
            return False
        return True

    def _all(self) -> dict:
        if not self.whole:
            self.found.update((r.id, r) for r in records(self.conn, self.table) if r.id not in self.found)
            self.whole = True
        return self.found

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def registry(conn) -> Corpus:
    """The registries the changed files name, read as they are named (the indicators whole: the
    figures' binding reads every indicator's names)."""
    corpus = Corpus()
    corpus.jurisdictions = Rows(conn, JURISDICTIONS)
    corpus.sources = Rows(conn, SOURCES)
    corpus.plans = Rows(conn, PLANS)
    corpus.indicators = {i.id: i for i in records(conn, INDICATORS)}
    return corpus


def partners(conn, claims: dict, files: tuple[str, ...]) -> set[str]:
    """The other files whose entries may claim a figure the files read bind: those holding an
    entry of the same source (any entry, for a table cell) and kind, and of the same indicator
    unless the figure is among others. They are read with the changed files, so that every
    entry that could claim one of these figures is checked against the others, as a full build
    checks them (one_figure_each)."""
    outside = f"file not in {marks(len(files))}"
    found: set[str] = set()
    for source, which, kind in claims:
        tables = ("observations", "targets") if not which else ("observations" if kind == "value" else "targets",)
        indicator = "" if which in ("", "*") else " and indicator = ?"
        for table in tables:
            found |= {r[0] for r in conn.execute(
                f"select distinct file from {table} where source = ?{indicator} and {outside}",
                (source, *([which] if indicator else []), *files))}
    return found


MAX_FILES = 64  # files read for one update; where the figures they bind reach further, a full build checks


def order(name: str) -> tuple[str, ...]:
    """A file's place in the order a full build reads the files in (data_files: by path)."""
    return tuple(name.split("/"))


def chunks(items: list, size: int = 900):
    for at in range(0, len(items), size):
        yield items[at: at + size]
