"""The shipped corpus: it validates, its counts hold, and a changed quote is caught."""

import json
import re
import shutil

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app

runner = CliRunner(env={"COLUMNS": "100", "XJTRACK_LANG": "en"})

# Targets per plan (all, numeric). Change these only on purpose, with the data change that explains it.
COUNTS = {
    "xj-12fyp": (38, 38),
    "xj-13fyp": (244, 171),  # 26 named projects are project targets, not numbers; two duplicates merged (2026 audit)
    "xpcc-13fyp": (7 + 3, 7),
    "xj-14fyp": (31, 27),
    "xj-2021": (29, 18),  # four named projects added (2026 audit)
    "xj-2024": (49, 34),  # five named projects added (2026 audit)
    "urumqi-14fyp": (10, 8),
    "urumqi-2021": (42, 39),
    "urumqi-2024": (57, 54),
}

# Figures recorded per document (observations, indicators). A change that drops or adds figures
# must change these on purpose.
OBSERVATIONS = {
    "xj-13fyp-outline": (71, 41),
    "xj-gwr-2021": (119, 95),
    "xj-gwr-2024": (165, 146),
    "urumqi-gwr-2021": (247, 196),
    "urumqi-gwr-2024": (283, 260),
}

# Every row and sub-row of 专栏2 of the 13th FYP outline, with the targets it gives.
ZHUANLAN2 = {
    "1.地区生产总值": ["gdp", "gdp-growth"],
    "2.工业增加值": ["industry-va", "industry-va-growth"],
    "3.全社会固定资产投资": ["fixed-asset-investment", "fixed-asset-investment-growth"],
    "4.一般公共预算收入": ["budget-revenue", "budget-revenue-growth"],
    "5.社会消费品零售总额": ["retail-sales", "retail-sales-growth"],
    "6.外贸进出口总额": ["foreign-trade", "foreign-trade-growth"],
    "常住人口城镇化率": ["urbanisation-rate", "urbanisation-rate-change"],
    "户籍人口城镇化率": ["hukou-urbanisation-rate", "hukou-urbanisation-rate-change"],
    "8.服务业增加值比重": ["services-share", "services-share-change"],
    "9.城镇居民人均可支配收入": ["urban-disposable-income", "urban-disposable-income-growth"],
    "10.农村居民人均纯收入": ["rural-net-income", "rural-net-income-growth"],
    "11.两化融合发展指数": ["informatisation-index", "informatisation-index-change"],
    "12.科技进步贡献率": ["tech-progress-contribution", "tech-progress-contribution-change"],
    "13.每万人发明专利拥有量": ["patents-per-10k", "patents-per-10k-change"],
    "固定宽带用户普及率": ["fixed-broadband-penetration", "fixed-broadband-penetration-change"],
    "移动互联网用户普及率": ["mobile-internet-penetration", "mobile-internet-penetration-change"],
    "15.人口自然增长率": ["population-natural-growth"],
    "16.城镇登记失业率": ["urban-unemployment-registered"],
    "17.城镇新增就业人数": ["urban-new-jobs-total"],
    "18.九年义务教育巩固率": ["compulsory-education-retention", "compulsory-education-retention-change"],
    "19.高中阶段毛入学率": ["high-school-enrolment", "high-school-enrolment-change"],
    "20.劳动年龄人口平均受教育年限": ["schooling-years", "schooling-years-change"],
    "21.基本养老保险参保率": ["pension-coverage"],
    "城镇保障性住房": ["urban-subsidised-housing-total"],
    "城镇棚户区住房改造": ["shantytown-renovation-total"],
    "农村安居富民工程": ["rural-housing-total"],
    "23.农村贫困人口脱贫人数": ["poverty-exit-total"],
    "24.耕地保有量": ["cultivated-land"],
    "25.新增建设用地规模": ["new-construction-land-total"],
    "26.农业灌溉水有效利用系数": ["irrigation-efficiency", "irrigation-efficiency-change"],
    "27.万元GDP用水量下降": ["water-intensity-reduction"],
    "森林覆盖率": ["forest-coverage", "forest-coverage-change"],
    "森林蓄积量": ["forest-stock", "forest-stock-change"],
    "29.万元生产总值能耗降低": ["energy-intensity-reduction"],
    "30.单位生产总值二氧化碳排放降低": ["co2-intensity-reduction"],
    "化学需氧量": ["cod-emissions-reduction"],
    "氨氮": ["ammonia-nitrogen-emissions-reduction"],
    "二氧化硫": ["so2-emissions-reduction"],
    "氮氧化物": ["nox-emissions-reduction"],
    "32.非化石能源占一次能源消费比重": ["non-fossil-share", "non-fossil-share-change"],
    "细颗粒物(PM2.5)": ["pm25-concentration-reduction"],
    "地级及以上城市空气质量优良天数比率": ["good-air-days"],
    "达到或好于III类水体比例": ["surface-water-good"],
    "劣V类水体比例": ["surface-water-worse-than-v"],
}


@pytest.fixture(scope="module")
def rows(shipped_db):
    db = shipped_db
    result = runner.invoke(app, ["status", "--format", "json", "--targets", str(ROOT / "targets.yaml"),
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    return {r["id"]: r for r in json.loads(result.stdout)}


def test_the_shipped_data_validates():
    result = runner.invoke(app, ["validate", "--targets", str(ROOT / "targets.yaml")])
    assert result.exit_code == 0, result.output
    assert "quotes found in their sources" in result.stderr


def test_curated_counts_hold(rows):
    counts = {}
    for r in rows.values():
        total, numeric = counts.get(r["plan"], (0, 0))
        counts[r["plan"]] = (total + 1, numeric + (r["measure"] not in ("qualitative", "project")))
    assert counts == COUNTS
    assert COUNTS["xj-13fyp"][1] + COUNTS["xpcc-13fyp"][1] >= 170


def test_every_document_keeps_its_figures(shipped_db):
    db = shipped_db
    import sqlite3

    with sqlite3.connect(db) as conn:
        found = {s: (n, i) for s, n, i in conn.execute(
            "select source, count(*), count(distinct indicator) from observations group by source")}
        numeric = conn.execute("select count(*) from targets where measure not in ('qualitative', 'project') "
                               "and indicator = ''").fetchone()
        several = conn.execute("select count(*) from (select indicator from targets where indicator != '' "
                               "group by indicator having count(distinct plan) >= 2)").fetchone()
    assert found == OBSERVATIONS
    assert sum(n for n, _ in OBSERVATIONS.values()) >= 600
    assert numeric == (0,), "every numeric target names an indicator"
    assert several[0] >= 20


@pytest.mark.parametrize("row, slugs", ZHUANLAN2.items())
def test_every_zhuanlan2_row_is_present(rows, row, slugs):
    for slug in slugs:
        target = rows.get(f"xj-13fyp.{slug}")
        assert target is not None, f"专栏2 row {row} lacks xj-13fyp.{slug}"
        assert re.sub(r"\s", "", row) in re.sub(r"\s", "", target["target_quote"])


def test_the_row_list_covers_the_whole_of_zhuanlan2():
    text = (ROOT / "sources" / "xj-13fyp-outline.txt").read_text(encoding="utf-8")
    box = re.sub(r"\s", "", text.split("专栏 2")[1].split("注：1、带[ ]为五年累计数")[0])
    numbered = sorted(int(n) for n in re.findall(r"(?:^|[^\d.\[])(\d{1,2})\.(?=[^\d])", box))
    assert numbered == list(range(1, 35)), "专栏2 has rows 1 to 34"
    keys = [re.sub(r"\s", "", key) for key in ZHUANLAN2]
    for key in keys:
        assert key in box, f"{key} is not a row of 专栏2"
    groups = {n for n in numbered if not any(k.startswith(f"{n}.") for k in keys)}
    assert groups == {7, 14, 22, 28, 31, 33, 34}, "every other row is listed under its own number"


def test_the_twelfth_plan_disagreements_are_the_ones_the_readme_lists(rows):
    disputed = sorted(i for i, r in rows.items() if r["disputed"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Where the 12th FYP table's own verdicts disagree")[1].split("\n## ")[0]
    listed = set()
    for cell in re.findall(r"^\| (`[^|]+)\|", section, flags=re.M):
        names = re.findall(r"`([^`]+)`", cell)
        listed.update(n if n.startswith("xj-12fyp.") else f"xj-12fyp.{n}" for n in names)
    assert disputed == sorted(listed)
    claims = [r for r in rows.values() if r["plan"] == "xj-12fyp" and r["claimed"]]
    agree = [r for r in claims if not r["disputed"]]
    assert f"agree\nwith it on {len(agree)} of its {len(claims)} targets" in section


QUOTE = re.compile(r'^\s*(?:- )?quote: "([^"]{6,})"', flags=re.M)


@pytest.mark.parametrize("name", sorted(str(p.relative_to(ROOT / "data")) for p in (ROOT / "data").rglob("*.yaml")
                                         if QUOTE.search(p.read_text(encoding="utf-8"))))
def test_changing_one_character_of_a_quote_is_caught(tmp_path, name):
    for part in ("targets.yaml", "data", "sources"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / part)
    path = tmp_path / "data" / name
    text = path.read_text(encoding="utf-8")
    matches = list(QUOTE.finditer(text))
    match = matches[len(matches) // 2]
    at = match.start(1) + len(match.group(1)) // 2
    changed = text[:at] + ("〇" if text[at] != "〇" else "一") + text[at + 1:]
    line = text[:at].count("\n") + 1
    path.write_text(changed, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--targets", str(tmp_path / "targets.yaml")])
    assert result.exit_code == 1
    assert re.search(rf"^data/{re.escape(name)}:{line}:\d+: quote-not-found", result.stdout, flags=re.M), result.stdout
