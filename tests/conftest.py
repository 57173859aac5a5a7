import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small fixture corpus; returns its targets.yaml."""
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini" / "targets.yaml"
