"""Browsing the targets: by topic, by binding, by due date, by words; the topics counted; sections
named by their headings."""

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.core.vocab import TOPIC_NAMES, Topic

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "XJTRACK_LANG": "en"})


def ids(mini, *args):
    result = runner.invoke(app, ["status", "--format", "json", *args, "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    return [r["id"] for r in json.loads(result.stdout)]


@pytest.mark.parametrize("args, expected", [
    (["--topic", "transport"], ["p13.railway-km", "p14.railway-km"]),
    (["--topic", "social-security"], ["p13.poor-counties"]),  # a qualitative target's own topic
    (["--topic", "transport", "--topic", "opening-up"], ["p13.railway-km", "p13.foreign-trade", "p14.railway-km"]),
    (["--topic", "health"], []),
    (["--expected"], ["p13.gdp-growth", "p13.gdp", "p13.urban-green", "p13.foreign-trade"]),
    (["--expected", "--binding"], ["p13.gdp-growth", "p13.gdp", "p13.population-growth",
                                   "p13.energy-intensity-reduction", "p13.poor-counties", "p13.urban-green",
                                   "p13.foreign-trade"]),
    (["--due", "2016-2020"], ["p13.gdp-growth", "p13.energy-intensity-reduction"]),
    (["--due", "2020"], ["p13.gdp-growth", "p13.gdp", "p13.railway-km", "p13.population-growth",
                         "p13.energy-intensity-reduction", "p13.poor-counties", "p13.urban-green",
                         "p13.foreign-trade"]),  # a period ending in 2020 is due in 2020
    (["--due", "2025"], ["p14.railway-km"]),
    (["--grep", "铁路"], ["p13.railway-km", "p14.railway-km"]),  # the indicator's name and the quote
    (["--grep", "摘帽"], ["p13.poor-counties"]),  # the target's words
    (["--grep", "trade"], ["p13.foreign-trade"]),  # the indicator's English name, any case
    (["--grep", "_"], []),  # a LIKE wildcard is a character, not a pattern
    (["--grep", "%"], ["p13.gdp-growth", "p13.urban-green"]),  # 7%左右; (%) in the quote
    (["--grep", "铁路", "--topic", "environment"], []),  # filters combine with AND
])
def test_each_filter_narrows_the_targets(mini, args, expected):
    assert ids(mini, *args) == expected


def test_grep_reads_the_quote(mini):
    result = runner.invoke(app, ["status", "--format", "json", "--grep", "达到", "--targets", str(mini)])
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["p13.gdp", "p13.railway-km", "p14.railway-km"]
    assert all("达到" not in r["target_text"] + r["indicator_zh"] and "达到" in r["target_quote"] for r in rows)


@pytest.mark.parametrize("bad", ["20x5", "2025-2021", "soon"])
def test_a_due_that_is_no_year_or_period_is_a_usage_error(mini, bad):
    result = runner.invoke(app, ["status", "--due", bad, "--targets", str(mini)])
    assert result.exit_code == 2 and "--due" in result.stderr and "Traceback" not in result.output


def test_an_unknown_topic_is_a_usage_error(mini):
    result = runner.invoke(app, ["status", "--topic", "railways", "--targets", str(mini)])
    assert result.exit_code == 2 and "transport" in result.output


def test_indicators_count_every_topic(mini):
    result = runner.invoke(app, ["indicators", "--by-topic", "--format", "json", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["topic"] for r in rows] == [t.value for t in Topic]
    by = {r["topic"]: r for r in rows}
    assert (by["transport"]["indicators"], by["transport"]["targets"], by["transport"]["plans"]) == (1, 2, 2)
    assert by["social-security"]["indicators"] == 0 and by["social-security"]["targets"] == 1
    assert by["health"] == {"topic": "health", "name_zh": "卫生健康", "name_en": "Health",
                            "indicators": 0, "targets": 0, "plans": 0}
    table = runner.invoke(app, ["indicators", "--targets", str(mini)])
    assert "By topic: economy 2, energy 1, environment 1, transport 1, opening-up 1" not in table.stderr
    assert "By topic: economy 2, energy 1, transport 1, environment 1, opening-up 1" in table.stderr


def test_every_shipped_indicator_and_target_has_a_topic(shipped_db):
    import sqlite3

    with sqlite3.connect(shipped_db) as conn:
        topics = {r[0] for r in conn.execute("select topic from indicators union select topic from targets")}
    assert topics <= {t.value for t in Topic} and "" not in topics
    assert set(TOPIC_NAMES) == set(Topic)


def test_the_railway_and_road_question_is_one_filter(shipped_db):
    result = runner.invoke(app, ["status", "--topic", "transport", "--format", "json",
                                 "--targets", str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    rows = json.loads(result.stdout)
    words = " ".join(r["indicator_zh"] + r["target_text"] for r in rows)
    assert "铁路" in words and "公路" in words
    assert "宽带" not in words and "丝绸之路" not in words


HEADED = """# **第一篇 发展基础**
## 第一章 发展的基础
### 第一节 成就
## 第二章 发展的环境
# 第二篇 发展任务
## 第一章 加快工业化
### 第一节 能源
### 第二节 交通
"""


@pytest.mark.parametrize("section, name", [
    ("第二篇第一章第二节", "第二篇 发展任务；第一章 加快工业化；第二节 交通"),
    ("第二篇第一章第一节 专栏6", "第二篇 发展任务；第一章 加快工业化；第一节 能源；专栏6"),
    ("第一篇第二章 发展的环境", "第一篇 发展基础；第二章 发展的环境"),  # its own words are not repeated
    ("第一篇第一章第二节", ""),  # 第一章 of 第一篇 has no 第二节: the one under 第二篇 is not taken
    ("专栏2", ""),
    ("第三篇", ""),
])
def test_a_numbered_section_is_named_by_its_headings(section, name):
    from xjtrack.curated.sections import headings, named

    assert named(section, headings(HEADED)) == name


def test_the_shipped_sections_have_their_heading_names(shipped_db):
    import sqlite3

    with sqlite3.connect(shipped_db) as conn:
        name = conn.execute("select section_name from targets where id = 'xj-13fyp.railway-km'").fetchone()[0]
        unnamed = conn.execute("select count(*) from targets where section like '第%篇%' and section_name = ''")
    assert name == "第五篇 坚持协调发展，推进“五化”建设；第五章 加快基础设施现代化，夯实经济发展基础；第二节 加强交通基础设施建设"
    assert unnamed.fetchone() == (0,)
