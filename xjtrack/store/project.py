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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from xjtrack import __version__, code_stamp
from xjtrack.core.records import Corpus
from xjtrack.errors import DataError, XjtrackError
from xjtrack.store.inputs import RACY, TRUSTED, Recorded

if TYPE_CHECKING:
    from xjtrack.curated.parts import Tally


def _named_inside(root: Path, recorded: Recorded | None) -> Recorded | None:
    """The recorded files, or None when a name is not a relative path inside the repository
    (a database written by something else, to make xjtrack read what it names)."""
    if recorded is None:
        return None
    real_root = os.path.realpath(root)
    folders: dict[str, bool] = {}  # each folder resolved once: a few, for thousands of files
    for name in recorded:
        if not isinstance(name, str) or not name or name[0] == "/" or "\0" in name or (".." in name and ".." in name.split("/")):
            return None
        folder = name.rpartition("/")[0] or "."
        if folder not in folders:
            real = os.path.realpath(os.path.join(root, folder))
            folders[folder] = real == real_root or real.startswith(real_root + os.sep)
        if not folders[folder]:
            return None  # the file itself, if a link, is a change (_examine looks at it with lstat)
    return recorded


def _examine(root: Path, recorded: Recorded, stamp_ns: int) -> tuple[set[str], dict[str, dict]]:
    """The recorded files changed since the build, and those whose stat no longer vouches for
    them though their bytes are the ones built from, with their new stamps (stamp_ns: now).

    A stat per file, and nothing more for the files whose stat is as recorded: the rows come in
    one query, the paths are plain strings."""
    from xjtrack.curated.files import digest

    prefix = "" if os.fspath(root) in ("", ".") else os.path.join(root, "")
    changed: set[str] = set()
    touched: dict[str, dict] = {}
    suspect: dict[str, os.stat_result] = {}
    lstat, link = os.lstat, stat.S_IFLNK
    for name, row in recorded.rows.items():
        try:
            info = lstat(prefix + name)  # a link put where a file was is a change, whatever it leads to
        except OSError:
            changed.add(name)
            continue
        if (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) == row[TRUSTED] and not row[RACY] \
                and stat.S_IFMT(info.st_mode) != link:
            continue  # the stat alone shows it unchanged
        suspect[name] = info
    recorded.prefetch(suspect)  # their digests, in one query
    for name, info in suspect.items():
        if stat.S_IFMT(info.st_mode) == link or digest(Path(prefix + name)) != recorded.stamp(name).get("sha256"):
            changed.add(name)
        else:
            touched[name] = {**recorded.stamp(name), "size": info.st_size, "mtime_ns": info.st_mtime_ns,
                             "ctime_ns": info.st_ctime_ns, "inode": info.st_ino, "built_ns": stamp_ns}
    return changed, touched


def _listed(folder: str) -> Iterator[str]:
    """The names under folder (relative to it) that data_files lists: *.yaml and *.yml at any
    depth, not hidden, through no linked folder (as Path.rglob walks), read with scandir."""
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith("."):
            yield entry.name
        try:
            walk = entry.is_dir() and not entry.is_symlink()
        except OSError:
            walk = False
        if walk:
            yield from (f"{entry.name}/{name}" for name in _listed(entry.path))


@dataclass(frozen=True)
class Look:
    """What one look at the files found: the database's record of them, the files added,
    removed or changed, those only touched (with their new stamps), and the data files listed."""
    recorded: Recorded
    changed: frozenset[str]
    touched: dict[str, dict]
    listed: set[str]


@dataclass(frozen=True)
class Project:
    targets: Path
    db: Path
    # fresh() found the database in step with the data: a command that asks again (a lookup
    # that reads in two steps) trusts it for the rest of its run
    _checked: list = field(default_factory=list, compare=False, repr=False)

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

    def parts(self, levels: bool = True, jobs: int = 0):
        """The corpus cut into independent parts (curated.parts), or None when it is to be read
        whole: it is one part, or cannot be cut. levels: a place and the one above it are one
        part (validate compares their figures; the build need not). The data files are scanned,
        and the archived texts read for their digests, in `jobs` processes (store.parallel.scanners)."""
        from xjtrack.curated.parts import Whole, plan
        from xjtrack.store import parallel

        def scanning(fn, paths: list) -> list:
            return parallel.mapped(fn, paths, parallel.scanners(len(paths), jobs))

        try:
            return plan(self.targets, self.data_files(), levels, scanning)
        except Whole:
            return None

    def check(self) -> Tally:
        """What validate reports of the data: read and checked a part at a time where the corpus
        falls apart into parts, else whole; raises DataError listing every problem."""
        from xjtrack.curated.parts import Tally, Whole

        parts = self.parts()
        if parts is not None:
            tally = Tally().registries(parts.registries.corpus)
            try:
                for corpus in parts.told():
                    tally.add(corpus)
            except Whole:
                pass  # read whole, to report every problem as a whole read finds it
            else:
                if parts.problems:
                    raise DataError(parts.problems)
                return tally
        corpus = self.load()
        return Tally().registries(corpus).add(corpus)

    def build(self, corpus: Corpus | None = None, progress=lambda done, total: None, jobs: int = 0) -> Tally:
        """The build's pipeline: load the curated files, judge every target, write the database;
        a part at a time where the corpus falls apart into parts (curated.parts), in `jobs` worker
        processes (store.parallel.workers: by default a worker a core on Linux). What it built,
        counted."""
        from xjtrack.core.lineage import judge_each
        from xjtrack.curated.parts import Found, Tally, Whole
        from xjtrack.store.build import build, build_parts

        self.writable()
        started = time.time_ns()
        parts = self.parts(levels=False, jobs=jobs) if corpus is None else None
        if parts is not None:
            try:
                return build_parts(parts, self.db, started, progress, jobs)
            except Found:
                self.check()  # the problems as a whole read finds them, a part at a time where it can
            except Whole:
                pass  # read whole
        corpus = corpus or self.load()
        judged = judge_each(corpus, corpus.default_as_of())  # each verdict written as it is judged
        inputs = {name: {**stamp, "built_ns": started} for name, stamp in corpus.inputs.items()}
        build(corpus, judged, self.db, inputs, progress=progress)
        return Tally().registries(corpus).add(corpus, checks=False)

    def recorded(self) -> Recorded | None:
        """What the database records of the files it was built from; None when there is no
        database of this version, or it names a file outside the repository. An update stopped
        midway (killed, or the machine lost power) is rolled back first, from SQLite's journal."""
        from xjtrack.store import dbfile
        from xjtrack.store.read import stored_inputs
        from xjtrack.store.schema import SCHEMA_VERSION

        dbfile.require_ours(self.db)
        dbfile.recover(self.db)
        return _named_inside(self.root, stored_inputs(self.db, (__version__, SCHEMA_VERSION, code_stamp())))

    def listed(self) -> set[str]:
        """The names of the data files (names()), listed with scandir: a few microseconds a file."""
        from xjtrack.curated.files import display_name

        folder = display_name(self.root / "data", self.root)
        listed = {display_name(self.targets, self.root)}
        listed.update(f"{folder}/{name}" for name in _listed(os.fspath(self.root / "data")))
        return listed

    def look(self) -> Look | None:
        """The files added, removed, changed or only touched since the database was built, from
        one stat per recorded file and one listing of data/; None when there is no database of
        this version to compare with."""
        recorded = self.recorded()
        return None if recorded is None else self._look(recorded)

    def _look(self, recorded: Recorded) -> Look:
        changed, touched = _examine(self.root, recorded, time.time_ns())
        listed = self.listed()
        return Look(recorded, frozenset(changed | {name for name in listed if name not in recorded}), touched, listed)

    def changes(self, recorded: Recorded | None = None) -> frozenset[str] | None:
        """The files added, removed or changed since the database was built; None when there
        is no database of this version to compare with. A stat per file, and a listing of data/."""
        look = self.look() if recorded is None else self._look(recorded)
        return None if look is None else look.changed

    def touched(self) -> dict[str, dict]:
        """The files whose stat no longer vouches for them (touched, checked out again, or read
        too soon after an edit) though their bytes are the ones built from: their new stamps."""
        look = self.look()
        return {} if look is None else look.touched

    def restamp(self, stamps: dict[str, dict]) -> None:
        """Record new stamps for files whose bytes are unchanged (touched()), so that later
        commands trust their stat again instead of hashing them; only these files' rows of the
        table of inputs are written, in place (none of the update's machinery is loaded)."""
        from xjtrack.store import dbfile, inputs

        self.writable()
        dbfile.in_place(self.db, lambda conn: inputs.record(conn, stamps) or True)

    def is_fresh(self) -> bool:
        """Whether the database was built from exactly the bytes the files hold now."""
        return self.changes() == frozenset()

    def update(self, look: Look | None = None):
        """Bring the database up to date by rewriting only what changed files own; None when
        the change needs a full build (a registry or an archived text changed, or no database).
        look: what look() found, when the caller has it."""
        from xjtrack.curated.files import display_name
        from xjtrack.store.incremental import eligible, update

        started = time.time_ns()
        look = self.look() if look is None else look
        if look is None or not look.changed:
            return None
        look.recorded.prefetch(look.changed)
        if not eligible(look.changed, look.recorded, look.listed, display_name(self.targets, self.root)):
            return None
        self.writable()
        return update(self.targets, self.db, look.changed, look.recorded, started)

    def fresh(self, on_build: Callable[[str], None] = lambda message: None,
              progress=lambda done, total: None) -> Path:
        """The database, brought up to date first when it is missing or older than the data."""
        self.require()
        if self._checked:
            return self.db
        look = self.look()
        if look is not None and not look.changed:
            self._checked.append(True)
            return self.db
        if look is not None:
            on_build(f"Updating {self.db} ({len(look.changed)} file(s) changed since it was built) …")
            if self.update(look) is not None:
                self._checked.append(True)
                return self.db
        on_build(f"Building {self.db} (it is missing or older than the data) …")
        self.build(progress=progress)
        self._checked.append(True)
        return self.db

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection; a damaged file is a clear error, not a crash. An update stopped
        since the freshness check (another process, killed) is rolled back first."""
        from xjtrack.store import dbfile
        from xjtrack.store.read import READ_SECONDS, connect_readonly

        dbfile.recover(self.db)
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
