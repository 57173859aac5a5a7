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


class TextChanged(Exception):
    """An archived text changed since the build: the update stops, and the database is built anew."""


def claims_along(conn, root, reader, checker) -> bool:
    """Add to the checker's figure claims those of the entries of the files read along that may
    share a group with them: a group is one source's (binding.figure_group), so these are the
    entries of the sources of its groups (observations, and targets too where a group is a
    table's cells). They are checked for their claims only, and each group put in the order a
    full build makes it (observations before targets, files by path, entries as written), so
    that one_figure_each finds what a full build finds. Their records are not kept: unchanged
    files hold their stored rows. False where that cannot be done (a build in full checks)."""
    from xjtrack.curated.checks import Checker
    from xjtrack.curated.figures import observations, targets
    from xjtrack.curated.loader import Reader

    cells = {source for source, which, _ in checker.claims if which == ""}
    values = {source for source, which, _ in checker.claims if which != ""}
    plans: dict[str, str | None] = {}

    def target_source(m) -> str | None:
        if m.source:
            return m.source
        if m.plan not in plans:
            found = conn.execute("select source from plans where id = ?", (m.plan,)).fetchone()
            plans[m.plan] = found[0] if found else None
        return plans[m.plan]

    part = Reader(inputs=dict(reader.inputs))
    part.items["observations"] = [i for i in reader.items["observations"] if i.model.source in cells | values]
    part.items["targets"] = [i for i in reader.items["targets"] if target_source(i.model) in cells]
    other = Checker(part, root)
    other.corpus = Corpus(jurisdictions=checker.corpus.jurisdictions, sources=checker.corpus.sources,
                          plans=checker.corpus.plans, indicators=checker.corpus.indicators)
    other.texts, other._names = checker.texts, checker._names
    try:
        observations(other)
        targets(other)
    except TextChanged:
        return False
    if reader.problems or part.problems:
        return False  # an unchanged file no longer checks as it did: a full build says why
    for group, claims in other.claims.items():
        checker.claims.setdefault(group, []).extend(claims)
    for claims in checker.claims.values():
        claims.sort(key=lambda claim: (claim[0].path[0] != "observations", order(claim[0].doc.file),
                                       claim[0].path[1:]))
    return True


def chunks(items: list, size: int = 900):
    for at in range(0, len(items), size):
        yield items[at: at + size]
