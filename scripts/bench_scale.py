"""Measure xjtrack on synthetic corpora of 10^3, 10^4 and 10^5 targets, and print the figures
with their ratios against the goals of the scale issue. It measures and prints; it asserts
nothing.

Usage: python scripts/bench_scale.py [--sizes 1000,10000,100000] [--runs 7] [--rounds 2] [--work DIR]

Per size: full builds (wall time and peak memory), each run beside its floor (parsing every YAML
file with PyYAML's CSafeLoader, then inserting the same rows with sqlite3's executemany), the
least of --rounds of each; an update after one targets file and after one observations file
changed; and the commands, each the median of --runs runs on a fresh database with output to
/dev/null, the sizes taking turns. `sqlite-utils rows` on the same database and
`python -c "import sqlite3"` are the peers.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
XJ = [str(BIN / "xjtrack")]
PEAK = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")
FLOOR = '''
import gc, sqlite3, sys, time, yaml
gc.disable()  # as xjtrack's own build does: many objects, none cyclic
from pathlib import Path
root, built, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
files = [root / "targets.yaml", *sorted((root / "data").rglob("*.yaml"))]
src = sqlite3.connect(built)
names = [r[0] for r in src.execute("select name from sqlite_master where type = 'table' "
                                   "and name not like 'source_lines_fts%'")]
tables = {n: (src.execute("select sql from sqlite_master where name = ?", (n,)).fetchone()[0],
              src.execute(f'select * from "{n}"').fetchall()) for n in names}
src.close()
started = time.perf_counter()
for f in files:
    yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
parsed = time.perf_counter()
conn = sqlite3.connect(out, isolation_level=None)
conn.execute("pragma journal_mode = off"); conn.execute("pragma synchronous = off"); conn.execute("begin")
for name, (sql, rows) in tables.items():
    conn.execute(sql)
    if rows:
        conn.executemany(f'insert into "{name}" values ({", ".join("?" * len(rows[0]))})', rows)
conn.execute("commit"); conn.close()
print(parsed - started, time.perf_counter() - parsed)
'''


def timed(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed in {cwd}: {done.stderr.decode()[-500:]}")
    return took


def build_with_peak(cwd: Path) -> tuple[float, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *XJ, "build", "--full"], cwd=cwd,
                          capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"build failed in {cwd}: {done.stderr[-500:]}")
    return took, int(done.stdout.split()[-1]) / 1024


def floor(cwd: Path) -> float:
    out = Path(tempfile.mkdtemp()) / "floor.db"
    done = subprocess.run([sys.executable, "-c", FLOOR, str(cwd), str(cwd / "db" / "xjtrack.db"), str(out)],
                          capture_output=True, text=True, check=True)
    shutil.rmtree(out.parent)
    parse, insert = map(float, done.stdout.split())
    return parse + insert


def update_after(path: Path, change, cwd: Path) -> float:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return timed([*XJ, "build"], cwd)


def without_last_entry(text: str) -> str:
    return text[: text.rstrip().rindex("\n  - ") + 1]


def prepare(n: int, work: Path, rounds: int) -> tuple[dict[str, float], dict[str, list[str]], Path]:
    """Write the corpus, measure the build, its floor and two updates; return the commands to time."""
    cwd = work / str(n)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "synth.py"), "--targets", str(n), "--out", str(cwd)],
                   check=True, stderr=subprocess.DEVNULL)
    time.sleep(0.2)  # the files are older than the build by more than a file-system tick
    got: dict[str, float] = {}
    builds, peaks, floors = [], [], []
    for _ in range(rounds):  # build and floor take turns; the least of each is its cost
        took, peak = build_with_peak(cwd)
        builds.append(took)
        peaks.append(peak)
        floors.append(floor(cwd))
    got["build"], got["peak_mb"], got["floor"] = min(builds), max(peaks), min(floors)
    copies = sorted((cwd / "data").glob("targets-k*.yaml"))
    middle = copies[len(copies) // 2].name.removeprefix("targets-").removesuffix(".yaml")
    got["update_targets"] = update_after(cwd / "data" / f"targets-{middle}.yaml",
                                         lambda t: t.replace("binding: expected", "binding: binding", 1), cwd)
    got["update_observations"] = update_after(cwd / "data" / f"observations-{middle}.yaml", without_last_entry, cwd)
    text = (cwd / "data" / f"targets-{middle}.yaml").read_text(encoding="utf-8")
    ident = re.search(r"^ *- id: (\S+)", text, flags=re.M).group(1)
    db = str(cwd / "db" / "xjtrack.db")
    commands = {
        "status": [*XJ, "status"],
        "status_plan": [*XJ, "status", "--plan", ident.split(".")[0]],
        "show": [*XJ, "show", ident],
        "indicator": [*XJ, "indicator", "gdp", "--jurisdiction", f"xinjiang-{middle}"],
        "query": [*XJ, "query", "select count(*) from targets"],
        "search": [*XJ, "search", "铁路"],
        "report": [*XJ, "report", "-o", str(cwd / "REPORT.md")],
        "sqlite_utils_rows": [str(BIN / "sqlite-utils"), "rows", db, "target_status"],
        "help": [*XJ, "--help"],
        "python_sqlite3": [sys.executable, "-c", "import sqlite3"],
    }
    return got, commands, cwd


def time_side_by_side(prepared: dict, runs: int) -> None:
    """Each command's median over runs, the sizes taking turns, so that a slow moment of the
    machine falls on all of them alike."""
    names = next(iter(prepared.values()))[1]
    for name in names:
        taken: dict[int, list[float]] = {n: [] for n in prepared}
        for _, commands, cwd in prepared.values():
            timed(commands[name], cwd)  # warm the page cache
        for _ in range(runs):
            for n, (_, commands, cwd) in prepared.items():
                taken[n].append(timed(commands[name], cwd))
        for n, (got, _, _) in prepared.items():
            got[name] = statistics.median(taken[n])


ROWS = [  # (key, label, format)
    ("build", "full build, s", "{:.2f}"), ("floor", "its floor, s", "{:.2f}"), ("peak_mb", "build peak, MiB", "{:.0f}"),
    ("update_targets", "update, 1 targets file, s", "{:.2f}"),
    ("update_observations", "update, 1 observations file, s", "{:.2f}"),
    ("status", "status, s", "{:.3f}"), ("sqlite_utils_rows", "sqlite-utils rows, s", "{:.3f}"),
    ("status_plan", "status --plan, s", "{:.3f}"), ("show", "show ID, s", "{:.3f}"),
    ("indicator", "indicator gdp (one place), s", "{:.3f}"), ("query", "query count(*), s", "{:.3f}"),
    ("search", "search 铁路, s", "{:.3f}"), ("report", "report, s", "{:.3f}"), ("help", "--help, s", "{:.3f}"),
    ("python_sqlite3", 'python -c "import sqlite3", s', "{:.3f}"),
]


def table(results: dict[int, dict[str, float]]) -> str:
    sizes = list(results)
    lines = ["| measure | " + " | ".join(f"{n:,}" for n in sizes) + " |",
             "| --- | " + " | ".join("---:" for _ in sizes) + " |"]
    for key, label, fmt in ROWS:
        lines.append(f"| {label} | " + " | ".join(fmt.format(results[n][key]) for n in sizes) + " |")
    return "\n".join(lines)


def goals(results: dict[int, dict[str, float]]) -> str:
    sizes = sorted(results)
    small, large = sizes[0], sizes[-1]
    r = results
    out = ["| goal | measured | holds |", "| --- | --- | --- |"]

    def row(goal: str, text: str, ok: bool) -> None:
        out.append(f"| {goal} | {text} | {'yes' if ok else 'NO'} |")

    ratio = r[large]["build"] / r[large]["floor"]
    row(f"build at {large:,} ≤ 1.5× floor", f"{ratio:.2f}×", ratio <= 1.5)
    row(f"build peak at {large:,} ≤ 1 GiB", f"{r[large]['peak_mb']:.0f} MiB", r[large]["peak_mb"] <= 1024)
    for key in ("update_targets", "update_observations"):
        share = r[large][key] / r[large]["build"]
        row(f"{key.replace('_', ' ')} at {large:,} ≤ 5% of a build", f"{share:.1%}", share <= 0.05)
    for key in ("show", "indicator", "status_plan"):
        ratio = r[large][key] / r[small][key]
        row(f"{key.replace('_', ' --')} at {large:,} ≤ 1.2× at {small:,}", f"{ratio:.2f}×", ratio <= 1.2)
    for n in sizes:
        ratio = r[n]["status"] / r[n]["sqlite_utils_rows"]
        row(f"status at {n:,} ≤ 1.5× sqlite-utils rows", f"{ratio:.2f}×", ratio <= 1.5)
    limit = 1.5 * r[small]["python_sqlite3"] + 0.1
    row("--help ≤ 1.5× python -c 'import sqlite3' + 0.1 s", f"{r[small]['help']:.3f} s against {limit:.3f} s",
        r[small]["help"] <= limit)
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=2, help="full builds, each beside a floor run")
    parser.add_argument("--work", type=Path, default=None, help="where the corpora go (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="xjtrack-bench-"))
    prepared = {}
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"building {n:,} targets in {work / str(n)} …", file=sys.stderr)
        prepared[n] = prepare(n, work, args.rounds)
    print("timing the commands …", file=sys.stderr)
    time_side_by_side(prepared, args.runs)
    results = {n: got for n, (got, _, _) in prepared.items()}
    print(f"xjtrack at scale, on {os.cpu_count()} cores; commands: median of {args.runs} runs\n")
    print(table(results))
    print()
    print(goals(results))
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
