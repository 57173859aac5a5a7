"""Writing several files as one change: every file, or none of them.

Each file's new bytes go to a temporary file beside it, synced to disk, before any file is
touched. Then a new file is linked into place (which fails, rather than overwrites, if the name
has been taken meanwhile) and an existing one is renamed over, but only while it still holds the
bytes the change was made from. If any step fails, what was already put in place is put back.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from xjtrack.errors import XjtrackError


@dataclass(frozen=True)
class Change:
    path: Path
    data: bytes
    was: bytes | None  # the bytes the change was made from; None for a file that must not exist yet


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _staged(change: Change) -> Path:
    fd, name = tempfile.mkstemp(dir=change.path.parent, prefix=f".{change.path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(change.data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = os.stat(change.path).st_mode & 0o7777 if change.was is not None else 0o666 & ~_umask()
        os.chmod(name, mode)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _put(change: Change, staged: Path) -> None:
    if change.was is None:
        os.link(staged, change.path)  # refuses to replace a file that appeared meanwhile
        staged.unlink()
    else:
        os.replace(staged, change.path)


def _undo(change: Change) -> None:
    if change.was is None:
        change.path.unlink(missing_ok=True)
    else:
        back = _staged(Change(change.path, change.was, change.was))
        os.replace(back, change.path)


def write_together(changes: list[Change]) -> None:
    """Put every change in place, or (on any failure) none: XjtrackError says which file failed."""
    staged: dict[Path, Path] = {}
    done: list[Change] = []
    current = None
    try:
        for change in changes:
            current = change
            staged[change.path] = _staged(change)
        for change in changes:
            current = change
            if _current(change.path) != change.was:
                raise XjtrackError(f"{change.path} changed while add-source was running; nothing was written, "
                                   "run it again")
            _put(change, staged[change.path])
            del staged[change.path]
            done.append(change)
    except OSError as exc:
        _roll_back(done)
        raise XjtrackError(f"cannot write {current.path if current else 'the files'}: {exc.strerror or exc}; "
                           "nothing was written") from None
    except BaseException:
        _roll_back(done)
        raise
    finally:
        for path in staged.values():
            path.unlink(missing_ok=True)


def _roll_back(done: list[Change]) -> None:
    for change in reversed(done):
        try:
            _undo(change)
        except OSError as exc:
            raise XjtrackError(f"writing failed and {change.path} could not be put back ({exc.strerror}); "
                               "restore it from version control") from None
