"""Reading the curated and archived files safely: inside the repository, regular files, UTF-8.

Every file xjtrack reads from the data is read once, here, and the sha256 of the bytes it
parsed is kept: the database's fingerprint is made of those digests, so an edit made while a
build runs is never recorded as built.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

MAX_FILE_BYTES = 8 * 1024 * 1024  # a data file or archived text (the largest shipped: 0.25 MB)
LONE_CR = re.compile(r"\r(?!\n)")


class FileRefused(Exception):
    """A path the data names that xjtrack will not read; the message says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code

    def __reduce__(self):  # sent between processes as it was raised (store.parallel.mapped)
        return FileRefused, (self.code, str(self))


@dataclass(frozen=True)
class Read:
    text: str
    sha256: str
    size: int
    mtime_ns: int  # as the file stood when these bytes were read
    ctime_ns: int = 0  # set by the system on every change: touch -d, cp -p and tar x cannot keep it
    inode: int = 0

    def stamp(self, role: str) -> dict:
        """What the build records of the file: its bytes' digest, its stat, and what it holds
        (data, registry or an archived source text; an update takes only data)."""
        return {"sha256": self.sha256, "size": self.size, "mtime_ns": self.mtime_ns,
                "ctime_ns": self.ctime_ns, "inode": self.inode, "role": role}


def display_name(path: Path, root: Path) -> str:
    """A data file's name as messages and the build record show it: relative to the repository."""
    path = os.path.abspath(path)  # links not followed: a linked file is named where it lies
    for base in (os.path.abspath(root), os.path.realpath(root)):  # the repository as given, or as it is
        relative = os.path.relpath(path, base)
        if not relative.startswith(".."):
            return relative
    return path


def inside(root: Path, relative: str) -> Path:
    """root/relative, when it is a relative path that stays inside root; else FileRefused."""
    if "\0" in relative:
        raise FileRefused("bad-path", f"{relative!r} holds a NUL character, which no file name can hold")
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts:
        raise FileRefused("bad-path", f"{relative!r} must be a path inside the repository, "
                          "relative to it, such as sources/xj-gwr-2021.txt")
    full = root / rel
    real = Path(os.path.realpath(full))
    if not real.is_relative_to(Path(os.path.realpath(root))):
        raise FileRefused("bad-path", f"{relative!r} leads outside the repository through a "
                          "symbolic link; keep the file itself inside the repository")
    return full


def read(path: Path) -> Read:
    """The file's text and the digest of its bytes; FileRefused for anything but UTF-8 text."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileRefused("missing-file", f"{path} not found") from None
    except OSError as exc:
        raise FileRefused("unreadable", f"{path} cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise FileRefused("bad-path", f"{path} is {kind}; xjtrack reads only regular files")
    if info.st_size > MAX_FILE_BYTES:
        raise FileRefused("too-large", f"{path} holds {info.st_size:,} bytes; xjtrack reads files of up to "
                          f"{MAX_FILE_BYTES:,} bytes: split it into several files under data/")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            opened = os.fstat(handle.fileno())
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileRefused("unreadable", f"{path} cannot be read ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused("too-large", f"{path} grew past {MAX_FILE_BYTES:,} bytes while it was read; "
                          "xjtrack reads files of up to that size")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileRefused("not-utf8", f"{path} is not UTF-8 text (byte {exc.start}: "
                          f"{exc.reason}); convert it to UTF-8") from None
    lone = LONE_CR.search(text) if "\r" in text else None
    if lone is not None:
        line = text.count("\n", 0, lone.start()) + 1
        raise FileRefused("bad-line-end", f"{path} ends line {line} with a lone carriage return (CR), as old Mac "
                          "files do: lines would be counted one way here and another elsewhere; convert its "
                          "line ends to LF")
    return Read(text, hashlib.sha256(data).hexdigest(), opened.st_size, opened.st_mtime_ns,
                opened.st_ctime_ns, opened.st_ino)


def stamped(path: Path) -> Read | FileRefused:
    """read(path) without its text, or the refusal: what is recorded of an archived text before
    any quote of it is checked (small enough to send between processes)."""
    try:
        return replace(read(path), text="")
    except FileRefused as exc:
        return exc


def digest(path: Path) -> str:
    """The sha256 of a file's bytes now, or a marker when it cannot be read; read a block at a
    time, so that a name recorded in a hostile database cannot make xjtrack hold a huge file."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return "<not a regular file>"
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return "<missing>"


def data_files(targets: Path) -> list[Path]:
    """targets.yaml first, then every *.yaml (and, to be refused by name, *.yml) under data/."""
    found = [p for pattern in ("*.yaml", "*.yml") for p in (targets.parent / "data").rglob(pattern)]
    return [targets, *sorted(p for p in found if not p.name.startswith("."))]
