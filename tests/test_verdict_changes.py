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
    listed = yaml.safe_load((FIXTURES / "verdict-changes.yaml").read_text(encoding="utf-8"))
    expected = {i: {s} for i, s in before.items()}
    for change in listed["changes"]:
        assert before[change["id"]] == change["before"], change["id"]
        assert change["before"] != change["after"] and change["why"]
        expected[change["id"]] = {change["after"]}
    for group in listed["groups"]:
        allowed = set(group.get("after_any_of") or [group["after"]])
        assert group["why"] and group["before"] not in allowed
        for i in group["ids"]:
            assert before[i] == group["before"], i
            expected[i] = allowed
    for again in listed.get("revisited", []):
        assert again["was"] != again["now"] and again["why"], again["id"]
        assert now[again["id"]] == again["now"], again["id"]
    assert set(now) == set(before)
    unexplained = {i: (before[i], now[i]) for i in now if now[i] not in expected[i]}
    assert unexplained == {}
