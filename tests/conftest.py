import os
import shutil
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
