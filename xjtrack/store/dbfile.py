"""What xjtrack may write at a database path, and the temporary files a build leaves behind.

xjtrack writes only to a missing path or to a regular file that is recognisably its own
database: an SQLite file whose header carries xjtrack's application id (or, for files built
before the id was set, a `meta` table naming an xjtrack version). Anything else (a text file,
another application's database, a symlink, a folder, a device) is refused with the reason.
"""

from __future__ import annotations

import fcntl
import os
import socket
import sqlite3
import stat
from pathlib import Path

from xjtrack.errors import XjtrackError

APPLICATION_ID = 0x786A7472  # "xjtr", stored in the SQLite header at offset 68
SQLITE_MAGIC = b"SQLite format 3\x00"


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


def replace_atomically(db_path: Path, fill, copy_of_current: bool = False):
    """Write a new database beside db_path and rename it over db_path when complete.

    fill gets a connection to the new file (empty, or a copy of the current database) and
    returns what the caller wants back; where it returns None, or fails, or the process is
    stopped, db_path is left as it was and the temporary file is removed.
    """
    import shutil
    import sqlite3

    require_ours(db_path)
    remove_dead_temps(db_path)
    tmp, lock = create_temp(db_path)
    try:
        if copy_of_current:
            shutil.copyfile(db_path, tmp)
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
