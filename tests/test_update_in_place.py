"""An update changes the database where it is, in one transaction: a process killed at any
statement of it leaves the old database or the new one, the next command plays a stopped
update's journal back, and neither an update nor a restamp copies or replaces the file."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.test_incremental import canonical, edit
from xjtrack.cli import app
from xjtrack.store import dbfile
from xjtrack.store.project import Project, _listed

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

# Runs an update in a child process that kills itself (SIGKILL: no cleanup of any kind) when its
# connections start their Nth statement; prints how many statements the update ran. The update's
# cache holds a few pages only, so that it writes into the database file before it commits (SQLite
# then has the journal on disk first): a kill leaves a journal that must be played back.
KILL_AT = """
import os, signal, sqlite3, sys
from pathlib import Path
from xjtrack.store import dbfile
from xjtrack.store.project import Project

at, seen = int(sys.argv[2]), [0]
real = dbfile.sqlite3.connect

class SmallCache(sqlite3.Connection):
    def execute(self, sql, *args):
        return super().execute("pragma cache_size = 5" if sql.startswith("pragma cache_size") else sql, *args)

def connect(*args, **kwargs):
    conn = real(*args, factory=SmallCache, **kwargs)
    def trace(statement):
        seen[0] += 1
        if seen[0] == at:
            os.kill(os.getpid(), signal.SIGKILL)
    conn.set_trace_callback(trace)
    return conn

dbfile.sqlite3.connect = connect
done = Project.locate(Path(sys.argv[1]), None).update()
print(seen[0], done is not None)
"""


def no_journal(db: Path) -> bool:
    """No journal to play back: a read-only connection reads the file (it fails on one)."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("select count(*) from targets").fetchone()[0] > 0
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def run(targets, *args):
    return runner.invoke(app, [*args, "--targets", str(targets)])


def killed_at(targets: Path, statement: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILL_AT, str(targets), str(statement)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def change_binding(targets: Path) -> None:
    edit(targets.parent / "data" / "xj-2024.yaml", lambda d: d["targets"][0].__setitem__("binding", "binding"))


def test_an_update_killed_at_any_statement_leaves_the_old_or_the_new_database(shipped_copy, tmp_path):
    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    old = canonical(db)
    change_binding(shipped_copy)
    saved = tmp_path / "old.db"
    saved.write_bytes(db.read_bytes())

    whole = killed_at(shipped_copy, 0)  # never killed: counts the statements of the whole update
    assert whole.returncode == 0, whole.stderr
    count, applied = whole.stdout.split()
    assert applied == "True" and int(count) > 10
    new = canonical(db)
    assert new != old and not Project.locate(shipped_copy, None).changes()

    points = sorted({1, 2, 3, int(count) // 3, int(count) // 2, int(count) - 2, int(count) - 1, int(count)})
    outcomes = set()
    for at in points:
        db.write_bytes(saved.read_bytes())  # the database before the update, its stamps older than the edit
        stopped = killed_at(shipped_copy, at)
        assert stopped.returncode == -9, (at, stopped.stderr)
        assert Project.locate(shipped_copy, None).recorded() is not None  # the journal is played back first
        assert no_journal(db), at
        got = canonical(db)
        assert got in (old, new), at
        outcomes.add("old" if got == old else "new")
        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma integrity_check").fetchone() == ("ok",), at
    assert outcomes == {"old"}  # killed before its commit finished: never half of one, never the new one
    result = run(shipped_copy, "show", "xj-2024.gdp-growth", "--format", "json")  # and the next command updates
    assert result.exit_code == 0 and '"binding": "binding"' in result.stdout, result.output
    assert canonical(db) == new


def journal_left(targets: Path, tmp_path: Path) -> None:
    """Start the update after a change, and kill it at the statement before its commit."""
    db = targets.parent / "db" / "xjtrack.db"
    saved = tmp_path / "saved.db"
    saved.write_bytes(db.read_bytes())
    count = int(killed_at(targets, 0).stdout.split()[0])
    db.write_bytes(saved.read_bytes())
    assert killed_at(targets, count - 1).returncode == -9
    assert not no_journal(db)


def test_a_stopped_update_leaves_a_journal_that_the_next_command_plays_back(shipped_copy, tmp_path):
    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    old = canonical(db)
    change_binding(shipped_copy)
    journal_left(shipped_copy, tmp_path)  # a read-only connection cannot read past it
    assert canonical(db) == old  # the journal played back (a writable connection does it)
    journal_left(shipped_copy, tmp_path)
    result = run(shipped_copy, "show", "xj-2024.gdp-growth", "--format", "json")
    assert result.exit_code == 0 and '"binding": "binding"' in result.stdout, result.output
    assert no_journal(db)
    assert "Updating" in result.stderr  # played back, then updated: not built anew


def test_a_full_build_never_plays_an_old_journal_into_the_new_file(shipped_copy, tmp_path):
    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    change_binding(shipped_copy)
    journal_left(shipped_copy, tmp_path)
    assert run(shipped_copy, "build", "--full").exit_code == 0
    assert no_journal(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert Project.locate(shipped_copy, None).is_fresh()


def test_an_update_and_a_restamp_change_the_file_in_place(shipped_copy, monkeypatch):
    import shutil

    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    inode = db.stat().st_ino
    copied = []
    real = shutil.copyfile
    monkeypatch.setattr(shutil, "copyfile", lambda *a, **k: copied.append(a) or real(*a, **k))
    change_binding(shipped_copy)
    result = run(shipped_copy, "build")
    assert result.exit_code == 0 and result.stderr.startswith("Updated"), result.output
    data = shipped_copy.parent / "data" / "xj-2021.yaml"
    past = time.time_ns() - 10 * 10**9
    os.utime(data, ns=(past, past))  # touched: same bytes, a new time
    result = run(shipped_copy, "build")
    assert result.exit_code == 0 and "file(s) touched but unchanged" in result.stderr, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select mtime_ns from inputs where name = 'data/xj-2021.yaml'").fetchone() == (past,)
    assert db.stat().st_ino == inode and copied == []
    assert sorted(p.name for p in db.parent.iterdir()) == ["xjtrack.db"]


def test_data_files_are_listed_as_data_files_lists_them(tmp_path):
    from xjtrack.curated.files import data_files

    data = tmp_path / "data"
    for name in ("a.yaml", "b.yml", ".hidden.yaml", "notes.txt", "sub/c.yaml", "sub/deeper/d.yaml",
                 ".dot/e.yaml", "a-b.yaml", "a/f.yaml"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("{}\n", encoding="utf-8")
    (data / "folder.yaml").mkdir()
    (data / "folder.yaml" / "g.yaml").write_text("{}\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "h.yaml").write_text("{}\n", encoding="utf-8")
    (data / "linked").symlink_to(outside, target_is_directory=True)
    (data / "linked.yaml").symlink_to(outside / "h.yaml")
    expected = {str(p.relative_to(data)) for p in data_files(tmp_path / "targets.yaml")[1:]}
    assert set(_listed(str(data))) == expected and "linked/h.yaml" not in expected
    project = Project.locate(tmp_path / "targets.yaml", None)
    assert project.listed() == set(project.names())


def test_freshness_is_a_stat_per_recorded_file_and_hashes_nothing_unchanged(shipped_copy, monkeypatch):
    from collections import Counter

    import xjtrack.curated.files as files

    past = time.time_ns() - 10 * 10**9
    for path in shipped_copy.parent.rglob("*"):
        os.utime(path, ns=(past, past))  # long before the build: every stat is trusted
    assert run(shipped_copy, "build", "--full").exit_code == 0
    project = Project.locate(shipped_copy, None)
    recorded = project.recorded()
    assert recorded is not None and len(recorded) > 20
    hashed = []
    monkeypatch.setattr(files, "digest", lambda path: hashed.append(path) or "")
    stats = []
    real = os.lstat
    monkeypatch.setattr(os, "lstat", lambda path, *a, **k: stats.append(str(path)) or real(path, *a, **k))
    assert project.changes() == frozenset() and hashed == []
    counted = Counter(stats)
    assert all(counted[str(shipped_copy.parent / name)] == 1 for name in recorded)


def test_an_update_records_an_added_file_and_forgets_a_removed_one(shipped_copy):
    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    folder = shipped_copy.parent / "data" / "observations"
    before = (folder / "xj-gwr-2024.yaml").read_text(encoding="utf-8")
    moved = []
    edit(folder / "xj-gwr-2024.yaml", lambda d: (moved.extend(d["observations"][-1:]), d["observations"].pop()))
    (folder / "added.yaml").write_text(yaml.safe_dump({"observations": moved}, allow_unicode=True), encoding="utf-8")
    result = run(shipped_copy, "build")
    assert result.exit_code == 0 and result.stderr.startswith("Updated"), result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select role from inputs where name = 'data/observations/added.yaml'").fetchone() == ("data",)
    (folder / "added.yaml").unlink()
    (folder / "xj-gwr-2024.yaml").write_text(before, encoding="utf-8")
    result = run(shipped_copy, "build")
    assert result.exit_code == 0 and result.stderr.startswith("Updated"), result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from inputs where name like '%added.yaml'").fetchone() == (0,)
    assert Project.locate(shipped_copy, None).is_fresh()


def test_an_update_reads_along_the_files_whose_entries_may_claim_its_figures(mini):
    """p13.yaml's targets take cells of the plan's table, whose other cells observations/plan.yaml
    takes: an update of p13.yaml checks both files' cells together, as a full build does, rather
    than building anew."""
    db = mini.parent / "db" / "xjtrack.db"
    assert run(mini, "build").exit_code == 0
    edit(mini.parent / "data" / "p13.yaml", lambda d: d["targets"][0].__setitem__("binding", "binding"))
    done = Project.locate(mini, None).update()
    assert done is not None and done.files == ("data/p13.yaml",) and done.alongside >= 1
    full = mini.parent / "full.db"
    assert run(mini, "build", "--full", "--db", str(full)).exit_code == 0
    assert canonical(db) == canonical(full)


def test_a_lookup_reads_what_judging_one_target_needs_and_judges_as_the_build(shipped_db):
    """show reads one target's series, its places up the levels and the documents they and its
    figures cite, not every document and place: judged from that, every shipped target gets the
    verdict the build stored; and its plan row's other forms are found by index as by a scan."""
    from datetime import date

    from xjtrack.core.evaluate import Index
    from xjtrack.core.lineage import judge
    from xjtrack.store.read import connect_readonly, read_for_target, stored_verdict, target_ids
    from xjtrack.store.status import promise_forms

    scan = ("select t.id, v.status, t.goal_text, t.id = p.promise from targets t join verdicts v on v.target = t.id "
            "join (select coalesce(nullif(form_of, ''), id) as promise from targets where id = ?) p "
            "on coalesce(nullif(t.form_of, ''), t.id) = p.promise where t.id != ? order by 4 desc, t.id")
    conn = connect_readonly(shipped_db)
    try:
        as_of = date.fromisoformat(conn.execute("select value from meta where key = 'as_of'").fetchone()[0])
        forms = 0
        for ident in target_ids(conn):
            corpus, target = read_for_target(conn, ident)
            assert judge(target, Index(corpus), as_of) == stored_verdict(conn, ident), ident
            found = promise_forms(conn, ident)
            assert [(f["id"], f["status"], f["target_text"], f["decides"]) for f in found] == \
                [(r[0], r[1], r[2], bool(r[3])) for r in conn.execute(scan, (ident, ident))], ident
            forms += bool(found)
        assert forms > 10
    finally:
        conn.close()


def test_a_journal_that_is_a_link_or_beside_another_database_is_never_played_back(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("not a journal\n", encoding="utf-8")
    ours = tmp_path / "ours.db"
    conn = sqlite3.connect(ours)
    conn.execute(f"pragma application_id = {dbfile.APPLICATION_ID}")
    conn.execute("create table t (x)")
    conn.commit()
    conn.close()
    dbfile.journal(ours).symlink_to(outside)
    assert dbfile.recover(ours) is False and outside.read_text(encoding="utf-8") == "not a journal\n"
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    dbfile.journal(other).write_bytes(b"\0" * 512)
    assert dbfile.recover(other) is False and dbfile.journal(other).exists()


def test_an_update_in_place_never_creates_a_database(tmp_path):
    from xjtrack.errors import XjtrackError

    with pytest.raises(XjtrackError, match="cannot write the database"):
        dbfile.in_place(tmp_path / "gone.db", lambda conn: True)
    assert list(tmp_path.iterdir()) == []


def test_the_targets_of_one_place_are_judged_from_that_place_and_the_levels_above(shipped_db):
    """What an update's history reads for some targets: their places up the levels and those
    places' documents, never another place's (the read grows with the targets, not the corpus);
    judged from it, each target's verdict is the stored one."""
    from datetime import date

    from xjtrack.core.evaluate import Index
    from xjtrack.core.lineage import judge
    from xjtrack.store.read import connect_readonly, read_for_targets, records, stored_verdict
    from xjtrack.store.schema import TARGETS

    conn = connect_readonly(shipped_db)
    try:
        as_of = date.fromisoformat(conn.execute("select value from meta where key = 'as_of'").fetchone()[0])
        city = records(conn, TARGETS, "jurisdiction = 'urumqi' order by file, position")
        corpus = read_for_targets(conn, city)
        assert set(corpus.jurisdictions) == {"urumqi", "xinjiang", "national"}
        assert {s.jurisdiction for s in corpus.sources.values()} <= {"urumqi", "xinjiang", "national"}
        assert not any(t.jurisdiction == "xpcc" for t in corpus.targets.values())
        everything = conn.execute("select count(*) from jurisdictions").fetchone()[0]
        assert everything > len(corpus.jurisdictions)
        index = Index(corpus)
        assert len(city) > 20
        for target in city:
            assert judge(target, index, as_of) == stored_verdict(conn, target.id), target.id
    finally:
        conn.close()
