"""Targets that change: a later document adjusts a target; the verdict uses the version in force,
--as-of before the adjustment uses the original, show prints the lineage, the report lists it,
and a lowering while the target was behind is flagged. The adjustment document is written here."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app

runner = CliRunner()

SOURCES = """  - id: adjust
    title_zh: 十四五规划纲要中期调整方案
    title_en: Mid-term adjustment of the 14th plan
    issuer: 人民政府
    jurisdiction: xinjiang
    kind: plan
    date: "2023-11"
    file: sources/adjust.txt
  - id: final
    title_zh: 最后的报告
    title_en: The final report
    issuer: 人民政府
    jurisdiction: xinjiang
    kind: work_report
    date: "2026-01-25"
    file: sources/final.txt
"""
ADJUSTMENT = """# The mid-term adjustment, as the adjustment plan words it.
adjustments:
  - target: p14.railway-km
    says: adjusted
    value: "{value}"
    source: adjust
    quote: "到2025年铁路营运里程调整为{value}"
"""


def project(mini: Path, value: str = "9000公里以上") -> Path:
    root = mini.parent
    text = mini.read_text(encoding="utf-8")
    mini.write_text(text.replace("\nplans:", "\n" + SOURCES + "\nplans:", 1), encoding="utf-8")
    (root / "sources" / "adjust.txt").write_text(f"到2025年铁路营运里程调整为{value}。\n", encoding="utf-8")
    (root / "sources" / "final.txt").write_text("2025年，全区铁路营运里程达到9200公里。\n", encoding="utf-8")
    (root / "data" / "adjustments.yaml").write_text(ADJUSTMENT.format(value=value), encoding="utf-8")
    (root / "data" / "observations" / "final.yaml").write_text(
        'observations:\n  - indicator: railway-km\n    measure: level\n    period: "2025"\n    value: "9200公里"\n'
        '    source: final\n    quote: "全区铁路营运里程达到9200公里"\n', encoding="utf-8")
    return mini


def run(mini: Path, *args):
    result = runner.invoke(app, [*args, "--targets", str(mini), "--db", str(mini.parent / "t.db")])
    assert result.exit_code == 0, result.output
    return result


def show(mini: Path, *args) -> dict:
    return json.loads(run(mini, "show", "p14.railway-km", "--format", "json", *args).stdout)


def test_the_verdict_uses_the_version_in_force_and_show_prints_the_lineage(mini):
    info = show(project(mini))
    assert info["verdict"]["status"] == "met"  # 9200 against the adjusted 9000公里以上
    assert "adjusted" in info["flags"]
    assert info["original_verdict"] == {"goal": "9500公里以上", "status": "partial"}
    assert [(v["says"], v["goal"], v["source"]) for v in info["lineage"]] == [
        ("set", "9500公里以上", "report"), ("adjusted", "9000公里以上", "adjust")]
    assert info["lineage"][1]["quotes"][0]["text"] == "到2025年铁路营运里程调整为9000公里以上"
    text = run(mini, "show", "p14.railway-km").stdout
    assert "lineage     9500公里以上 (set, report 2021-02-01) → 9000公里以上 (adjusted, adjust 2023-11)" in text
    assert "as set      9500公里以上: partial" in text


def test_as_of_before_the_adjustment_judges_by_the_original(mini):
    info = show(project(mini), "--as-of", "2023-10-31")
    assert "adjusted" not in info["flags"] and info["original_verdict"] is None
    assert "judged against the target as adjusted" not in info["verdict"]["reason"]
    later = show(mini, "--as-of", "2024-02-01")
    assert "adjusted" in later["flags"] and "9000公里以上" in later["verdict"]["reason"]


def test_the_report_lists_adjusted_targets_with_both_values_and_both_verdicts(mini):
    text = run(project(mini), "report").stdout
    section = text.split("## Targets adjusted or restated by a later document")[1].split("\n## ")[0]
    assert "| `p14.railway-km` | 9500公里以上 | partial | 9000公里以上 | `adjust` | met |" in section


def test_a_lowering_while_the_target_was_behind_is_flagged(mini):
    root = project(mini)
    (mini.parent / "data" / "observations" / "mid.yaml").write_text(
        'observations:\n  - indicator: railway-km\n    measure: level\n    period: "2022"\n    value: "7500公里"\n'
        '    source: adjust\n    quote: "铁路营运里程7500公里"\n', encoding="utf-8")
    (mini.parent / "sources" / "adjust.txt").write_text(
        "2022年铁路营运里程7500公里。到2025年铁路营运里程调整为9000公里以上。\n", encoding="utf-8")
    info = show(root)
    assert "lowered_after_miss" in info["flags"], info["verdict"]
    assert "lowered while it was behind" in info["verdict"]["reason"]
    assert "| `p14.railway-km` ⚠ |" in run(mini, "report").stdout


@pytest.mark.parametrize("change, problem", [
    (lambda t: t.replace("source: adjust", "source: report"), "bad-source"),
    (lambda t: t.replace('value: "{value}"', 'value: "9000亿元"'), "unit-measure"),
    (lambda t: t.replace("p14.railway-km", "p14.nope"), "unknown-target"),
    (lambda t: t.replace('value: "{value}"', 'value: "2025公里"'), "figure-is-a-date"),
])
def test_an_adjustment_that_cannot_be_one_is_refused(mini, change, problem):
    project(mini)
    path = mini.parent / "data" / "adjustments.yaml"
    path.write_text(change(ADJUSTMENT).format(value="9000公里以上"), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1 and f": {problem}: " in result.output, result.output


def test_an_update_after_an_adjustment_changes_judges_as_a_full_build_would(mini):
    project(mini)
    assert show(mini)["verdict"]["status"] == "met"
    path = mini.parent / "data" / "adjustments.yaml"
    path.write_text(ADJUSTMENT.format(value="9300公里以上"), encoding="utf-8")
    (mini.parent / "sources" / "adjust.txt").write_text("到2025年铁路营运里程调整为9300公里以上。\n", encoding="utf-8")
    run(mini, "build")
    assert show(mini)["verdict"]["status"] == "partial"  # 9200 against 9300公里以上
    path.write_text(ADJUSTMENT.format(value="9300公里以上").replace("says: adjusted", "says: restated"),
                    encoding="utf-8")
    info = show(mini)  # only a data file changed: the database is brought up to date before showing
    assert info["lineage"][1]["says"] == "restated"
