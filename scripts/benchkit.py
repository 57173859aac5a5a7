"""The parts of scripts/bench_scale.py that do not depend on xjtrack: running one command as a
child process with its wall time, its peak memory and a time limit; pairing a command with its
peers run by run; the median of the ratios; judging a goal; markdown tables.

A command that fails or runs out of time is a result like any other (its message goes in the
table), never an exception.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MB = 1_000_000  # peak memory is printed and judged in MB (10^6 bytes); the goal of 1 GB is 1,000 MB


@dataclass(frozen=True)
class Run:
    """One run of one command: seconds, peak MB and CPU seconds, or why there are none."""
    seconds: float | None = None
    peak_mb: float | None = None
    error: str | None = None
    cpu_seconds: float | None = None  # user + system, of the command and every process it waited for


@dataclass
class Command:
    """A command line, the folder it runs in, what to do before each run (untimed), and whether the
    program times itself: then the last line of its output is its own seconds (the floors time
    their parsing and inserts, not their start-up or the reading of the rows they insert)."""
    args: list[str] | Callable[[], list[str]]  # a function when the arguments are known only at the run
    cwd: Path
    before: Callable[[], None] | None = None
    own_time: bool = False


def plain(text: str, limit: int = 160) -> str:
    """A message from a child process, on one line, with no control characters and no table
    separators, cut to limit characters."""
    line = "".join(c if c.isprintable() else " " for c in text).replace("|", "/")
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def last_line(data: bytes) -> str:
    lines = [x for x in data.decode("utf-8", "replace").splitlines() if x.strip()]
    return lines[-1] if lines else ""


# The launcher: a small process that starts the command and reports, on the file descriptor it
# is given, the command's wall time, its peak (ru_maxrss, KiB on Linux), its exit code, the peak of
# its process tree and its CPU seconds. A command forked from this script would count the script's
# memory in its peak (a child's ru_maxrss keeps the largest set of the memory it was forked from),
# so the launcher's own few MB, not this script's, are the least peak a command can show.
# ru_maxrss is the largest of the command's processes, not their sum: where /proc can be read
# (Linux), the launcher also looks every half second at each process in the command's tree (the
# command, its children, theirs...) and adds up what the tree holds at that moment: each
# process's anonymous memory as its proportional share (Pss_Anon: a page a worker still shares
# with the process it was forked from counts once between them, not in each), and the file pages
# (the program and its libraries) of the process that maps most of them, once. The command's
# peak is the largest of these sums, or ru_maxrss where that is larger (a growth between two
# looks is missed in the sum, never in ru_maxrss). A look costs about 4 ms for a process of 300
# MB: every 50 ms, it took a tenth of a core from the command. Adding each process's own peak
# (VmHWM) instead would count every page shared since the fork once per process, and peaks
# reached at different times as if at once. The CPU seconds are the wait4 ones: the command's and
# those of every child it waited for. The reading of /proc is a thread of its own: the launcher
# waits for the command and takes its time as it ends.
LAUNCH = """
import os, sys, time
report, args = int(sys.argv[1]), sys.argv[2:]
started = time.perf_counter()
try:
    pid = os.posix_spawnp(args[0], args, os.environ)
except OSError as exc:
    os.write(2, f"could not start {args[0]}: {exc}\\n".encode()); os._exit(127)
held = 0  # KiB: the largest the tree held at one look
def read(path):
    with open(path, "rb") as f:
        return f.read()
def held_by(at):  # (Pss_Anon, Rss - Anonymous) of one process, in KiB
    fields = dict(line.split()[:2] for line in read(f"/proc/{at}/smaps_rollup").splitlines()[1:])
    return int(fields[b"Pss_Anon:"]), int(fields[b"Rss:"]) - int(fields[b"Anonymous:"])
def sample(top):
    global held
    todo, anon, files = [top], 0, 0
    while todo:
        at = todo.pop()
        try:
            own, mapped = held_by(at)
            anon, files = anon + own, max(files, mapped)
            for task in os.listdir(f"/proc/{at}/task"):
                todo += [int(c) for c in read(f"/proc/{at}/task/{task}/children").split()]
        except (OSError, ValueError, KeyError):
            pass
    held = max(held, anon + files)
import threading
ended = threading.Event()
def watch():
    while not ended.wait(0.5):
        sample(pid)
watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
sample(pid)
_, status, usage = os.wait4(pid, 0)  # the time is taken when the command ends, not at the next look at /proc
took = time.perf_counter() - started
ended.set()
watcher.join()
tree = max(usage.ru_maxrss, held)
cpu = usage.ru_utime + usage.ru_stime
os.write(report, f"{took} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {tree} {cpu}\\n".encode())
"""


def run(command: Command, timeout: float) -> Run:
    """Run the command once, output to /dev/null unless it times itself, through the launcher,
    in a session of its own (so that a time limit stops all of it)."""
    try:
        if command.before:
            command.before()
        args = command.args() if callable(command.args) else command.args
    except Exception as exc:  # noqa: BLE001 (whatever stops a run is printed in its place)
        return Run(error=plain(f"could not prepare the run: {exc}"))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as said:
        try:
            child = subprocess.Popen([sys.executable, "-S", "-E", "-c", LAUNCH, str(said.fileno()), *args],
                                     cwd=command.cwd, stdin=subprocess.DEVNULL, pass_fds=(said.fileno(),),
                                     stdout=out if command.own_time else subprocess.DEVNULL, stderr=err,
                                     start_new_session=True)
        except OSError as exc:
            return Run(error=plain(f"could not start {args[0]}: {exc}"))
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(child.pid, signal.SIGKILL)  # the launcher's own process group, made for it
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            child.wait()
        except BaseException:  # interrupted (Ctrl-C reaches only this process): stop the command too
            kill()
            child.wait()
            raise
        finally:
            timer.cancel()
        said.seek(0)
        report = said.read().split()
        if killed.is_set():
            return Run(error=f"timed out after {timeout:g} s")
        if len(report) != 5:
            err.seek(0)
            return Run(error=plain(last_line(err.read()) or f"the launcher stopped (exit {child.returncode})"))
        took, code = float(report[0]), int(report[2])
        peak, cpu = int(report[3]) * 1024 / MB, float(report[4])  # the tree's peak
        if code != 0:
            err.seek(0)
            why = last_line(err.read()) or "no message"
            return Run(peak_mb=peak, error=plain(f"exit {code}: {why}"))
        if command.own_time:
            out.seek(0)
            try:
                took = float(last_line(out.read()))
            except ValueError:
                return Run(peak_mb=peak, error="printed no time")
        return Run(seconds=took, peak_mb=peak, cpu_seconds=cpu)


@dataclass
class Paired:
    """Every run of a command and of each of its peers, run beside it."""
    main: list[Run] = field(default_factory=list)
    peers: dict[str, list[Run]] = field(default_factory=dict)

    def error(self, name: str | None = None) -> str | None:
        runs = self.main if name is None else self.peers.get(name, [])
        return next((r.error for r in runs if r.error), None)

    def seconds(self, name: str | None = None) -> float | None:
        runs = self.main if name is None else self.peers.get(name, [])
        times = [r.seconds for r in runs if r.seconds is not None]
        return statistics.median(times) if times else None

    def cpu_seconds(self, name: str | None = None) -> float | None:
        runs = self.main if name is None else self.peers.get(name, [])
        times = [r.cpu_seconds for r in runs if r.cpu_seconds is not None]
        return statistics.median(times) if times else None

    def peak_mb(self, name: str | None = None) -> float | None:
        runs = self.main if name is None else self.peers.get(name, [])
        peaks = [r.peak_mb for r in runs if r.peak_mb is not None]
        return max(peaks) if peaks else None

    def ratio(self, name: str) -> float | None:
        """The median, over the runs, of the command's time over the peer's in the same run."""
        return median_ratio([r.seconds for r in self.main], [r.seconds for r in self.peers.get(name, [])])


def median_ratio(mains: Sequence[float | None], peers: Sequence[float | None]) -> float | None:
    """The median of the run-by-run ratios main/peer; a run where either has no time counts for
    nothing. None when no run has both."""
    ratios = [m / p for m, p in zip(mains, peers, strict=False) if m is not None and p]
    return statistics.median(ratios) if ratios else None


def pair(main: Command, peers: dict[str, Command], turn: int, timeout: float, into: Paired) -> None:
    """One run of the command and each peer, the command first on even turns and last on odd
    ones, so that neither side always runs on a cache the other warmed. When the command fails,
    its peers are not run (their ratio would mean nothing)."""
    order: list[str | None] = [None, *peers]
    if turn % 2:
        order.reverse()
    got: dict[str | None, Run] = {}
    for name in order:
        if name is not None and None in got and got[None].error:
            got[name] = Run(error="not run: the command failed")
            continue
        got[name] = run(main if name is None else peers[name], timeout)
    into.main.append(got[None])
    for name in peers:
        into.peers.setdefault(name, []).append(got[name])


@dataclass(frozen=True)
class Goal:
    """A goal as a bound on a value per size: a ratio to a peer (peer given), else the command's
    seconds or its peak MB (what). Sizes the goal speaks of are judged; the others are printed in
    parentheses. A goal with no limit is printed only."""
    label: str
    measure: str
    peer: str | None = None
    what: str = "ratio"  # ratio | seconds | peak
    limit: float | None = None
    at: tuple[int, ...] = ()


def cell(value: float | None, what: str) -> str:
    if value is None:
        return "—"
    if what == "ratio":
        return f"{value:.2f}×"
    if what == "peak":
        return f"{value:,.0f} MB"
    return f"{value:.2f} s"


def judge(goal: Goal, values: dict[int, float | None]) -> tuple[dict[int, str], str]:
    """Each size's cell, and the verdict: missed when any size the goal speaks of is over the
    limit, else met at those measured (naming those not measured), else not measured."""
    cells, verdicts = {}, []
    for n, value in values.items():
        text = cell(value, goal.what)
        if goal.limit is None or n not in goal.at:
            cells[n] = f"({text})" if value is not None and goal.limit is not None else text
            continue
        if value is None:
            cells[n] = text
        else:
            verdicts.append(value <= goal.limit)
            cells[n] = f"{text} {'met' if value <= goal.limit else 'MISSED'}"
    if goal.limit is None:
        return cells, "(printed beside)"
    if False in verdicts:
        return cells, "**missed**"
    unmeasured = [n for n in goal.at if values.get(n) is None]
    if len(unmeasured) == len(goal.at):
        return cells, "not measured"
    if unmeasured:
        return cells, "met; not measured at " + ", ".join(f"{n:,}" for n in unmeasured)
    return cells, "met"


def markdown(header: list[str], rows: list[list[str]], last_left: bool = False) -> str:
    """A markdown table: the first column (and the last, if last_left) to the left, the figures to the right."""
    align = ["---", *(["---:"] * (len(header) - 1))]
    if last_left:
        align[-1] = "---"
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)
