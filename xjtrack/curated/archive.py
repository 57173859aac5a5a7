"""The archived texts of the sources, read when a check first needs one and only a few held.

A national corpus archives tens of thousands of documents: holding every text (and its index
for finding quotes) at once would take gigabytes. The build reads each text once to record its
digest, then again whenever a check needs it after it was let go; a text whose bytes changed
since the first reading is refused, so that a build never mixes two versions of a document.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path

from xjtrack.curated.files import FileRefused, read
from xjtrack.curated.quotes import SourceText
from xjtrack.errors import XjtrackError

KEPT = 16  # texts held at once: the sources one data file quotes, in the order they are read


class Archive:
    """source id -> its SourceText, for the checks; texts is the same as plain text."""

    def __init__(self, root: Path, kept: int | None = None):
        self.root = root
        self.kept = KEPT if kept is None else kept
        self._files: dict[str, tuple[str, str]] = {}  # source id -> (file, sha256 of its bytes)
        self._held: OrderedDict[str, SourceText] = OrderedDict()
        self.texts = Texts(self)

    def add(self, ident: str, file: str, sha256: str) -> None:
        """A source's text, by the digest of its bytes as first read (what the build records). It
        is read and indexed for quotes when one first needs it: many sources are registered long
        before (or without) any quote of theirs being checked."""
        self._files[ident] = (file, sha256)

    def __contains__(self, ident: object) -> bool:
        return ident in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def get(self, ident: str, default=None) -> SourceText | None:
        if ident not in self._files:
            return default
        held = self._held.get(ident)
        if held is not None:
            self._held.move_to_end(ident)
            return held
        return self._hold(ident, SourceText(self.text(ident)))

    def __getitem__(self, ident: str) -> SourceText:
        if ident not in self._files:
            raise KeyError(ident)
        return self.get(ident)

    def text(self, ident: str) -> str:
        """The source's text, read again if it was let go; the same bytes as first read."""
        held = self._held.get(ident)
        if held is not None:
            return held.text
        file, sha256 = self._files[ident]
        try:
            found = read(self.root / file)
        except FileRefused:
            found = None
        if found is None or found.sha256 != sha256:
            raise XjtrackError(f"{file} changed while xjtrack was reading it; run the command again")
        return found.text

    def _hold(self, ident: str, text: SourceText) -> SourceText:
        self._held[ident] = text
        while len(self._held) > self.kept:
            self._held.popitem(last=False)
        return text


class Texts(Mapping):
    """source id -> its archived text, read when asked (Corpus.texts)."""

    def __init__(self, archive: Archive):
        self._archive = archive

    def __getitem__(self, ident: str) -> str:
        if ident not in self._archive:
            raise KeyError(ident)
        return self._archive.text(ident)

    def __contains__(self, ident: object) -> bool:
        return ident in self._archive

    def __iter__(self) -> Iterator[str]:
        return iter(self._archive)

    def __len__(self) -> int:
        return len(self._archive)
