"""Measure `xjtrack site` against `xjtrack report` in the same run, on the shipped corpus (about
500 targets) and on a synthetic one of 10^4 (scripts/synth.py), and print the site's size. It
measures and prints; it asserts nothing. The goal: the site in at most 3x the report's time.
"search MB" is search-index.js, what the search page fetches before its first results.

Usage: python scripts/bench_site.py [--sizes shipped,10000] [--runs 3] [--work DIR]

"shipped" is the shipped corpus itself (copied); a number is written by scripts/synth.py. Each
command runs on a fresh database, output to /dev/null (report) or a new folder (site), the two
taking turns; the median of --runs is given, and of the runs' ratios.

Beside them, the site's write floor: a process that holds the site's files in memory (read
before its clock starts) and writes the same bytes into the same folders, nothing else. Its CPU
time is what writing the site costs the file system here, however the pages are made; the
site's time over it says how much of the rest is xjtrack's own work. And the files floor: the
same files and folders written with one byte each, what the files cost apart from their bytes
(its median over the write floor's, "files/floor", near 1 says the files, not the bytes, are the
cost).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
XJ = str(Path(sys.executable).parent / "xjtrack")


def corpus(n: str, work: Path) -> Path:
    cwd = work / n
    if n == "shipped":
        cwd.mkdir(parents=True)
        shutil.copy(ROOT / "targets.yaml", cwd / "targets.yaml")
        for name in ("data", "sources"):
            shutil.copytree(ROOT / name, cwd / name)
        for name in ("README.md", "CURATING.md"):
            shutil.copy(ROOT / name, cwd / name)
    else:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "synth.py"), "--targets", n, "--out", str(cwd)],
                       check=True, stderr=subprocess.DEVNULL)
    time.sleep(0.2)
    subprocess.run([XJ, "build"], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cwd


def cpu() -> tuple[float, float]:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime, used.ru_stime


def timed(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall time and CPU time (the process and its children: the site's target pages are written
    by a forked process), so that a busy machine's waits can be told apart; and the system's part
    of the CPU time (the file system's work: for the site, making its files and folders and
    removing the previous site's)."""
    started, spent = time.perf_counter(), cpu()
    done = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed in {cwd}: {done.stderr.decode()[-500:]}")
    total, system = cpu()
    return took, total - spent[0], system - spent[1]


def write_floor(site: Path, into: Path, tiny: bool = False) -> float:
    """CPU seconds another process spends writing site's files, as they are (or of one byte
    each, tiny), into a new folder."""
    shutil.rmtree(into, ignore_errors=True)
    done = subprocess.run([sys.executable, __file__, "--tiny-floor" if tiny else "--write-floor", str(site), str(into)],
                          check=True, capture_output=True, text=True)
    shutil.rmtree(into)
    return float(done.stdout)


def _write_floor(site: Path, into: Path, tiny: bool = False) -> None:
    files = [(p.relative_to(site), b"x" if tiny else p.read_bytes()) for p in sorted(site.rglob("*")) if p.is_file()]
    before = resource.getrusage(resource.RUSAGE_SELF)
    made: set[Path] = set()
    for relative, data in files:
        path = into / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
    after = resource.getrusage(resource.RUSAGE_SELF)
    print(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def size(folder: Path) -> tuple[int, int, int]:
    """Files, folders and bytes: each file and folder made costs the file system's time."""
    found = list(folder.rglob("*"))
    files = [p for p in found if p.is_file()]
    return len(files), len(found) - len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="shipped,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--write-floor", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tiny-floor", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_floor:
        return _write_floor(*args.write_floor)
    if args.tiny_floor:
        return _write_floor(*args.tiny_floor, tiny=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="xjtrack-bench-site-"))
    print(f"{'targets':>8} {'report s':>9} {'site s':>8} {'ratio':>6} {'report cpu':>11} {'site cpu':>9} "
          f"{'ratio':>6} {'site sys':>9} {'floor cpu':>10} {'site/floor':>10} {'files/floor':>11} {'pages':>7} {'files':>7} {'folders':>8} {'site MB':>8} {'search MB':>10} {'report KB':>10}")
    for n in args.sizes.split(","):
        cwd = corpus(n, work)
        report, site, floor, tiny = [], [], [], []
        for _ in range(args.runs):
            report.append(timed([XJ, "report"], cwd))
            site.append(timed([XJ, "site", "-o", str(cwd / "site")], cwd))
            floor.append(write_floor(cwd / "site", work / "floor"))
            tiny.append(write_floor(cwd / "site", work / "floor", tiny=True))
        files, folders, total = size(cwd / "site")
        pages = sum(1 for _ in (cwd / "site").rglob("*.html"))
        first = (cwd / "site" / "search-index.js").stat().st_size  # what a search fetches before its first results
        text = subprocess.run([XJ, "report"], cwd=cwd, capture_output=True, check=True).stdout
        r, s = statistics.median(t for t, _, _ in report), statistics.median(t for t, _, _ in site)
        rc, sc = statistics.median(c for _, c, _ in report), statistics.median(c for _, c, _ in site)
        ss = statistics.median(y for _, _, y in site)
        # each ratio is the median of the runs' ratios (a report and a site run side by side)
        wall = statistics.median(b[0] / a[0] for a, b in zip(report, site, strict=True))
        used = statistics.median(b[1] / a[1] for a, b in zip(report, site, strict=True))
        fc = statistics.median(floor)
        over = statistics.median(b[1] / f for b, f in zip(site, floor, strict=True))
        files_over = statistics.median(t / f for t, f in zip(tiny, floor, strict=True))
        print(f"{n:>8} {r:>9.2f} {s:>8.2f} {wall:>6.1f} {rc:>11.2f} {sc:>9.2f} {used:>6.1f} {ss:>9.2f} {fc:>10.2f} "
              f"{over:>10.1f} {files_over:>11.2f} {pages:>7} {files:>7} "
              f"{folders:>8} {total / 1e6:>8.1f} {first / 1e6:>10.2f} {len(text) / 1e3:>10.0f}", flush=True)
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
