"""Each curating rule that can be checked (CURATING.md, One rule per wording) refuses one broken
record of the small corpus with its place and code; the shipped data keeps every rule."""

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.curated.rules import held_through

P13 = "data/p13.yaml"
PLAN = "sources/plan.txt"
ROW = "人口自然增长率(‰)\t11\t11.6\t11.6\t约束性\n"
CASES = [
    # (id, [(file, old, new)], "file:line:col: code", words in the message)
    ("ceiling-held-through-due-one-year",
     [(PLAN, "贫困县全部摘帽。\n", "贫困县全部摘帽。\n" + ROW),
      (P13, '    quote: "人口自然增长率控制在 11.6‰以内"',
       '    quote:\n      - "人口自然增长率控制在 11.6‰以内"\n      - "人口自然增长率(‰) 11 11.6 11.6 约束性"')],
     f"{P13}:35:10: rule-held-through", "due 2016-2020, not 2020"),
    ("level-over-a-period-without-a-bound",
     [(P13, '    baseline: {year: 2015, value: "6154公里", derivation: "9627 km less 五年新增 3473 km"}\n    due: "2020"',
       '    baseline: {year: 2015, value: "6154公里", derivation: "9627 km less 五年新增 3473 km"}\n    due: "2016-2020"')],
     f"{P13}:26:10: rule-held-through", "a ceiling or floor held in every year"),
    ("unscoped-alias-of-a-city-rate",
     [("data/indicators.yaml", "    name_zh: 城市建成区绿化覆盖率\n", "    name_zh: 城市建成区绿化覆盖率\n    aliases: [建成区绿化覆盖率]\n")],
     "data/indicators.yaml:38:15: rule-scope", "names no scope"),
    ("milestone-reached-but-under-way",
     [("data/statements/report.yaml", "    says: done\n", "    says: under_way\n    milestone: started\n")],
     "data/statements/report.yaml:4:16: rule-milestone", "which is says: done"),
    ("named-project-recorded-as-qualitative",
     [(P13, "    target: 贫困县全部摘帽\n", "    target: 建成莎车机场\n")],
     f"{P13}:50:14: rule-project", "measure: project"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_broken_rule_is_refused_where_it_is(mini, case):
    _, edits, where, words = case
    for file, old, new in edits:
        path = mini.parent / file
        text = path.read_text(encoding="utf-8")
        assert old in text, "the fixture changed: update the case"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1, result.output
    located = [line for line in result.stdout.splitlines() if line.startswith(where)]
    assert located, f"expected a line starting {where!r} in:\n{result.stdout}"
    assert words in located[0]
    assert "Traceback" not in result.output


def test_the_small_corpus_keeps_every_rule(mini):
    result = CliRunner().invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 0, result.output


def test_the_shipped_data_keeps_every_rule(tmp_path):
    result = CliRunner().invoke(app, ["validate", "--targets", str(ROOT / "targets.yaml")])
    assert result.exit_code == 0, result.output
    assert "rule-" not in result.output


@pytest.mark.parametrize("text, number, held", [
    ("16.城镇登记失业率(%) 4以内 4.5以内 4.5以内 约束性", "4.5", True),
    ("15.人口自然增长率(‰) 11 11.6 11.6 约束性", "11.6", True),
    ("21.基本养老保险参保率(%) 95 95以上 — 约束性", "95", False),   # the 2015 figure equals the bound
    ("人口自然增长率(‰) 11 11 以内 — 11 — 完成", "11", False),      # 专栏1: base, bound, result
    ("财政支出每年70%以上用于民生", "70", True),
    ("城镇登记失业率控制在 4.5%以内", "4.5", False),
])
def test_held_through_reads_the_table_row(text, number, held):
    assert held_through(text, number) is held

