"""The database is input like any other: a file that looks fresh but was written by something
else cannot make export write outside its folder, run forever, or make xjtrack read what it names."""

import json
import os
import shutil
import sqlite3
import tarfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.errors import XjtrackError
from xjtrack.store.project import Project
from xjtrack.store.read import connect_readonly

ENDLESS = "with recursive c(n) as (select 1 union all select n + 1 from c) select n from c"


def run(targets: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--targets", str(targets)])


def tamper(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def built(mini) -> Path:
    assert run(mini, "build").exit_code == 0
    return mini.parent / "db" / "xjtrack.db"


def test_table_and_view_names_never_become_paths(mini, built, tmp_path):
    tamper(built, 'create view "../../escaped" as select 1 as x',
           f'create table "{tmp_path}/absolute" (x)', 'create table "notes" (x)')
    out = tmp_path / "export"
    result = run(mini, "export", str(out))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "escaped.csv").exists() and not (tmp_path / "absolute.csv").exists()
    names = {p.name for p in out.iterdir()}
    assert "target_status.csv" in names and "notes.csv" not in names
    assert all(not n.startswith(".") for n in names)


def test_an_endless_view_in_place_of_xjtracks_is_not_read(mini, built, tmp_path):
    tamper(built, "drop view target_status", f'create view "target_status" as {ENDLESS}')
    started = time.monotonic()
    result = run(mini, "export", str(tmp_path / "out"), "--timeout", "5")
    assert result.exit_code == 0, result.output  # the file is not xjtrack's: it is built anew
    assert time.monotonic() - started < 60
    assert "Building" in result.stderr
    with connect_readonly(built) as conn:
        assert conn.execute("select count(*) from target_status").fetchone()[0] == 9


def test_every_read_stops_at_its_time_limit(built):
    conn = connect_readonly(built, seconds=0.2)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute(f"select count(*) from ({ENDLESS})").fetchone()
    assert time.monotonic() - started < 10
    conn.close()


def test_export_says_when_it_ran_out_of_time(built, tmp_path, monkeypatch):
    from xjtrack.output.render import json_lines
    from xjtrack.store import export, read

    tamper(built, f'create view "slow" as select count(*) as n from ({ENDLESS})')  # a row that never comes
    monkeypatch.setattr(read, "_foreign", lambda conn: None)  # past the schema check, to reach the clock
    monkeypatch.setattr(export, "exportable", lambda conn: ["targets", "slow"])
    with pytest.raises(XjtrackError, match="export stopped at slow: a read took over 0.5 s, its time limit"):
        export.export(built, tmp_path / "out", "csv", json_lines, seconds=0.5)
    assert [p for p in (tmp_path / "out").iterdir()] == [tmp_path / "out" / "targets.csv"]  # no partial file


def test_an_export_longer_than_its_time_limit_is_not_cut_off(built, tmp_path):
    """The limit bounds each read, not the whole export, whose time grows with the corpus: here
    the writing (a slow disk, say) alone outlasts it."""
    from xjtrack.output.render import json_lines
    from xjtrack.store import export

    def slow_lines(columns, rows):
        for line in json_lines(columns, rows):
            time.sleep(0.01)
            yield line

    started = time.monotonic()
    written = export.export(built, tmp_path / "out", "json", slow_lines, seconds=0.2)
    assert time.monotonic() - started > 0.2
    with connect_readonly(built) as conn:
        for path in written:
            rows = conn.execute(f'select count(*) from "{path.stem}"').fetchone()[0]
            assert len(json.loads(path.read_text(encoding="utf-8"))) == rows


@pytest.mark.parametrize("name", ["/etc/passwd", "../../outside.yaml", "data/../../x.yaml", "sources/link.txt"])
def test_recorded_inputs_outside_the_repository_make_the_database_stale(mini, built, tmp_path, monkeypatch, name):
    import xjtrack.curated.files as files

    outside = tmp_path / "outside.yaml"
    outside.write_text("x" * 1000, encoding="utf-8")
    (mini.parent / "sources" / "link.txt").symlink_to(outside)
    conn = sqlite3.connect(built)
    conn.execute("insert into inputs (name, sha256, size, mtime_ns) values (?, ?, 1000, 0)", (name, "0" * 64))
    conn.commit()
    conn.close()
    hashed = []
    real = files.digest
    monkeypatch.setattr(files, "digest", lambda path: hashed.append(Path(path)) or real(path))
    changes = Project.locate(mini, None).changes()
    assert changes is None or name in changes  # stale, or (a link in the repository) changed, never read
    root = os.path.realpath(mini.parent)
    assert all(os.path.realpath(p).startswith(root + os.sep) for p in hashed), hashed
    (mini.parent / "sources" / "link.txt").unlink()
    result = run(mini, "status")
    assert result.exit_code == 0 and "Building" in result.stderr, result.output


def same_size_edit(path: Path) -> bytes:
    data = path.read_bytes()
    assert b"9627" in data
    return data.replace(b"9627", b"9628", 1)


def fresh_after(mini, change) -> bool:
    data = mini.parent / "data" / "p13.yaml"
    past = (time.time_ns() // 10**9 - 3600) * 10**9  # whole seconds, which tar keeps
    os.utime(data, ns=(past, past))
    assert run(mini, "build", "--full").exit_code == 0
    time.sleep(0.01)
    project = Project.locate(mini, None)
    assert project.is_fresh()
    info = data.stat()
    change(data, same_size_edit(data), info)
    assert data.stat().st_size == info.st_size and data.stat().st_mtime_ns == info.st_mtime_ns
    return project.is_fresh()


def test_an_edit_that_keeps_size_and_time_as_touch_d_does_is_seen(mini):
    def touch_d(path, data, info):
        path.write_bytes(data)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert not fresh_after(mini, touch_d)


def test_a_copy_over_the_file_keeping_its_time_as_cp_p_does_is_seen(mini, tmp_path):
    def cp_p(path, data, info):
        edited = tmp_path / "edited.yaml"
        edited.write_bytes(data)
        os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns))
        shutil.copy2(edited, path)
    assert not fresh_after(mini, cp_p)


def test_a_file_extracted_from_a_tar_archive_with_the_old_time_is_seen(mini, tmp_path):
    def tar_x(path, data, info):
        edited = tmp_path / "p13.yaml"
        edited.write_bytes(data)
        os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns))
        with tarfile.open(tmp_path / "a.tar", "w") as archive:
            archive.add(edited, arcname="p13.yaml")
        with tarfile.open(tmp_path / "a.tar") as archive:
            archive.extractall(path.parent, filter="data")
    assert not fresh_after(mini, tar_x)
    result = run(mini, "build")
    assert "up to date" not in result.output and result.exit_code == 1, result.output  # 9628 is not in its quote


def test_status_hashes_nothing_when_no_file_changed(mini, monkeypatch):
    import xjtrack.curated.files as files

    assert fresh_after(mini, lambda path, data, info: None)
    hashed = []
    monkeypatch.setattr(files, "digest", lambda path: hashed.append(path) or "")
    assert Project.locate(mini, None).is_fresh() and hashed == []


def test_a_read_past_its_time_limit_is_a_clear_error(built, mini, monkeypatch):
    from xjtrack.store import read

    monkeypatch.setattr(read, "READ_SECONDS", 0.2)
    monkeypatch.setattr(read.connect_readonly, "__defaults__", (0.2,))
    with pytest.raises(XjtrackError, match="took more than 0.2 s"):
        with Project.locate(mini, None).reading() as conn:
            conn.execute(f"select count(*) from ({ENDLESS})").fetchone()


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.txt", "data/p13.yaml"])
def test_an_update_reads_no_text_the_sources_table_names_that_the_build_did_not_read_as_one(mini, built, tmp_path,
                                                                                         monkeypatch, name):
    """A hostile sources row naming another file (outside the repository, or a data file) is not
    read as an archived text by an update: the database is built anew from the files instead."""
    import xjtrack.curated.files as files

    (tmp_path / "outside.txt").write_text("x" * 1000, encoding="utf-8")
    tamper(built, f"update sources set file = '{name}'")
    read = []
    real = files.read
    monkeypatch.setattr(files, "read", lambda path, *a, **k: read.append(os.path.realpath(path)) or real(path, *a, **k))
    data = mini.parent / "data" / "p13.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("binding: expected", "binding: binding", 1),
                    encoding="utf-8")
    assert Project.locate(mini, None).update() is None
    assert all(not p.endswith(("outside.txt", "passwd")) for p in read) and read.count(str(data)) <= 1, read
