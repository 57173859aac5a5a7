"""Measure xjtrack on synthetic corpora of 10^3 to 10^6 targets: every command's time and peak
memory, each beside its peer or floor, run by run, and the goals of the scale work as ratios.
It measures and prints; it asserts nothing.

Usage: python scripts/bench_scale.py [--sizes 1000,10000,100000,1000000] [--runs 3]
       [--commands build,status,...] [--timeout 600] [--work DIR] [--reuse]

The corpora come from scripts/synth.py, which copies the shipped corpus as often as the size
needs, each copy with its own copy of the archived sources: the sources grow with the targets,
as in real data. Every command runs as a child process with its output to /dev/null; its time
is the wall time, beside its CPU time (user + system, its own and its worker processes'), and its
peak memory the most its process tree held at once (the build's workers too, each page they share
with the process they were forked from counted once), in MB of 10^6 bytes, read by a small
launcher that starts it (a child forked from this script would count its memory too; see
benchkit.LAUNCH).

Each command runs beside its peer, the two taking turns in which goes first, and the ratio is
the median of the run-by-run ratios, so that a slow moment of the machine falls on both. The
sizes take turns too: run 1 of a command at every size, then run 2, and so on.

- build --full: beside its floor (PyYAML's CSafeLoader loads every data file, then sqlite3's
  executemany inserts the rows xjtrack stored, into the same tables, without indexes or the
  full-text index) and its hard floor (a bare libyaml parse, CParser.raw_parse, which builds
  no Python objects, then the same inserts). The floors time their parsing and inserts
  themselves, not the reading of the rows they insert (a chunk at a time, from xjtrack's database).
  The build's default reads, checks and judges a corpus's parts in a worker process a core.
- build --full --jobs 1: the same in one process, beside the same floor.
- status in each format: beside a bare `sqlite-utils rows` of the target_status view (its JSON,
  written as it reads; its --table and --fmt formats hold every row for tabulate, a peer no
  faster than status).
- status --as-of and report: beside plain status. export: beside a plain csv.writer of the same
  tables and views.
- lookups (show, indicator, status --plan, search, query): beside the same lookup at the
  smallest size.
- updates (`build` after one file touched, one targets file or one observations file changed),
  last: seconds. Each run changes the file back or forth; after the runs the file is put back
  as it was, and the database updated again unless nothing else runs after.

A command that fails or outruns --timeout is printed in the table with its message; its peers are
not run, and the size goes on. At the end: the table of time and peak memory, the goals with
met or missed, and the wall time spent at each size, to plan a larger run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchkit import Command, Goal, Paired, Run, judge, markdown, pair, plain, run

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
XJ = str(BIN / "xjtrack")
AS_OF = "2022-12"

FLOOR = '''
import gc, sqlite3, sys, time, yaml
gc.disable()  # as xjtrack's own build does: many objects, none cyclic
from pathlib import Path
mode, root, built, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
files = [root / "targets.yaml", *sorted((root / "data").rglob("*.yaml"))]
took = 0.0
for f in files:
    text = f.read_text(encoding="utf-8")
    started = time.perf_counter()
    if mode == "raw":  # libyaml's events, counted in C: no Python object per event
        loader = yaml.CSafeLoader(text); loader.raw_parse(); loader.dispose()
    else:
        yaml.load(text, Loader=yaml.CSafeLoader)
    took += time.perf_counter() - started
src = sqlite3.connect(f"file:{built}?mode=ro", uri=True)
conn = sqlite3.connect(out, isolation_level=None)
conn.execute("pragma journal_mode = off"); conn.execute("pragma synchronous = off"); conn.execute("begin")
for name, sql in src.execute("select name, sql from sqlite_master where type = 'table' "
                             "and name not like 'source_lines_fts%' and name not like 'sqlite_%'").fetchall():
    conn.execute(sql)
    rows = src.execute(f'select * from "{name}"')  # read untimed, a chunk at a time: the floor's memory stays flat
    while chunk := rows.fetchmany(20_000):
        started = time.perf_counter()
        conn.executemany(f'insert into "{name}" values ({", ".join("?" * len(chunk[0]))})', chunk)
        took += time.perf_counter() - started
started = time.perf_counter()
conn.execute("commit"); conn.close()
print(took + time.perf_counter() - started)
'''

PLAIN_CSV = '''
import csv, sqlite3, sys
from pathlib import Path
db, folder, names = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
folder.mkdir(parents=True, exist_ok=True)
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
for name in names:
    cursor = conn.execute(f'select * from "{name}"')
    with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([d[0] for d in cursor.description])
        writer.writerows(cursor)
'''

FORMATS = ("table", "json", "csv", "markdown")


@dataclass
class Corpus:
    n: int
    cwd: Path
    work: Path
    middle: str = ""  # the copy the lookups and updates use, e.g. k004
    ident: str = ""   # a target id in it

    @property
    def db(self) -> Path:
        return self.cwd / "db" / "xjtrack.db"


@dataclass
class Measure:
    name: str
    label: str
    sides: dict[int, tuple[Command, dict[str, Command]]]  # size -> the command and its peers
    peer_labels: dict[str, str] = field(default_factory=dict)
    after: dict[int, Command] = field(default_factory=dict)  # untimed, when all runs are done: its
    # before puts the data back, then it updates the database, unless no measure follows


def synth(corpus: Corpus, reuse: bool) -> str | None:
    """Write the corpus (or keep the one --reuse finds complete); the error, if any."""
    stamp = corpus.cwd / ".synth-done"
    if not (reuse and stamp.exists() and stamp.read_text() == str(corpus.n)):
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "synth.py"), "--targets", str(corpus.n),
                               "--out", str(corpus.cwd)], capture_output=True, text=True)
        if done.returncode != 0:
            return plain(f"synth.py failed: {done.stderr.strip().splitlines()[-1:]}")
        stamp.write_text(str(corpus.n))
    copies = sorted((corpus.cwd / "data").glob("targets-k*.yaml"))
    corpus.middle = copies[len(copies) // 2].stem.removeprefix("targets-")
    text = (corpus.cwd / "data" / f"targets-{corpus.middle}.yaml").read_text(encoding="utf-8")
    corpus.ident = re.search(r"^ *- id: (\S+)", text, flags=re.M).group(1)
    return None


def toggling(path: Path, change) -> tuple:
    """Before each run, the file changed, then back as it was; after all runs, as it was."""
    state = {"original": None, "changed": False}

    def before() -> None:
        if state["original"] is None:
            state["original"] = path.read_text(encoding="utf-8")
        state["changed"] = not state["changed"]
        path.write_text(change(state["original"]) if state["changed"] else state["original"], encoding="utf-8")

    def restore() -> None:
        if state["changed"]:
            path.write_text(state["original"], encoding="utf-8")
            state["changed"] = False
    return before, restore


def touching(path: Path):
    def before() -> None:
        now = time.time_ns()
        os.utime(path, ns=(now, now))
    return before


def without_last_entry(text: str) -> str:
    return text[: text.rstrip().rindex("\n  - ") + 1]


def removing(*paths: Path):
    def before() -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    return before


def exportable(db: Path) -> list[str]:
    """The tables and views `xjtrack export` writes, by its own list (read once, untimed)."""
    import sqlite3

    from xjtrack.store.export import exportable as names
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return names(conn)
    finally:
        conn.close()


def measures(corpora: dict[int, Corpus], timeout: float) -> list[Measure]:
    """Every measure at every size, in the order they run."""
    smallest = min(corpora)
    out: list[Measure] = []

    def add(name, label, main, peers=None, peer_labels=None, after=None):
        out.append(Measure(name, label, {n: (main(c), (peers or (lambda c: {}))(c)) for n, c in corpora.items()},
                           peer_labels or {}, {n: after(c) for n, c in corpora.items()} if after else {}))

    def xj(*args):
        return lambda c: Command([XJ, *args], c.cwd)

    def floor(mode):
        return lambda c: Command([sys.executable, "-c", FLOOR, mode, str(c.cwd), str(c.db), str(c.work / "floor.db")],
                                 c.cwd, before=removing(c.work / "floor.db"), own_time=True)

    add("build", "build --full (a worker a core, the default)", xj("build", "--full"),
        lambda c: {"floor": floor("load")(c), "hard": floor("raw")(c)},
        {"floor": "its floor (CSafeLoader load + executemany)", "hard": "its hard floor (libyaml raw parse + executemany)"})
    add("build-one", "build --full --jobs 1 (one process)", xj("build", "--full", "--jobs", "1"),
        lambda c: {"floor": floor("load")(c)}, {"floor": "its floor (CSafeLoader load + executemany)"})
    add("validate", "validate", xj("validate"))
    for fmt in FORMATS:
        add("status" if fmt == "table" else f"status-{fmt}", f"status --format {fmt}", xj("status", "--format", fmt),
            lambda c: {"rows": Command([str(BIN / "sqlite-utils"), "rows", str(c.db), "target_status"], c.cwd)},
            {"rows": "sqlite-utils rows target_status"})
    add("as-of", f"status --as-of {AS_OF}", xj("status", "--as-of", AS_OF),
        lambda c: {"status": xj("status")(c)}, {"status": "status"})
    add("report", "report -o REPORT.md (none there before)",  # a page already there and the same is left as it is
        lambda c: Command([XJ, "report", "-o", "REPORT.md"], c.cwd, before=removing(c.cwd / "REPORT.md", c.cwd / "docs")),
        lambda c: {"status": xj("status")(c)}, {"status": "status"})
    add("export", "export (csv)",
        lambda c: Command([XJ, "export", "--timeout", f"{timeout:g}", str(c.work / "export")], c.cwd,
                          before=removing(c.work / "export")),
        lambda c: {"csv": Command(lambda c=c: [sys.executable, "-c", PLAIN_CSV, str(c.db), str(c.work / "csv"),
                                               *exportable(c.db)], c.cwd, before=removing(c.work / "csv"))},
        {"csv": "a plain csv.writer of the same tables"})
    lookups = {
        "show": ("show ID", lambda c: [XJ, "show", c.ident]),
        "indicator": ("indicator gdp --jurisdiction (one place)",
                      lambda c: [XJ, "indicator", "gdp", "--jurisdiction", f"xinjiang-{c.middle}"]),
        "status-plan": ("status --plan (one plan)", lambda c: [XJ, "status", "--plan", c.ident.split(".")[0]]),
        # every line that mentions a term grows with the documents (52 at 10^3, 5,122 at 10^5): the
        # lookup is its first lines, as a reader pages through them
        "search": ("search 铁路 --limit 20", lambda c: [XJ, "search", "铁路", "--limit", "20"]),
        "query": ("query count(*)", lambda c: [XJ, "query", "select count(*) from targets"]),
    }
    for name, (label, args) in lookups.items():
        add(name, label, lambda c, args=args: Command(args(c), c.cwd),
            lambda c, args=args: {} if c.n == smallest else
            {"small": Command(args(corpora[smallest]), corpora[smallest].cwd)},
            {"small": f"the same at {smallest:,}"})
    add("update-touch", "update: 1 file touched",
        lambda c: Command([XJ, "build"], c.cwd, before=touching(c.cwd / "data" / f"targets-{c.middle}.yaml")))
    for name, label, prefix, change in (
            ("update-targets", "update: 1 targets file changed", "targets",
             lambda t: t.replace("binding: expected", "binding: binding", 1)),
            ("update-observations", "update: 1 observations file changed", "observations", without_last_entry)):
        hooks = {n: toggling(c.cwd / "data" / f"{prefix}-{c.middle}.yaml", change) for n, c in corpora.items()}
        out.append(Measure(name, label, {n: (Command([XJ, "build"], c.cwd, before=hooks[n][0]), {})
                                          for n, c in corpora.items()},
                           after={n: Command([XJ, "build"], c.cwd, before=hooks[n][1]) for n, c in corpora.items()}))
    return out


def goals(sizes: list[int]) -> list[Goal]:
    big, huge, others = (100_000,), (1_000_000,), tuple(n for n in sizes if n != min(sizes))
    out = [Goal("peak memory of every command ≤ 1,000 MB", "*", what="peak", limit=1000, at=huge)]
    for fmt in FORMATS:
        name = "status" if fmt == "table" else f"status-{fmt}"
        out.append(Goal(f"status --format {fmt} ≤ 1.5× sqlite-utils rows", name, "rows", limit=1.5, at=big + huge))
    out += [Goal("status --as-of ≤ 2× status", "as-of", "status", limit=2, at=big),
            Goal("report ≤ 2× status", "report", "status", limit=2, at=big),
            Goal("build --full ≤ 1.5× its floor", "build", "floor", limit=1.5, at=huge),
            Goal("build --full / its hard floor", "build", "hard"),
            Goal("build --full --jobs 1 / its floor", "build-one", "floor"),
            Goal("export ≤ 2× a plain CSV writer", "export", "csv", limit=2, at=big),
            Goal("update after 1 targets file changed ≤ 1 s", "update-targets", what="seconds", limit=1, at=huge),
            Goal("update after 1 observations file changed ≤ 1 s", "update-observations", what="seconds",
                 limit=1, at=huge),
            Goal("update after 1 file touched", "update-touch", what="seconds")]
    out += [Goal(f"{name} ≤ 1.2× at {min(sizes):,} (lookups stay flat)", name, "small", limit=1.2, at=others)
            for name in ("show", "indicator", "status-plan", "search", "query")]
    return out


def goal_value(goal: Goal, got: dict[str, Paired]) -> tuple[float | None, str]:
    """The goal's value at one size, and which command gave it (for the peak of every command)."""
    if goal.measure == "*":
        peaks = [(p.peak_mb(), name) for name, p in got.items() if p.peak_mb() is not None]
        return max(peaks) if peaks else (None, "")
    paired = got.get(goal.measure)
    if paired is None:
        return None, ""
    if goal.what == "ratio":
        return paired.ratio(goal.peer), ""
    return (paired.seconds() if goal.what == "seconds" else paired.peak_mb()), ""


def measured(paired: Paired | None, peer: str | None = None) -> str:
    if paired is None:
        return "—"
    seconds, peak, error = paired.seconds(peer), paired.peak_mb(peer), paired.error(peer)
    if seconds is None:
        return f"failed: {error}" if error else "—"
    cpu = paired.cpu_seconds(peer)
    text = f"{seconds:.2f} s{f' (cpu {cpu:.2f} s)' if cpu is not None else ''} · {peak:,.0f} MB"
    return text + (" (a run failed)" if error else "")


def report(chosen: list[Measure], results: dict[int, dict[str, Paired]], sizes: list[int], args) -> str:
    head = ["command", *(f"{n:,}" for n in sizes)]
    rows = []
    for m in chosen:
        rows.append([m.label, *(measured(results[n].get(m.name)) for n in sizes)])
        for peer, label in m.peer_labels.items():
            if any(peer in (results[n].get(m.name) or Paired()).peers for n in sizes):
                rows.append([f"↳ {label}", *(measured(results[n].get(m.name), peer) for n in sizes)])
    lines = [f"xjtrack at scale: {', '.join(f'{n:,}' for n in sizes)} targets; {args.runs} run(s) each, the "
             f"median; on {os.cpu_count()} cores; time limit {args.timeout:g} s a command.", "",
             "Time (median), CPU time (median, user + system of its processes) and peak memory (largest; "
             "the most its processes held at once, pages shared since a fork once) of each command, output to /dev/null:", "",
             markdown(head, rows), "", "Goals (ratios are medians of run-by-run ratios; a value in "
             "parentheses is at a size the goal does not speak of):", ""]
    names = {m.name for m in chosen}
    grows = []
    for goal in goals(sizes):
        if goal.measure != "*" and goal.measure not in names:
            continue
        values, whose = {}, {}
        for n in sizes:
            values[n], whose[n] = goal_value(goal, results[n])
        cells, verdict = judge(goal, values)
        grows.append([goal.label, *(cells[n].replace(" MB", f" MB, {whose[n]}", 1) if whose[n] else cells[n]
                                    for n in sizes), verdict])
    lines.append(markdown(["goal", *(f"{n:,}" for n in sizes), "verdict"], grows, last_left=True))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="e.g. 1000,10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command and its peers at each size")
    parser.add_argument("--commands", default="", help="only these measures, e.g. build,status,as-of "
                        "(names: build, build-one, validate, status, status-json, status-csv, status-markdown, as-of, report, "
                        "export, update-targets, update-observations, update-touch, show, indicator, status-plan, "
                        "search, query)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a command is stopped")
    parser.add_argument("--work", type=Path, default=None, help="where the corpora go (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="keep a corpus already written in --work (and its "
                        "database, brought up to date rather than built anew)")
    args = parser.parse_args()
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",")})
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if args.runs < 1 or args.timeout <= 0 or not sizes or min(sizes) < 1:
        parser.error("--runs, --timeout and the sizes must be positive")
    started = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="xjtrack-bench-"))
    spent = dict.fromkeys(sizes, 0.0)
    corpora = {n: Corpus(n, work / str(n), work / f"{n}-out") for n in sizes}
    results: dict[int, dict[str, Paired]] = {n: {} for n in sizes}
    broken: dict[int, str] = {}
    for n, corpus in corpora.items():
        print(f"writing {n:,} targets in {corpus.cwd} …", file=sys.stderr)
        began = time.perf_counter()
        corpus.work.mkdir(parents=True, exist_ok=True)
        if (why := synth(corpus, args.reuse)) is not None:
            broken[n] = why
        spent[n] += time.perf_counter() - began
    writing = time.perf_counter() - started
    everything = measures(corpora, args.timeout)
    wanted = [w for w in args.commands.split(",") if w]
    unknown = set(wanted) - {m.name for m in everything}
    if unknown:
        parser.error(f"no measure named {', '.join(sorted(unknown))}")
    chosen = [m for m in everything if not wanted or m.name in wanted]
    if chosen and chosen[0].name != "build":  # the commands need a database: build it, untimed (a corpus
        for n, corpus in corpora.items():     # kept by --reuse with its database in step is only checked)
            if n not in broken:
                began = time.perf_counter()
                again = ["build"] if args.reuse and corpus.db.is_file() else ["build", "--full"]
                if (done := run(Command([XJ, *again], corpus.cwd), args.timeout)).error:
                    broken[n] = f"no database: build --full failed ({done.error})"
                spent[n] += time.perf_counter() - began
    took: dict[str, float] = {}  # each measure's wall time, its peers and all sizes included
    for m in chosen:
        measure_began = time.perf_counter()
        for turn in range(args.runs):
            for n in sizes:
                paired = results[n].setdefault(m.name, Paired())
                if n in broken and not paired.main:
                    paired.main.append(Run(error=broken[n]))
                if n in broken or paired.error():
                    continue  # a command that failed once at a size is not run again there
                began = time.perf_counter()
                main_cmd, peers = m.sides[n]
                pair(main_cmd, peers, turn, args.timeout, paired)
                spent[n] += time.perf_counter() - began
                last = paired.main[-1]
                print(f"  {m.name} at {n:,}, run {turn + 1}: "
                      + (f"{last.seconds:.2f} s" if last.seconds is not None else last.error or ""), file=sys.stderr)
                if m.name == "build" and last.error and turn == 0:
                    broken[n] = f"no database: build --full failed ({last.error})"
        for n, after in m.after.items():
            if n not in broken:
                began = time.perf_counter()
                if m is chosen[-1]:
                    after.before()  # the data as it was; the next run builds in full before measuring
                else:
                    run(after, args.timeout)
                spent[n] += time.perf_counter() - began
        took[m.name] = time.perf_counter() - measure_began
    print(report(chosen, results, sizes, args))
    total = time.perf_counter() - started
    print(f"\nWall time: {total:,.0f} s in all, {writing:,.0f} s of it writing the corpora; at each size "
          "(its corpus included): " + "; ".join(f"{n:,}: {spent[n]:,.0f} s" for n in sizes) + ".")
    print("Each measure, its peers and every size included: "
          + "; ".join(f"{name} {seconds:,.0f} s" for name, seconds in took.items()) + ".")
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("bench_scale.py: interrupted; the corpora are left in the --work folder")
