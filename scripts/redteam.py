"""Re-run the hostile cases that must keep holding: symbolic links, hostile databases, edits
that keep a file's size and time, and memory. Each case runs xjtrack as a fresh process on a
copy of tests/fixtures/mini in a temporary folder, and prints what it did and whether it held.

Usage: python scripts/redteam.py            (about a minute; exit 1 if any case did not hold)
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
ENDLESS = "with recursive c(n) as (select 1 union all select n + 1 from c) select n from c"
# the child's peak memory, measured by a small parent process that runs it and reads its rusage;
# its stdout goes to a file (a query's rows can be many), its stderr is kept
MEASURED = ("import resource, subprocess, sys; out = open(sys.argv[1], 'wb'); "
            "p = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE); "
            "sys.stderr.buffer.write(p.stderr[-4000:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(p.returncode)")


@dataclass
class Ran:
    code: int
    out: str  # the first 200,000 characters of stdout
    err: str
    seconds: float
    peak_mb: float
    lines: int = 0  # of stdout

    @property
    def said(self) -> str:
        """The error, or for problems in the data the first of them (file:line:col: code: …)."""
        located = [line for line in (self.out + "\n" + self.err).splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
        lines = [line for line in self.err.splitlines() if line.startswith(("Error:", "Internal error"))]
        if located and lines and "in the curated data" in lines[-1]:
            summary = [line for line in located if "too-many-problems" in line]
            return f"{lines[-1].split('.')[0]}; {(summary or located)[0]}"
        return lines[-1] if lines else (self.err.strip().splitlines() or [""])[-1]


def xjtrack(repo: Path, *args: str, timeout: float = 120) -> Ran:
    stdout = repo.parent / "stdout"
    command = [sys.executable, "-c", MEASURED, str(stdout), sys.executable, "-m", "xjtrack", *args,
               "--targets", str(repo / "targets.yaml")]
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return Ran(-1, "", f"still running after {timeout:g} s", timeout, 0.0)
    err, _, peak = done.stderr.rstrip("\n").rpartition("\n")
    with open(stdout, encoding="utf-8", errors="replace") as handle:
        out = handle.read(200_000)
        lines = out.count("\n") + sum(chunk.count("\n") for chunk in iter(lambda: handle.read(1 << 20), ""))
    return Ran(done.returncode, out, err, time.monotonic() - started, int(peak or 0) / 1024, lines)


def fresh(folder: Path, build: bool = True) -> Path:
    repo = folder / "repo"
    shutil.copytree(MINI, repo)
    if build:
        assert xjtrack(repo, "build").code == 0
    return repo


def digests(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def refused(ran: Ran, *words: str) -> bool:
    return ran.code == 1 and all(w in ran.said for w in words)


# --- symbolic links -----------------------------------------------------------------------------

def drafts_into_data(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp)
    (repo / "drafts").symlink_to("data/observations")
    before = digests(repo / "data")
    ran = xjtrack(repo, "extract", "report", "--force")
    return ran, refused(ran, "curated data") and digests(repo / "data") == before


def drafts_out(tmp: Path) -> tuple[Ran, bool]:
    repo, outside = fresh(tmp), tmp / "outside"
    outside.mkdir()
    (repo / "drafts").symlink_to(outside)
    ran = xjtrack(repo, "extract", "report")
    return ran, refused(ran, "outside the repository") and not any(outside.iterdir())


def extract_output_into_data(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp)
    before = digests(repo / "data")
    ran = xjtrack(repo, "extract", "report", "--force", "-o", str(repo / "data" / "observations" / "report.yaml"))
    return ran, refused(ran, "curated data") and digests(repo / "data") == before


def sources_out(tmp: Path) -> tuple[Ran, bool]:
    repo, outside = fresh(tmp, build=False), tmp / "outside"
    (repo / "sources").rename(outside)
    (repo / "sources").symlink_to(outside)
    before = digests(outside)
    document = tmp / "doc.txt"
    document.write_text("2025年政府工作报告\n地区生产总值增长6%。\n", encoding="utf-8")
    ran = xjtrack(repo, "add-source", str(document), "--id", "doc", "--jurisdiction", "xinjiang")
    return ran, refused(ran, "outside the repository") and digests(outside) == before


def linked_out(command: list[str], make_folder: str = "") -> Callable[[Path], tuple[Ran, bool]]:
    def case(tmp: Path) -> tuple[Ran, bool]:
        repo, outside = fresh(tmp), tmp / "outside"
        outside.mkdir()
        if make_folder:
            (outside / make_folder).mkdir()
        (repo / "out").symlink_to(outside)
        ran = xjtrack(repo, *[part.format(repo=repo) for part in command])
        return ran, refused(ran, "outside the repository") and not [p for p in outside.rglob("*") if p.is_file()]
    return case


def data_file_out(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp)
    outside = tmp / "p14.yaml"
    os.replace(repo / "data" / "p14.yaml", outside)
    (repo / "data" / "p14.yaml").symlink_to(outside)
    ran = xjtrack(repo, "build")  # the update path: only this file changed
    return ran, ran.code == 1 and "data/p14.yaml:1:1: bad-path" in ran.err


# --- hostile databases --------------------------------------------------------------------------

def tamper(repo: Path, *statements: str) -> None:
    conn = sqlite3.connect(repo / "db" / "xjtrack.db")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def names_as_paths(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp)
    tamper(repo, 'create view "../../escaped" as select 1 as x', f'create table "{tmp}/absolute" (x)')
    ran = xjtrack(repo, "export", str(tmp / "export"))
    stray = [p for p in tmp.rglob("*") if p.name.startswith(("escaped", "absolute"))]
    return ran, ran.code == 0 and not stray


def endless_view(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp)
    tamper(repo, "drop view target_status", f'create view "target_status" as {ENDLESS}')
    ran = xjtrack(repo, "export", str(tmp / "export"), "--timeout", "5", timeout=60)
    return ran, ran.code == 0 and ran.seconds < 60


def endless_query(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp)
    ran = xjtrack(repo, "query", f"select count(*) from ({ENDLESS})", "--timeout", "1", timeout=60)
    return ran, refused(ran, "time limit") and ran.seconds < 30


def recorded_outside(name: str) -> Callable[[Path], tuple[Ran, bool]]:
    def case(tmp: Path) -> tuple[Ran, bool]:
        repo = fresh(tmp)
        conn = sqlite3.connect(repo / "db" / "xjtrack.db")
        conn.execute("insert into inputs (name, sha256, size, mtime_ns) values (?, ?, 1, 0)", (name, "0" * 64))
        conn.commit()
        conn.close()
        ran = xjtrack(repo, "status")
        return ran, ran.code == 0 and "Building" in ran.err  # not trusted: built anew from the data
    return case


# --- edits that keep size and time ----------------------------------------------------------------

def kept_time(how: str) -> Callable[[Path], tuple[Ran, bool]]:
    def case(tmp: Path) -> tuple[Ran, bool]:
        repo = fresh(tmp, build=False)
        data = repo / "data" / "p13.yaml"
        past = (time.time_ns() // 10**9 - 3600) * 10**9
        os.utime(data, ns=(past, past))
        assert xjtrack(repo, "build", "--full").code == 0
        edited = tmp / "p13.yaml"
        edited.write_bytes(data.read_bytes().replace(b"9627", b"9628", 1))  # same size
        os.utime(edited, ns=(past, past))
        if how == "touch -d":
            data.write_bytes(edited.read_bytes())
            os.utime(data, ns=(past, past))
        elif how == "cp -p":
            shutil.copy2(edited, data)
        else:
            with tarfile.open(tmp / "a.tar", "w") as archive:
                archive.add(edited, arcname="p13.yaml")
            data.unlink()
            with tarfile.open(tmp / "a.tar") as archive:
                archive.extractall(data.parent, filter="data")
        assert data.stat().st_mtime_ns == past and data.stat().st_size == edited.stat().st_size
        ran = xjtrack(repo, "build")
        return ran, "up to date" not in ran.err and "figure-not-in-quote" in ran.err  # the edit was read
    return case


# --- memory ---------------------------------------------------------------------------------------

def many_rows(fmt: str) -> Callable[[Path], tuple[Ran, bool]]:
    def case(tmp: Path) -> tuple[Ran, bool]:
        repo = fresh(tmp)
        sql = "with recursive c(n) as (select 1 union all select n + 1 from c limit 1000000) select n, 'x' from c"
        ran = xjtrack(repo, "query", sql, "--format", fmt, "--timeout", "300", timeout=300)
        ok = ran.code == 0 and ran.peak_mb < 300
        if fmt == "table":  # every row, laid out at the widths the first 1,000 need, in bounded memory
            return ran, ok and "the columns are as wide as the first 1000 need" in ran.err and ran.lines > 1_000_000
        return ran, ok and ran.lines == 1_000_001
    return case


def huge_value(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp)
    ran = xjtrack(repo, "query", "select zeroblob(300 * 1024 * 1024) as x", "--format", "csv")
    return ran, refused(ran, "over 16 MiB") and ran.peak_mb < 300


def huge_data_file(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp, build=False)
    with open(repo / "data" / "huge.yaml", "w", encoding="utf-8") as out:
        out.write("observations:\n")
        entry = "  - {indicator: gdp, jurisdiction: xinjiang, period: '2020', value: 1亿元, source: report, quote: x}\n"
        out.write(entry * 200_000)  # about 20 MB, past the 8 MiB a data file may hold
    ran = xjtrack(repo, "validate")
    return ran, ran.code == 1 and "too-large" in ran.out and ran.peak_mb < 300


def many_problems(tmp: Path) -> tuple[Ran, bool]:
    repo = fresh(tmp, build=False)
    (repo / "data" / "empty.yaml").write_text("targets:\n" + "  - {}\n" * 1_000_000, encoding="utf-8")  # 7 MB
    ran = xjtrack(repo, "validate", timeout=300)
    return ran, ran.code == 1 and "too-many-problems" in ran.out and ran.lines == 1001 and ran.peak_mb < 600


CASES: list[tuple[str, str, Callable[[Path], tuple[Ran, bool]]]] = [
    ("symlink", "drafts -> data/observations; extract report --force", drafts_into_data),
    ("symlink", "drafts -> a folder outside; extract report", drafts_out),
    ("symlink", "extract report --force -o data/observations/report.yaml", extract_output_into_data),
    ("symlink", "sources -> a folder outside; add-source", sources_out),
    ("symlink", "out -> a folder outside; build --db out/xjtrack.db", linked_out(["build", "--db", "{repo}/out/x.db"])),
    ("symlink", "out -> a folder outside; export out/csv", linked_out(["export", "{repo}/out/csv"], "csv")),
    ("symlink", "out -> a folder outside; report -o out/R.md", linked_out(["report", "-o", "{repo}/out/R.md"])),
    ("symlink", "data/p14.yaml -> a file outside; build (update)", data_file_out),
    ("database", "views and tables named ../../escaped and /abs; export", names_as_paths),
    ("database", "an endless view as target_status; export --timeout 5", endless_view),
    ("database", "an endless query; query --timeout 1", endless_query),
    ("database", "recorded input /etc/passwd; status", recorded_outside("/etc/passwd")),
    ("database", "recorded input ../../../x; status", recorded_outside("../../../x")),
    ("mtime", "same-size edit, time put back (touch -d); build", kept_time("touch -d")),
    ("mtime", "same-size edit copied over with its time (cp -p); build", kept_time("cp -p")),
    ("mtime", "same-size edit extracted from a tar archive (tar x); build", kept_time("tar x")),
    ("memory", "query of 1,000,000 rows --format table", many_rows("table")),
    ("memory", "query of 1,000,000 rows --format csv", many_rows("csv")),
    ("memory", "query of a 300 MB value --format csv", huge_value),
    ("memory", "a 20 MB data file; validate", huge_data_file),
    ("memory", "1,000,000 empty entries (7 MB); validate", many_problems),
]


def main() -> int:
    failed = 0
    print(f"{'kind':<9} {'case':<60} {'exit':>4} {'secs':>6} {'MB':>5}  outcome")
    for kind, name, case in CASES:
        with tempfile.TemporaryDirectory(prefix="xjtrack-redteam-") as folder:
            try:
                ran, held = case(Path(folder))
            except Exception as exc:  # a case that cannot even be set up did not hold
                ran, held = Ran(-1, "", f"{type(exc).__name__}: {exc}", 0.0, 0.0), False
        failed += not held
        said = ran.said if len(ran.said) <= 160 else ran.said[:157] + "..."
        print(f"{kind:<9} {name:<60} {ran.code:>4} {ran.seconds:>6.1f} {ran.peak_mb:>5.0f}  "
              f"{'held' if held else 'DID NOT HOLD'}: {said}")
    print(f"{len(CASES) - failed} of {len(CASES)} cases held.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
