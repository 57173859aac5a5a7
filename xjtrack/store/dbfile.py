"""What xjtrack may write at a database path, and how it writes there.

xjtrack writes only to a missing path or to a regular file that is recognisably its own
database: an SQLite file whose header carries xjtrack's application id (or, for files built
before the id was set, a `meta` table naming an xjtrack version). Anything else (a text file,
another application's database, a symlink, a folder, a device) is refused with the reason.

A build writes a new file beside the database and renames it over the old one when complete
(replace_atomically). An update changes the database where it is, in one SQLite transaction
(in_place): SQLite's rollback journal keeps the pages the update overwrites until it commits,
so a process killed at any moment leaves the old database or the new one, never a mix. The
journal of an update that was stopped is played back before the database is read again
(recover). The two never overlap: each holds a lock on the database file while it writes.
"""

from __future__ import annotations

import fcntl
import os
import socket
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from xjtrack.errors import XjtrackError

APPLICATION_ID = 0x786A7472  # "xjtr", stored in the SQLite header at offset 68
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_SECONDS = 30.0  # how long a writer waits for another to finish


def _header(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return os.read(fd, 100)
    finally:
        os.close(fd)


def _legacy_xjtrack(path: Path) -> bool:
    """A database written before the application id: it has meta.xjtrack_version."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("select value from meta where key = 'xjtrack_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None


def refusal(path: Path) -> str | None:
    """Why xjtrack must not write a database at path, or None when it may."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return "a part of its folder path is a file, not a folder"
    except OSError as exc:
        return f"it cannot be examined ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link; give the path of the database file itself"
    if stat.S_ISDIR(info.st_mode):
        return "it is a folder; give a file name such as db/xjtrack.db"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    try:
        header = _header(path)
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    if not header.startswith(SQLITE_MAGIC):
        return "it is not an SQLite database (xjtrack never overwrites other files)"
    if int.from_bytes(header[68:72], "big") == APPLICATION_ID or _legacy_xjtrack(path):
        return None
    return "it is an SQLite database, but not one xjtrack built (it would lose its tables)"


def require_ours(path: Path) -> None:
    """Raise unless path is missing or an xjtrack database, so writing there loses nothing."""
    why = refusal(path)
    if why is not None:
        raise XjtrackError(f"refusing to write the database at {path}: {why}")


def temp_prefix(db_path: Path) -> str:
    return f".{db_path.name}.tmp-"


def create_temp(db_path: Path) -> tuple[Path, int]:
    """A new temporary file beside db_path, locked for as long as this process holds fd.

    The name carries the host, the process and a random part, so builds in two containers
    sharing one volume never collide; the lock tells a later build that the file is alive.
    """
    host = "".join(ch for ch in socket.gethostname() if ch.isalnum() or ch in "-_")[:40] or "host"
    for _ in range(100):
        name = f"{temp_prefix(db_path)}{host}-{os.getpid()}-{os.urandom(6).hex()}"
        path = db_path.parent / name
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        except OSError as exc:
            raise XjtrackError(f"cannot write the database at {db_path}: {exc.strerror or exc} "
                               f"(in {db_path.parent})") from None
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return path, fd
    raise XjtrackError(f"cannot create a temporary file in {db_path.parent}")


def remove_dead_temps(db_path: Path) -> list[Path]:
    """Delete temporary files of builds of this database that died (kill -9): only those.

    A live build holds a lock on its file; a file whose lock can be taken has no owner.
    """
    removed = []
    prefix = temp_prefix(db_path)
    try:
        entries = list(os.scandir(db_path.parent))
    except OSError:
        return removed
    names = {entry.name for entry in entries}
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        path = Path(entry.path)
        if entry.name.endswith("-journal"):
            if entry.name[: -len("-journal")] not in names:  # its build's file is gone
                path.unlink(missing_ok=True)
                removed.append(path)
            continue
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # a build is writing it
        try:
            for leftover in (path, path.with_name(path.name + "-journal")):
                leftover.unlink(missing_ok=True)
                removed.append(leftover)
        finally:
            os.close(fd)
    return removed


def _existing(db_path: Path) -> str:
    """The database's address for a connection that reads and writes it but never creates it."""
    return f"{db_path.resolve().as_uri()}?mode=rw"


def journal(db_path: Path) -> Path:
    """Where SQLite keeps the old pages of a transaction on db_path until it commits."""
    return db_path.with_name(db_path.name + "-journal")


@contextmanager
def writing(db_path: Path) -> Iterator[None]:
    """Hold a lock on the database file (when there is one) while it is written, so that an
    update in place and a build's rename never overlap; a second writer waits its turn."""
    try:
        fd = os.open(db_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def recover(db_path: Path, locked: bool = False) -> bool:
    """Roll back an update that was stopped before it committed, from its journal, so that the
    database reads as it was before that update (a read-only connection cannot do this, and
    would fail). Only a regular-file journal beside one of xjtrack's databases is played back;
    True when one was. locked: the caller holds writing(db_path) already."""
    try:
        info = os.lstat(journal(db_path))
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0 or refusal(db_path) is not None:
        return False
    try:
        with nullcontext() if locked else writing(db_path):
            conn = sqlite3.connect(_existing(db_path), uri=True, timeout=BUSY_SECONDS)
            try:
                conn.execute("select count(*) from sqlite_master").fetchone()  # SQLite plays the journal back
            finally:
                conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise XjtrackError(f"the database {db_path} was left midway by an update that was stopped, and "
                           f"cannot be rolled back ({getattr(exc, 'strerror', None) or exc}); rebuild it "
                           "with xjtrack build --full") from None
    return True


def in_place(db_path: Path, change):
    """Change the database where it is, in one transaction, and return what change returns.

    change gets a connection inside the transaction. Where it returns None or raises, or the
    process is stopped, nothing it wrote is kept: the database is as it was. Nothing is copied:
    the journal holds only the pages the change overwrites."""
    require_ours(db_path)
    try:
        with writing(db_path):
            conn = sqlite3.connect(_existing(db_path), uri=True, isolation_level=None, timeout=BUSY_SECONDS)
            try:
                conn.execute("pragma journal_mode = delete")
                conn.execute("pragma synchronous = full")  # the journal is on disk before a page is overwritten
                conn.execute("pragma cache_size = -65536")
                conn.execute("begin immediate")
                try:
                    done = change(conn)
                except BaseException:
                    conn.execute("rollback")
                    raise
                conn.execute("commit" if done is not None else "rollback")
                return done
            finally:
                conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise XjtrackError(f"cannot write the database at {db_path}: "
                           f"{getattr(exc, 'strerror', None) or exc}") from None


def replace_atomically(db_path: Path, fill):
    """Write a new database beside db_path and rename it over db_path when complete.

    fill gets a connection to the new, empty file and returns what the caller wants back;
    where it returns None, or fails, or the process is stopped, db_path is left as it was and
    the temporary file is removed.
    """
    require_ours(db_path)
    remove_dead_temps(db_path)
    tmp, lock = create_temp(db_path)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("pragma journal_mode = off")
            conn.execute("pragma synchronous = off")
            conn.execute("pragma cache_size = -65536")  # 64 MiB: keyed inserts at scale stay in memory
            done = fill(conn)
        finally:
            conn.close()
        if done is None:
            _discard(tmp)
            return None
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        with writing(db_path):
            recover(db_path, locked=True)  # a journal left beside the old file must not be played into the new one
            require_ours(db_path)  # nothing else appeared at the path meanwhile
            os.replace(tmp, db_path)
        return done
    except (sqlite3.Error, OSError) as exc:
        _discard(tmp)
        raise XjtrackError(f"cannot write the database at {db_path}: "
                           f"{getattr(exc, 'strerror', None) or exc}") from None
    except BaseException:
        _discard(tmp)
        raise
    finally:
        os.close(lock)


def _discard(tmp: Path) -> None:
    tmp.unlink(missing_ok=True)
    tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
