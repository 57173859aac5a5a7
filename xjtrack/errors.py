"""Errors that reach users as messages, not tracebacks."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class XjtrackError(Exception):
    """An expected failure: bad data, a missing file, a refused query. Exit code 1."""


class UsageError(XjtrackError):
    """The command line asks for something that is not there or cannot be read. Exit code 2."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the curated data, located in its file."""

    file: str
    line: int
    col: int
    code: str
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        return f"{self.file}:{self.line}:{self.col}: {self.code}: {self.message}{where}"


class DataError(XjtrackError):
    """The curated data has problems; each one is a located Problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col, p.code))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the curated data")
