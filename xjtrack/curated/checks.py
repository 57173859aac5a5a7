"""The checks every curated section shares: located problems, ids, references, quotes, figures."""

from __future__ import annotations

import re
from pathlib import Path

from xjtrack.core.quantity import Quantity, QuantityError, parse_quantity
from xjtrack.core.records import Corpus, Quote, Source
from xjtrack.curated.archive import Archive
from xjtrack.curated.binding import Names, Wanted, bind, figure_group, one_each
from xjtrack.curated.loader import Item, Reader
from xjtrack.curated.quotes import Found, figure_missing
from xjtrack.errors import did_you_mean


class Checker:
    """Builds a Corpus from validated entries, reporting every problem against its place."""

    def __init__(self, reader: Reader, root: Path):
        self.reader = reader
        self.root = root
        self.corpus = Corpus()
        self.texts = Archive(root)  # source id -> its text, a few held at a time
        self.corpus.texts = self.texts.texts
        self.positions: dict[str, int] = {}
        self.taken: dict = {}  # kind -> the ids of records in files not read this time (their file by id)
        self._names: Names | None = None
        # (source, indicator or "*" or "" for cells, value or target) -> (item, sub, value, its places)
        self.claims: dict[tuple[str, str, str], list] = {}

    def next_position(self, file: str) -> int:
        """The next record's place in its file: positions count within a file, so that a change
        to one file moves no record of another (the incremental build relies on it)."""
        self.positions[file] = self.positions.get(file, 0) + 1
        return self.positions[file]

    def problem(self, item: Item, sub: tuple, code: str, message: str, key: bool = False) -> None:
        self.reader.problem(item.doc, (*item.path, *sub), code, message, key=key)

    def parse(self, item: Item, sub: tuple, parser, text: str):
        try:
            return parser(text)
        except (QuantityError, ValueError) as exc:
            code = "bad-quantity" if parser is parse_quantity else "bad-value"
            self.problem(item, sub, code, str(exc))
            return None

    def unique(self, seen: dict[str, Item], item: Item, kind: str) -> bool:
        ident = item.model.id
        if ident in seen or ident in self.taken.get(kind, {}):
            self.problem(item, ("id",), "duplicate-id",
                         f"{kind} id {ident!r} is already used at {self.where(seen, kind, ident)}; "
                         "ids must be unique across all files")
            return False
        seen[ident] = item
        return True

    def where(self, seen: dict, kind: str, ident: str) -> str:
        """file:line of the first record with the id, or the file of one not read this time."""
        if ident in seen:
            first = seen[ident]
            return f"{first.doc.file}:{first.doc.place(first.path)[0]}"
        return self.taken[kind][ident]

    def quote(self, item: Item, sub: tuple, source: str, text: str) -> tuple[Quote, Found | None]:
        """The quote, located in its source, and where it stands there (None when it is not)."""
        found = self.texts.get(source)
        if found is None:
            return Quote(source=source, text=text), None
        where = found.locate(text)
        if where is None:
            self.problem(item, sub, "quote-not-found",
                         f"quote not found in {source} (whitespace ignored): {found.near_miss(text)}")
            return Quote(source=source, text=text), None
        return Quote(source=source, text=text, line=where.line), where

    def source_ref(self, item: Item, sub: tuple, source: str | None) -> Source | None:
        return self.ref(item, sub, "source", source or "", self.corpus.sources, "targets.yaml")

    def quotes(self, item: Item, source: str, value) -> tuple[tuple[Quote, ...], list[Found | None]]:
        """One quote or a list of them, each located, with where each stands in the source."""
        texts = [value] if isinstance(value, str) else list(value)
        located = [self.quote(item, ("quote",) if isinstance(value, str) else ("quote", i), source, text)
                   for i, text in enumerate(texts)]
        return tuple(q for q, _ in located), [span for _, span in located]

    def figure(self, item: Item, sub: tuple, quantity: Quantity | None, found: list[Found | None],
               as_written: str = "", want: Wanted | None = None, source: str = "") -> None:
        """The number of a value or target must stand in its quote, as a whole number, and be
        the figure the quote gives for it (binding.py): not a year, an ordinal, another unit's
        number, another indicator's or another year's."""
        found = [f for f in found if f is not None]
        if not found:
            return  # the quote itself was not found: that problem is already reported
        spans = [f.span for f in found]
        missing = figure_missing(quantity, spans, as_written)
        if missing:
            self.problem(item, sub, "figure-not-in-quote", missing)
            return
        if want is None or quantity is None or quantity.value is None:
            return
        if self._names is None:  # the registry is read before any figure is checked
            self._names = Names.of(self.corpus.indicators.values())
        why, places, scope = bind(want, tuple(spans), self._names)
        if why is not None:
            self.problem(item, sub, why.code, why.message)
            return
        # one figure is one entry's (one_figure_each): a table cell is no other entry's of the
        # source, a figure among others of its clause no other observation's of the source, a
        # clause's one figure no other observation's of the indicator
        group = figure_group(scope, source, want.indicator, sub[0])
        if group is not None:
            place = frozenset(found[i].start + at for i, at in places)
            where = Item(item.doc, item.path, None)  # its place only: the entry itself is let go
            self.claims.setdefault(group, []).append((where, sub, quantity.text, place))

    def one_figure_each(self) -> None:
        """A figure of a source is one entry's: the entries bound to a source's figures must each
        have one of their own. Two entries cannot both be the cell 9324.8 of a table row, nor two
        entries of one indicator the same figure of a sentence (从2015年的X增加到2020年的Y)."""
        for (source, indicator, _), claims in self.claims.items():
            given = one_each([place for *_, place in claims])
            for (item, sub, value, place), cell in zip(claims, given, strict=True):
                if cell is not None:
                    continue
                text = self.texts[source]  # read only to say where the figure stands
                cell = min(place, key=lambda at: (at not in given, at))  # one another entry holds, if any
                other = claims[given.index(cell)][0] if cell in given else item
                what = "cell" if not indicator else "figure"
                written = re.match(r"[0-9０-９.．]+|\S{1,8}", text.text[cell:])
                self.problem(item, sub, "figure-cell-taken" if what == "cell" else "figure-taken",
                             f"{value!r} is the {what} {written.group() if written else ''!r} of {source} line "
                             f"{text.line_of(cell)}, which is already the figure of {other.doc.file}:"
                             f"{other.doc.place(other.path)[0]}" + (
                                 ": a table cell is one figure; give this entry the cell of its own column"
                                 if not indicator else ": a figure is one entry's; give this entry the "
                                 "figure the quote gives for it"))

    def flags_explained(self, item: Item, sub: tuple, model) -> None:
        if model.flags and not model.notes:
            self.problem(item, (*sub, "flags"), "flag-without-note",
                         "every flag must be explained: add notes: saying what the problem is")

    def ref(self, item: Item, sub: tuple, kind: str, value: str, known: dict, where: str):
        """The record value names, or None after a located unknown-<kind> problem."""
        if value in known:
            return known[value]
        ident = getattr(item.model, "id", None)
        if isinstance(ident, str):  # this entry is left out too: what names it is not told again
            self.reader.broken.add((item.path[0], ident))
        if (f"{kind}s", value) in self.reader.broken:
            return None  # the entry is there, with a problem of its own: one message, not one per use
        self.problem(item, sub, f"unknown-{kind}", f"unknown {kind} {value!r}"
                     f"{did_you_mean(value, known)}; {kind}s are listed in {where}")
        return None
