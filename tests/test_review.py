"""review and add-observation: drafted or typed figures into the data, comments and order kept,
nothing written when validate refuses, and the verdicts they change printed."""

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app

runner = CliRunner()

FINAL_TEXT = "2020年，全区人口自然增长率为 10.2‰。\n2025年，全区铁路营运里程达到 9 700 公里，全区地区生产总值增长 6.1%。\n"
FINAL_SOURCE = """  - id: final
    title_zh: 最后的报告
    title_en: The final report
    issuer: 人民政府
    jurisdiction: xinjiang
    kind: work_report
    date: "2026-01-25"
    file: sources/final.txt
"""
DRAFT = """# Draft of the records of final, written by xjtrack extract.

observations:
  # new; reads 铁路营运里程
  - indicator: railway-km
    measure: level
    period: "2025"
    value: "9700公里"
    source: final
    quote: "全区铁路营运里程达到 9 700 公里"
    as_written: "9 700公里"
  # new; reads 地区生产总值
  - indicator: gdp
    measure: yoy_growth
    period: "2025"
    value: "6.1%"
    source: final
    quote: "全区地区生产总值增长 6.1%"

targets:
  # new; reads 外贸进出口总额
  - id: p14.foreign-trade
    plan: p14
    indicator: foreign-trade
    measure: level
    target: "1300亿元"
    due: "2025"
    binding: unspecified
    source: report
    quote: "外贸进出口总额达到1300亿元"

# Figures not drafted as entries:
#   already curated ...
"""


@pytest.fixture
def project(mini: Path) -> Path:
    """The mini corpus with a later report archived, its draft written, and a curator's comment in p14.yaml."""
    root = mini.parent
    text = mini.read_text(encoding="utf-8")
    mini.write_text(text.replace("\nplans:", "\n" + FINAL_SOURCE + "\nplans:", 1), encoding="utf-8")
    (root / "sources" / "final.txt").write_text(FINAL_TEXT, encoding="utf-8")
    (root / "drafts").mkdir()
    (root / "drafts" / "final.yaml").write_text(DRAFT, encoding="utf-8")
    p14 = root / "data" / "p14.yaml"
    p14.write_text("# The 14th plan's targets, as the 2021 report sets them.\n" + p14.read_text(encoding="utf-8"),
                   encoding="utf-8")
    return mini


def run(project: Path, *args, **kwargs):
    return runner.invoke(app, [*map(str, args), "--targets", str(project)], **kwargs)


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_accept_all_writes_each_entry_where_it_belongs_keeping_comments_and_prints_the_changes(project):
    root = project.parent
    p14_before = (root / "data" / "p14.yaml").read_text(encoding="utf-8")
    result = run(project, "review", "final", "--accept-all")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Verdicts that change:"
    assert "  p14.railway-km: awaiting_final → met" in result.stdout
    assert "  p14.foreign-trade: (new target) → " in result.stdout
    assert "p13." not in result.stdout  # nothing about the 13th plan changes
    observations = (root / "data" / "observations" / "final.yaml").read_text(encoding="utf-8")
    assert observations.startswith("# Observations of final, accepted with xjtrack review")
    assert "    as_written: \"9 700公里\"\n" in observations
    p14 = (root / "data" / "p14.yaml").read_text(encoding="utf-8")
    assert p14.startswith(p14_before) and "  - id: p14.foreign-trade\n    plan: p14\n" in p14[len(p14_before):]
    assert run(project, "validate").exit_code == 0


def test_accept_by_number_or_id_writes_only_those(project):
    root = project.parent
    before = snapshot(root)
    result = run(project, "review", "final", "--accept", "p14.foreign-trade")
    assert result.exit_code == 0, result.output
    assert not (root / "data" / "observations" / "final.yaml").exists()
    changed = {k for k, v in snapshot(root).items() if before.get(k) != v}
    assert changed == {"data/p14.yaml"}
    result = run(project, "review", "final", "--accept", "1")
    assert result.exit_code == 0, result.output
    assert "gdp" not in (root / "data" / "observations" / "final.yaml").read_text(encoding="utf-8")
    assert run(project, "review", "final", "--accept", "9").exit_code == 2


def test_an_entry_validate_refuses_writes_nothing_at_all(project):
    root = project.parent
    draft = root / "drafts" / "final.yaml"
    draft.write_text(DRAFT.replace('quote: "全区地区生产总值增长 6.1%"', 'quote: "全区地区生产总值增长 7.1%"'),
                     encoding="utf-8")
    before = snapshot(root)
    result = run(project, "review", "final", "--accept-all")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1].startswith("data/observations/final.yaml:16:12: quote-not-found: ")
    assert result.stderr.splitlines()[-1].startswith("Error: with the new entries the data would have 1 problem in "
                                                     "the curated data; nothing was written")
    assert "nothing was written" not in result.stdout
    assert snapshot(root) == before


def test_without_a_terminal_review_asks_for_accept_options(project):
    result = run(project, "review", "final")
    assert result.exit_code == 2
    assert "pass --accept-all or --accept ID (entries: 1 (railway-km/level/2025), 2 (gdp/yoy_growth/2025), " \
           "3 (p14.foreign-trade))" in result.stderr


EDITOR = """import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text + "  notes: Checked against the posted text.\\n")
"""


def test_on_a_terminal_each_entry_is_shown_and_accepted_skipped_or_edited(project, monkeypatch, tmp_path):
    root = project.parent
    monkeypatch.setattr("xjtrack.cli.sources.on_a_terminal", lambda: True)
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    result = run(project, "review", "final", input="a\ne\na\ns\n")
    assert result.exit_code == 0, result.output
    talk = result.stderr
    assert "[1/3] observation: railway-km level 2025 = 9700公里   (new; reads 铁路营运里程)" in talk
    assert "sources/final.txt:2" in talk and ">     2 | 2025年，全区铁路营运里程达到 9 700 公里" in talk
    assert "Would change: p14.railway-km awaiting_final → met" in talk
    observations = (root / "data" / "observations" / "final.yaml").read_text(encoding="utf-8")
    assert "  - indicator: gdp\n" in observations and "    notes: Checked against the posted text.\n" in observations
    assert "p14.foreign-trade" not in (root / "data" / "p14.yaml").read_text(encoding="utf-8")  # skipped
    assert "  p14.railway-km: awaiting_final → met" in result.stdout


def test_k_accepts_every_later_entry_of_its_kind_and_q_with_nothing_accepted_writes_nothing(project, monkeypatch):
    root = project.parent
    monkeypatch.setattr("xjtrack.cli.sources.on_a_terminal", lambda: True)
    before = snapshot(root)
    result = run(project, "review", "final", input="q\n")
    assert result.exit_code == 0 and "nothing was written" in result.stderr
    assert snapshot(root) == before
    result = run(project, "review", "final", input="k\ns\n")
    assert result.exit_code == 0, result.output
    assert "[1/3]" in result.stderr and "[2/3]" not in result.stderr and "[3/3]" in result.stderr
    observations = (root / "data" / "observations" / "final.yaml").read_text(encoding="utf-8")
    assert "railway-km" in observations and "gdp" in observations


def test_add_observation_turns_a_pending_target_into_a_verdict(project):
    root = project.parent
    result = run(project, "add-observation", "population-growth", "xinjiang", "2020", "10.2‰",
                 "--measure", "level", "--source", "final", "--quote", "全区人口自然增长率为 10.2‰")
    assert result.exit_code == 0, result.output
    assert "  p13.population-growth: pending → met" in result.stdout
    written = (root / "data" / "observations" / "final.yaml").read_text(encoding="utf-8")
    assert "  - indicator: population-growth\n    measure: level\n    period: \"2020\"\n" in written
    assert run(project, "validate").exit_code == 0


def test_add_observation_with_a_quote_not_in_the_source_writes_nothing(project):
    root = project.parent
    before = snapshot(root)
    result = run(project, "add-observation", "population-growth", "xinjiang", "2020", "10.2‰",
                 "--measure", "level", "--source", "final", "--quote", "全区人口自然增长率为 9.2‰")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the quote is not in sources/final.txt: it matches up to")
    assert result.stderr.rstrip().endswith("nothing was written")
    assert snapshot(root) == before


def test_on_a_terminal_an_entry_validate_refuses_cannot_be_accepted_until_edited(project, monkeypatch, tmp_path):
    root = project.parent
    draft = root / "drafts" / "final.yaml"
    draft.write_text(DRAFT.replace('value: "6.1%"', 'value: "7.1%"'), encoding="utf-8")
    monkeypatch.setattr("xjtrack.cli.sources.on_a_terminal", lambda: True)
    script = tmp_path / "editor.py"
    script.write_text("import sys\np = sys.argv[1]\nt = open(p, encoding='utf-8').read()\n"
                      "open(p, 'w', encoding='utf-8').write(t.replace('7.1%', '6.1%'))\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    result = run(project, "review", "final", input="s\na\ne\na\ns\n")
    assert result.exit_code == 0, result.output
    assert "validate would refuse it: " in result.stderr and "It cannot be accepted as it is" in result.stderr
    written = (root / "data" / "observations" / "final.yaml").read_text(encoding="utf-8")
    assert 'value: "6.1%"' in written and "railway-km" not in written


def test_a_data_file_with_windows_line_ends_keeps_them_and_its_other_bytes(project):
    root = project.parent
    p14 = root / "data" / "p14.yaml"
    crlf = p14.read_bytes().replace(b"\n", b"\r\n")
    p14.write_bytes(crlf)
    result = run(project, "review", "final", "--accept", "p14.foreign-trade")
    assert result.exit_code == 0, result.output
    assert p14.read_bytes().startswith(crlf)


def test_a_draft_naming_a_plan_that_is_no_id_writes_nothing_anywhere(project, tmp_path):
    root = project.parent
    (root / "drafts" / "final.yaml").write_text(DRAFT.replace("plan: p14", "plan: ../../escape"), encoding="utf-8")
    before = snapshot(tmp_path)
    result = run(project, "review", "final", "--accept", "3")
    assert result.exit_code == 1
    assert "'../../escape' is not an id" in result.stderr
    assert snapshot(tmp_path) == before


def test_observations_are_never_written_through_a_link_out_of_the_repository(project, tmp_path):
    root = project.parent
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "data" / "observations" / "final.yaml").symlink_to(outside / "final.yaml")
    result = run(project, "review", "final", "--accept", "1")
    assert result.exit_code == 1
    assert "leads outside the repository" in result.stderr
    assert list(outside.iterdir()) == []
