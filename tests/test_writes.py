"""report -o, export and chart write atomically, and a bad destination is a clear error."""

import errno
import os
import re

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app

runner = CliRunner()


def run(mini, *args):
    return runner.invoke(app, [*args, "--targets", str(mini)])


@pytest.mark.parametrize("args, message", [
    (["report", "-o", "{tmp}/missing/REPORT.md"], "the folder {tmp}/missing does not exist"),
    (["report", "-o", "{tmp}"], "it is a folder; give a file name"),
    (["report", "-o", "/proc/xjtrack-report.md"], "cannot write /proc/xjtrack-report.md: "),
    (["export", "{tmp}/afile", "--format", "csv"], "cannot write into {tmp}/afile: it is a file, not a folder"),
    (["build", "--db", "{tmp}/afile/x.db"], "a part of its folder path is a file, not a folder"),
])
def test_a_bad_destination_is_an_error_line_with_exit_1(mini, tmp_path, args, message):
    (tmp_path / "afile").write_text("a file\n", encoding="utf-8")
    result = run(mini, *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 1, result.output
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: ") and message.format(tmp=tmp_path) in last, result.stderr
    assert "Internal error" not in result.stderr


def test_chart_to_a_missing_folder_is_a_clear_error(mini, tmp_path):
    pytest.importorskip("matplotlib")
    result = run(mini, "chart", "p13.railway-km", "-o", str(tmp_path / "nowhere" / "c.svg"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_a_full_disk_leaves_the_old_report_and_no_temporary_file(mini, tmp_path, monkeypatch):
    report = tmp_path / "REPORT.md"
    report.write_text("the old report\n", encoding="utf-8")
    assert run(mini, "build").exit_code == 0

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    class Full:  # a page's temporary file, on a disk with no room: its first write fails
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, text):
            full(None)

    monkeypatch.setattr("xjtrack.files.os.fsync", full)
    monkeypatch.setattr("xjtrack.files.open", Full, raising=False)  # the pages, written as a batch
    result = run(mini, "report", "-o", str(report))
    assert result.exit_code == 1
    # the pages are written as they come, the main page last: the first that fails is named
    assert re.search(rf"cannot write {re.escape(str(tmp_path))}/\S+\.md: No space left on device", result.stderr)
    assert report.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["REPORT.md", "mini"]


def test_export_replaces_its_files_whole(mini, tmp_path):
    out = tmp_path / "out"
    assert run(mini, "export", str(out), "--format", "json").exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert "target_status.json" in names and not any(n.startswith(".") for n in names)
