"""Expected failures end in exit 1 or 2 with one line that says what is wrong, never exit 3:
read-only folders, keys that are not words, a NUL in a path, arguments that are not UTF-8, an
id too long for a file name, a charset Python cannot decode, a PDF filter that runs a program."""

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app


def run(targets: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--targets", str(targets)])


def one_error(result, code: int, *words: str) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "Internal error" not in result.output, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and all(word in errors[0] for word in words), result.stderr
    return errors[0]


@pytest.fixture
def read_only(monkeypatch):
    """Make folders refuse writes as a read-only folder does (the tests may run as root, whom
    permissions do not stop): creating a file or a folder in them fails with EACCES."""
    folders: list[Path] = []
    real_open, real_mkdir = os.open, os.mkdir

    def refused(path) -> bool:
        where = Path(os.path.abspath(os.fsdecode(path)))
        return any(where.parent == f or where.is_relative_to(f) for f in folders)

    def fake_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and refused(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if refused(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    return folders.append


@pytest.mark.parametrize("command", [["build"], ["status"], ["report", "-o", "{out}/R.md"],
                                     ["chart", "p13.railway-km", "-o", "{out}/c.svg"], ["extract", "report"],
                                     ["export", "{out}/csv"]])
def test_a_read_only_folder_is_a_clear_error(mini, tmp_path, read_only, command):
    repo = mini.parent
    if command[0] == "chart":
        pytest.importorskip("matplotlib")
    if command[0] in ("report", "chart", "extract", "export"):
        assert run(mini, "build").exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    (repo / "db").mkdir(exist_ok=True)
    for folder in (out, repo / "db", repo / "drafts"):
        read_only(folder)
    one_error(run(mini, *[part.format(out=out) for part in command]), 1, "cannot")


def test_a_key_that_is_a_list_or_a_mapping_is_a_located_problem(mini):
    for text in ("? [a, b]\n: 1\n", "{a: 1}: 2\n", "targets:\n  - ? [x]\n    : 1\n"):
        (mini.parent / "data" / "keys.yaml").write_text(text, encoding="utf-8")
        result = run(mini, "validate")
        assert result.exit_code == 1, result.output
        assert "data/keys.yaml:" in result.stdout and "bad-key" in result.stdout, result.stdout
        one_error(run(mini, "build"), 1, "problem")


def test_a_nul_in_a_file_path_is_a_located_problem(mini):
    text = mini.read_text(encoding="utf-8")
    mini.write_text(text.replace("file: sources/plan.txt", 'file: "sources/pl\\0an.txt"'), encoding="utf-8")
    result = run(mini, "validate")
    assert result.exit_code == 1 and "targets.yaml:22:11: bad-path" in result.stdout, result.output
    one_error(run(mini, "build"), 1, "problem")


@pytest.mark.parametrize("args", [["show", "\udcff\udcfe"], ["query", "select '\udcff'"],
                                  ["status", "--plan", "p\udcff"], ["search", "\udcff铁路"]])
def test_an_argument_that_is_not_utf8_is_a_usage_error(mini, args):
    one_error(run(mini, *args), 2, "not UTF-8")


def test_an_id_too_long_for_a_file_name_is_a_usage_error(mini, tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text("2025年政府工作报告\n地区生产总值增长6%。\n", encoding="utf-8")
    line = one_error(run(mini, "add-source", str(document), "--id", "a" * 300, "--jurisdiction", "xinjiang"),
                     2, "is not an id")
    assert len(line) < 400


def test_a_charset_python_cannot_decode_is_refused(mini, tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<html><head><meta charset="undefined"></head><body><p>2025年政府工作报告</p></body></html>',
                    encoding="utf-8")
    one_error(run(mini, "add-source", str(page), "--id", "page", "--jurisdiction", "xinjiang"), 1,
              "charset 'undefined'")


@pytest.mark.parametrize("spelt", [b"/JBIG2Decode", b"/JBIG2#44ecode"])
def test_a_pdf_filter_that_runs_a_program_is_refused_without_running_it(mini, tmp_path, monkeypatch, spelt):
    pytest.importorskip("pypdf")
    import dataclasses
    import subprocess

    from pypdf import filters

    from tests.test_add_source import hand_made_pdf

    ran = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: ran.append(a) or pytest.fail("ran a program"))
    installed = dataclasses.replace(filters.get_configuration(), jbig2dec_binary="/usr/bin/jbig2dec")
    monkeypatch.setattr(filters, "get_configuration", lambda: installed)  # as where jbig2dec is installed
    data = hand_made_pdf(tmp_path / "x.pdf", "0001", {1: "新"})
    data = data.replace(b"5 0 obj\n<< /Length", b"5 0 obj\n<< /Filter " + spelt + b" /Length", 1)
    (tmp_path / "x.pdf").write_bytes(data)
    one_error(run(mini, "add-source", str(tmp_path / "x.pdf"), "--id", "x", "--jurisdiction", "xinjiang"), 1,
              "JBIG2Decode", "external program")
    assert ran == []
