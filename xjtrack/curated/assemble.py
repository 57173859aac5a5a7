"""Cross-checking validated entries (ids, references, quantities, quotes) into a Corpus."""

from __future__ import annotations

from pathlib import Path

from xjtrack.core.records import Corpus
from xjtrack.curated import figures, registry, words
from xjtrack.curated.checks import Checker
from xjtrack.curated.loader import Reader


def assemble(reader: Reader, root: Path) -> Corpus:
    """The corpus the entries describe; every problem found is added to reader.problems."""
    checker = Checker(reader, root)
    registry.jurisdictions(checker)
    registry.sources(checker)
    registry.plans(checker)
    registry.indicators(checker)
    figures.observations(checker)
    figures.targets(checker)
    words.statements(checker)
    words.plan_claims(checker)
    checker.corpus.inputs = dict(sorted(reader.inputs.items()))
    return checker.corpus
