"""One broken corpus per problem: each gives a located message, exit 1, no traceback,
and leaves the database exactly as it was."""

import hashlib

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app

P13 = "data/p13.yaml"
CASES = [
    # (id, file, old text, new text, "file:line:col: code", words in the message)
    ("duplicate-key", P13, '    metric: avg_annual_growth\n', '    metric: avg_annual_growth\n    metric: level\n',
     f"{P13}:7:5: duplicate-key", "duplicate key 'metric' (first at line 6)"),
    ("unknown-key", P13, "    quote: \"地区生产总值年均增长", "    qoute: \"地区生产总值年均增长",
     f"{P13}:10:5: unknown-key", "did you mean 'quote'?"),
    ("yaml11-no", P13, "    binding: expected\n    quote: \"地区生产总值年均", "    binding: no\n    quote: \"地区生产总值年均",
     f"{P13}:9:14: bad-value", "YAML 1.1 would read no as a boolean"),
    ("bad-quantity", P13, 'target: "7%左右"', 'target: "7%左右以上"',
     f"{P13}:7:13: bad-quantity", "contradict each other"),
    ("unknown-unit", P13, 'target: "9627公里"', 'target: "9627英里"',
     f"{P13}:40:13: bad-quantity", "unknown unit '英里'"),
    ("unknown-source", P13, "        source: report\n        quote: \"五年年均", "        source: reprot\n        quote: \"五年年均",
     f"{P13}:14:17: unknown-source", "did you mean 'report'?"),
    ("unknown-plan", P13, "  - id: p13.gdp-growth\n    plan: p13", "  - id: p13.gdp-growth\n    plan: p31",
     f"{P13}:3:11: unknown-plan", "unknown plan 'p31'"),
    ("missing-quote", P13, '    quote: "地区生产总值年均增长 7%左右"\n', "",
     f"{P13}:2:5: missing-key", "missing required key 'quote'"),
    ("quote-not-in-source", P13, "地区生产总值年均增长 7%左右", "地区生产总值年均增长 8%左右",
     f"{P13}:10:12: quote-not-found", "the quote has '8%左右' where the text has '7%左右"),
    ("bad-date", "targets.yaml", 'date: "2016-05"', 'date: "2016-13"',
     "targets.yaml:8:11: bad-value", "has no month 13"),
    ("unquoted-date", "targets.yaml", 'date: "2021-02-01"', 'date: 2021-02-30',
     "targets.yaml:16:11: bad-value", "'2021-02-30' is not a date"),
    ("bad-period", P13, 'due: "2016-2020"\n    binding: expected\n    quote: "地区生产总值年均',
     'due: "2020-2016"\n    binding: expected\n    quote: "地区生产总值年均',
     f"{P13}:8:10: bad-value", "ends before it starts"),
    ("duplicate-id", P13, "  - id: p13.gdp-level", "  - id: p13.gdp-growth",
     f"{P13}:17:9: duplicate-id", "already used at data/p13.yaml:2"),
    ("bad-metric", P13, "metric: avg_annual_growth", "metric: growth",
     f"{P13}:6:13: bad-value", "Input should be 'level'"),
    ("flag-without-note", P13, "    notes: The report revises the 2015 base to 9306.88亿元.\n", "",
     f"{P13}:27:12: flag-without-note", "every flag must be explained"),
    ("unknown-flag", P13, "flags: [revised_baseline]", "flags: [revised]",
     f"{P13}:28:13: bad-value", "revised_baseline"),
    ("direction-conflict", P13, "    metric: share\n    target: \"11.6‰以内\"", "    metric: share\n    direction: up\n    target: \"11.6‰以内\"",
     f"{P13}:56:16: direction-conflict", "contradicts"),
    ("growth-not-a-rate", P13, 'target: "7%左右"', 'target: "7亿元"',
     f"{P13}:7:13: unit-metric", "write it in % or ‰"),
    ("id-without-plan", P13, "  - id: p13.gdp-level", "  - id: gdp.level",
     f"{P13}:17:9: bad-id", "must start with its plan id"),
    ("yaml-syntax", P13, "    indicator_en: GDP growth\n", "    indicator_en: GDP: growth\n",
     f"{P13}:5:22: yaml-syntax", "not valid YAML"),
    ("unknown-target", "data/p14.yaml", "  - target: p14.railway-km", "  - target: p14.railway",
     "data/p14.yaml:15:13: unknown-target", "did you mean 'p14.railway-km'?"),
    ("missing-source-file", "targets.yaml", "file: sources/later.txt", "file: sources/gone.txt",
     "targets.yaml:25:11: missing-file", "sources/gone.txt not found"),
    ("not-a-list", P13, "targets:\n  - id: p13.gdp-growth", "targets: p13.gdp-growth\nx:\n  - id: p13.gdp-growth",
     f"{P13}:1:10: not-a-list", "must be a list"),
    # the evidence guarantee: the figure stands in its quote, as a whole number
    ("figure-not-in-quote", P13, 'value: "7398公里"', 'value: "9999公里"',
     f"{P13}:46:16: figure-not-in-quote", "the figure 9999 does not stand in the quote as a whole number"),
    ("target-not-in-quote", P13, 'target: "9627公里"', 'target: "962公里"',
     f"{P13}:40:13: figure-not-in-quote", "the figure 962 does not stand"),
    ("merged-table-cells", P13, 'value: "38.3%"', 'value: "38.53%"',
     f"{P13}:97:16: figure-not-in-quote", "the figure 38.53 does not stand"),
    ("quote-ends-inside-a-number", P13, '        quote: "铁路营运里程达7398公里"', '        quote: "铁路营运里程达739"',
     f"{P13}:49:16: quote-not-found", "only as part of a longer number"),
    ("quote-starts-inside-a-number", P13, '        quote: "五年年均增长6.1%"', '        quote: "1%"',
     f"{P13}:15:16: quote-not-found", "only as part of a longer number"),
    ("as-written-another-figure", "data/p14.yaml", 'value: "8800公里"', 'value: "880公里"',
     "data/p14.yaml:16:12: figure-not-in-quote", "as_written '8 800公里' is not the figure '880公里'"),
    ("qualifier-inside-a-number", P13, 'target: "9627公里"', 'target: "96以上27公里"',
     f"{P13}:40:13: bad-quantity", "never inside a number"),
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
    path.write_text(path.read_text(encoding="utf-8").replace("metric: avg_annual_growth", "metric: growth"),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--format", "github", "--targets", str(mini)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={P13},line=6,col=13,title=bad-value::metric: Input should be")


def test_at_least_fifteen_cases():
    assert len(CASES) >= 15
