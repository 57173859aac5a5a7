"""The views across plans and levels of government, on the shipped data: one indicator's series
with every plan's target on it, and the comparison of Urumqi's targets with Xinjiang's."""

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app

runner = CliRunner()


@pytest.fixture
def db(shipped_db):
    return shipped_db


def shipped(db, *args):
    result = runner.invoke(app, [*args, "--targets", str(ROOT / "targets.yaml"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


def test_the_gdp_growth_series_holds_every_plans_target_with_its_outcome_and_verdict(db):
    info = json.loads(shipped(db, "indicator", "gdp", "--jurisdiction", "xinjiang", "--format", "json").stdout)
    growth = {t["id"]: (t["target"], t["outcome"], t["status"]) for t in info["targets"]
              if t["measure"] in ("avg_annual_growth", "yoy_growth")}
    assert growth == {
        "xj-12fyp.gdp-growth": ("10%以上", "10.7%", "met"),
        "xj-13fyp.gdp-growth": ("7%左右", "6.1%", "partial"),
        "xj-14fyp.gdp-growth": ("6%以上", "6.8%", "on_track"),
        "xj-2021.gdp-growth": ("6.5%左右", None, "pending"),
        "xj-2024.gdp-growth": ("6.5%左右", None, "pending"),
    }
    assert {t["jurisdiction"] for t in info["targets"]} == {"xinjiang"}
    periods = {(f["measure"], f["period"]) for f in info["figures"]}
    assert {("avg_annual_growth", "2016-2020"), ("yoy_growth", "2023")} <= periods


def test_the_name_the_documents_use_finds_the_indicator(db):
    by_name = shipped(db, "indicator", "地区生产总值", "--jurisdiction", "xinjiang", "--format", "json").stdout
    assert by_name == shipped(db, "indicator", "gdp", "--jurisdiction", "xinjiang", "--format", "json").stdout


def test_compare_puts_urumqis_targets_beside_xinjiangs_and_names_where_the_city_asks_more(db):
    info = json.loads(shipped(db, "compare", "gdp", "--format", "json").stdout)
    side = {(g["measure"], g["due"]): {t["jurisdiction"]: t["target_text"] for t in g["targets"]}
            for g in info["across_levels"]}
    assert side[("yoy_growth", "2021")] == {"urumqi": "9%", "xinjiang": "6.5%左右"}
    assert side[("avg_annual_growth", "2021-2025")] == {"urumqi": "9%左右", "xinjiang": "6%以上"}
    assert side[("yoy_growth", "2024")] == {"urumqi": "7.5%左右", "xinjiang": "6.5%左右"}
    more = {(g["measure"], g["due"]) for g in info["across_levels"]
            if {"lower": "urumqi", "upper": "xinjiang"} in g["lower_level_asks_more"]}
    assert more == {("yoy_growth", "2021"), ("avg_annual_growth", "2021-2025"), ("yoy_growth", "2024")}
    after = {r["target_id"]: (r["previous_plan"], r["previous_target"], r["previous_outcome"])
             for r in info["plan_after_plan"] if r["jurisdiction"] == "xinjiang" and r["measure"] == "avg_annual_growth"}
    assert after["xj-13fyp.gdp-growth"] == ("xj-12fyp", "10%以上", "10.7%")
    assert after["xj-14fyp.gdp-growth"] == ("xj-13fyp", "7%左右", "6.1%")


def test_the_comparison_table_reads_at_80_columns(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = shipped(db, "compare", "gdp").stdout
    assert "urumqi" in text and "xinjiang" in text
    assert max(len(line) for line in text.splitlines()) <= 80


DRAWN = {"level": ("level",), "yoy_growth": ("yoy_growth",), "avg_annual_growth": ("yoy_growth", "avg_annual_growth"),
         "annual_average": ("annual_average", "level")}  # the measures a target's chart draws


def test_the_14th_fyp_charts_show_the_2020_and_2023_figures_the_reports_give(db):
    import sqlite3

    from xjtrack.cli.tools import picture_of
    from xjtrack.store.project import Project

    project = Project.locate(ROOT / "targets.yaml", db)
    conn = sqlite3.connect(db)
    targets = conn.execute("select id, measure from targets where plan in ('xj-14fyp', 'urumqi-14fyp') "
                           "and goal is not null").fetchall()
    checked = 0
    for ident, measure in targets:
        if measure not in DRAWN:
            continue
        given = {year for (year,) in conn.execute(
            f"select distinct o.period_end from observations o join targets t on t.id = ? and o.indicator = "
            f"t.indicator and o.jurisdiction = t.jurisdiction where o.unusable = '' and o.period_end in (2020, 2023) "
            f"and o.measure in ({', '.join('?' * len(DRAWN[measure]))}) "
            f"and (o.period_start = o.period_end or o.measure != 'level')", (ident, *DRAWN[measure]))}
        picture = picture_of(project, ident, None, None, "en", None)
        drawn = {year for panel in picture.panels for line in panel.lines for year, _ in line.points}
        drawn |= {span.end for panel in picture.panels for span in panel.spans}
        assert given <= drawn, (ident, given, drawn)
        checked += bool(given)
    assert checked >= 10
