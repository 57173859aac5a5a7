"""Measure how long `xjtrack --help` and `xjtrack status` take, and print the figures.

Usage: python scripts/bench.py [RUNS]

Runs each command RUNS times (default 10) as a fresh process, with the database already
built, and prints the median and the best wall-clock time. The goals: --help under 0.15 s,
status under 0.5 s.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"--help": 0.15, "status": 0.5}


def timed(args: list[str], runs: int) -> list[float]:
    exe = shutil.which("xjtrack") or sys.exit("xjtrack is not installed: pip install .")
    env = {**os.environ, "COLUMNS": "100"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    timed(["build"], 1)
    print(f"{'command':<18} {'median':>8} {'best':>8} {'goal':>8}")
    for args in (["--help"], ["status"], ["status", "--format", "json"]):
        times = timed(args, runs)
        goal = GOALS.get(args[0], GOALS["status"])
        median = statistics.median(times)
        verdict = "ok" if median < goal else "SLOW"
        print(f"{' '.join(args):<18} {median:>7.3f}s {min(times):>7.3f}s {goal:>7.2f}s  {verdict}")


if __name__ == "__main__":
    main()
