"""Where the data and the database live, and keeping the database in step with the data."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xjtrack.core.domain import Corpus
from xjtrack.store.database import connect_readonly, fingerprint, stored_fingerprint


def data_files(targets: Path) -> list[Path]:
    """targets.yaml first, then data/*.yaml beside it in name order."""
    return [targets, *sorted((targets.parent / "data").glob("*.yaml"))]


@dataclass(frozen=True)
class Project:
    targets: Path
    db: Path

    @classmethod
    def locate(cls, targets: Path | None, db: Path | None) -> Project:
        targets = targets or Path("targets.yaml")
        return cls(targets, db or targets.parent / "db" / "xjtrack.db")

    def require(self) -> None:
        if not self.targets.is_file():
            from xjtrack.errors import XjtrackError

            raise XjtrackError(f"no targets file here ({self.targets}); run xjtrack in the folder "
                               "that holds targets.yaml, or pass --targets PATH")

    @property
    def root(self) -> Path:
        return self.targets.parent

    def data_files(self) -> list[Path]:
        return data_files(self.targets)

    def load(self) -> Corpus:
        """Read and check the curated files (slow path: YAML and pydantic)."""
        from xjtrack.curated.loader import load_corpus

        return load_corpus(self.targets, self.data_files())

    def build(self, corpus: Corpus | None = None, progress=lambda done, total: None) -> Corpus:
        from xjtrack.store.database import build

        corpus = corpus or self.load()
        sources = sorted(s.file for s in corpus.sources.values())
        stamp = fingerprint(self.data_files(), [self.root / f for f in sources])
        build(corpus, self.root, self.db, stamp, source_files=sources, progress=progress)
        return corpus

    def is_fresh(self) -> bool:
        stored = stored_fingerprint(self.db)
        if stored is None:
            return False
        with connect_readonly(self.db) as conn:
            row = conn.execute("select value from meta where key = 'source_files'").fetchone()
        sources = json.loads(row[0]) if row else []
        return stored == fingerprint(self.data_files(), [self.root / f for f in sources])

    def corpus(self, on_build: Callable[[str], None] = lambda message: None,
               progress=lambda done, total: None) -> Corpus:
        """The corpus from the database, rebuilding it first when the data has changed."""
        from xjtrack.store.dbread import read_corpus

        self.require()
        if not self.is_fresh():
            on_build(f"Building {self.db} (it is missing or older than the data) …")
            self.build(progress=progress)
        return read_corpus(self.db)
