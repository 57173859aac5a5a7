"""The scale benchmark's own parts: run-by-run ratios, a child's peak memory and time limit,
pairs taking turns, goals judged per size, and failures printed as data."""

import sys
import time
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from benchkit import Command, Goal, Paired, Run, judge, median_ratio, pair, plain, run  # noqa: E402

PY = sys.executable


def test_the_ratio_is_the_median_of_run_by_run_ratios_not_of_the_medians():
    # medians of the times would give 3 / 1.5 = 2; run by run the ratios are 2, 3 and 5
    assert median_ratio([2, 3, None, 10], [1, 1, 5, 2]) == 3
    assert median_ratio([1.0, None], [None, 2.0]) is None
    assert median_ratio([4.0], [0.0]) is None  # a peer with no time gives no ratio


def test_a_failing_command_is_a_result_with_its_message(tmp_path):
    got = run(Command([PY, "-c", "import sys; print('x', file=sys.stderr); sys.exit('no such\\x1b[31m thing | here')"],
                      tmp_path), timeout=60)
    assert got.seconds is None
    assert got.error == "exit 1: no such [31m thing / here"
    missing = run(Command([str(tmp_path / "nowhere")], tmp_path), timeout=60)
    assert missing.error.startswith("could not start") and missing.seconds is None


def test_a_command_that_outruns_its_time_limit_is_stopped(tmp_path):
    started = time.perf_counter()
    got = run(Command([PY, "-c", "import time; time.sleep(60)"], tmp_path), timeout=1)
    assert time.perf_counter() - started < 30
    assert got.error == "timed out after 1 s" and got.seconds is None


def test_peak_memory_is_the_childs_own(tmp_path):
    held = bytearray(200_000_000)  # this process's memory is not the child's, though it forks from it
    held[::4096] = b"x" * len(held[::4096])
    small = run(Command([PY, "-c", "pass"], tmp_path), timeout=60)
    del held
    big = run(Command([PY, "-c", "b = bytearray(300_000_000); b[::4096] = b'x' * len(b[::4096])"], tmp_path),
              timeout=60)
    assert small.peak_mb < 100 < 300 < big.peak_mb
    assert small.seconds > 0 and small.error is None


WORKERS = """
import multiprocessing, os, time
def hold(n):
    b = bytearray(n); b[::4096] = b"x" * len(b[::4096]); time.sleep(1.2)  # a look every half second sees it
    t = time.process_time()
    while time.process_time() - t < 0.3:
        pass
if __name__ == "__main__":
    ps = [multiprocessing.get_context("fork").Process(target=hold, args=(150_000_000,)) for _ in range(2)]
    [p.start() for p in ps]; [p.join() for p in ps]
"""


SHARING = """
import multiprocessing, time
held = bytearray(200_000_000); held[::4096] = b"x" * len(held[::4096])
def read():
    assert sum(held[::4096]) > 0; time.sleep(1.2)  # read, not written: the pages stay shared
if __name__ == "__main__":
    ps = [multiprocessing.get_context("fork").Process(target=read) for _ in range(2)]
    [p.start() for p in ps]; [p.join() for p in ps]
"""


def test_peak_memory_adds_up_the_worker_processes_and_cpu_counts_theirs(tmp_path):
    import pytest

    if not Path("/proc/self/smaps_rollup").is_file():
        pytest.skip("the tree's memory is read from /proc")
    got = run(Command([PY, "-c", WORKERS], tmp_path), timeout=60)
    assert got.error is None
    assert got.peak_mb > 300  # two workers of 150 MB each, beside their parent: not the largest one's alone
    assert got.cpu_seconds >= 0.5  # both workers' CPU time, waited for by the command


def test_pages_workers_share_with_their_parent_count_once(tmp_path):
    import pytest

    if not Path("/proc/self/smaps_rollup").is_file():
        pytest.skip("the tree's memory is read from /proc")
    got = run(Command([PY, "-c", SHARING], tmp_path), timeout=60)
    assert got.error is None
    assert 200 < got.peak_mb < 320  # 200 MB held by the parent and read by two workers: not 600 MB


def test_a_program_that_times_itself_gives_its_own_seconds(tmp_path):
    got = run(Command([PY, "-c", "import time; time.sleep(0.3); print('parsed'); print(0.125)"], tmp_path,
                      own_time=True), timeout=60)
    assert got.seconds == 0.125
    silent = run(Command([PY, "-c", "print('done')"], tmp_path, own_time=True), timeout=60)
    assert silent.error == "printed no time"


def test_the_command_and_its_peers_take_turns_in_going_first(tmp_path):
    log = tmp_path / "order"

    def writes(name):
        return Command([PY, "-c", f"open({str(log)!r}, 'a').write({name!r})"], tmp_path)

    got = Paired()
    for turn in range(3):
        pair(writes("m"), {"p": writes("p"), "q": writes("q")}, turn, 60, got)
    assert log.read_text() == "mpq" "qpm" "mpq"
    assert len(got.main) == len(got.peers["p"]) == 3 and got.ratio("p") is not None


def test_the_peers_of_a_failed_command_are_not_run(tmp_path):
    log = tmp_path / "ran"
    got = Paired()
    pair(Command([PY, "-c", "raise SystemExit(2)"], tmp_path),
         {"p": Command([PY, "-c", f"open({str(log)!r}, 'w')"], tmp_path)}, 0, 60, got)
    assert not log.exists()
    assert got.error() == "exit 2: no message" and got.ratio("p") is None and got.seconds() is None


def test_a_goal_is_judged_only_at_the_sizes_it_speaks_of():
    goal = Goal("status ≤ 1.5× rows", "status", "rows", limit=1.5, at=(100_000, 1_000_000))
    cells, verdict = judge(goal, {1_000: 2.5, 100_000: 1.4, 1_000_000: 1.6})
    assert cells == {1_000: "(2.50×)", 100_000: "1.40× met", 1_000_000: "1.60× MISSED"}
    assert verdict == "**missed**"
    assert judge(goal, {1_000: 2.5, 10_000: 1.0})[1] == "not measured"
    assert judge(goal, {100_000: 1.2})[1] == "met; not measured at 1,000,000"
    assert judge(goal, {100_000: 1.2, 1_000_000: None})[1] == "met; not measured at 1,000,000"
    assert judge(goal, {100_000: 1.2, 1_000_000: 1.5})[1] == "met"
    memory = Goal("peak ≤ 1,000 MB", "*", what="peak", limit=1000, at=(1_000_000,))
    assert judge(memory, {1_000_000: 1200.4}) == ({1_000_000: "1,200 MB MISSED"}, "**missed**")


def test_medians_and_peaks_leave_out_failed_runs():
    got = Paired(main=[Run(1.0, 50), Run(error="timed out after 9 s"), Run(3.0, 70), Run(2.0, 60)])
    assert got.seconds() == 2.0 and got.peak_mb() == 70 and got.error() == "timed out after 9 s"


def test_messages_become_one_inert_line():
    assert plain("a\nb\t|c\x07d\u202e", limit=80) == "a b /c d"
    assert plain("x" * 200, limit=10) == "x" * 9 + "…"
