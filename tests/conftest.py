import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

# What a user's shell may set that would change what xjtrack does: the tests never read it.
USER_ENVIRONMENT = ("XJTRACK_DB", "XJTRACK_TARGETS", "XJTRACK_LANG", "COLUMNS", "LINES", "NO_COLOR",
                    "FORCE_COLOR", "TERM", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """Each test starts from a neutral environment, in its own folder."""
    for name in USER_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    assert not any(name in os.environ for name in ("XJTRACK_DB", "XJTRACK_TARGETS"))


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small fixture corpus; returns its targets.yaml."""
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini" / "targets.yaml"


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    """The shipped data built once per test run into a temporary database, for tests that only
    read it (the file is made read-only)."""
    from typer.testing import CliRunner

    from xjtrack.cli import app

    path = tmp_path_factory.mktemp("shipped") / "xjtrack.db"
    result = CliRunner().invoke(app, ["build", "--targets", str(ROOT / "targets.yaml"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    path.chmod(0o444)  # shared by every test that asks for it: none may change it
    return path


@pytest.fixture
def shipped_copy(tmp_path) -> Path:
    """A writable copy of the shipped data (targets.yaml, data/, sources/); returns its targets.yaml."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(ROOT / "targets.yaml", repo / "targets.yaml")
    for name in ("data", "sources"):
        shutil.copytree(ROOT / name, repo / name)
    return repo / "targets.yaml"


@pytest.fixture(scope="session")
def three_parts(tmp_path_factory) -> Path:
    """Three copies of the shipped corpus, each with its own places (a corpus of three parts,
    scripts/synth.py), written once per test run; its targets.yaml. Read only: copy it to change it."""
    out = tmp_path_factory.mktemp("parts") / "synth"
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "synth.py"), "--targets", "1100", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    return out / "targets.yaml"


@pytest.fixture
def three_parts_copy(three_parts, tmp_path) -> Path:
    """A writable copy of three_parts; its targets.yaml."""
    shutil.copytree(three_parts.parent, tmp_path / "c")
    return tmp_path / "c" / "targets.yaml"
