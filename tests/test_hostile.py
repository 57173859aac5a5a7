"""tests/hostile/: bad paths, bad environments, alias bombs and mismatched numbers, each run through
validate, build, status and query. Nothing outside the case's folder changes, the database built
before stays byte for byte as it was, and every refusal is a located message with exit 1."""

import hashlib
import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import MINI, ROOT
from xjtrack.cli import app

HOSTILE = ROOT / "tests" / "hostile"
CASES = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))["cases"]


def snapshot(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and ".pytest_cache" not in path.parts:
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def apply(case: dict, corpus: Path) -> None:
    if "copy" in case:
        shutil.copy(HOSTILE / case["copy"], corpus / case["to"])
    if "replace" in case:
        file, old, new = case["replace"]
        path = corpus / file
        if case.get("bytes"):
            data = path.read_bytes().replace(old.encode(), new.encode().decode("unicode_escape").encode("latin-1"))
            path.write_bytes(data)
        else:
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{case['name']}: the fixture changed"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
    make, at = case.get("make"), corpus / case.get("at", "x")
    if make == "fifo":
        at.unlink()
        os.mkfifo(at)
    elif make == "folder":
        at.mkdir()
    elif make == "broken-link":
        at.symlink_to(corpus / "nowhere.yaml")
    elif make == "link-out":
        outside = corpus.parent / "outside.txt"
        outside.write_text("地区生产总值年均增长 7%左右\n", encoding="utf-8")
        at.symlink_to(outside)
    elif make == "folder-out":
        outside = corpus.parent / "outside"
        outside.mkdir()
        at.symlink_to(outside)
    elif make == "link":
        at.symlink_to(case["link_to"])
    elif make == "file":
        at.write_text("not a database\n", encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_hostile_case_is_refused_and_changes_nothing(tmp_path, case):
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    runner = CliRunner()
    targets = ["--targets", str(corpus / "targets.yaml")]
    assert runner.invoke(app, ["build", *targets]).exit_code == 0
    db = corpus / "db" / "xjtrack.db"
    before_db = db.read_bytes()
    apply(case, corpus)
    env = {k: v.format(corpus=corpus) for k, v in case.get("env", {}).items()}
    watched = {ROOT / "db", ROOT / "data", ROOT / "sources", tmp_path}
    before = {str(w): snapshot(w) for w in watched if w.exists()}

    validate = runner.invoke(app, ["validate", *targets], env=env)
    if case.get("valid"):
        assert validate.exit_code == 0, validate.output
    else:
        assert validate.exit_code == 1, validate.output
        assert any(line.startswith(case["code"]) for line in validate.stdout.splitlines()), validate.stdout
    for command in (["build"], ["status"], ["query", "select count(*) from targets"]):
        result = runner.invoke(app, [*command, *targets], env=env)
        assert "Traceback" not in result.output and "Internal error" not in result.output, result.output
        if case.get("fine"):
            assert result.exit_code == 0, result.output
            continue
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr.splitlines()[-1].startswith("Error: "), result.stderr
        assert case.get("words", case.get("code", "")) in result.stderr
    for command in case.get("also", []):
        result = runner.invoke(app, [*command, *targets], env=env)
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output and "Internal error" not in result.output, result.output
        assert case["also_words"] in result.stderr.splitlines()[-1], result.stderr
    if not case.get("fine"):
        assert db.read_bytes() == before_db
    after = {str(w): snapshot(w) for w in watched if w.exists()}
    if case.get("fine"):  # the data is good: the database is rebuilt, nothing else changes
        for files in (before, after):
            files[str(tmp_path)].pop(str(db), None)
    assert after == before, "a file changed"
