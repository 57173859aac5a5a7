"""A corpus that falls apart into independent parts is built and checked a part at a time, and
the database, the problems and validate's output are those of reading it whole; built in worker
processes, the same database, the same errors and exit codes, no traceback from a worker, and the
old database kept when the build is stopped."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.curated import parts as parts_module
from xjtrack.curated.assemble import load_corpus
from xjtrack.curated.files import data_files
from xjtrack.errors import DataError, XjtrackError
from xjtrack.store import parallel
from xjtrack.store.project import Project


@pytest.fixture
def synthetic(three_parts) -> Path:
    return three_parts


@pytest.fixture
def corpus(three_parts_copy) -> Path:
    return three_parts_copy


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows in the order written, the inputs' but the time of the build."""
    conn = sqlite3.connect(db)
    names = [n for (n,) in conn.execute("select name from sqlite_master where type = 'table' "
                                         "and name not like '%fts%' order by name")]
    out = {n: conn.execute(f'select * from "{n}" order by rowid').fetchall() for n in names}
    conn.close()
    out["inputs"] = [r[:-1] for r in out["inputs"]]  # built_ns: when the build started
    return out


def whole(targets: Path, db: Path) -> None:
    project = Project.locate(targets, db)
    project.build(corpus=project.load())  # a corpus given is written whole


def test_the_synthetic_corpus_falls_into_one_part_a_copy(synthetic):
    found = Project.locate(synthetic, None).parts()
    assert found is not None and len(found.groups) == 3
    assert [[p.name for p in g] for g in found.groups][0] == ["observations-k000.yaml", "targets-k000.yaml"]
    made = [len(c.targets) for c in found]
    assert sum(made) == 1100 and max(made) < 1100


def test_a_build_in_parts_writes_the_database_a_whole_build_writes(corpus, tmp_path):
    Project.locate(corpus, tmp_path / "parts.db").build()
    whole(corpus, tmp_path / "whole.db")
    apart, held = rows(tmp_path / "parts.db"), rows(tmp_path / "whole.db")
    assert len(held["targets"]) == 1100 and held["verdicts"] and held["verdict_history"]
    assert apart.keys() == held.keys()
    for name in held:
        assert apart[name] == held[name], name


def test_validate_says_the_same_in_parts_and_whole(corpus, monkeypatch):
    apart = CliRunner().invoke(app, ["validate", "--targets", str(corpus)])
    monkeypatch.setattr(Project, "parts", lambda self, levels=True: None)
    held = CliRunner().invoke(app, ["validate", "--targets", str(corpus)])
    assert apart.exit_code == held.exit_code == 0, apart.output
    assert "1100 targets" in held.output and apart.output == held.output


def test_the_shipped_corpus_is_one_part(shipped_copy):
    assert Project.locate(shipped_copy, None).parts() is None


def _problems(targets: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        Project.locate(targets, None).check()
    return [str(p) for p in caught.value.problems]


def test_problems_in_a_part_are_the_whole_read_s(corpus, tmp_path):
    data = corpus.parent / "data"
    text = (data / "targets-k001.yaml").read_text(encoding="utf-8")
    (data / "targets-k001.yaml").write_text(text.replace("quote: ", "quote: 不在文中", 2), encoding="utf-8")
    found = _problems(corpus)
    with pytest.raises(DataError) as caught:
        load_corpus(corpus, data_files(corpus))
    assert found == [str(p) for p in caught.value.problems] and any("quote-not-found" in p for p in found)
    with pytest.raises(DataError):
        Project.locate(corpus, tmp_path / "x.db").build()
    assert not (tmp_path / "x.db").exists()


def test_a_statement_about_another_copy_s_target_joins_the_copies(corpus, tmp_path):
    data = corpus.parent / "data"
    text = (data / "targets-k002.yaml").read_text(encoding="utf-8")
    first = next(line.split(": ", 1)[1] for line in (data / "targets-k000.yaml").read_text(encoding="utf-8").splitlines()
                 if line.startswith("- id: "))
    head, said = text.split("\nstatements:\n", 1)
    changed = head + "\nstatements:\n" + said.replace("- target: ", f"- target: {first}\n  # was: ", 1)
    assert changed != text
    (data / "targets-k002.yaml").write_text(changed, encoding="utf-8")
    found = Project.locate(corpus, None).parts()
    assert found is not None and len(found.groups) == 2


def test_a_part_that_reaches_past_what_the_scan_saw_is_read_whole(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(parts_module, "NAMED", parts_module.re.compile(r"(?!)(x)(y)"))  # the scan sees nothing
    found = Project.locate(corpus, None).parts()
    assert found is not None and len(found.groups) == 6  # every file a part of its own
    with pytest.raises(parts_module.Whole):
        list(found)
    Project.locate(corpus, tmp_path / "parts.db").build()  # read whole instead
    whole(corpus, tmp_path / "whole.db")
    assert rows(tmp_path / "parts.db") == rows(tmp_path / "whole.db")


def test_a_registry_beside_targets_is_read_whole(corpus):
    data = corpus.parent / "data"
    text = (data / "indicators.yaml").read_text(encoding="utf-8")
    moved = (data / "targets-k000.yaml").read_text(encoding="utf-8")
    (data / "indicators.yaml").write_text(text + moved, encoding="utf-8")
    (data / "targets-k000.yaml").unlink()
    assert Project.locate(corpus, None).parts() is None


def test_a_build_holds_no_more_than_the_part_it_writes_and_the_next(corpus, tmp_path, monkeypatch):
    import gc
    import weakref

    made, alive = [], []
    read = parts_module.Parts._part

    def part(self, n, group):
        gc.collect()
        alive.append(sum(ref() is not None for ref in made))  # parts still held when another is read
        corpus = read(self, n, group)
        made.append(weakref.ref(corpus))
        return corpus

    monkeypatch.setattr(parts_module.Parts, "_part", part)
    monkeypatch.setattr(parallel, "workers", lambda parts, jobs=1: 0)  # in this process, where it can be watched
    Project.locate(corpus, tmp_path / "parts.db").build()
    assert len(made) == 3 and alive == [0, 1, 1]


def test_implausible_figures_found_part_by_part_are_told_in_the_whole_read_s_order():
    from tests.test_extract_reading import INDICATORS, _observation
    from xjtrack.core.plausible import suspects
    from xjtrack.core.records import Corpus, Jurisdiction

    places = {"xinjiang": Jurisdiction(id="xinjiang", name_zh="新疆", name_en="Xinjiang", parent=None),
              "urumqi": Jurisdiction(id="urumqi", name_zh="乌鲁木齐", name_en="Urumqi", parent="xinjiang")}
    indicators = {i.id: i for i in INDICATORS}
    industry = [_observation("x", "690亿元", 2021, "r2022"), _observation("y", "31亿元", 2022, "r2023"),
                _observation("c", "800亿元", 2021, "city", where="urumqi")]
    grain = [_observation("a", "1700万吨", 2021, "r2022", indicator="grain-output"),
             _observation("b", "1813.5万吨", 2022, "r2023", indicator="grain-output"),
             _observation("g", "3%", 2022, "news", measure="yoy_growth", indicator="grain-output")]

    def part(observations):
        return Corpus(jurisdictions=places, indicators=indicators, observations={o.id: o for o in observations})

    held = [s.message for s in suspects([*industry, *grain], indicators, {"urumqi": "xinjiang"})]
    tally = parts_module.Tally()
    tally.add(part(industry))  # the parts in another order than the series'
    tally.add(part(grain))
    _, told = tally.notices()
    assert len(held) == 3 and [message for message, _ in told] == held


# Built in worker processes (store.parallel)

forks = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="worker processes are forked")


def _workers(monkeypatch, count: int) -> None:
    monkeypatch.setattr(parallel, "workers", lambda parts, jobs=1: min(count, parts) if count >= 2 else 0)


def _built(corpus: Path, tmp_path: Path) -> tuple[Path, bytes]:
    """A database built from corpus (in one process), and its bytes."""
    db = tmp_path / "out" / "db.sqlite"
    Project.locate(corpus, db).build()
    return db, db.read_bytes()


def _failing(monkeypatch, error: BaseException, at: int = 1) -> None:
    """Part `at` raises error when it is read (in whichever process reads it)."""
    read = parts_module.Parts._part

    def part(self, n, group):
        if n == at:
            raise error
        return read(self, n, group)

    monkeypatch.setattr(parts_module.Parts, "_part", part)


@forks
def test_workers_write_the_rows_one_process_writes(corpus, tmp_path, monkeypatch):
    _workers(monkeypatch, 0)
    alone = Project.locate(corpus, tmp_path / "alone.db").build()
    _workers(monkeypatch, 2)
    spread = Project.locate(corpus, tmp_path / "spread.db").build()
    assert spread == alone and spread.targets == 1100
    apart, held = rows(tmp_path / "spread.db"), rows(tmp_path / "alone.db")
    assert apart.keys() == held.keys() and held["verdict_history"]
    for name in held:
        assert apart[name] == held[name], name
    whole(corpus, tmp_path / "whole.db")
    assert rows(tmp_path / "whole.db") == held
    assert not multiprocessing.active_children()
    index = "select * from source_lines_fts_data order by id"  # the texts were written while waiting for parts
    with sqlite3.connect(tmp_path / "spread.db") as a, sqlite3.connect(tmp_path / "alone.db") as b:
        assert a.execute(index).fetchall() == b.execute(index).fetchall() != []


@forks
def test_workers_a_core_at_most_four_and_never_more_than_parts(monkeypatch):
    monkeypatch.setattr(parallel, "cores", lambda: 64)
    assert parallel.workers(40, 1) == 0  # this process alone
    assert parallel.workers(40, 0) == parallel.MAX_WORKERS == 4 and parallel.workers(3, 0) == 3
    assert parallel.workers(40, 2) == 2 and parallel.workers(40, 12) == 12 and parallel.workers(5, 12) == 5
    assert parallel.workers(1, 0) == parallel.workers(1, 4) == 0
    monkeypatch.setattr(parallel.sys, "platform", "darwin")  # fork there only when a number is asked for
    assert parallel.workers(40, 0) == 0 and parallel.workers(40, 2) == 2
    monkeypatch.setattr(parallel.sys, "platform", "linux")
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert parallel.workers(40, 0) == 0


@forks
def test_build_jobs_reaches_the_build(corpus, tmp_path, monkeypatch):
    asked = []
    workers = parallel.workers
    monkeypatch.setattr(parallel, "workers", lambda parts, jobs=1: asked.append(jobs) or workers(parts, jobs))
    for args in ([], ["--jobs", "2"], ["-j", "0"]):
        result = CliRunner().invoke(app, ["build", "--full", "--targets", str(corpus), "--db", str(tmp_path / "x.db"),
                                          *args])
        assert result.exit_code == 0, result.output
        assert "1100 targets" in result.output
    # build's default, a worker a core: for the scan, the archived texts' digests and the parts
    assert asked == [0, 0, 0, 2, 2, 2, 0, 0, 0]
    result = CliRunner().invoke(app, ["status", "--targets", str(corpus), "--db", str(tmp_path / "new.db")])
    assert result.exit_code == 0, result.output
    assert asked == [0, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0]  # a command that builds a missing database on its way builds the same way
    assert not multiprocessing.active_children()
    result = CliRunner().invoke(app, ["build", "--jobs", "-1", "--targets", str(corpus)])
    assert result.exit_code == 2 and "-1" in result.output


@forks
def test_files_scanned_in_several_processes_give_the_parts_one_process_finds(synthetic, monkeypatch):
    import os

    monkeypatch.setattr(parallel, "SCANNED_EACH", 1)
    project = Project.locate(synthetic, None)
    alone, spread = project.parts(jobs=1), project.parts(jobs=3)
    assert parallel.scanners(7, 1) == 0 and parallel.scanners(7, 3) == 3 and parallel.scanners(1, 3) == 0
    assert spread.groups == alone.groups and len(alone.groups) == 3
    assert spread.places == alone.places
    assert spread.registries.inputs == alone.registries.inputs  # every source's digest and stat among them
    sources = [k for k, v in alone.registries.inputs.items() if v["role"] == "source"]
    assert len(sources) >= 3  # enough that three processes read them
    files = project.data_files()
    assert parallel.mapped(parts_module.scan, files, 3) == [parts_module.scan(f) for f in files]
    pids = set(parallel.mapped(_pid, range(24), 3))
    assert os.getpid() not in pids and len(pids) >= 2  # scanned in other processes, now ended
    assert parallel.mapped(_pid, range(3), 1) == [os.getpid()] * 3
    assert not multiprocessing.active_children()


@forks
def test_an_archived_text_refused_in_another_process_is_refused_as_in_this_one(tmp_path):
    import hashlib

    from xjtrack.curated.files import FileRefused, stamped

    (tmp_path / "a.txt").write_text("第一行\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "folder").mkdir()
    paths = [tmp_path / n for n in ("a.txt", "missing.txt", "latin1.txt", "folder")] * 6

    def seen(found):
        if isinstance(found, FileRefused):
            return "refused", found.code, str(found)
        return found.text, found.sha256, found.size

    alone = [seen(f) for f in parallel.mapped(stamped, paths, 1)]
    digest = hashlib.sha256("第一行\n".encode()).hexdigest()
    assert alone[:4] == [("", digest, 10), ("refused", "missing-file", f"{paths[1]} not found"),
                         ("refused", "not-utf8", alone[2][2]), ("refused", "bad-path", alone[3][2])]
    assert "not UTF-8" in alone[2][2] and "a folder" in alone[3][2]
    assert [seen(f) for f in parallel.mapped(stamped, paths, 3)] == alone


def _pid(_) -> int:
    import os
    import time

    time.sleep(0.01)  # long enough that one process cannot take every item
    return os.getpid()


@forks
def test_a_problem_met_in_a_worker_is_told_as_in_one_process(corpus, tmp_path, monkeypatch):
    data = corpus.parent / "data"
    text = (data / "targets-k001.yaml").read_text(encoding="utf-8")
    (data / "targets-k001.yaml").write_text(text.replace("quote: ", "quote: 不在文中", 2), encoding="utf-8")
    told = []
    monkeypatch.setattr(Project, "load", lambda self: pytest.fail("read whole"))  # told a part at a time
    for count in (0, 2):
        _workers(monkeypatch, count)
        with pytest.raises(DataError) as caught:
            Project.locate(corpus, tmp_path / "x.db").build()
        told.append([str(p) for p in caught.value.problems])
    assert told[0] == told[1] and any("quote-not-found" in p for p in told[1])
    assert not (tmp_path / "x.db").exists() and not multiprocessing.active_children()


@forks
def test_a_part_to_be_read_whole_in_a_worker_reads_the_corpus_whole(corpus, tmp_path, monkeypatch):
    _workers(monkeypatch, 2)
    _failing(monkeypatch, parts_module.Whole())
    Project.locate(corpus, tmp_path / "parts.db").build()  # read whole instead
    monkeypatch.undo()
    whole(corpus, tmp_path / "whole.db")
    assert rows(tmp_path / "parts.db") == rows(tmp_path / "whole.db")


@forks
@pytest.mark.parametrize("error", [XjtrackError("the disk is full"), KeyError("k042")])
def test_an_error_in_a_worker_is_the_error_of_one_process(corpus, tmp_path, monkeypatch, error):
    _workers(monkeypatch, 2)
    _failing(monkeypatch, error)
    with pytest.raises(type(error)) as caught:
        Project.locate(corpus, tmp_path / "x.db").build()
    assert str(caught.value) == str(error) and caught.value.__cause__ is None
    assert not (tmp_path / "x.db").exists() and not list(tmp_path.glob("x.db*"))
    assert not multiprocessing.active_children()


class _Unsendable(Exception):
    def __init__(self, what, why):  # not the arguments it keeps: pickle cannot make it again
        super().__init__(f"{what}: {why}")


@forks
def test_an_error_that_cannot_leave_its_worker_is_named(corpus, tmp_path, monkeypatch):
    _workers(monkeypatch, 2)
    _failing(monkeypatch, _Unsendable("part", "broken"))
    with pytest.raises(RuntimeError, match="_Unsendable: part: broken"):
        Project.locate(corpus, tmp_path / "x.db").build()


@forks
def test_a_worker_that_dies_is_an_error_and_the_old_database_stays(corpus, tmp_path, monkeypatch):
    import os

    db, before = _built(corpus, tmp_path)
    _workers(monkeypatch, 2)
    read = parts_module.Parts._part

    def part(self, n, group):
        if n == 1:
            os._exit(9)  # as the kernel's out-of-memory killer would stop it
        return read(self, n, group)

    monkeypatch.setattr(parts_module.Parts, "_part", part)
    with pytest.raises(XjtrackError, match="worker process .* stopped unexpectedly"):
        Project.locate(corpus, db).build()
    assert db.read_bytes() == before and not multiprocessing.active_children()


@forks
def test_rows_that_cannot_leave_their_worker_are_a_bug_named(corpus, tmp_path, monkeypatch):
    from xjtrack.store import build

    _workers(monkeypatch, 2)
    monkeypatch.setattr(build, "part_rows", lambda corpus, judged, index: [("targets", [(lambda: 0,)])])
    with pytest.raises(RuntimeError, match="Pickl|pickle"):
        Project.locate(corpus, tmp_path / "x.db").build()
    assert not multiprocessing.active_children()


@forks
def test_a_bug_in_a_worker_exits_3_without_a_traceback(corpus, monkeypatch):
    _workers(monkeypatch, 2)
    _failing(monkeypatch, KeyError("k042"))
    result = CliRunner().invoke(app, ["build", "--full", "--targets", str(corpus)])
    assert result.exit_code == 3
    assert "Internal error" in result.output and "KeyError" in result.output and "Traceback" not in result.output


@forks
def test_a_build_stopped_keeps_the_old_database_and_stops_the_workers(corpus, tmp_path, monkeypatch):
    db, before = _built(corpus, tmp_path)
    _workers(monkeypatch, 2)
    seen = []

    def progress(done, total):
        seen.append(done)
        if done == 5:  # the registries and the first part written
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Project.locate(corpus, db).build(progress=progress)
    assert 5 in seen and db.read_bytes() == before
    assert not multiprocessing.active_children() and [p.name for p in db.parent.iterdir()] == ["db.sqlite"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from targets").fetchone()[0] == 1100


@forks
def test_the_workers_are_sent_parts_while_a_statement_runs(corpus):
    import time

    parts = Project.locate(corpus, None).parts(levels=False, jobs=1)
    assert len(parts.groups) == 3

    def counted(part):
        return [("targets", sorted(part.targets))]

    deadline = time.monotonic() + 60
    with parallel.Pool(parts, counted, 2) as pool:

        def step() -> bool:  # SQLite's progress handler: poll, and stop the statement once every part is in
            pool.poll()
            return len(pool.made_parts) == pool.total or time.monotonic() > deadline

        conn = sqlite3.connect(":memory:")
        conn.set_progress_handler(step, 1000)
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):  # a statement without end
            conn.execute("with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n")
        assert pool.given == 0 and len(pool.made_parts) == 3  # all three came in, the third sent, in the statement
        made = [rows for rows, inputs, tally in pool.made()]
    assert made == [counted(part) for part in parts]


@forks
def test_ctrl_c_met_while_a_statement_runs_stops_the_build_after_it(corpus, tmp_path, monkeypatch):
    db, before = _built(corpus, tmp_path)
    _workers(monkeypatch, 2)
    poll, receive = parallel.Pool.poll, parallel.Pool._receive
    seen = {"polling": False, "stopped": 0}

    def polled(self):
        seen["polling"] = True
        try:
            return poll(self)
        finally:
            seen["polling"] = False

    def received(self, block):
        if seen["polling"] and not seen["stopped"]:
            seen["stopped"] += 1
            raise KeyboardInterrupt  # as Ctrl-C is raised in the first Python code SQLite calls
        return receive(self, block)

    monkeypatch.setattr(parallel.Pool, "poll", polled)
    monkeypatch.setattr(parallel.Pool, "_receive", received)
    with pytest.raises(KeyboardInterrupt):
        Project.locate(corpus, db).build()
    assert seen["stopped"] == 1 and db.read_bytes() == before
    assert not multiprocessing.active_children() and [p.name for p in db.parent.iterdir()] == ["db.sqlite"]


def test_a_build_in_parts_collects_less_often_and_puts_it_back(corpus, tmp_path):
    import gc

    from xjtrack.store import build

    before, seen = gc.get_threshold(), set()
    Project.locate(corpus, tmp_path / "x.db").build(progress=lambda done, total: seen.add(gc.get_threshold()), jobs=1)
    assert seen == {(build.GC_EVERY, *before[1:])} and build.GC_EVERY > before[0]
    assert gc.get_threshold() == before
