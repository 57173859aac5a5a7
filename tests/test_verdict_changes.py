"""Every verdict that differs from xjtrack 0.1's is listed, with its reason, in
tests/fixtures/verdict-changes.yaml; any other change fails. Ids that last: every 0.1 id still
finds its target, as its id or as an old id (aliases:) of the target it became, and every target
that is not a 0.1 target is listed among the additions."""

import json
import sqlite3

import yaml
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app

FIXTURES = ROOT / "tests" / "fixtures"


def _now_and_aliases(db) -> tuple[dict, dict]:
    result = CliRunner().invoke(app, ["status", "--format", "json", "--targets", str(ROOT / "targets.yaml"),
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    now = {r["id"]: r["status"] + ("*" if r["disputed"] else "") for r in json.loads(result.stdout)}
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select id, aliases from targets").fetchall()
    return now, {old: ident for ident, aliases in rows for old in json.loads(aliases)}


def test_only_the_listed_verdicts_changed(shipped_db):
    now, alias = _now_and_aliases(shipped_db)
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
    gone = sorted(i for i in before if alias.get(i, i) not in now)
    assert gone == [], "a 0.1 id disappeared without an alias"
    current = {i: now[alias.get(i, i)] for i in before}  # a 0.1 id, and its target's verdict today
    for again in listed.get("revisited", []):
        assert again["was"] != again["now"] and again["why"], again["id"]
        assert now[alias.get(again["id"], again["id"])] == again["now"], again["id"]
    added = {a["id"]: a for a in listed.get("added", [])}
    assert all(a["why"] and a["verdict"] for a in added.values())
    assert set(now) - {alias.get(i, i) for i in before} == set(added), "a new target is listed among additions"
    assert {i: now[i] for i in added} == {i: a["verdict"] for i, a in added.items()}
    unexplained = {i: (before[i], current[i]) for i in before if current[i] not in expected[i]}
    assert unexplained == {}


def test_an_id_that_disappears_without_an_alias_fails(shipped_db):
    """The guarantee above can fail: drop one alias and the 0.1 id is gone."""
    now, alias = _now_and_aliases(shipped_db)
    before = json.loads((FIXTURES / "verdicts-0.1.json").read_text(encoding="utf-8"))
    renamed = sorted(i for i in before if i not in now)
    assert renamed and all(alias.get(i) in now for i in renamed)
    del alias[renamed[0]]
    assert [i for i in before if alias.get(i, i) not in now] == [renamed[0]]
