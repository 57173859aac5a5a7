"""Writing files safely: in their place, and atomically.

Every write xjtrack makes is first checked by `check_place`: no symbolic link inside the
repository may carry it elsewhere (out of the repository, or into the curated data), and only
add-source writes into the curated data at all. The file is then written to a temporary file
beside the target, synced, and renamed over it: a full disk, a kill or an error while writing
leaves the old file as it was and no half-written or empty file behind. Every failure is an
XjtrackError that says what is wrong with the path.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from xjtrack.errors import XjtrackError

CURATED = ("data", "sources")  # beside targets.yaml: the curated records and the archived texts


def curated_places(targets: Path) -> tuple[Path, ...]:
    """What the curator owns: targets.yaml, data/ and sources/ beside it."""
    return (targets, *(targets.parent / name for name in CURATED))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def check_place(path: Path, targets: Path, curated: bool = False) -> Path:
    """Raise unless writing path stays in its place; return path.

    Each folder between the repository (the folder of targets) and path, and path itself, may
    be a symbolic link only when it leads to somewhere inside the repository and outside the
    curated data. A write that lands in the curated data (through a link or not) is refused
    too, unless curated is set (add-source, whose job is to write there).
    """
    try:
        root = Path(os.path.abspath(targets.parent if str(targets.parent) else "."))
        real_root = Path(os.path.realpath(root))
        owned = [Path(os.path.realpath(p)) for p in curated_places(targets)]
        absolute = Path(os.path.abspath(path))
        steps = absolute.relative_to(root).parts if absolute.is_relative_to(root) else ()
        current = root
        for part in steps:
            current = current / part
            if not os.path.islink(current):
                continue
            real = Path(os.path.realpath(current))
            link = current.relative_to(root)
            if not real.is_relative_to(real_root):
                raise XjtrackError(f"refusing to write {path}: {link} is a symbolic link to {real}, outside "
                                   "the repository; remove the link (xjtrack never writes through one)")
            if not curated and any(_within(real, c) for c in owned):
                raise XjtrackError(f"refusing to write {path}: {link} is a symbolic link into the curated "
                                   f"data ({real.relative_to(real_root)}); remove the link")
        if os.path.islink(absolute) and not steps:
            raise XjtrackError(f"refusing to write {path}: it is a symbolic link; give the path of a file")
        real = Path(os.path.realpath(absolute))
    except ValueError:
        raise XjtrackError(f"cannot write {path!r}: a path cannot hold a NUL character") from None
    except OSError as exc:
        raise XjtrackError(f"cannot write {path}: {exc.strerror or exc}") from None
    if not curated and any(_within(real, c) for c in owned):
        raise XjtrackError(f"refusing to write {path}: it lies in the curated data (targets.yaml, data/, "
                           "sources/), which only curators and add-source change; write it elsewhere")
    return path


def check_destination(path: Path, folder_checked: bool = False) -> None:
    """Raise unless a file can be written at path: its folder exists, and it is a file or
    nothing (xjtrack writes by replacing: a device or a pipe there would be replaced by a file).
    folder_checked: the folder was found to be one already (a batch's earlier file in it)."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise XjtrackError(f"cannot write {path}: it is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise XjtrackError(f"cannot write {path}: it is not a regular file (a device, a pipe or a socket), "
                           "and xjtrack replaces the file it writes; give a file name, or leave out -o "
                           "to write to standard output")
    if folder_checked:
        return
    if not parent.exists():
        raise XjtrackError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise XjtrackError(f"cannot write {path}: {parent} is a file, not a folder")


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_dead_temps(path: Path) -> None:
    """Delete the temporary files that writes of path killed midway (kill -9) left beside it.

    A live write holds a lock on its temporary file; one whose lock can be taken has no owner."""
    prefix = re.escape(_temp_prefix(path))
    _remove_dead(path.parent, re.compile(rf"{prefix}[A-Za-z0-9_]{{8}}{re.escape(path.suffix)}"))


def remove_dead_temps_in(folder: Path, suffix: str) -> None:
    """remove_dead_temps for every file of folder whose name ends in suffix, in one look at the
    folder: for a command that writes many files there, which a look per file would make grow
    with the square of their number."""
    end = re.escape(suffix)
    _remove_dead(folder, re.compile(rf"\..+{end}\.[A-Za-z0-9_]{{8}}{end}"))


def _remove_dead(folder: Path, temp_name: re.Pattern) -> None:
    try:
        entries = [e for e in os.scandir(folder) if temp_name.fullmatch(e.name)]
    except OSError:
        return
    for entry in entries:
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
        except OSError:
            pass  # being written, or already gone
        finally:
            os.close(fd)


def _locked_temp(path: Path, sweep: bool, folder_checked: bool = False) -> tuple[int, Path]:
    """A new temporary file beside path, locked while it is written, so that a later write of
    path can tell one left by a killed process (and removes it) from one being written now."""
    check_destination(path, folder_checked)
    if sweep:
        remove_dead_temps(path)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=path.suffix)
    except OSError as exc:
        raise XjtrackError(f"cannot write {path}: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        Path(name).unlink(missing_ok=True)
        raise XjtrackError(f"cannot write {path}: {exc.strerror}") from None
    return fd, Path(name)


def _put_in_place(temp: Path, path: Path) -> None:
    """Rename the written temporary file over path, with path's permissions (or the umask's)."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except (FileNotFoundError, NotADirectoryError):
        mode = 0o666 & ~_umask()
    os.chmod(temp, mode)
    os.replace(temp, path)


@contextmanager
def replacing(path: Path, sweep: bool = True) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces path, on failure it is removed.

    sweep=False: the caller has removed the temporary files killed writes left in the whole
    folder already (remove_dead_temps_in)."""
    fd, temp = _locked_temp(path, sweep)
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        _put_in_place(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise XjtrackError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


class Batch:
    """Many files written as replacing() writes one, but synced together: each is written to a
    locked temporary file beside it as it comes, and every `every` files (and at the end) one sync
    of the disk serves them all before each is renamed over its path. A failure removes the
    temporary files not yet renamed; those renamed are whole. For a command that writes hundreds
    of files, where a sync per file would wait on the disk hundreds of times."""

    def __init__(self, every: int = 500) -> None:
        self.every = every
        self._pending: list[tuple[int, Path, Path]] = []  # (the lock's descriptor, temporary, path)
        self._folders: set[Path] = set()  # the folders a file was written in (each checked once)

    def write(self, path: Path, pieces, sweep: bool = True) -> None:
        """Write the text made of pieces (strings, in turn) to path, as part of the batch."""
        fd, temp = _locked_temp(path, sweep, path.parent in self._folders)
        self._folders.add(path.parent)
        self._pending.append((fd, temp, path))
        try:
            with open(fd, "w", encoding="utf-8", closefd=False) as handle:  # the locked file, not opened again
                for piece in pieces:
                    handle.write(piece)
        except OSError as exc:
            raise XjtrackError(f"cannot write {path}: {exc.strerror or exc}") from None
        if len(self._pending) >= self.every:
            self.commit()

    def commit(self) -> None:
        """Sync once, then put every file written since the last commit in its place."""
        if not self._pending:
            return
        os.sync()
        while self._pending:
            fd, temp, path = self._pending[0]
            try:
                _put_in_place(temp, path)
            except OSError as exc:
                temp.unlink(missing_ok=True)
                raise XjtrackError(f"cannot write {path}: {exc.strerror or exc}") from None
            finally:
                del self._pending[0]
                os.close(fd)

    def abandon(self) -> None:
        for fd, temp, _ in self._pending:
            temp.unlink(missing_ok=True)
            os.close(fd)
        self._pending = []

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            try:
                self.commit()
            finally:
                self.abandon()
        else:
            self.abandon()


def write_text(path: Path, text: str, sweep: bool = True) -> None:
    with replacing(path, sweep) as temp:
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
