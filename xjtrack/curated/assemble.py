"""Cross-checking validated entries (ids, references, quantities, quotes) into a Corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from xjtrack.core.records import Corpus
from xjtrack.curated import figures, lineage, registry, rules, sections, words
from xjtrack.curated.checks import Checker
from xjtrack.curated.loader import MAX_PROBLEMS, Reader, _TooMany, read_files
from xjtrack.errors import DataError, Problem

REGISTRY_SECTIONS = ("jurisdictions", "sources", "plans", "indicators", "plan_claims")  # read before the rest


def assemble(reader: Reader, root: Path) -> Corpus:
    """The corpus the entries describe; every problem found is added to reader.problems."""
    checker = Checker(reader, root)
    registry.jurisdictions(checker)
    registry.sources(checker)
    registry.plans(checker)
    registry.indicators(checker)
    rules.indicators(checker)
    figures.observations(checker)
    reader.items["observations"].clear()  # each section's entries are let go once read into records
    figures.targets(checker)
    checker.one_figure_each()
    checker.claims.clear()  # the figures' places are needed for that check only
    rules.targets(checker)
    sections.name_sections(checker)
    reader.items["targets"].clear()
    words.statements(checker)
    rules.statements(checker)
    lineage.adjustments(checker)
    words.plan_claims(checker)
    in_order(checker.corpus)
    mark_registries(reader)
    checker.corpus.inputs = dict(sorted(reader.inputs.items()))
    return checker.corpus


def mark_registries(reader: Reader) -> None:
    """Record the files that hold a registry: a change to one needs a full build."""
    for section in REGISTRY_SECTIONS:
        for item in reader.items[section]:
            reader.inputs[item.doc.file]["role"] = "registry"


def in_order(corpus: Corpus) -> None:
    """Claims and statements in the order of the files they are curated in, however attached."""
    def key(record):
        return record.file, record.position

    for ident, t in corpus.targets.items():
        if len(t.claims) > 1 or len(t.statements) > 1:
            corpus.targets[ident] = replace(t, claims=tuple(sorted(t.claims, key=key)),
                                            statements=tuple(sorted(t.statements, key=key)))
    for ident, p in corpus.plans.items():
        if len(p.claims) > 1:
            corpus.plans[ident] = replace(p, claims=tuple(sorted(p.claims, key=key)))


def load_corpus(targets: Path, files: list[Path], overlay: dict[Path, str] | None = None) -> Corpus:
    """The checked corpus; raises DataError listing every problem found.

    The corpus is many small objects, none in a cycle: the cyclic collector is paused while
    they are made, and they are then frozen out of its later passes, which would otherwise scan
    all of them again and again while the database is written."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        reader = read_files(targets, files, overlay)
        try:
            corpus = assemble(reader, targets.parent)
        except _TooMany:
            del reader.problems[MAX_PROBLEMS:]
            reader.problems.append(Problem(str(targets.name), 1, 1, "too-many-problems",
                                           f"checking stopped after {MAX_PROBLEMS} problems; fix these and run again"))
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
    if reader.problems:
        raise DataError(reader.problems)
    return corpus
