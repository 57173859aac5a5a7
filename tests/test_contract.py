"""Every command keeps its word: the exit codes the README documents, filters that combine,
formats that agree, and output that hostile data cannot subvert."""

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app

runner = CliRunner()


def run(mini, *args, env=None):
    return runner.invoke(app, [*args, "--targets", str(mini)], env=env)


def test_the_readmes_exit_code_table_is_the_clis(mini, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes")[1].split("\n\n")[1]
    codes = [int(c) for c in re.findall(r"^\| `(\d)` \|", table, flags=re.M)]
    assert codes == [0, 1, 2, 3]
    cases = {
        0: [["status"], ["validate"]],
        1: [["query", "delete from targets"], ["show", "p13.nope"], ["report", "-o", str(tmp_path / "no" / "r.md")]],
        2: [["status", "--plan", "nope"], ["status", "--as-of", "2021-13-01"], ["search", " "], ["query", " "],
            ["status", "--format", "yaml"], ["status", "--jurisdiction", "tibet"], ["status", "--indicator", "x"],
            ["indicator", "nope"]],
    }
    for code, commands in cases.items():
        for command in commands:
            result = run(mini, *command)
            assert result.exit_code == code, (command, result.output)
            if code:
                assert "Error" in result.stderr or "Usage" in result.stderr


def ids(mini, *args):
    result = run(mini, "status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [r["id"] for r in json.loads(result.stdout)]


def test_repeated_filters_combine_and_ids_match_without_case(mini):
    assert ids(mini, "--plan", "p13", "--plan", "p14") == ids(mini)
    assert ids(mini, "--plan", "P14") == ["p14.railway-km"]
    assert set(ids(mini, "--status", "met", "--status", "missed")) == {"p13.gdp", "p13.railway-km"}
    assert ids(mini, "--indicator", "railway-km", "--plan", "p14") == ["p14.railway-km"]


def test_an_unknown_choice_names_the_known_ones(mini):
    assert run(mini, "build").exit_code == 0
    result = run(mini, "status", "--jurisdiction", "tibet")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no jurisdiction 'tibet'; jurisdictions: ")
    assert "xinjiang" in result.stderr and result.stdout == ""


def test_an_empty_csv_has_its_header_and_an_empty_json_is_a_list(mini):
    empty = run(mini, "status", "--format", "csv", "--status", "behind")
    assert empty.exit_code == 0 and empty.stdout.splitlines() == [empty.stdout.splitlines()[0]]
    assert empty.stdout.startswith("id,plan,jurisdiction,indicator,")
    assert json.loads(run(mini, "status", "--format", "json", "--status", "behind").stdout) == []
    none = run(mini, "query", "select id from targets where 0", "--format", "csv")
    assert none.stdout == "id\n"


def test_csv_for_excel_has_a_bom_and_no_formulas(mini):
    data = mini.parent / "data" / "p13.yaml"
    text = data.read_text(encoding="utf-8").replace("    name_en: Poor counties lifted out",
                                                   '    name_en: "=HYPERLINK(\\"http://x\\")"')
    data.write_text(text, encoding="utf-8")
    out = run(mini, "status", "--format", "csv", "--excel").stdout
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    poor = next(r for r in rows if r["id"] == "p13.poor-counties")
    assert poor["indicator_en"].startswith("'=HYPERLINK")
    gdp = next(r for r in rows if r["id"] == "p13.gdp")
    assert gdp["target_value"] == "13078" and gdp["outcome_value"] == "13797.58"
    plain = run(mini, "status", "--format", "csv").stdout
    assert not plain.startswith("\ufeff") and '"=HYPERLINK' not in plain and "'=HYPERLINK" in plain


def test_status_json_carries_the_citations(mini):
    rows = json.loads(run(mini, "status", "--format", "json").stdout)
    gdp = next(r for r in rows if r["id"] == "p13.gdp")
    assert (gdp["target_source"], gdp["target_line"], gdp["outcome_source"], gdp["outcome_line"]) == \
        ("plan", 1, "report", 1)
    assert gdp["target_value"] == 13078 and gdp["disputed"] is False and gdp["flags"] == []
    rows = list(csv.DictReader(io.StringIO(run(mini, "status", "--format", "csv").stdout)))
    row = next(r for r in rows if r["id"] == "p13.gdp")
    assert (row["target_source"], row["target_line"], row["outcome_source"], row["outcome_line"]) == \
        ("plan", "1", "report", "1")
    assert (row["target_value"], row["disputed"]) == ("13078", "false")


@pytest.mark.parametrize("width", [80, 100])
def test_a_number_is_never_split_from_its_unit(mini, width):
    from xjtrack.output.textable import cells

    out = run(mini, "status", env={"COLUMNS": str(width)}).stdout
    assert max(cells(line) for line in out.splitlines()) <= width
    for number in ("9500公里", "13078亿元", "7398公里", "13797.58亿元"):
        assert number in out, f"{number} was split at {width} columns"


def test_the_chinese_table_aligns_by_display_width(mini):
    from xjtrack.output.textable import cells

    out = run(mini, "status", "--lang", "zh", env={"COLUMNS": "100"}).stdout
    assert all(cells(line) <= 100 for line in out.splitlines())
    header = next(line for line in out.splitlines() if line.startswith("目标"))
    assert cells(header) <= 100


def test_show_json_holds_what_the_text_shows(mini):
    data = json.loads(run(mini, "show", "p13.railway-km", "--format", "json").stdout)
    text = run(mini, "show", "p13.railway-km").stdout
    assert data["verdict"]["status"] == "missed" and data["verdict"]["reason"].split(":")[0] in text
    for q in data["quotes"]:
        assert q["text"] in text and f"{q['source']}, line {q['line']}" in text
    decides = [o for o in data["observations"] if o["role"] == "decides"]
    assert decides and decides[0]["quotes"][0]["text"] in text
    assert data["stated_baseline"]["derivation"] in text
    assert [t["status"] for t in data["timeline"]] == ["pending", "missed", "missed"]


def test_show_keeps_bracketed_text_and_every_word(mini):
    out = run(mini, "show", "p13.railway-km", env={"COLUMNS": "60"}).stdout
    assert "[level, due 2020, unspecified, more is better]" in " ".join(out.split())
    notes = "The plan states no 2015 length gives a railway total of 9627 km and a railway total of 1530 km added"
    data = mini.parent / "data" / "p13.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace('    quote: "铁路营业里程达到 9627 公里"',
                                                             f'    quote: "铁路营业里程达到 9627 公里"\n    notes: {notes}'),
                    encoding="utf-8")
    out = run(mini, "show", "p13.railway-km", env={"COLUMNS": "60"}).stdout
    assert notes in " ".join(out.replace("notes", "").split())


def test_query_and_search_write_json_and_csv(mini):
    rows = json.loads(run(mini, "query", "select id, goal from targets order by id limit 2", "--format", "json").stdout)
    assert rows == [{"id": "p13.energy-intensity-reduction", "goal": None}, {"id": "p13.foreign-trade", "goal": 400}]
    found = list(csv.reader(io.StringIO(run(mini, "search", "铁路", "--format", "csv").stdout)))
    assert found[0] == ["source", "line", "text", "matches"] and len(found) == 4


def test_a_query_is_stopped_at_its_time_limit(mini):
    forever = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    result = run(mini, "query", forever, "--timeout", "0.5")
    assert result.exit_code == 1 and "its time limit; raise it with --timeout" in result.stderr


@pytest.mark.parametrize("sql", ["select fts3_tokenizer('simple')", "select load_extension('x')",
                                 "select readfile('/etc/passwd')", "attach '/tmp/x.db' as x"])
def test_functions_that_reach_memory_or_files_are_refused(mini, sql):
    result = run(mini, "query", sql)
    assert result.exit_code == 1
    assert "query refused" in result.stderr or "no such function: readfile" in result.stderr


def test_a_blob_is_base64_in_json(mini):
    rows = json.loads(run(mini, "query", "select x'00ff' as b", "--format", "json").stdout)
    assert rows == [{"b": {"base64": "AP8="}}]


def test_a_large_result_is_streamed(mini):
    sql = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) select i from n"
    result = run(mini, "query", sql, "--format", "json")
    assert result.exit_code == 0 and result.stdout.count("\n") == 200002


def test_messages_are_one_line_in_a_pipe(mini):
    assert run(mini, "build").exit_code == 0
    result = run(mini, "status", "--plan", "a-plan-name-long-enough-to-be-wrapped-at-eighty-columns-if-anyone-wrapped")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_date_before_the_first_document_says_so(mini):
    result = run(mini, "status", "--as-of", "2010")
    assert result.exit_code == 0
    assert "2010-12-31 is before the first document in the corpus" in result.stderr
