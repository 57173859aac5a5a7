"""Verdicts from a later document's words: kept apart from the verdicts by the numbers."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from tests.builders import REPORT_DATE, judge, target
from xjtrack.cli import app
from xjtrack.core.promises import plan_counts
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import Quote, Statement
from xjtrack.core.vocab import REPORTED
from xjtrack.core.wording import english
from xjtrack.output.i18n import STATUS_WORDS


def said(says, milestone="", items=(), reads_as=""):
    return Statement(says=says, source="report", source_date=REPORT_DATE, quotes=(Quote(source="report",
                     text="…", line=3),), milestone=milestone, items=tuple(items),
                     reads_as=parse_quantity(reads_as) if reads_as else None,
                     notes="read so" if reads_as else "")


def project(verb, *statements, items=()):
    from dataclasses import replace

    t = target("建成X", "project")
    return replace(t, milestone=verb, items=tuple(items), statements=tuple(statements))


@pytest.mark.parametrize("verb, statement, status", [
    ("建成", said("done", "completed"), "reported_done"),
    ("建成", said("done", "in_operation"), "reported_done"),
    ("建成", said("done", "started"), "reported_under_way"),  # started is not 建成
    ("开工", said("done", "started"), "reported_done"),
    ("建成", said("under_way"), "reported_under_way"),
    ("加快推进", said("under_way"), "reported_done"),  # the plan promised progress only
    ("贯通", said("done", "connected"), "reported_done"),
    ("投产", said("done", "completed"), "reported_under_way"),  # completed is short of in operation
    ("建成", said("not_done"), "reported_not_done"),
    ("建成", said("partly_done"), "reported_partly_done"),
])
def test_each_verb_is_read_as_the_table_says(verb, statement, status):
    v = judge(project(verb, statement))
    assert v.status == status, english(v.reason)
    assert "the document's word, not a measured result" in english(v.reason)


def test_a_list_is_met_item_by_item():
    items = ("格库铁路", "和若铁路", "阿富准铁路")
    assert judge(project("建成", said("done", items=["格库铁路"]), items=items)).status == "reported_partly_done"
    v = judge(project("建成", said("done", items=["格库铁路", "和若铁路", "阿富准铁路"]), items=items))
    assert v.status == "reported_done" and "3 of 3 items reported done" in english(v.reason)
    v = judge(project("建成", said("under_way", items=["和若铁路"]), items=items))
    assert v.status == "reported_under_way" and "not mentioned: 格库铁路, 阿富准铁路" in english(v.reason)


def test_silence_and_a_mention_are_kept_apart():
    silent = judge(target("贫困县全部摘帽", "qualitative"))
    assert (silent.status, english(silent.reason)) == ("pending", "no later document in the corpus mentions it")
    from dataclasses import replace

    mention = replace(target("贫困县全部摘帽", "qualitative"), statements=(
        Statement(says="mentioned", source="report", source_date=REPORT_DATE, quotes=(Quote(source="report",
                  text="脱贫攻坚", line=3),), notes="no count given"),))
    v = judge(mention)
    assert v.status == "unassessable"
    assert english(v.reason) == "mentioned in report, “脱贫攻坚” (report, line 3), with no verdict that can be drawn: no count given"


def test_a_number_the_words_settle_is_judged_with_the_value_read():
    from dataclasses import replace

    t = replace(target("98%以上"), statements=(said("done", reads_as="100%"),))
    v = judge(t)
    assert v.status == "met" and "read_from_words" in v.flags
    assert "read from the words “…” (report, line 3) as 100%: read so" in english(v.reason)


def test_a_statement_is_not_yet_known_before_its_document():
    from datetime import date

    t = project("建成", said("done", "completed"))
    assert judge(t, as_of=date(2020, 12, 31)).status == "pending"


@pytest.fixture(scope="module")
def shipped(shipped_db):
    from tests.conftest import ROOT

    db = shipped_db
    result = CliRunner().invoke(app, ["status", "--format", "json", "--targets", str(ROOT / "targets.yaml"),
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    return ROOT, db, json.loads(result.stdout)


def test_no_reported_verdict_counts_as_met_anywhere(shipped):
    root, db, rows = shipped
    reported = {r["id"] for r in rows if r["status"] in REPORTED}
    assert len(reported) > 10
    with sqlite3.connect(db) as conn:
        met = {r[0] for r in conn.execute("select id from target_status where status = 'met'")}
        view = dict(conn.execute("select status, count(*) from target_status group by 1"))
    assert not reported & met
    assert sum(view.get(s, 0) for s in REPORTED) == len(reported)
    runner = CliRunner()
    env = ["--targets", str(root / "targets.yaml"), "--db", str(db)]
    table = runner.invoke(app, ["status", "--plan", "xj-13fyp", *env])
    summary = " ".join(table.stdout.split("As of")[-1].split())
    counted = plan_counts(rows)["xj-13fyp"].statuses
    assert f": {counted['met']} met" in summary and f"{counted['reported_done']} reported done" in summary
    report = runner.invoke(app, ["report", *env]).stdout
    header = next(line for line in report.splitlines() if line.startswith("| plan |"))
    assert "| met |" in header and "| in words |" in header  # counted apart


def test_the_plans_claim_stands_beside_the_computed_counts(shipped):
    root, db, rows = shipped
    runner = CliRunner()
    env = ["--targets", str(root / "targets.yaml"), "--db", str(db)]
    text = " ".join(runner.invoke(app, ["status", "--plan", "xj-13fyp", *env]).stdout.split())
    counted = plan_counts(rows)["xj-13fyp"]
    n, silent = counted.statuses, counted.never_reported
    assert (f"xj-gwr-2021 says of the plan: ““十三五”规划圆满收官” (met). By the numbers: {n['met']} met · "
            f"{n['partial']} partial · {n['missed']} missed") in text
    assert f"{silent} that no later document mentions" in text
    report = runner.invoke(app, ["report", *env]).stdout
    assert "“十三五”规划圆满收官" in report and f"{n['met']} met" in report


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_reported_status_has_words_in_both_languages(lang):
    words = STATUS_WORDS[lang]
    assert all(words[s] for s in REPORTED)
    assert len({words[s] for s in REPORTED} | {words["met"]}) == len(REPORTED) + 1


def test_the_village_broadband_target_is_read_from_the_2021_report(shipped):
    _, _, rows = shipped
    row = next(r for r in rows if r["id"] == "xj-13fyp.village-broadband-coverage")
    assert row["status"] == "met"
    assert "所有行政村" in row["reason"] and "read as 100%" in row["reason"]
