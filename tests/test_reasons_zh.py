"""--lang zh renders every reason in Chinese: each fixed phrase of the judging core, on every
reason the shipped data gives, with the documents' quotes and the curators' notes as written."""

import re
import sqlite3

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.output.reasons import in_chinese

runner = CliRunner()


@pytest.fixture
def db(shipped_db):
    return shipped_db


def curated_words(conn) -> list[str]:
    """What curators wrote in English that a reason may carry: notes, unusable, proxy notes."""
    found = set()
    for sql in ("select notes from target_statements", "select unusable from observations",
                "select note from indicator_proxies", "select notes from observations"):
        found |= {r[0] for r in conn.execute(sql) if r[0]}
    return sorted(found, key=len, reverse=True)


@pytest.mark.parametrize("reason, chinese", [
    ("no later document in the corpus mentions it", "语料库中没有后续文件提及"),
    ("6.1% (2016-2020) against 7%左右 (met from 6.5%): 87% of the target, so partial",
     "6.1%（2016-2020），目标7%左右（6.5%起视为完成）：达到目标的87%，部分完成"),
    ("7398公里 (2020) against 9627公里: 36% of the required change from 6154公里 (2015), so missed",
     "7398公里（2020），目标9627公里：完成所需变化（自2015年的6154公里起）的36%，未完成"),
    ("13797.58亿元 (2020) against 13078亿元: met; the document claims met (完成)",
     "13797.58亿元（2020），目标13078亿元：完成；文件自称完成（完成）"),
    ("xj-gwr-2021 reports it done: “35个贫困县全部摘帽” (xj-gwr-2021, line 21) — the document's word, "
     "not a measured result", "xj-gwr-2021称已完成：“35个贫困县全部摘帽”（xj-gwr-2021，第21行）——文件自述，非测量结果"),
    ("interim 6.8% (2023) is 113% of the 6%以上 required (growth-rate ratio rule: on track from 95%)",
     "中期值6.8%（2023）为目标6%以上的113%（增速比率规则：达到95%为按进度）"),
])
def test_phrases(reason, chinese):
    assert in_chinese(reason) == chinese


def test_a_quote_is_never_rewritten():
    said = "mentioned in xj-gwr-2021, “against the target, so missed” (xj-gwr-2021, line 3), with no verdict that can be drawn"
    assert in_chinese(said) == "xj-gwr-2021提及“against the target, so missed”（xj-gwr-2021，第3行），但无法据此得出结论"


def test_no_phrase_of_a_shipped_reason_is_left_in_english(db):
    conn = sqlite3.connect(db)
    notes = curated_words(conn)
    left = {}
    for (reason,) in conn.execute("select reason from verdicts"):
        text = re.sub(r"“.*?”(?=（[\w-]+，第\d+行）)", "", in_chinese(reason))
        for note in notes:
            text = text.replace(note, "")
        text = re.sub(r"[a-z0-9]+(?:-[a-z0-9]+)+", "", text)  # ids: sources, plans, targets
        english = re.findall(r"[A-Za-z][A-Za-z' ]*[A-Za-z]", text)
        if english:
            left[reason] = english
    assert not left, "\n".join(f"{k}\n  -> {v}" for k, v in list(left.items())[:10])


def test_status_and_the_report_speak_chinese(db, tmp_path):
    args = ["--targets", str(ROOT / "targets.yaml"), "--db", str(db), "--lang", "zh"]
    shown = runner.invoke(app, ["status", "--plan", "xj-13fyp", "-r", *args]).stdout
    assert "语料库中没有后续文件提及" in shown and "no later document" not in shown
    report = tmp_path / "r.md"
    assert runner.invoke(app, ["report", "-o", str(report), *args]).exit_code == 0
    text = report.read_text(encoding="utf-8")
    assert "，目标" in text and "of the required change" not in text
