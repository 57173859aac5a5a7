"""A promise (one plan row) is counted once, however many forms the plan states it in; status,
REPORT.md and the SQL view `promises` give the same counts; "numeric" means one thing."""

import json
import re
import sqlite3

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.core.promises import Counts, numeric, plan_counts, promises

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "XJTRACK_LANG": "en"})


def row(ident, status, promise=None, **more):
    return {"id": ident, "promise": promise or ident, "plan": "p", "status": status, "binding": "binding",
            "disputed": False, "target_value": 1.0, "silent": False, **more}


def test_forms_group_under_the_deciding_target_and_disagreement_is_seen():
    rows = [row("p.level", "missed"), row("p.change", "partial", "p.level"), row("p.other", "met")]
    found = promises(rows)
    assert [p.id for p in found] == ["p.level", "p.other"]
    assert [f["id"] for f in found[0].forms] == ["p.change"] and found[0].disagree
    counts = Counts.of(found)
    assert (counts.promises, dict(counts.statuses), counts.disagree) == (2, {"missed": 1, "met": 1}, 1)


def test_a_form_left_without_its_deciding_target_stands_for_its_promise():
    found = promises([row("p.change", "partial", "p.level")])
    assert [p.id for p in found] == ["p.change"] and not found[0].disagree


@pytest.mark.parametrize("value, expected", [(9627.0, True), (0.0, True), (None, False)])
def test_numeric_means_the_target_states_a_number(value, expected):
    assert numeric(row("p.x", "met", target_value=value)) is expected


def _status_summary(args):
    result = runner.invoke(app, ["status", *args, "--targets", str(ROOT / "targets.yaml")])
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_the_13th_fyp_binding_line_counts_each_row_of_box_2_once(shipped_db):
    text = _status_summary(["--plan", "xj-13fyp", "--binding", "--db", str(shipped_db)])
    # forest coverage, stated as a 2020 level and as a five-year change, is one missed promise;
    # the eight 控制在国家下达指标内 rows state no number, so they are not numeric
    assert "26 targets (18 numeric; 32 forms): 5 met · 1 partial · 1 missed · 7 pending · 12 unassessable" in text
    assert "↳ forest-coverage-change" in text


def _view_counts(db) -> dict:
    conn = sqlite3.connect(db)
    out: dict = {}
    for plan, status, n in conn.execute("select plan, status, count(*) from promises group by 1, 2"):
        out.setdefault(plan, {})[status] = n
    numeric_ = dict(conn.execute("select plan, sum(numeric) from promises group by 1"))
    disputed = dict(conn.execute("select plan, sum(disputed) from promises group by 1"))
    return {p: (sum(s.values()), numeric_[p], s, disputed[p]) for p, s in out.items()}


def test_report_status_and_the_sql_view_agree_on_every_count(shipped_db):
    view = _view_counts(shipped_db)
    status_json = runner.invoke(app, ["status", "--format", "json", "--targets", str(ROOT / "targets.yaml"),
                                      "--db", str(shipped_db)])
    python = plan_counts(json.loads(status_json.stdout))
    assert {p: (c.promises, c.numeric, dict(c.statuses), c.disputed) for p, c in python.items() if p} == view

    report = (ROOT / "REPORT.md").read_text(encoding="utf-8")
    conn = sqlite3.connect(shipped_db)
    for plan, n, met in conn.execute("select plan, count(*), sum(status = 'met') from promises "
                                     "where binding = 'binding' group by 1"):
        headline = report.split(f"(`{plan}` ·")[1].split("\n### ")[0]
        assert f"Binding (约束性): {met} of {n} met" in headline, plan
    for plan, (n, numeric_, statuses, disputed) in view.items():
        cells = re.search(rf"^\| `{re.escape(plan)}` \|(.*)\|$", report, flags=re.M).group(1).split("|")
        on_track, behind = (int(x) for x in cells[5].split("/"))
        in_words = sum(v for s, v in statuses.items() if s.startswith("reported_"))
        assert [int(cells[i]) for i in (0, 1, 2, 3, 4, 6, 7, 8, 9, 10)] == [
            n, numeric_, statuses.get("met", 0), statuses.get("partial", 0), statuses.get("missed", 0),
            statuses.get("awaiting_final", 0), in_words, statuses.get("pending", 0),
            statuses.get("unassessable", 0), disputed]
        assert (on_track, behind) == (statuses.get("on_track", 0), statuses.get("behind", 0))

        text = _status_summary(["--plan", plan, "--db", str(shipped_db)])
        words = {s: s.replace("_", " ") for s in statuses}
        for status, count in statuses.items():
            assert f"{count} {words[status]}" in text.split(":", 1)[1].split("xj-gwr")[0], (plan, status)
        assert re.search(rf"\b{n} targets \({numeric_} numeric", text), plan


def _mini_with_twin(mini):
    data = mini.parent / "data" / "p13.yaml"
    text = data.read_text(encoding="utf-8").replace(
        '    quote: "2020 年地区生产总值达到 13078 亿元"',
        '    form_of: p13.gdp-growth\n    quote: "2020 年地区生产总值达到 13078 亿元"')
    data.write_text(text, encoding="utf-8")
    return data


def test_a_level_and_its_growth_are_one_promise_shown_both_and_flagged(mini):
    _mini_with_twin(mini)
    result = runner.invoke(app, ["status", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "7 targets (5 numeric; 8 forms): 2 partial · 1 missed · 1 reported done" in " ".join(out.split())
    assert re.search(r"gdp-growth GDP, average annual growth .*partial ≠", out)
    assert re.search(r"↳ gdp GDP .*met", out)
    rows = json.loads(runner.invoke(app, ["status", "--format", "json", "--targets", str(mini)]).stdout)
    assert {r["id"]: r["promise"] for r in rows}["p13.gdp"] == "p13.gdp-growth"
    query = runner.invoke(app, ["query", "--format", "json", "--targets", str(mini),
                                "select id, forms, forms_disagree from promises where id = 'p13.gdp-growth'"])
    assert json.loads(query.stdout) == [{"id": "p13.gdp-growth", "forms": ["p13.gdp"],
                                         "forms_disagree": True}]


@pytest.mark.parametrize("link, message", [
    ("p13.nowhere", "'p13.nowhere' is not a target of this file"),
    ("p13.gdp", "a target cannot be another form of itself"),
])
def test_a_bad_form_of_is_located(mini, link, message):
    data = _mini_with_twin(mini)
    data.write_text(data.read_text(encoding="utf-8").replace("form_of: p13.gdp-growth", f"form_of: {link}"),
                    encoding="utf-8")
    result = runner.invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1
    line = next(n for n, t in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if "form_of" in t)
    assert re.search(rf"p13\.yaml:{line}:\d+: bad-form-of: {re.escape(message)}", result.output), result.output


def test_a_chain_of_forms_is_refused(mini):
    data = _mini_with_twin(mini)
    data.write_text(data.read_text(encoding="utf-8").replace(
        '    quote: "地区生产总值年均增长 7%左右"',
        '    form_of: p13.railway-km\n    quote: "地区生产总值年均增长 7%左右"'), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1 and "is itself a form of 'p13.railway-km'" in result.output


def test_show_names_the_other_forms_of_the_row(mini):
    _mini_with_twin(mini)
    shown = runner.invoke(app, ["show", "p13.gdp", "--targets", str(mini)])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"form\s+p13\.gdp-growth: 7%左右, partial ≠ \(decides this plan row\)", shown.stdout)
    data = json.loads(runner.invoke(app, ["show", "p13.gdp-growth", "--format", "json", "--targets", str(mini)]).stdout)
    assert data["forms"] == [{"id": "p13.gdp", "status": "met", "target_text": "13078亿元", "decides": False}]


def test_a_form_shown_without_its_deciding_target_says_whose_form_it_is(mini):
    _mini_with_twin(mini)
    result = runner.invoke(app, ["status", "--status", "met", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    assert "gdp GDP (a form of p13.gdp-growth)" in result.stdout
