"""A figure is bound to its words: of the numbers a quote holds, the value must be the one the
quote gives for its indicator, unit and period, never a year, an ordinal or another figure."""

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.core.quantity import QuantityError, parse_quantity
from xjtrack.curated.binding import figures_in, one_each

OBS = "data/observations/report.yaml"
LATER = "data/observations/later.yaml"
P13 = "data/p13.yaml"
SENTENCE = "地区生产总值从2015年的9306.88亿元增加到2020年的13797.58亿元"
# lines the cases add to the fixture's report.txt, and observations that quote them
REPORT_LINES = ("地区生产总值、铁路营运里程分别增长6.1%、4.5%。\n全区第三条出疆铁路建成，新增铁路营运里程三百公里。\n"
                "外贸进出口总额由1000亿元增加到1300亿元。\n生产总值13000亿元、外贸1300亿元。\n")
PAIR = "生产总值13000亿元、外贸1300亿元"
TRADE = "外贸进出口总额由1000亿元增加到1300亿元"


def _observation(indicator, measure, period, value, quote, as_written="", where=""):
    extra = f'    as_written: "{as_written}"\n' if as_written else ""
    extra += f"    jurisdiction: {where}\n" if where else ""
    return (f'  - indicator: {indicator}\n    measure: {measure}\n    period: "{period}"\n'
            f'    value: "{value}"\n{extra}    source: report\n    quote: "{quote}"\n')


LIST_OK = _observation("railway-km", "yoy_growth", "2020", "4.5%", "地区生产总值、铁路营运里程分别增长6.1%、4.5%")
NUMERAL_OK = _observation("railway-km", "change", "2016-2020", "300公里",
                          "全区第三条出疆铁路建成，新增铁路营运里程三百公里", "三百公里", "urumqi")

CASES = [
    # (id, file, [(old, new)], "file:line:col: code", words in the message)
    ("swapped-to-year", OBS, [('value: "13797.58亿元"', 'value: "2020亿元"')],
     f"{OBS}:11:12: figure-is-a-date", "'2020年' is a year in the quote"),
    ("swapped-to-another-year's-figure", OBS,
     [('value: "13797.58亿元"', 'value: "9306.88亿元"'), ('quote: "2020年的13797.58亿元"', f'quote: "{SENTENCE}"')],
     f"{OBS}:11:12: figure-other-year", "is tied to '2015年', not to the period 2020"),
    ("swapped-to-another-unit's-number", OBS,
     [('value: "6.1%"', 'value: "9306.88%"'), ('quote: "五年年均增长6.1%"', f'quote: "{SENTENCE}，五年年均增长6.1%"')],
     f"{OBS}:17:12: figure-other-unit", "the quote writes '9306.88亿元', in 亿元, not %"),
    ("swapped-to-another-indicator's-figure", LATER,
     [("  - indicator: gdp\n    measure: yoy_growth", "  - indicator: railway-km\n    measure: yoy_growth"),
      ('quote: "地区生产总值增长 6.8%"', 'quote: "全区铁路营运里程达到 8 800 公里，地区生产总值增长 6.8%"')],
     f"{LATER}:12:12: figure-other-indicator", "follows the name of gdp, not of railway-km"),
    ("swapped-in-a-list", OBS, [("observations:\n", "observations:\n" + LIST_OK.replace('"4.5%"', '"6.1%"'))],
     f"{OBS}:5:12: figure-other-indicator", "goes with '地区生产总值' (分别"),
    ("an-average-for-a-cumulative-growth", OBS, [("measure: avg_annual_growth", "measure: cumulative_growth")],
     f"{OBS}:17:12: figure-other-measure", "follows 年均"),
    ("chinese-numeral-ordinal", OBS, [("observations:\n", "observations:\n" + NUMERAL_OK.replace(
        'value: "300公里"\n    as_written: "三百公里"', 'value: "3公里"\n    as_written: "三"'))],
     f"{OBS}:5:12: figure-is-a-rank", "'三条' is an ordinal in the quote"),
    ("swapped-to-another-entry's-table-cell", P13, [('target: "38.5%"', 'target: "34.3%"')],
     f"{P13}:63:13: figure-cell-taken", "'34.3%' is the cell '34.3' of plan line 4, which is already the "
     "figure of data/observations/plan.yaml:2"),
    ("swapped-to-another-entry's-figure", OBS, [
        ("observations:\n", "observations:\n" + _observation("foreign-trade", "level", "2015", "1000亿元", TRADE)),
        ('value: "1300亿元"\n    source: report\n    quote: "外贸进出口总额达到1300亿元"',
         f'value: "1000亿元"\n    source: report\n    quote: "{TRADE}"')],
     f"{OBS}:41:12: figure-taken", "'1000亿元' is the figure '1000' of report line 8, which is already the "
     f"figure of {OBS}:2: a figure is one entry's"),
    ("swapped-to-another-indicator's-figure-of-a-clause", OBS, [("observations:\n", "observations:\n"
        + _observation("gdp", "level", "2019", "13000亿元", PAIR)
        + _observation("foreign-trade", "level", "2019", "13000亿元", PAIR))],
     f"{OBS}:11:12: figure-taken", "'13000亿元' is the figure '13000' of report line 9, which is already the "
     f"figure of {OBS}:2"),
    ("unit-only-target", P13, [('target: "13078亿元"', 'target: "亿元"')],
     f"{P13}:15:13: bad-quantity", "'亿元' has no number"),
]


def _edit(mini, file, edits):
    (mini.parent / "sources" / "report.txt").open("a", encoding="utf-8").write(REPORT_LINES)
    path = mini.parent / file
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, "the fixture changed: update the case"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_figure_not_bound_to_its_words_is_located(mini, case):
    _, file, edits, where, words = case
    _edit(mini, file, edits)
    result = CliRunner().invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1, result.output
    problems = [line for line in result.stdout.splitlines() if ": " in line and not line.startswith("Error")]
    assert len(problems) == 1 and problems[0].startswith(where), result.stdout
    assert words in problems[0]
    assert "Traceback" not in result.output


def test_the_right_figure_of_a_quote_with_several_numbers_passes(mini):
    """The same sentences, each figure given for its own indicator, period and place."""
    _edit(mini, OBS, [('quote: "2020年的13797.58亿元"', f'quote: "{SENTENCE}"'),
                      ('quote: "五年年均增长6.1%"', f'quote: "{SENTENCE}，五年年均增长6.1%"'),
                      ("observations:\n", "observations:\n" + LIST_OK + NUMERAL_OK
                       + _observation("gdp", "level", "2019", "13000亿元", PAIR)
                       + _observation("foreign-trade", "level", "2019", "1300亿元", PAIR))])
    result = CliRunner().invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    assert "14 observations" in result.output


@pytest.mark.parametrize("text, read", [
    ("地区生产总值从2015年的9306.88亿元增加到2020年的13797.58亿元",
     [("2015年", "year"), ("9306.88亿元", "figure"), ("2020年", "year"), ("13797.58亿元", "figure")]),
    ("1.地区生产总值(亿元) 9324.8 13078 7左右 预期性",
     [("1", "index"), ("9324.8", "figure"), ("13078", "figure"), ("7", "figure")]),
    ("地区生产总值 (亿元) 5437 (8800) 10 以上", [("5437", "figure"), ("8800", "figure"), ("10", "figure")]),
    ("城镇参加基本养老保险人数(万人) 256 303 — 340 — 完成",
     [("256", "figure"), ("303", "figure"), ("340", "figure")]),
    ("2016—2020年累计新增三十五个，第三批", [("2016—2020年", "year"), ("三十五个", "figure"), ("三批", "ordinal")]),
    ("连续第16年调整", [("16年", "figure")]),
    ("居全国第3位，1月5日召开", [("3", "ordinal"), ("1月", "date"), ("5", "date")]),
    ("306.49万农村贫困人口，提高2至3个百分点", [("306.49万", "figure"), ("2至3个百分点", "figure")]),
    ("一带一路，“十三五”时期", []),
])
def test_every_number_of_a_quote_is_read_with_its_role(text, read):
    assert [(f.text.strip(), f.role) for f in figures_in(text)] == read


@pytest.mark.parametrize("text", ["亿元", "万人", "万亿元", "约亿元"])
def test_a_unit_without_a_number_is_no_quantity(text):
    with pytest.raises(QuantityError, match="has no number"):
        parse_quantity(text)


def test_a_numeral_before_a_magnitude_is_a_number():
    assert parse_quantity("突破千亿元").value == 1000
    assert parse_quantity("三十五个").value == 35


@pytest.mark.parametrize("places, given", [
    ([{1, 2}, {1}], [2, 1]),  # the first gives up a cell the second needs
    ([{1}, {1}], [1, None]),  # two figures, one cell
    ([{1, 2}, {1, 2}, {2}], [2, 1, None]),  # three figures, two cells: the last is left out
    ([], []),
])
def test_each_table_figure_gets_a_cell_of_its_own(places, given):
    assert one_each([frozenset(p) for p in places]) == given


def test_an_update_checks_table_cells_as_a_full_build_does(mini):
    """The cell an entry takes may be another file's figure: an update that reads only the changed
    file must not let through what a full build refuses."""
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--targets", str(mini)]).exit_code == 0
    path = mini.parent / P13
    path.write_text(path.read_text(encoding="utf-8").replace('target: "38.5%"', 'target: "34.3%"'),
                    encoding="utf-8")
    result = runner.invoke(app, ["build", "--targets", str(mini)])
    assert result.exit_code == 1, result.output
    assert f"{P13}:63:13: figure-cell-taken" in result.stderr


def test_an_update_checks_a_sentence_s_figures_against_other_files(mini):
    """Two files hold observations of one source and indicator: a figure one of them takes, the
    other cannot take too, whichever file changed."""
    (mini.parent / "sources" / "report.txt").open("a", encoding="utf-8").write(REPORT_LINES)
    (mini.parent / "data" / "observations" / "report-b.yaml").write_text(
        "observations:\n" + _observation("foreign-trade", "level", "2015", "1000亿元", TRADE), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--targets", str(mini)]).exit_code == 0
    path = mini.parent / OBS
    path.write_text(path.read_text(encoding="utf-8").replace(
        'value: "1300亿元"\n    source: report\n    quote: "外贸进出口总额达到1300亿元"',
        f'value: "1000亿元"\n    source: report\n    quote: "{TRADE}"'), encoding="utf-8")
    result = runner.invoke(app, ["build", "--targets", str(mini)])
    assert result.exit_code == 1, result.output
    assert f"{OBS}:35:12: figure-taken" in result.stderr


def test_every_shipped_figure_among_several_numbers_is_bound_and_no_year_can_replace_it():
    """The shipped data: the figures quoted among several numbers all pass, and a value swapped for
    a year, a date, an ordinal, a list number or another unit's number of its quote never does."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, str(root / "scripts" / "figure_binding.py"), "--json"],
                         capture_output=True, text=True, check=True, cwd=root)
    found = json.loads(run.stdout)
    assert found["problems"] == 0
    for label, at_least in (("observations", 400), ("targets", 150)):
        assert found[label]["several_numbers"] >= at_least
        assert found[label]["bound"] == found[label]["several_numbers"]
    for what in ("a year or date", "an ordinal or list number", "a number in another unit"):
        assert found["swaps"][what]["tried"] > 50
        assert found["swaps"][what]["refused"] == found["swaps"][what]["tried"], what
