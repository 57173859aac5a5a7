"""Every verdict that differs from xjtrack 0.1's is listed, with its reason, in
tests/fixtures/verdict-changes.yaml; any other change fails."""

import json

import yaml
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app

FIXTURES = ROOT / "tests" / "fixtures"


def test_only_the_listed_verdicts_changed(tmp_path):
    result = CliRunner().invoke(app, ["status", "--format", "json", "--targets", str(ROOT / "targets.yaml"),
                                      "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    now = {r["id"]: r["status"] + ("*" if r["disputed"] else "") for r in json.loads(result.stdout)}
    before = json.loads((FIXTURES / "verdicts-0.1.json").read_text(encoding="utf-8"))
    listed = yaml.safe_load((FIXTURES / "verdict-changes.yaml").read_text(encoding="utf-8"))["changes"]
    expected = dict(before)
    for change in listed:
        assert before[change["id"]] == change["before"], change["id"]
        assert change["before"] != change["after"] and change["why"]
        expected[change["id"]] = change["after"]
    assert set(now) == set(before)
    unexplained = {i: (before[i], now[i]) for i in now if now[i] != expected[i]}
    assert unexplained == {}
