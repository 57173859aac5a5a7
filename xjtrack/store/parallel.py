"""A corpus read in parts (curated.parts) built on every core: worker processes read, check and
judge the parts and make their rows (store.build.part_rows), and the main process writes them in
the parts' order, so the database is the one a build in one process writes, row for row.

The workers are forked once the registries are read, so each starts with them and is sent only a
part's number; it sends back the part's rows, the files it read and its counts. A part that must
be read whole (curated.parts.Whole) or an error in a worker reaches the main process as the same
exception a build in one process raises there (one that cannot be sent between processes, as a
RuntimeError naming it: a bug either way), with no traceback from the worker. Ctrl-C is the main
process's to handle (the workers ignore it): it stops the workers, and the old database stays in
place; a worker whose main process was killed ends by itself. Only a few parts' rows wait to be
written at any time, so memory does not grow with the corpus.

`build` starts a worker a core by default on Linux (at most MAX_WORKERS; `--jobs 1` builds in
one process). On other platforms that can fork, such as macOS, where Python does not fork by
default, workers start only when a number is asked for. Each worker holds its own copy of what
it reads and caches (about 145 MB at 10^6 targets), so the memory of a build grows with the
number of workers, and on cores already busy with other work they gain little. No worker is
started where the corpus is one part (the shipped one), one worker would do, or the platform
cannot fork: the parts are then built one after another in the main process (store.build).
Project.build's jobs takes the same default, so a command that builds a missing or stale
database (Project.fresh) builds as `build` does.

Before the parts are known, the data files are scanned for the ids they name and the archived
texts read for their digests (curated.parts.plan) on every core as well: `mapped` forks as many
processes as `scanners` says (none for a few files).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from xjtrack.errors import XjtrackError

MAX_WORKERS = 4  # a worker a core, up to this many: each holds its own memory
# Parts built, at most, for each worker beyond those written: enough for the workers to build on
# through the main process's longer steps; the rows waiting are held as the bytes they came in
# (0.86 MB a part at 10^5 targets), so they stay few.
AHEAD = 16
_END = object()


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers(parts: int, jobs: int) -> int:
    """How many worker processes build a corpus of `parts` parts when `jobs` are asked for (build
    --jobs, whose default is 0): 1 builds in this process alone; 0 starts one a core, at most
    MAX_WORKERS, on Linux; n starts n. 0 (build in this process) where that is fewer than two
    workers or the platform cannot fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    if not jobs and not sys.platform.startswith("linux"):  # macOS: fork is not Python's default there
        return 0
    count = min(jobs or min(cores(), MAX_WORKERS), parts)
    return count if count >= 2 else 0


SCANNED_EACH = 16  # files, at least, for each process reading them (a fork costs about a file's scan)


def scanners(files: int, jobs: int) -> int:
    """How many processes read `files` files before the parts are known (curated.parts.plan: the
    data files scanned, the archived texts' digests): as workers would build that many parts of
    SCANNED_EACH files each. 0: read them in this process."""
    return workers(files // SCANNED_EACH, jobs)


def mapped(fn: Callable, items: list, count: int) -> list:
    """fn of each item, in order: in `count` forked processes when it is 2 or more (fn and what it
    gives are sent between processes), else in this one. Ctrl-C is this process's to handle."""
    if count < 2:
        return list(map(fn, items))
    fork = multiprocessing.get_context("fork")
    with fork.Pool(count, initializer=_quiet, initargs=(os.getpid(),)) as pool:
        return pool.map(fn, items, chunksize=max(1, len(items) // (count * 8)))


@dataclass
class _Job:
    parts: object  # curated.parts.Parts, its registries read
    rows: Callable  # a part's corpus -> its rows (store.build.part_rows, judged)


_JOB: _Job | None = None  # what the workers build from: set in the main process while they run


def _quiet(parent: int) -> None:
    """A worker's start: Ctrl-C is the main process's to handle; a stop signal ends it; and it
    ends when the main process is gone (killed before it could stop its workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=orphaned, daemon=True).start()


def _made(n: int) -> tuple[str, object]:
    """In a worker: part n read, checked and judged, as ("rows", (its rows, the files it read,
    its Tally)), or ("error", the exception), curated.parts.Whole (and its kinds) where the corpus
    must be read whole."""
    from xjtrack.curated.parts import Tally

    job = _JOB
    try:
        corpus = job.parts.part(n)
        rows = list(job.rows(corpus))
        return "rows", (rows, corpus.inputs, Tally().add(corpus, checks=False))
    except Exception as exc:  # noqa: BLE001 (sent to the main process, raised there as it was)
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        return "error", exc


def _serve(conn, parent: int) -> None:
    """A worker: builds the parts it is sent (their numbers), one at a time, until it is sent None
    or the main process is gone; nothing it meets is printed (the main process says what failed)."""
    _quiet(parent)
    try:
        while (n := conn.recv()) is not None:
            made = _made(n)
            try:
                conn.send(made)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:  # rows that cannot be sent: a bug
                conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    except (EOFError, OSError):  # the main process stopped listening
        pass


class Pool:
    """Worker processes building the parts, as a context. Enter it before the database file is
    opened: the workers are forked on entering and the first parts sent to them, so they hold
    none of the file's descriptors. Each worker has a pipe of its own and one part at a time; only
    this process's one thread sends and receives (no thread of its own can hang on a worker that
    was stopped midway through sending), in made() and, while a statement runs, in poll().
    Leaving it stops any worker still at work."""

    def __init__(self, parts, rows: Callable, count: int):
        self.job = _Job(parts, rows)
        self.count = count
        self.total = len(parts.groups)
        self.sent = 0  # parts sent so far (in order)
        self.given = 0  # parts given back to the caller so far (in order)
        self.workers: list[tuple[multiprocessing.Process, object]] = []
        self.busy: dict[object, int] = {}  # a worker's pipe -> the part it is building
        self.idle: list = []
        self.made_parts: dict[int, bytes] = {}  # built, not yet given back: as sent (pickled)
        self.failed: BaseException | None = None  # what poll() met

    def __enter__(self) -> Pool:
        global _JOB
        _JOB = self.job
        fork = multiprocessing.get_context("fork")
        try:
            for _ in range(self.count):
                here, there = fork.Pipe()
                process = fork.Process(target=_serve, args=(there, os.getpid()), daemon=True)
                process.start()
                there.close()  # the worker's end: once it is gone, reading here says so
                self.workers.append((process, here))
                self.idle.append(here)
            self._send()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _send(self) -> None:
        while self.idle and self.sent < min(self.total, self.given + self.count * AHEAD):
            conn = self.idle.pop()
            conn.send(self.sent)
            self.busy[conn] = self.sent
            self.sent += 1

    def _receive(self, block: bool) -> None:
        """Take in what the workers have built (waiting for one if block)."""
        ready = wait(list(self.busy), None if block else 0)
        for conn in ready:
            try:
                self.made_parts[self.busy.pop(conn)] = conn.recv_bytes()
            except (EOFError, OSError):
                raise XjtrackError("a worker process building the database stopped unexpectedly (out of "
                                   "memory?); the database was left as it was") from None
            self.idle.append(conn)
        self._send()

    def poll(self) -> int:
        """Take in what the workers have built and send them more, without waiting. SQLite calls
        it between the steps of this process's statements (store.build), so that a worker never
        waits for a statement to end before it is sent its next part. 0: the statement goes on."""
        if self.failed is None:
            try:
                self._receive(block=False)
            except BaseException as exc:  # Ctrl-C too: raised by raise_failed(), not inside SQLite's statement
                self.failed = exc
        return 0

    def raise_failed(self) -> None:
        """Raise what poll() met (a worker gone, Ctrl-C), if anything."""
        if self.failed is not None:
            raise self.failed

    def made(self, meanwhile: Iterator = iter(())) -> Iterator[tuple[list, dict, object]]:
        """Each part's rows, the files it read and its Tally, in the parts' order; while the next
        part is not ready, steps of meanwhile are taken (other work of this process's)."""
        steps = True
        while self.given < self.total:
            self.raise_failed()
            while self.given not in self.made_parts:
                self._receive(block=False)
                if self.given in self.made_parts:
                    break
                steps = steps and next(meanwhile, _END) is not _END
                if not steps:
                    self._receive(block=True)
            kind, value = pickle.loads(self.made_parts.pop(self.given))
            self.given += 1
            if kind == "error":
                raise value
            self._send()
            yield value

    def __exit__(self, kind, *exc) -> None:
        global _JOB
        try:
            stopped = kind is not None or self.given < self.total
            for process, conn in self.workers:
                if stopped:
                    process.terminate()  # midway: stop it now
                else:
                    try:
                        conn.send(None)
                    except OSError:
                        process.terminate()
            for process, conn in self.workers:
                process.join()
                conn.close()
        finally:
            self.workers.clear()
            self.busy.clear()
            self.made_parts.clear()
            _JOB = None
