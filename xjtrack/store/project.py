"""Where the data and the database live, and keeping the database in step with the data.

Freshness is checked the way git does it: each file the build read is compared by inode, size,
modification time and change time with what was recorded, and hashed only where those differ
(or where its time was too close to the build's to be trusted). The change time is set by the
system on every write, rename or copy, so an edit that keeps the size and puts the old
modification time back (touch -d, cp -p, rsync -t, tar x) is still seen.

The database is not trusted to say what to read: a recorded name that is not a path inside the
repository makes the database stale, to be built anew.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from xjtrack import __version__, code_stamp
from xjtrack.core.records import Corpus
from xjtrack.errors import XjtrackError

COARSE_NS, FINE_NS = 2_000_000_000, 100_000_000  # how close to the build a file's time is too close


def _racy(mtime_ns: int, built_ns: int) -> bool:
    """Whether a later edit could have left the file's time as it was when the build read it:
    it was modified within one tick of the file system's clock before the build began (whole
    seconds on some file systems, a few milliseconds on most)."""
    tick = COARSE_NS if mtime_ns % 1_000_000_000 == 0 else FINE_NS
    return built_ns - mtime_ns <= tick


def _trusted(info: os.stat_result, stamp: dict) -> bool:
    """Whether the file's stat alone shows it unchanged since the build."""
    now = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    then = (stamp.get("inode"), stamp.get("size"), stamp.get("mtime_ns"), stamp.get("ctime_ns"))
    built = stamp.get("built_ns", 0)
    # where the clock counts whole seconds, two writes in the build's second share a change time too
    coarse = info.st_ctime_ns % 1_000_000_000 == 0 and _racy(info.st_ctime_ns, built)
    return now == then and not _racy(info.st_mtime_ns, built) and not coarse


def _named_inside(root: Path, recorded: dict | None) -> dict | None:
    """The recorded stamps, or None when a name is not a relative path inside the repository
    (a database written by something else, to make xjtrack read what it names)."""
    if recorded is None:
        return None
    real_root = os.path.realpath(root)
    folders: dict[str, bool] = {}  # each folder resolved once: a few, for a hundred files
    for name, stamp in recorded.items():
        if not isinstance(name, str) or not isinstance(stamp, dict) or "\0" in name:
            return None
        parts = name.split("/")
        if not name or name.startswith("/") or ".." in parts:
            return None
        folder = name.rpartition("/")[0] or "."
        if folder not in folders:
            real = os.path.realpath(os.path.join(root, folder))
            folders[folder] = real == real_root or real.startswith(real_root + os.sep)
        if not folders[folder]:
            return None  # the file itself, if a link, is a change (_unchanged looks at it with lstat)
    return recorded


def _unchanged(path: Path, stamp: dict) -> bool:
    from xjtrack.curated.files import digest

    try:
        info = os.lstat(path)  # a link put where a file was is a change, whatever it leads to
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return False
    return _trusted(info, stamp) or digest(path) == stamp.get("sha256")


@dataclass(frozen=True)
class Project:
    targets: Path
    db: Path

    @classmethod
    def locate(cls, targets: Path | None, db: Path | None) -> Project:
        targets = targets or Path("targets.yaml")
        return cls(targets, db or targets.parent / "db" / "xjtrack.db")

    def require(self) -> None:
        if not self.targets.exists():
            raise XjtrackError(f"no targets file here ({self.targets}); run xjtrack in the folder "
                               "that holds targets.yaml, or pass --targets PATH")

    @property
    def root(self) -> Path:
        return self.targets.parent

    def data_files(self) -> list[Path]:
        from xjtrack.curated.files import data_files

        return data_files(self.targets)

    def names(self) -> list[str]:
        from xjtrack.curated.files import display_name

        return [display_name(p, self.root) for p in self.data_files()]

    def load(self) -> Corpus:
        """Read and check the curated files (the slow path: YAML and pydantic)."""
        from xjtrack.curated.assemble import load_corpus

        return load_corpus(self.targets, self.data_files())

    def writable(self) -> None:
        """Raise unless the database may be written where it is: an xjtrack database or no file,
        reached through no symbolic link that leads out of the repository or into the data."""
        from xjtrack.files import check_place
        from xjtrack.store import dbfile

        dbfile.require_ours(self.db)
        check_place(self.db, self.targets)

    def build(self, corpus: Corpus | None = None, progress=lambda done, total: None) -> Corpus:
        """The build's pipeline: load the curated files, judge every target, write the database."""
        from xjtrack.core.lineage import judge_all
        from xjtrack.store.build import build

        self.writable()
        started = time.time_ns()
        corpus = corpus or self.load()
        judged = judge_all(corpus, corpus.default_as_of())
        inputs = {name: {**stamp, "built_ns": started} for name, stamp in corpus.inputs.items()}
        build(corpus, judged, self.db, inputs, progress=progress)
        return corpus

    def changes(self) -> frozenset[str] | None:
        """The files added, removed or changed since the database was built; None when there
        is no database of this version to compare with."""
        from xjtrack.store import dbfile
        from xjtrack.store.read import stored_inputs
        from xjtrack.store.schema import SCHEMA_VERSION

        dbfile.require_ours(self.db)
        recorded = _named_inside(self.root, stored_inputs(self.db, (__version__, SCHEMA_VERSION, code_stamp())))
        if recorded is None:
            return None
        added = set(self.names()) - set(recorded)
        return frozenset(added | {name for name, stamp in recorded.items()
                                  if not _unchanged(self.root / name, stamp)})

    def touched(self) -> dict[str, dict]:
        """The files whose stat no longer vouches for them (touched, checked out again, or read
        too soon after an edit) though their bytes are the ones built from: their new stamps."""
        from xjtrack.curated.files import digest
        from xjtrack.store.read import stored_inputs
        from xjtrack.store.schema import SCHEMA_VERSION

        checked = time.time_ns()
        found = {}
        for name, stamp in (_named_inside(self.root, stored_inputs(self.db, (__version__, SCHEMA_VERSION, code_stamp()))) or {}).items():
            try:
                info = os.lstat(self.root / name)
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                continue
            if not _trusted(info, stamp) and digest(self.root / name) == stamp.get("sha256"):
                found[name] = {**stamp, "size": info.st_size, "mtime_ns": info.st_mtime_ns,
                               "ctime_ns": info.st_ctime_ns, "inode": info.st_ino, "built_ns": checked}
        return found

    def is_fresh(self) -> bool:
        """Whether the database was built from exactly the bytes the files hold now."""
        return self.changes() == frozenset()

    def update(self, changed: frozenset[str] | None = None):
        """Bring the database up to date by rewriting only what changed files own; None when
        the change needs a full build (a registry or an archived text changed, or no database)."""
        from xjtrack.curated.files import display_name
        from xjtrack.store.incremental import eligible, update
        from xjtrack.store.read import stored_inputs
        from xjtrack.store.schema import SCHEMA_VERSION

        started = time.time_ns()
        recorded = _named_inside(self.root, stored_inputs(self.db, (__version__, SCHEMA_VERSION, code_stamp())))
        changed = self.changes() if changed is None else changed
        if recorded is None or changed is None:
            return None
        if not eligible(changed, recorded, set(self.names()), display_name(self.targets, self.root)):
            return None
        self.writable()
        return update(self.targets, self.db, changed, recorded, started)

    def fresh(self, on_build: Callable[[str], None] = lambda message: None,
              progress=lambda done, total: None) -> Path:
        """The database, brought up to date first when it is missing or older than the data."""
        self.require()
        changed = self.changes()
        if changed == frozenset():
            return self.db
        if changed:
            on_build(f"Updating {self.db} ({len(changed)} file(s) changed since it was built) …")
            if self.update(changed) is not None:
                return self.db
        on_build(f"Building {self.db} (it is missing or older than the data) …")
        self.build(progress=progress)
        return self.db

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection; a damaged file is a clear error, not a crash."""
        from xjtrack.store.read import READ_SECONDS, connect_readonly

        conn = connect_readonly(self.db)
        try:
            yield conn
        except sqlite3.DatabaseError as exc:
            if "interrupted" in str(exc):
                raise XjtrackError(f"reading the database {self.db} took more than {READ_SECONDS:g} s, xjtrack's "
                                   "limit; rebuild it with xjtrack build --full") from None
            raise XjtrackError(f"the database {self.db} is damaged ({exc}); rebuild it with "
                               "xjtrack build") from None
        finally:
            conn.close()

    def corpus(self, on_build=lambda message: None, progress=lambda done, total: None) -> Corpus:
        """The whole corpus, read back from a fresh database."""
        from xjtrack.store.read import read_corpus

        self.fresh(on_build, progress)
        with self.reading() as conn:
            return read_corpus(conn)
