"""One broken corpus per problem: each gives a located message, exit 1, no traceback,
and leaves the database exactly as it was."""

import hashlib

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app

P13 = "data/p13.yaml"
OBS = "data/observations/report.yaml"
LATER = "data/observations/later.yaml"
REG = "data/indicators.yaml"
CASES = [
    # (id, file, old text, new text, "file:line:col: code", words in the message)
    ("duplicate-key", P13, '    measure: avg_annual_growth\n', '    measure: avg_annual_growth\n    measure: level\n',
     f"{P13}:6:5: duplicate-key", "duplicate key 'measure' (first at line 5)"),
    ("unknown-key", P13, "    quote: \"地区生产总值年均增长", "    qoute: \"地区生产总值年均增长",
     f"{P13}:9:5: unknown-key", "did you mean 'quote'?"),
    ("yaml11-no", P13, "    binding: expected\n    quote: \"地区生产总值年均", "    binding: no\n    quote: \"地区生产总值年均",
     f"{P13}:8:14: bad-value", "YAML 1.1 would read no as a boolean"),
    ("bad-quantity", P13, 'target: "7%左右"', 'target: "7%左右以上"',
     f"{P13}:6:13: bad-quantity", "contradict each other"),
    ("unknown-unit", P13, 'target: "9627公里"', 'target: "9627英里"',
     f"{P13}:24:13: bad-quantity", "unknown unit '英里'"),
    ("unknown-source", OBS, "    source: report\n    quote: \"五年年均", "    source: reprot\n    quote: \"五年年均",
     f"{OBS}:18:13: unknown-source", "did you mean 'report'?"),
    ("unknown-plan", P13, "  - id: p13.gdp-growth\n    plan: p13", "  - id: p13.gdp-growth\n    plan: p31",
     f"{P13}:3:11: unknown-plan", "unknown plan 'p31'"),
    ("unknown-indicator", P13, "    indicator: gdp\n    measure: avg", "    indicator: gpd\n    measure: avg",
     f"{P13}:4:16: unknown-indicator", "did you mean 'gdp'?"),
    ("missing-quote", P13, '    quote: "地区生产总值年均增长 7%左右"\n', "",
     f"{P13}:2:5: missing-key", "missing required key 'quote'"),
    ("quote-not-in-source", P13, "地区生产总值年均增长 7%左右", "地区生产总值年均增长 8%左右",
     f"{P13}:9:12: quote-not-found", "the quote has '8%左右' where the text has '7%左右"),
    ("bad-date", "targets.yaml", 'date: "2016-05"', 'date: "2016-13"',
     "targets.yaml:21:11: bad-value", "has no month 13"),
    ("unquoted-date", "targets.yaml", 'date: "2021-02-01"', 'date: 2021-02-30',
     "targets.yaml:29:11: bad-value", "'2021-02-30' is not a date"),
    ("year-0000", "targets.yaml", 'date: "2021-02-01"', 'date: "0000"',
     "targets.yaml:29:11: bad-value", "is not a date a document has"),
    ("bad-period", P13, 'due: "2016-2020"\n    binding: expected\n    quote: "地区生产总值年均',
     'due: "2020-2016"\n    binding: expected\n    quote: "地区生产总值年均',
     f"{P13}:7:10: bad-value", "ends before it starts"),
    ("duplicate-id", P13, "  - id: p13.gdp\n", "  - id: p13.gdp-growth\n",
     f"{P13}:11:9: duplicate-id", "already used at data/p13.yaml:2"),
    ("bad-measure", P13, "measure: avg_annual_growth", "measure: growth",
     f"{P13}:5:14: bad-value", "Input should be 'level'"),
    ("flag-without-note", OBS, '    quote: "五年年均增长6.1%"', '    quote: "五年年均增长6.1%"\n    flags: [ambiguous]',
     f"{OBS}:20:12: flag-without-note", "every flag must be explained"),
    ("unknown-flag", OBS, '    quote: "五年年均增长6.1%"', '    quote: "五年年均增长6.1%"\n    notes: x\n    flags: [revised_baseline]',
     f"{OBS}:21:13: bad-value", "real_vs_nominal"),
    ("direction-conflict", P13, "    measure: level\n    target: \"11.6‰以内\"", "    measure: level\n    direction: up\n    target: \"11.6‰以内\"",
     f"{P13}:34:16: direction-conflict", "contradicts"),
    ("growth-not-a-rate", P13, 'target: "7%左右"', 'target: "7亿元"',
     f"{P13}:6:13: unit-measure", "write it in % (a growth or a fall is a percentage)"),
    ("level-in-another-family", OBS, 'value: "7398公里"', 'value: "7398个"',
     f"{OBS}:23:12: unit-measure", "cannot be a level of railway-km"),
    ("total-of-a-stock", OBS, "    measure: change\n    period: \"2016-2020\"\n    value: \"1530公里\"",
     "    measure: total\n    period: \"2016-2020\"\n    value: \"1530公里\"",
     f"{OBS}:29:12: unit-measure", "a total adds up a flow, and railway-km is a stock"),
    ("yoy-over-a-period", OBS, "    measure: avg_annual_growth\n    period: \"2016-2020\"",
     "    measure: yoy_growth\n    period: \"2016-2020\"", f"{OBS}:16:13: bad-period", "a yoy_growth is one year's growth"),
    ("total-of-one-year", OBS, "    measure: level\n    period: \"2020\"\n    value: \"13797.58亿元\"",
     "    measure: total\n    period: \"2020\"\n    value: \"13797.58亿元\"", f"{OBS}:9:14: bad-period",
     "a total of one year (2020) is that year's amount: write measure: level"),
    ("after-its-source", OBS, "    period: \"2020\"\n    value: \"13797.58亿元\"", "    period: \"2022\"\n    value: \"13797.58亿元\"",
     f"{OBS}:10:13: after-its-source", "ends after report was delivered (2021-02-01)"),
    ("duplicate-observation", OBS, "    value: \"7398公里\"", "    value: \"7398公里\"\n    source: report\n"
     "    quote: \"铁路营运里程达7398公里\"\n  - indicator: railway-km\n    measure: level\n    period: \"2020\"\n"
     "    value: \"7399公里\"", f"{OBS}:26:5: duplicate-observation", "gives another value for the same figure"),
    ("alias-taken", REG, "    aliases: [铁路营业里程]", "    aliases: [铁路营业里程, 地区生产总值]",
     f"{REG}:15:23: alias-taken", "already names indicator 'gdp'"),
    ("baseline-after-due", P13, "baseline: {year: 2015,", "baseline: {year: 2021,",
     f"{P13}:25:22: bad-baseline", "is not before the due year 2020"),
    ("id-without-plan", P13, "  - id: p13.gdp\n", "  - id: gdp.level\n",
     f"{P13}:11:9: bad-id", "must start with its plan id"),
    ("yaml-syntax", P13, "    indicator: gdp\n    measure: avg", "    indicator: gdp: x\n    measure: avg",
     f"{P13}:4:19: yaml-syntax", "not valid YAML"),
    ("unknown-target", LATER, "observations:", "claims:\n  - target: p13.foreign-trde\n    claim: met\n    text: x\n"
     "    source: plan\n    quote: \"贫困县全部摘帽\"\nobservations:",
     f"{LATER}:2:13: unknown-target", "did you mean 'p13.foreign-trade'?"),
    ("missing-source-file", "targets.yaml", "file: sources/later.txt", "file: sources/gone.txt",
     "targets.yaml:38:11: missing-file", "sources/gone.txt not found"),
    ("not-a-list", P13, "targets:\n  - id: p13.gdp-growth", "targets: p13.gdp-growth\nx:\n  - id: p13.gdp-growth",
     f"{P13}:1:10: not-a-list", "must be a list"),
    ("retired-outcomes", LATER, "observations:", "outcomes: []\nobservations:",
     f"{LATER}:1:1: retired-section", "outcomes became observations"),
    # the evidence guarantee: the figure stands in its quote, as a whole number
    ("figure-not-in-quote", OBS, 'value: "7398公里"', 'value: "9999公里"',
     f"{OBS}:23:12: figure-not-in-quote", "the figure 9999 does not stand in the quote as a whole number"),
    ("target-not-in-quote", P13, 'target: "9627公里"', 'target: "962公里"',
     f"{P13}:24:13: figure-not-in-quote", "the figure 962 does not stand"),
    ("merged-table-cells", "data/observations/plan.yaml", 'value: "34.3%"', 'value: "34.38%"',
     "data/observations/plan.yaml:5:12: figure-not-in-quote", "the figure 34.38 does not stand"),
    ("quote-ends-inside-a-number", OBS, '    quote: "铁路营运里程达7398公里"', '    quote: "铁路营运里程达739"',
     f"{OBS}:25:12: quote-not-found", "only as part of a longer number"),
    ("quote-starts-inside-a-number", OBS, '    quote: "五年年均增长6.1%"', '    quote: "1%"',
     f"{OBS}:19:12: quote-not-found", "only as part of a longer number"),
    ("as-written-another-figure", LATER, 'value: "8800公里"', 'value: "880公里"',
     f"{LATER}:5:12: figure-not-in-quote", "as_written '8 800公里' is not the figure '880公里'"),
    # a claim's text is set into a reason: it cannot bring the reason's own marks, and forge a clause
    ("claim-text-forges-a-clause", P13, "        text: 完成\n", "        text: 完成); the document claims not met (x\n",
     f"{P13}:69:15: claim-text-mark", "cannot hold ')'"),
    ("qualifier-inside-a-number", P13, 'target: "9627公里"', 'target: "96以上27公里"',
     f"{P13}:24:13: bad-quantity", "never inside a number"),
]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_located_and_loses_nothing(mini, case):
    _, file, old, new, where, words = case
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--targets", str(mini)]).exit_code == 0
    db = mini.parent / "db" / "xjtrack.db"
    before = digest(db)
    path = mini.parent / file
    text = path.read_text(encoding="utf-8")
    assert old in text, "the fixture changed: update the case"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

    result = runner.invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1, result.output
    located = [line for line in result.stdout.splitlines() if line.startswith(where)]
    assert located, f"expected a line starting {where!r} in:\n{result.stdout}"
    assert words in located[0]
    assert "Traceback" not in result.output

    for command in (["build"], ["status"]):
        result = runner.invoke(app, [*command, "--targets", str(mini)])
        assert result.exit_code == 1, result.output
        assert where in result.stderr and "Traceback" not in result.output
        assert result.stdout == ""
    assert digest(db) == before


def test_github_annotations(mini):
    path = mini.parent / P13
    path.write_text(path.read_text(encoding="utf-8").replace("measure: avg_annual_growth", "measure: growth"),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--format", "github", "--targets", str(mini)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={P13},line=5,col=14,title=bad-value::measure%3A Input should be")


def test_at_least_fifteen_cases():
    assert len(CASES) >= 15
