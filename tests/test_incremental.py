"""An update after a change to a few data files holds exactly what a full build of the same
files holds, table by table and row by row; it never serves a stale database; and a build or
update stopped at any point leaves the previous database whole."""

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.store.project import Project

runner = CliRunner()


@pytest.fixture
def repo(shipped_copy) -> Path:
    return shipped_copy


def run(targets, *args):
    return runner.invoke(app, [*args, "--targets", str(targets)])


def canonical(db: Path) -> dict:
    """Every table's rows in a fixed order, the schema, and the build facts (without the build's
    own clock): what two databases must share to answer every query alike."""
    conn = sqlite3.connect(db)
    try:
        out = {"schema": sorted(conn.execute("select type, name, sql from sqlite_master"))}
        for (name,) in conn.execute("select name from sqlite_master where type = 'table'"):
            if name.startswith("source_lines_fts") or name in ("meta", "inputs"):
                continue
            width = len(conn.execute(f'select * from "{name}" limit 0').description)
            order = ", ".join(str(i) for i in range(1, width + 1))
            out[name] = conn.execute(f'select * from "{name}" order by {order}').fetchall()
        meta = dict(conn.execute("select key, value from meta"))
        inputs = conn.execute("select name, sha256, size, mtime_ns, ctime_ns, inode, role from inputs "
                              "order by name").fetchall()  # without built_ns, the build's own clock
        out["meta"] = (meta, inputs)
        out["fts"] = conn.execute("select rowid from source_lines_fts where source_lines_fts match '铁 路' "
                                  "order by rowid").fetchall()
        return out
    finally:
        conn.close()


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def updates_like_a_full_build(targets: Path) -> str:
    """Bring db/ up to date the ordinary way, build a second database from scratch, compare."""
    result = run(targets, "build")
    assert result.exit_code == 0, result.output
    full = targets.parent / "full.db"
    assert run(targets, "build", "--full", "--db", str(full)).exit_code == 0
    assert canonical(targets.parent / "db" / "xjtrack.db") == canonical(full)
    full.unlink()
    return result.stderr


def test_a_build_from_scratch_is_reproducible(repo):
    assert run(repo, "build").exit_code == 0
    first = canonical(repo.parent / "db" / "xjtrack.db")
    assert run(repo, "build", "--full").exit_code == 0
    assert canonical(repo.parent / "db" / "xjtrack.db") == first


def test_updates_equal_full_builds_through_a_series_of_edits(repo):
    data = repo.parent / "data"
    assert run(repo, "build").exit_code == 0
    before = json.loads(run(repo, "show", "xj-13fyp.railway-km", "--format", "json").stdout)

    # figures withdrawn: the railway outcome goes, and its target's verdict with it
    edit(data / "observations" / "xj-gwr-2021.yaml", lambda d: d.__setitem__(
        "observations", [o for o in d["observations"] if o["indicator"] != "railway-km"]))
    said = updates_like_a_full_build(repo)
    assert said.startswith("Updated") and "1 changed file(s)" in said
    after = json.loads(run(repo, "show", "xj-13fyp.railway-km", "--format", "json").stdout)
    assert before["verdict"]["status"] == "missed" and after["verdict"]["status"] != "missed"

    # figures moved to a new file: same ids, another owner
    moved = []
    edit(data / "observations" / "xj-gwr-2024.yaml", lambda d: (
        moved.extend(d["observations"][:20]), d.__setitem__("observations", d["observations"][20:])))
    (data / "observations" / "moved.yaml").write_text(
        yaml.safe_dump({"observations": moved}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "2 changed file(s)" in updates_like_a_full_build(repo)

    # statements: one file gone, so the reported verdicts it gave go too
    (data / "statements" / "urumqi-gwr-2021.yaml").unlink()
    assert updates_like_a_full_build(repo).startswith("Updated")

    # a statement about a target of another file, from a new file
    stated = yaml.safe_load((data / "statements" / "xj-gwr-2021.yaml").read_text(encoding="utf-8"))
    (data / "statements" / "more.yaml").write_text(yaml.safe_dump(
        {"statements": [{**stated["statements"][0], "says": "partly_done",
                         "notes": "a second reading, for the test"}]}, allow_unicode=True), encoding="utf-8")
    assert updates_like_a_full_build(repo).startswith("Updated")

    # targets edited: one dropped, one re-labelled, in a file other files speak of
    def retarget(d):
        d["targets"] = [t for t in d["targets"] if t["id"] != "xj-2024.gdp-growth"]
        d["targets"][0]["binding"] = "binding"
    edit(data / "xj-2024.yaml", retarget)
    assert updates_like_a_full_build(repo).startswith("Updated")
    assert run(repo, "show", "xj-2024.gdp-growth").exit_code == 1


def test_a_registry_change_builds_in_full(repo):
    assert run(repo, "build").exit_code == 0
    edit(repo.parent / "data" / "indicators.yaml", lambda d: d["indicators"][0].__setitem__("notes", "edited"))
    assert updates_like_a_full_build(repo).startswith("Built")


def test_a_target_removed_while_another_file_speaks_of_it_is_the_full_builds_error(repo):
    assert run(repo, "build").exit_code == 0
    db = repo.parent / "db" / "xjtrack.db"
    kept = db.read_bytes()
    edit(repo.parent / "data" / "xj-13fyp-main.yaml", lambda d: d.__setitem__(
        "targets", [t for t in d["targets"] if t["id"] != "xj-13fyp.poverty-counties"]))
    result = run(repo, "build")
    assert result.exit_code == 1
    assert "unknown-target" in result.stderr and "xj-13fyp.poverty-counties" in result.stderr
    assert run(repo, "validate").stdout.splitlines() == result.stderr.splitlines()[:-1]
    assert db.read_bytes() == kept


def test_a_problem_in_a_changed_file_is_located_and_the_database_kept(repo):
    assert run(repo, "build").exit_code == 0
    db = repo.parent / "db" / "xjtrack.db"
    kept = db.read_bytes()
    path = repo.parent / "data" / "observations" / "xj-gwr-2021.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote: \"35个贫困县", "quote: \"35个贫困市", 1).replace(
        "    value: \"突破100万亿元\"", "    value: \"突破100万亿元\"\n    valeu: 1", 1), encoding="utf-8")
    result = run(repo, "build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == run(repo, "validate").stdout.splitlines()
    assert "data/observations/xj-gwr-2021.yaml:13:5: unknown-key" in result.stderr
    assert db.read_bytes() == kept


def test_a_duplicate_id_in_a_changed_file_names_the_file_that_holds_it(repo):
    assert run(repo, "build").exit_code == 0
    stolen = yaml.safe_load((repo.parent / "data" / "xj-2021.yaml").read_text(encoding="utf-8"))["targets"][0]
    edit(repo.parent / "data" / "xj-2024.yaml", lambda d: d["targets"].append(stolen))
    result = run(repo, "build")
    assert result.exit_code == 1
    assert f"target id {stolen['id']!r} is already used at data/xj-2021.yaml" in result.stderr


def test_a_stale_database_is_never_used(repo):
    assert run(repo, "build").exit_code == 0
    target = repo.parent / "data" / "xj-2024.yaml"
    edit(target, lambda d: d["targets"][0].__setitem__("binding", "binding"))
    shown = json.loads(run(repo, "show", "xj-2024.gdp-growth", "--format", "json").stdout)
    assert shown["binding"] == "binding"
    rows = json.loads(run(repo, "status", "--format", "json", "--plan", "xj-2024").stdout)
    assert [r["binding"] for r in rows if r["id"] == "xj-2024.gdp-growth"] == ["binding"]
    assert Project.locate(repo, None).is_fresh()


def test_an_update_stopped_at_any_point_leaves_the_previous_database(repo, monkeypatch):
    import xjtrack.store.incremental as incremental

    assert run(repo, "build").exit_code == 0
    db = repo.parent / "db" / "xjtrack.db"
    kept = db.read_bytes()
    edit(repo.parent / "data" / "xj-2024.yaml", lambda d: d["targets"][0].__setitem__("binding", "binding"))
    steps = ("_check", "_judged", "_verdicts", "_write", "_record")
    for step in steps:
        real = getattr(incremental, step)

        def stop(*args, real=real, **kwargs):
            real(*args, **kwargs)
            raise KeyboardInterrupt

        monkeypatch.setattr(incremental, step, stop)
        result = run(repo, "build")
        assert result.exit_code != 0
        monkeypatch.undo()
        assert db.read_bytes() == kept, step
        assert sorted(p.name for p in db.parent.iterdir()) == ["xjtrack.db"], step
        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma quick_check").fetchone() == ("ok",)
            assert conn.execute("select count(*) from targets").fetchone() == (510,)
    assert updates_like_a_full_build(repo).startswith("Updated")


def same_size_edit_keeping_the_time(path: Path) -> None:
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("binding: expected", "binding: unknown!", 1), encoding="utf-8")
    assert path.stat().st_size == info.st_size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_freshness_sees_an_edit_that_keeps_size_and_time_whenever_the_build_was(mini):
    data = mini.parent / "data" / "p13.yaml"
    project = Project.locate(mini, None)
    data.write_text(data.read_text(encoding="utf-8"), encoding="utf-8")  # modified just now: racy
    assert run(mini, "build").exit_code == 0
    same_size_edit_keeping_the_time(data)
    assert not project.is_fresh()  # hashed, as its time was too close to the build's

    past = time.time_ns() - 10 * 10**9
    os.utime(data, ns=(past, past))
    data.write_text(data.read_text(encoding="utf-8").replace("binding: unknown!", "binding: expected", 1),
                    encoding="utf-8")
    os.utime(data, ns=(past, past))
    assert run(mini, "build", "--full").exit_code == 0  # records the file's time, now long past
    assert project.is_fresh()
    same_size_edit_keeping_the_time(data)
    assert not project.is_fresh()  # the change time moved: the file is hashed, and differs


def test_build_records_anew_the_stamps_of_files_touched_but_unchanged(mini, monkeypatch):
    import xjtrack.curated.files as files

    assert run(mini, "build").exit_code == 0
    db = mini.parent / "db" / "xjtrack.db"
    rows = canonical(db)
    data = mini.parent / "data" / "p13.yaml"
    past = time.time_ns() - 10 * 10**9
    os.utime(data, ns=(past, past))  # as a checkout does: new time, same bytes
    project = Project.locate(mini, None)
    assert list(project.touched()) == ["data/p13.yaml"] and project.is_fresh()
    result = run(mini, "build")
    assert result.exit_code == 0 and "1 file(s) touched but unchanged" in result.stderr
    assert project.touched() == {}
    hashed = []
    real = files.digest
    monkeypatch.setattr(files, "digest", lambda path: hashed.append(path) or real(path))
    assert project.is_fresh() and hashed == []  # trusted by its stat again, not hashed
    assert canonical(db)["targets"] == rows["targets"]


def test_a_database_built_by_other_code_is_built_again(mini, tmp_path, monkeypatch):
    """The code that judges is an input too: changed in place (an editable install), it rebuilds."""
    import xjtrack

    db = tmp_path / "x.db"
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--targets", str(mini), "--db", str(db)]).exit_code == 0
    again = runner.invoke(app, ["status", "--targets", str(mini), "--db", str(db)])
    assert again.exit_code == 0 and "Building" not in again.stderr
    monkeypatch.setattr(xjtrack, "_stamp", "code-changed-in-place")
    changed = runner.invoke(app, ["status", "--targets", str(mini), "--db", str(db)])
    assert changed.exit_code == 0 and "Building" in changed.stderr, changed.stderr
