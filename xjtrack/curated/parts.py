"""A large corpus read in independent parts, so that the memory a build or a check needs grows
with its largest part rather than with the whole corpus.

Judging a target reads the figures of its own place only (its indicator's series and its
stand-ins'), the registries (the documents' dates, up the levels) and nothing else; the checks of
an entry read the registries, the entries of its file, the targets its claims and statements name,
and the other entries quoting the same document (one figure, one entry). A data file's entries
therefore depend only on the files that share a place with it, where a document's place, a plan's
place and a named target's plan's place count as its own, and a place is joined with the place
above it (a figure is compared with its parent's when it is checked for plausibility).

The parts are found in two passes:
1. The registry files (those holding jurisdictions, sources, plans, indicators or plan claims) are
   read and checked in full. Every other data file is scanned for the values of its `source:`,
   `jurisdiction:`, `plan:`, `target:` and `form_of:` keys (a line scan, no YAML parse), and the
   files are joined, through the places those values lead to, into parts (union-find).
2. Each part's files are then read, checked, judged and written with the same code as a whole
   corpus, given the registries, and let go before the next part is read.

The scan is a hint that is verified: every record a part makes must stand at a place of that part
(its own place, its documents', its plan's). Where any part breaks that, where a registry file
also holds targets or observations, where the registries have a problem, or where the corpus is
one part, the corpus is read whole instead, exactly as before, so the problems and the database
are always those of a whole read: partitioning changes how much is held at once, never what is
found. A problem in a part's files is told as it is found when the parts are read to be checked
(Parts.told): the part is checked through, as a whole read checks every file, its problems kept
and the part let go; only when the problems kept reach the whole read's limit (MAX_PROBLEMS) is
the corpus read whole, to stop where a whole read stops. Elsewhere a problem reads it whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from xjtrack.core.records import Corpus
from xjtrack.curated import figures, lineage, registry, rules, sections, words
from xjtrack.curated.assemble import REGISTRY_SECTIONS, in_order, mark_registries
from xjtrack.curated.checks import Checker
from xjtrack.curated.files import FileRefused, display_name, read
from xjtrack.curated.loader import MAX_PROBLEMS, _TooMany, read_files
from xjtrack.errors import Problem

SECTION = re.compile(r"\n([A-Za-z_]\w*)[ \t]*:")  # a top-level key
# a line's key and value (a line start is looked for as "\n", which the regex engine finds fast)
NAMED = re.compile(r"\n[ \t-]*(source|jurisdiction|plan|target|form_of)[ \t]*:[ \t]*[\"']?([^\"'\s#,\]}]+)")


class Whole(Exception):
    """The corpus cannot be read in parts (a problem, or a part that reaches into another): read it whole."""


class Found(Whole):
    """A part's files have a problem (told() tells them a part at a time)."""


@dataclass
class Scan:
    """What a data file names, from a line scan: its top-level sections and the ids it refers to."""

    sections: set[str]
    named: dict[str, set[str]]  # key -> values


def scan(path: Path) -> Scan | None:
    """The file's sections and the ids it names; None when it cannot be read (the whole read says why)."""
    try:
        text = read(path).text
    except FileRefused:
        return None
    text = "\n" + text
    named: dict[str, set[str]] = {}
    for key, value in set(NAMED.findall(text)):  # a file names the same few ids on many lines
        named.setdefault(key, set()).add(value)
    return Scan(set(SECTION.findall(text)), named)


class _Sets:
    """Union-find over hashable nodes."""

    def __init__(self):
        self.up: dict = {}

    def find(self, node):
        up = self.up
        root = node
        while up.setdefault(root, root) != root:
            root = up[root]
        while up[node] != root:
            up[node], node = root, up[node]
        return root

    def join(self, a, b) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.up[b] = a


@dataclass
class Registries:
    """The registries, checked: every part is checked and judged against them."""

    checker: Checker
    files: list[Path]  # the files holding them (targets.yaml first)
    inputs: dict[str, dict] = field(default_factory=dict)

    @property
    def corpus(self) -> Corpus:
        return self.checker.corpus


def _registries(targets: Path, files: list[Path], reading=map) -> Registries:
    reader = read_files(targets, files)
    if reader.problems:
        raise Whole
    checker = Checker(reader, targets.parent)
    try:
        registry.jurisdictions(checker)
        registry.sources(checker, reading)
        registry.plans(checker)
        registry.indicators(checker)
        rules.indicators(checker)
        words.plan_claims(checker)
    except _TooMany:
        raise Whole from None
    if reader.problems or any(reader.items[s] for s in reader.items if s not in REGISTRY_SECTIONS):
        raise Whole
    in_order(checker.corpus)
    mark_registries(reader)
    for section in REGISTRY_SECTIONS:
        reader.items[section].clear()
    return Registries(checker, files, dict(reader.inputs))


def _plan_of(target: str, plans: dict) -> str | None:
    """The plan a target id starts with (<plan>.<slug>)."""
    at = target.find(".")
    while at > 0:
        if target[:at] in plans:
            return target[:at]
        at = target.find(".", at + 1)
    return None


@dataclass
class Parts:
    """A corpus cut into parts: the registries, and the data files of each part in path order."""

    targets: Path
    registries: Registries
    groups: list[list[Path]]
    places: dict[str, int]  # jurisdiction -> its part
    problems: list[Problem] | None = None  # told(): the problems of the parts read so far

    def __iter__(self) -> Iterator[Corpus]:
        """Each part's corpus, checked and in order; Whole when a problem is found or a part
        reaches into another."""
        for n in range(len(self.groups)):
            corpus = self.part(n)
            if corpus is not None:
                yield corpus

    def part(self, n: int) -> Corpus | None:
        """Part n's corpus, read and checked (its files in its inputs); None for a part with a
        problem when they are told(); Whole as __iter__."""
        import gc

        enabled = gc.isenabled()
        gc.disable()  # a part's records are many small objects, none in a cycle (as load_corpus)
        try:
            return self._part(n, self.groups[n])
        finally:
            if enabled:
                gc.enable()

    def told(self) -> Iterator[Corpus]:
        """Each part's corpus without a problem, checked and in order; the problems of the others
        are kept in self.problems, each part with one let go once checked. Whole when a part
        reaches into another, or the problems reach the whole read's limit."""
        self.problems = []
        return iter(self)

    def _part(self, n: int, group: list[Path]) -> Corpus | None:
        base = self.registries.checker
        reader = read_files(self.targets, group)
        if reader.problems and self.problems is None:
            raise Found
        c = Checker(reader, self.targets.parent)
        c.texts, c._names = base.texts, base._names
        c.corpus = Corpus(jurisdictions=base.corpus.jurisdictions, sources=base.corpus.sources,
                          plans=base.corpus.plans, indicators=base.corpus.indicators, texts=base.corpus.texts)
        try:
            figures.observations(c)
            reader.items["observations"].clear()
            figures.targets(c)
            c.one_figure_each()
            c.claims.clear()
            rules.targets(c)
            sections.name_sections(c)
            reader.items["targets"].clear()
            words.statements(c)
            rules.statements(c)
            lineage.adjustments(c)
        except _TooMany:
            raise Whole from None
        if any(reader.items[s] for s in REGISTRY_SECTIONS):
            raise Whole
        if reader.problems:
            if self.problems is None:
                raise Found
            if len(self.problems) + len(reader.problems) >= MAX_PROBLEMS:
                raise Whole
            self._within(n, c.corpus)  # what the part's files made despite them stands in the part too
            self.problems += reader.problems
            return None
        base._names = base._names or c._names
        in_order(c.corpus)
        self._within(n, c.corpus)
        c.corpus.inputs = dict(reader.inputs)  # the part's files (a worker process gives them back)
        self.registries.inputs.update(reader.inputs)
        return c.corpus

    def _within(self, n: int, corpus: Corpus) -> None:
        """Whole unless every record stands at a place of part n (its own, its documents', its plan's)."""
        places, sources, plans = self.places, corpus.sources, corpus.plans

        def here(place: str) -> bool:
            return places.get(place) == n

        def documents(*named) -> bool:
            return all(s in sources and here(sources[s].jurisdiction) for s in named)

        for o in corpus.observations.values():
            if not (here(o.jurisdiction) and documents(o.source, *(q.source for q in o.quotes))):
                raise Whole
        for t in corpus.targets.values():
            said = (*t.claims, *t.statements, *t.versions)
            if not (here(t.jurisdiction) and t.plan in plans and here(plans[t.plan].jurisdiction)
                    and documents(t.source, *(q.source for q in t.quotes), *(s.source for s in said))):
                raise Whole


def plan(targets: Path, files: list[Path], levels: bool = True, scanning=map) -> Parts | None:
    """The corpus's parts, with its registries read; None when it is one part (read it whole).
    Raises Whole when it cannot be cut (a problem in the registries, or a registry file that
    also holds other entries). levels: join each place with the one above it, for validate's
    plausibility check (a figure above its parent's); building and judging need not.
    scanning(fn, paths): fn of each path, in order: each data file's scan, then each archived text's
    stamp (store.parallel.mapped reads them on every core)."""
    root = targets.parent
    scans = dict(zip(files, scanning(scan, files), strict=True))
    if any(s is None for s in scans.values()):
        raise Whole
    held = [p for p in files if scans[p].sections & set(REGISTRY_SECTIONS)]
    if files[0] not in held:
        held.insert(0, files[0])
    rest = [p for p in files if p not in held]
    if len(rest) < 2 or any(p.suffix != ".yaml" for p in files):
        return None
    registries = _registries(targets, held, scanning)
    corpus = registries.corpus
    if any(_plan_of(ident, corpus.plans) for ident in corpus.plans):
        raise Whole  # a plan id inside another's: a target id may start with either
    sets = _Sets()
    for j in corpus.jurisdictions.values():
        sets.join(("j", j.id), ("j", (levels and j.parent) or j.id))
    for path in rest:
        named, node = scans[path].named, ("f", display_name(path, root))
        sets.find(node)
        for key, values in named.items():
            for value in values:
                if key == "source":
                    place = corpus.sources[value].jurisdiction if value in corpus.sources else None
                elif key == "jurisdiction":
                    place = value
                elif key == "plan":
                    place = corpus.plans[value].jurisdiction if value in corpus.plans else None
                else:
                    owner = _plan_of(value, corpus.plans)
                    place = corpus.plans[owner].jurisdiction if owner else None
                if place is not None:
                    sets.join(node, ("j", place))
    number: dict = {}
    groups: list[list[Path]] = []
    for path in rest:
        root_node = sets.find(("f", display_name(path, root)))
        if root_node not in number:
            number[root_node] = len(groups)
            groups.append([])
        groups[number[root_node]].append(path)
    if len(groups) < 2:
        return None
    places = {j: number.get(sets.find(("j", j)), -1) for j in corpus.jurisdictions}
    return Parts(targets, registries, groups, places)


@dataclass
class Tally:
    """What `validate` and `build` say of a corpus read whole or in parts: its counts, the figures
    revised between documents and the implausible ones."""

    sources: int = 0
    plans: int = 0
    indicators: int = 0
    targets: int = 0
    observations: int = 0
    statements: int = 0
    quotes: int = 0
    revised: dict = field(default_factory=dict)  # (indicator, place, measure, period) -> vintages
    suspects: list[tuple[tuple, str, str]] = field(default_factory=list)  # (its series' year, message, file)

    def registries(self, corpus: Corpus) -> Tally:
        self.sources, self.plans, self.indicators = len(corpus.sources), len(corpus.plans), len(corpus.indicators)
        self.quotes += sum(len(p.claims) for p in corpus.plans.values())
        return self

    def add(self, corpus: Corpus, checks: bool = True) -> Tally:
        """Count a part (or the whole corpus, after registries()); checks: also find the figures
        revised and the implausible ones (validate's notices)."""
        self.targets += len(corpus.targets)
        self.observations += len(corpus.observations)
        self.statements += sum(len(t.statements) for t in corpus.targets.values())
        self.quotes += (sum(len(t.quotes) + len(t.claims) + sum(len(s.quotes) for s in t.statements)
                            for t in corpus.targets.values())
                        + sum(len(o.quotes) for o in corpus.observations.values()))
        if checks:
            from xjtrack.core.plausible import suspects
            from xjtrack.core.series import revisions

            self.revised.update(revisions(corpus.observations.values()))
            parents = {j.id: j.parent for j in corpus.jurisdictions.values() if j.parent}
            for s in suspects(corpus.observations.values(), corpus.indicators, parents):
                first, second = (corpus.observations[i] for i in s.observations[:2])
                year = second if first.jurisdiction == second.jurisdiction else first  # the one checked
                self.suspects.append(((year.indicator, year.jurisdiction, year.period.end), s.message, first.file))
        return self

    def join(self, other: Tally) -> Tally:
        """Count a part counted apart (a worker process's add())."""
        for name in ("targets", "observations", "statements", "quotes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.revised.update(other.revised)
        self.suspects += other.suspects
        return self

    def notices(self) -> tuple[list, list[tuple[str, str]]]:
        """The revised figures (by their latest vintage's id) and the implausible ones (message,
        file) in the order plausible.suspects gives for the whole corpus: by series and year."""
        revised = sorted(self.revised.items(), key=lambda kv: kv[1][-1].id)
        return revised, [(message, file) for _, message, file in sorted(self.suspects, key=lambda s: s[0])]
