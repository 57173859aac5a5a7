"""Updating the database after a change to a few data files, instead of building it anew.

The changed files are read and checked as a full build checks them, with the figure claims of
the entries of other files that may claim the same figures (reach). Every row of observations,
targets, claims and statements records the file it was curated in, so the rows those files own
can be found; each record is compared with its stored row, and only those that changed are
written. A target is judged again when its own record changed (its entry, a claim or a statement
about it), or a series it is judged from (its indicator's or a stand-in's) gained, lost or changed
a figure. The update changes the database where it is, in one transaction (dbfile.in_place):
until it commits, SQLite's journal keeps the old pages, so a stopped update leaves the database
as it was; nothing is copied, so its cost follows the change, not the corpus.

It applies when every changed file is a data file holding no registry (jurisdictions, sources,
plans, indicators, plan claims), and no archived text changed; otherwise update() returns None
and the caller builds in full. The result holds the same rows as a full build's (a test
compares them table by table).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from datetime import date

from xjtrack import __version__
from xjtrack.core.evaluate import Index
from xjtrack.core.judge import Rules
from xjtrack.core.lineage import judge
from xjtrack.core.records import Corpus, Target
from xjtrack.curated.assemble import REGISTRY_SECTIONS
from xjtrack.errors import DataError
from xjtrack.store import dbfile, history, inputs, reach
from xjtrack.store.build import insert_records
from xjtrack.store.read import records
from xjtrack.store.schema import (
    OBSERVATIONS,
    SCHEMA_VERSION,
    SOURCES,
    TARGETS,
    VERDICTS,
    Table,
)


@dataclass(frozen=True)
class Updated:
    files: tuple[str, ...]  # the changed data files
    targets: int  # rows rewritten
    observations: int
    judged: int  # verdicts computed again
    alongside: int = 0  # unchanged files read too, whose entries may claim the figures the changed ones bind


def eligible(changed: frozenset[str], recorded: inputs.Recorded, data_names: set[str], targets_name: str) -> bool:
    """Whether the changed files are data files an update can take: no registry, no archived text."""
    for name in changed:
        role = recorded.get(name, {}).get("role")
        if name == targets_name or role in ("registry", "source"):
            return False
        if name not in recorded and name not in data_names:
            return False
        if name in recorded and role != "data":
            return False  # a database from before roles were recorded
    return True


def _run(conn, sql: str, ids) -> None:
    """Run sql, whose {ids} stands for an "in" list, over the ids, 900 at a time."""
    ids = sorted(ids)
    for at in range(0, len(ids), 900):
        chunk = ids[at: at + 900]
        conn.execute(sql.format(ids=reach.marks(len(chunk))), chunk)


def _by_id(conn, table: Table, ids) -> dict:
    found = {}
    ids = sorted(ids)
    for at in range(0, len(ids), 900):
        chunk = ids[at: at + 900]
        found.update({r.id: r for r in records(conn, table, f"id in {reach.marks(len(chunk))}", tuple(chunk))})
    return found


def _without(target: Target, files) -> Target:
    """The target without the claims and statements curated in the given files."""
    return replace(target, claims=tuple(c for c in target.claims if c.file not in files),
                   statements=tuple(s for s in target.statements if s.file not in files))


class _Texts(dict):
    """The archived texts, read when a quote first needs one; None when it changed since the build."""

    def __init__(self, root, sources, conn):
        super().__init__()
        self.root, self.sources, self.conn = root, sources, conn

    def get(self, source_id, default=None):
        if source_id not in self and source_id in self.sources:
            from xjtrack.curated.files import read
            from xjtrack.curated.quotes import SourceText

            file = self.sources[source_id].file
            built = self.conn.execute("select sha256 from inputs where name = ? and role = 'source'",
                                      (file,)).fetchone()  # a name the build read as a text, checked inside
            if built is None:  # the repository (Project.recorded), before anything is read
                raise reach.TextChanged(file)
            found = read(self.root / file)
            if found.sha256 != built[0]:
                raise reach.TextChanged(file)
            self[source_id] = SourceText(found.text)
        return super().get(source_id, default)


class _Owned:
    """The ids of a table's rows that files other than the files read own, looked up one by one
    (those the files read own now, read at once, are not looked up)."""

    def __init__(self, conn, table: str, files: tuple[str, ...]):
        self.conn, self.table, self.files = conn, table, files
        self.inside = {r[0] for r in conn.execute(f"select id from {table} where file in {reach.marks(len(files))}",
                                                  files)}

    def get(self, ident: str) -> str | None:
        if ident in self.inside:
            return None  # an id is one row's: this one is a file's read now
        found = self.conn.execute(f"select file from {self.table} where id = ?", (ident,)).fetchone()
        return found[0] if found and found[0] not in self.files else None

    def __contains__(self, ident: str) -> bool:
        return self.get(ident) is not None

    def __getitem__(self, ident: str) -> str:
        return self.get(ident)


def update(targets_file, db_path, changed: frozenset[str], recorded: inputs.Recorded, started_ns: int) -> Updated | None:
    """Apply the change to the database in place, in one transaction; None when a full build
    is needed instead. Problems in the changed files raise DataError, located as a full build
    would locate them."""
    return dbfile.in_place(db_path, lambda conn: _apply(conn, targets_file, changed, recorded, started_ns))


@dataclass
class _Checked:
    checker: object
    corpus: Corpus
    kept: dict[str, Target]  # targets of other files that the files read speak of, without what they said
    stored: dict[str, Target]  # those targets as stored
    old_targets: set[str]  # the targets the files read held before


def _check(conn, root, reader, files: tuple[str, ...]) -> _Checked | None:
    """The files' entries checked as a full build checks them, against the registries and the
    ids of the database; None when an archived text changed (a full build reads it)."""
    from xjtrack.curated import rules, sections
    from xjtrack.curated.checks import Checker
    from xjtrack.curated.figures import observations, targets
    from xjtrack.curated.words import statements

    inside = f"file in {reach.marks(len(files))}"
    corpus = reach.registry(conn)
    checker = Checker(reader, root)
    checker.corpus = corpus
    checker.texts = _Texts(root, corpus.sources, conn)
    checker.taken = {kind: _Owned(conn, table, files) for kind, table in (("target", "targets"),
                                                                          ("observation", "observations"))}
    old_targets = set(checker.taken["target"].inside)
    about = {r[0] for r in conn.execute(
        f"select target_id from target_claims where {inside} union "
        f"select target_id from target_statements where {inside}", files + files)}
    named = {i.model.target for s in ("statements", "claims") for i in reader.items[s]}
    stored = {ident: t for ident, t in _by_id(conn, TARGETS, about | named).items() if t.file not in files}
    kept = {ident: _without(t, files) for ident, t in stored.items()}
    corpus.targets = dict(kept)
    try:  # as assemble checks them (its one_figure_each comes once every file that may claim a figure is read)
        observations(checker)
        targets(checker)
        rules.targets(checker)
        sections.name_sections(checker)
        statements(checker)
        rules.statements(checker)
    except reach.TextChanged:
        return None
    return _Checked(checker, corpus, kept, stored, old_targets)


def _apply(conn, targets_file, changed, recorded, started_ns) -> Updated | None:
    """Read and check the changed files, and the claims to a figure they bind of the entries of
    other files that may claim it too (reach.partners, reach.claims_along); replace the rows of the
    entries that changed, judge again every target whose verdict they can move, and record the
    changed files' stamps."""
    from xjtrack.curated.loader import read_files

    if conn.execute("select 1 from target_versions limit 1").fetchone():
        return None  # a target's versions may live in another file than the target: a full build joins them
    root = targets_file.parent

    def read(names) -> object:
        present = [root / n for n in sorted(names, key=reach.order) if os.path.lexists(root / n)]  # the rest is refused
        return read_files(targets_file, present)

    files, reader = set(changed), read(changed)
    if any(reader.items[s] for s in REGISTRY_SECTIONS) or reader.items["adjustments"]:
        return None  # a registry, or a target's versions (which may live in another file than the target)
    checked = _check(conn, root, reader, tuple(sorted(files)))
    if checked is None:
        return None
    if reader.problems:
        raise DataError(reader.problems)
    along = reach.partners(conn, checked.checker.claims, tuple(sorted(files)))  # files whose entries
    if along:  # may claim a figure the changed entries bind: their claims are checked with them
        if len(files) + len(along) > reach.MAX_FILES or any(recorded.get(n, {}).get("role") != "data" for n in along):
            return None
        if not reach.claims_along(conn, root, read(along), checked.checker):
            return None
    files = tuple(sorted(files))
    checked.checker.one_figure_each()
    if reader.problems:
        raise DataError(reader.problems)
    corpus, kept, old_targets = checked.corpus, checked.kept, checked.old_targets
    made = {i: t for i, t in corpus.targets.items() if i not in kept}
    before = _by_id(conn, TARGETS, old_targets)
    for ident, old in before.items():
        outside = [c for c in old.claims if c.file not in files]
        said = [s for s in old.statements if s.file not in files]
        if (outside or said) and ident not in made:
            return None  # another file speaks of a target that is gone: a full build reports it
        if outside or said:
            t = made[ident]
            corpus.targets[ident] = replace(t, claims=(*t.claims, *outside), statements=(*t.statements, *said))
    _in_order(corpus.targets)
    change = _diff(conn, corpus, {**before, **checked.stored}, old_targets, tuple(sorted(changed)))
    if _old_id_elsewhere(conn, change.targets, files):
        return None  # an id or old id another file's target keeps as its old id: a full build reports it
    judged = _judged(conn, corpus, change)
    verdicts = _verdicts(conn, corpus, judged, files)
    _write(conn, change, verdicts)
    history.refresh(conn, set(judged) | change.targets_gone)  # the stored history of the targets judged again
    _record(conn, reader, files, started_ns)
    return Updated(tuple(sorted(changed)), len(change.targets), len(change.observations), len(verdicts),
                   len(along))


@dataclass
class _Change:
    """What the files read changed: the records that differ from the stored ones (new or
    edited), the ids gone, and the series that gained, lost or changed a figure."""
    targets: dict[str, Target]
    targets_gone: set[str]
    observations: list
    observations_gone: set[str]  # and those edited: their rows are replaced
    series: set[tuple[str, str]]


def _diff(conn, corpus: Corpus, stored: dict[str, Target], old_targets: set[str], changed) -> _Change:
    """The records of the files read that differ from their stored rows: only these are written,
    and only the targets they can move judged again. A record read back equals the record
    written (store.read), so an entry left as it was is neither written nor judged. An
    observation is made of its own entry, the registries and its source's text alone, so those
    of a file read along unchanged are their stored rows; a target may also carry claims and
    statements of other files, so every target read is compared."""
    before = {o.id: o for o in records(conn, OBSERVATIONS, f"file in {reach.marks(len(changed))}", changed)}
    edited = [o for ident, o in corpus.observations.items()
              if (o.file in changed or ident in before) and before.get(ident) != o]
    gone = {ident for ident in before if ident not in corpus.observations or before[ident] != corpus.observations[ident]}
    series = {(o.indicator, o.jurisdiction) for o in edited} | {(before[i].indicator, before[i].jurisdiction) for i in gone}
    targets = {ident: t for ident, t in corpus.targets.items() if stored.get(ident) != t}
    return _Change(targets, old_targets - set(corpus.targets), edited, gone, series)


def _in_order(targets: dict[str, Target]) -> None:
    """Claims and statements in the order of the files they are curated in (assemble.in_order,
    for the targets an update writes: the plans it reads are not among them)."""
    for ident, t in targets.items():
        if len(t.claims) > 1 or len(t.statements) > 1:
            targets[ident] = replace(t, claims=tuple(sorted(t.claims, key=lambda r: (r.file, r.position))),
                                     statements=tuple(sorted(t.statements, key=lambda r: (r.file, r.position))))


def _old_id_elsewhere(conn, targets: dict[str, Target], files) -> bool:
    """Whether a target of a file not read, and not written now, keeps, among its old ids (aliases), the id or an old
    id of a target written now. An old id starts with its own plan's id and a dot (the full
    build's rule), so only the plans whose id leads one of these names are looked at."""
    names = {n for t in targets.values() for n in (t.id, *t.aliases)}
    plans = sorted({n[:at] for n in names for at, ch in enumerate(n) if ch == "."})
    outside = f"file not in {reach.marks(len(files))}"
    for chunk in reach.chunks(plans):
        for ident, aliases in conn.execute(f"select id, aliases from targets where plan in {reach.marks(len(chunk))} "
                                           f"and aliases not in ('', '[]') and {outside}", (*chunk, *files)):
            if ident in targets:
                continue  # written now (a target of another file that a file read speaks of)
            try:
                held = json.loads(aliases)
            except (TypeError, ValueError):
                return True  # not as xjtrack writes it: a full build starts from the files
            if not isinstance(held, list) or names.intersection(a for a in held if isinstance(a, str)):
                return True
    return False


def _judged(conn, corpus: Corpus, change: _Change) -> dict[str, Target]:
    """Every target whose verdict the change can move: those rewritten, and those judged from a
    series (by their indicator or a stand-in) that gained, lost or changed a figure."""
    judging: dict[str, set[str]] = {}  # indicator -> indicators whose targets it may judge
    for ind in corpus.indicators.values():
        judging.setdefault(ind.id, set()).add(ind.id)
        for p in ind.proxies:
            judging.setdefault(p.indicator, set()).add(ind.id)
        if ind.replaces:
            judging.setdefault(ind.id, set()).add(ind.replaces)
    wanted = {(other, place) for ind, place in change.series for other in judging.get(ind, {ind})}
    ids = set()
    for ind, place in sorted(wanted):
        ids |= {r[0] for r in conn.execute("select id from targets where indicator = ? and jurisdiction = ?",
                                           (ind, place))}
    ids -= change.targets_gone
    others = _by_id(conn, TARGETS, {i for i in ids if i not in corpus.targets})
    return {**others, **{i: corpus.targets[i] for i in sorted(ids) if i in corpus.targets}, **change.targets}


def _verdicts(conn, corpus: Corpus, judged: dict[str, Target], changed) -> list:
    """The verdicts of the judged targets, against every figure of the series they need."""
    needed = set()
    for t in judged.values():
        if t.indicator:
            ind = corpus.indicators[t.indicator]
            names = {t.indicator, *(p.indicator for p in ind.proxies),
                     *(i.id for i in corpus.indicators.values() if i.replaces == t.indicator)}
            needed |= {(n, t.jurisdiction) for n in names}
    files = tuple(sorted(changed))
    found = list(corpus.observations.values())
    for ind, place in sorted(needed):
        found += records(conn, OBSERVATIONS, f"indicator = ? and jurisdiction = ? and file not in "
                         f"{reach.marks(len(files))}", (ind, place, *files))
    everything = {o.id: o for o in sorted(found, key=lambda o: (o.file, o.position))}
    meta = dict(conn.execute("select key, value from meta"))
    as_of = date.fromisoformat(meta["as_of"])
    places = _places(corpus.jurisdictions, {t.jurisdiction for t in judged.values()})
    sources = {}
    for chunk in reach.chunks(sorted(places)):
        sources.update((s.id, s) for s in records(conn, SOURCES, f"jurisdiction in {reach.marks(len(chunk))}", tuple(chunk)))
    index = Index(Corpus(jurisdictions=places, sources=sources, indicators=corpus.indicators,
                         observations=everything, targets=judged))
    return [judge(t, index, as_of, Rules()) for t in judged.values()]


def _places(known, wanted: set[str]) -> dict:
    """The jurisdictions wanted and the levels above them: all that judging reads of the
    registries is their documents' dates, found up the levels (Index.reporter)."""
    found: dict = {}
    todo = sorted(wanted)
    while todo:
        place = todo.pop()
        if place not in found and place in known:
            found[place] = known[place]
            if found[place].parent:
                todo.append(found[place].parent)
    return found


def _write(conn, change: _Change, verdicts) -> None:
    """Replace the rows of the records that changed, and the verdicts judged again."""
    for table in ("observation_quotes", "observations"):
        _run(conn, f"delete from {table} where {'observation_id' if table != 'observations' else 'id'} in {{ids}}",
             change.observations_gone)
    rewritten = set(change.targets) | change.targets_gone
    for table in ("target_quotes", "target_claims", "target_statements"):
        _run(conn, f"delete from {table} where target_id in {{ids}}", rewritten)
    _run(conn, "delete from targets where id in {ids}", rewritten)
    _run(conn, "delete from verdicts where target in {ids}", {v.target for v in verdicts} | change.targets_gone)
    insert_records(conn, OBSERVATIONS, change.observations)
    insert_records(conn, TARGETS, change.targets.values())
    insert_records(conn, VERDICTS, verdicts)


def _record(conn, reader, changed, started_ns) -> None:
    """The new stamps of the changed files (those gone forgotten), and the fingerprint they make."""
    inputs.record(conn, {name: {**stamp, "built_ns": started_ns} for name, stamp in reader.inputs.items()},
                  gone=set(changed) - set(reader.inputs))
    conn.execute("update meta set value = ? where key = 'fingerprint'",
                 (inputs.fingerprint(__version__, SCHEMA_VERSION, conn),))
