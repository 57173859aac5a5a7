"""Where the data and the database live, and keeping the database in step with the data."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xjtrack.core.domain import Corpus
from xjtrack.errors import XjtrackError
from xjtrack.store.database import stored_inputs


def data_files(targets: Path) -> list[Path]:
    """targets.yaml first, then every *.yaml (and, to be refused by name, *.yml) under data/."""
    found = [p for pattern in ("*.yaml", "*.yml") for p in (targets.parent / "data").rglob(pattern)]
    return [targets, *sorted(p for p in found if not p.name.startswith("."))]


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
        build(corpus, self.root, self.db, progress=progress)
        return corpus

    def current_inputs(self, recorded: dict[str, str]) -> dict[str, str]:
        """The digest of every data file now, and of every other file the build read."""
        from xjtrack.curated.files import digest
        from xjtrack.curated.loader import display_name

        now = {display_name(p, self.root): digest(p) for p in self.data_files()}
        for name in recorded:
            if name not in now:
                now[name] = digest(self.root / name)
        return now

    def is_fresh(self) -> bool:
        """Whether the database was built from exactly the bytes the files hold now."""
        from xjtrack.store import dbfile

        dbfile.require_ours(self.db)
        recorded = stored_inputs(self.db)
        return recorded is not None and recorded == self.current_inputs(recorded)

    def corpus(self, on_build: Callable[[str], None] = lambda message: None,
               progress=lambda done, total: None) -> Corpus:
        """The corpus from the database, rebuilding it first when the data has changed."""
        from xjtrack.store.dbread import read_corpus

        self.require()
        if not self.is_fresh():
            on_build(f"Building {self.db} (it is missing or older than the data) …")
            self.build(progress=progress)
        try:
            return read_corpus(self.db)
        except (sqlite3.DatabaseError, TypeError, ValueError, AttributeError, KeyError) as exc:
            raise XjtrackError(f"the database {self.db} is damaged ({type(exc).__name__}: {exc}); "
                               "rebuild it with xjtrack build") from None
