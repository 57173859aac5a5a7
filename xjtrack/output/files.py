"""Writing files atomically: a temporary file beside the target, synced, then renamed over it.

A full disk, a kill or an error while writing leaves the old file as it was and no half-written
or empty file behind. Every failure is an XjtrackError that says what is wrong with the path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from xjtrack.errors import XjtrackError


def check_destination(path: Path) -> None:
    """Raise unless a file can be written at path: its folder exists and it is not a folder."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise XjtrackError(f"cannot write {path}: it is a folder; give a file name")
    if not parent.exists():
        raise XjtrackError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise XjtrackError(f"cannot write {path}: {parent} is a file, not a folder")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces path, on failure it is removed."""
    check_destination(path)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    except OSError as exc:
        raise XjtrackError(f"cannot write {path}: {exc.strerror}") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, os.stat(path).st_mode & 0o7777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise XjtrackError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    with replacing(path) as temp:
        temp.write_text(text, encoding="utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    with replacing(path) as temp:
        temp.write_bytes(data)


def make_folder(folder: Path) -> None:
    """Create folder (and its parents) or raise a clear error: a file in the way, no permission."""
    if folder.exists() and not folder.is_dir():
        raise XjtrackError(f"cannot write into {folder}: it is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise XjtrackError(f"cannot create the folder {folder}: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
