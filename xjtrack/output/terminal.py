"""The terminal: consoles for stdout (data) and stderr (talk), pipes, and slow-work progress."""

from __future__ import annotations

import os
import sys


def stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def reader_left() -> None:
    """`xjtrack status | head`: the reader left early. That is not an error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(0)


def say(message: str) -> None:
    """Talk on stderr: one line per message (a terminal wraps it, a log keeps it whole)."""
    from xjtrack.safe import terminal

    sys.stderr.write(terminal(message) + "\n")
    sys.stderr.flush()


class SlowProgress:
    """A progress bar on stderr that appears only once work has taken longer than a second."""

    def __init__(self, label: str, after: float = 1.0):
        import time

        self.label, self.after, self.clock = label, after, time.monotonic
        self.started, self.bar, self.task = self.clock(), None, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if self.clock() - self.started < self.after or not sys.stderr.isatty():
                return
            from rich.progress import Progress

            self.bar = Progress(console=stderr(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.bar.stop()


def _inert_on_a_terminal():
    """terminal() where stdout is a terminal (data cannot move its cursor or retitle it); the
    identity where it is a file or a pipe, which get the data as it is."""
    from xjtrack.safe import terminal

    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        tty = False
    return terminal if tty else (lambda text: text)


def write(text: str) -> None:
    sys.stdout.write(_inert_on_a_terminal()(text if text.endswith("\n") or not text else text + "\n"))


def write_pieces(pieces) -> None:
    """A text written in the pieces it comes in, as they come (each made inert on a terminal)."""
    inert = _inert_on_a_terminal()
    for piece in pieces:
        sys.stdout.write(inert(piece))


def write_bytes(data: bytes) -> None:
    """Binary data (a PNG) to stdout."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write_lines(lines) -> None:
    """Data written line by line as it is produced: a large result needs no more memory."""
    inert = _inert_on_a_terminal()
    for line in lines:
        sys.stdout.write(inert(line) + "\n")
