"""What xjtrack writes and reads: never a file it did not make, never a file outside the repository."""

import fcntl
import os
import sqlite3
import stat

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.store import dbfile
from xjtrack.store.project import Project

runner = CliRunner()


def run(mini, *args, env=None):
    return runner.invoke(app, [*args, "--targets", str(mini)], env=env)


@pytest.fixture
def other_sqlite(tmp_path):
    path = tmp_path / "theirs.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table precious (x)")
        conn.execute("insert into precious values (1)")
    conn.close()
    return path


@pytest.mark.parametrize("command", [["status"], ["build"], ["query", "select 1"], ["report"]])
@pytest.mark.parametrize("kind", ["text", "sqlite", "curated"])
def test_a_file_that_is_not_xjtracks_database_is_never_overwritten(mini, other_sqlite, command, kind):
    victim = {"text": mini.parent / "notes.txt", "sqlite": other_sqlite, "curated": mini}[kind]
    if kind == "text":
        victim.write_text("my notes\n", encoding="utf-8")
    before = victim.read_bytes()
    result = run(mini, *command, env={"XJTRACK_DB": str(victim)})
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: refusing to write the database at {victim}: ")
    assert victim.read_bytes() == before
    assert not list(victim.parent.glob(f".{victim.name}.tmp-*"))


def test_a_symlink_a_folder_and_a_device_are_refused(mini, tmp_path):
    real = tmp_path / "real.db"
    assert run(mini, "build", "--db", str(real)).exit_code == 0
    link = tmp_path / "link.db"
    link.symlink_to(real)
    before = real.read_bytes()
    result = run(mini, "build", "--db", str(link))
    assert result.exit_code == 1 and "it is a symbolic link" in result.stderr
    assert link.is_symlink() and real.read_bytes() == before
    folder = tmp_path / "folder.db"
    folder.mkdir()
    assert "it is a folder" in run(mini, "status", "--db", str(folder)).stderr
    assert "it is not a regular file" in run(mini, "build", "--db", "/dev/null").stderr


def test_its_own_database_is_rebuilt_and_marked(mini, tmp_path):
    db = tmp_path / "x.db"
    assert run(mini, "build", "--db", str(db)).exit_code == 0
    assert dbfile.refusal(db) is None
    assert int.from_bytes(db.read_bytes()[68:72], "big") == dbfile.APPLICATION_ID
    assert run(mini, "build", "--db", str(db)).exit_code == 0


def test_a_database_of_xjtracks_own_with_a_damaged_schema_is_rebuilt(mini, tmp_path):
    db = tmp_path / "x.db"
    assert run(mini, "build", "--db", str(db)).exit_code == 0
    data = bytearray(db.read_bytes())
    data[200:4096] = b"\xff" * (4096 - 200)  # the first page: the schema
    db.write_bytes(bytes(data))
    result = run(mini, "status", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Building" in result.stderr


def test_a_database_with_damaged_data_pages_is_a_clear_error(mini, tmp_path):
    db = tmp_path / "x.db"
    assert run(mini, "build", "--db", str(db)).exit_code == 0
    data = bytearray(db.read_bytes())
    data[5000:9000] = b"\x00" * 4000  # rows, not the schema: the database looks fresh
    db.write_bytes(bytes(data))
    for command in (["status"], ["show", "p13.gdp"], ["query", "select count(*) from source_lines"],
                    ["query", "select * from observations"]):
        result = run(mini, *command, "--db", str(db))
        assert result.exit_code in (0, 1), (command, result.output)  # 0 where the damage is not read
        assert "Internal error" not in result.stderr and "Traceback" not in result.output
        if result.exit_code:
            assert result.stderr.startswith("Error: ") and "rebuild it with xjtrack build" in result.stderr
    assert run(mini, "status", "--db", str(db)).exit_code == 1


def test_a_source_outside_the_repository_is_refused_with_its_place(mini, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("地区生产总值年均增长 7%左右\n", encoding="utf-8")
    (mini.parent / "sources" / "link.txt").symlink_to(outside)
    for file in (str(outside), "../secret.txt", "sources/link.txt"):
        text = mini.read_text(encoding="utf-8").replace("file: sources/plan.txt", f"file: {file}")
        mini.write_text(text, encoding="utf-8")
        result = run(mini, "validate")
        assert result.exit_code == 1, result.output
        assert "targets.yaml:22:11: bad-path:" in result.stdout, result.stdout
        mini.write_text(text.replace(f"file: {file}", "file: sources/plan.txt"), encoding="utf-8")


def test_a_fifo_as_a_source_is_an_error_not_a_hang(mini):
    fifo = mini.parent / "sources" / "plan.txt"
    fifo.unlink()
    os.mkfifo(fifo)
    result = run(mini, "status")
    assert result.exit_code == 1
    assert "sources/plan.txt is not a regular file" in result.stderr


def test_a_source_that_is_not_utf8_is_located(mini):
    (mini.parent / "sources" / "plan.txt").write_bytes("规划".encode("gbk"))
    result = run(mini, "validate")
    assert result.exit_code == 1
    assert "targets.yaml:22:11: not-utf8:" in result.stdout


def test_a_yml_file_is_rejected_by_name(mini):
    (mini.parent / "data" / "extra.yml").write_text("targets: []\n", encoding="utf-8")
    result = run(mini, "validate")
    assert result.exit_code == 1
    assert "data/extra.yml:1:1: bad-name: xjtrack reads data files named *.yaml" in result.stdout


def test_an_edit_during_a_build_is_not_recorded_as_built(mini, monkeypatch):
    import xjtrack.curated.loader as loader

    data = mini.parent / "data" / "p13.yaml"
    real_load = loader.load

    def load_then_edit(name, text):
        found = real_load(name, text)
        if name.endswith("p13.yaml"):
            data.write_text(text.replace("binding: expected", "binding: binding", 1), encoding="utf-8")
        return found

    monkeypatch.setattr(loader, "load", load_then_edit)
    assert run(mini, "build").exit_code == 0
    monkeypatch.undo()
    project = Project.locate(mini, None)
    assert not project.is_fresh()
    result = run(mini, "status", "--format", "json")
    assert "Updating" in result.stderr and '"binding": "binding"' in result.stdout


def test_dead_temporary_files_are_removed_and_only_those(mini, tmp_path):
    db = tmp_path / "x.db"
    dead = tmp_path / ".x.db.tmp-otherhost-999999-abc"
    dead.write_bytes(b"half a database")
    orphan_journal = tmp_path / ".x.db.tmp-otherhost-1-def-journal"
    orphan_journal.write_bytes(b"")
    alive = tmp_path / ".x.db.tmp-thishost-1-live"
    alive.write_bytes(b"being written")
    someone_elses = tmp_path / ".y.db.tmp-host-1-zzz"
    someone_elses.write_bytes(b"not ours")
    fd = os.open(alive, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        assert run(mini, "build", "--db", str(db)).exit_code == 0
    finally:
        os.close(fd)
    assert not dead.exists() and not orphan_journal.exists()
    assert alive.exists() and someone_elses.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".x.db")) == [alive.name]


def test_temporary_names_are_unique_and_name_the_host(tmp_path):
    names = set()
    for _ in range(20):
        path, fd = dbfile.create_temp(tmp_path / "x.db")
        os.close(fd)
        names.add(path.name)
    assert len(names) == 20
    assert all(n.startswith(".x.db.tmp-") and f"-{os.getpid()}-" in n for n in names)


@pytest.mark.parametrize(("command", "name"), [(["report", "-o"], "page.md"), (["chart", "p13.gdp", "-o"], "page.svg"),
                                             (["export", "--format", "csv"], "out/targets.csv")])
def test_an_output_that_is_a_pipe_is_refused_and_left_as_it_is(mini, tmp_path, command, name):
    """-o names a device or a pipe (/dev/null, say): writing by replacing would put a file in
    its place, and the report its linked pages beside it."""
    pipe = tmp_path / "out" / name
    pipe.parent.mkdir(parents=True)
    os.mkfifo(pipe)
    result = run(mini, *command, str(pipe.parent if command[0] == "export" else pipe))
    assert result.exit_code == 1, result.output
    assert "it is not a regular file" in result.stderr and "Traceback" not in result.output
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    if command[0] != "export":  # export writes each table's file in turn, up to the one it cannot
        assert [p.name for p in pipe.parent.iterdir()] == [pipe.name]  # no docs/report/ beside it
