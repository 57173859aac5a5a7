"""The smaller findings of the second red-team run, each held by a test: line numbers that agree,
no hidden partial files, CR-only files, one message per bad entry, add-source after a kill,
bounded query output, oversized values and files, and a cap on problems."""

import os
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app


def run(targets: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--targets", str(targets)])


def test_a_line_separator_in_a_text_leaves_show_and_search_on_the_same_line(mini):
    text = mini.parent / "sources" / "report.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    lines[0] += "\u2028插入\u0085\x0c"
    text.write_text("\n".join(lines), encoding="utf-8")
    search = run(mini, "search", "7398")
    assert search.exit_code == 0, search.output
    assert re.search(r"report:2\b", search.stdout), search.stdout
    show = run(mini, "show", "p13.railway-km")
    assert "“铁路营运里程达7398公里” — report, line 2" in show.stdout, show.stdout


@pytest.mark.parametrize("file", ["sources/report.txt", "data/p14.yaml"])
def test_a_file_with_lone_carriage_returns_is_refused_with_its_line(mini, file):
    path = mini.parent / file
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    result = run(mini, "validate")
    assert result.exit_code == 1, result.output
    assert "bad-line-end" in result.stdout and "ends line 1 with a lone carriage return" in result.stdout


def test_crlf_files_are_read_as_their_lines(mini):
    for file in ("sources/report.txt", "data/p14.yaml"):
        path = mini.parent / file
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run(mini, "validate").exit_code == 0
    search = run(mini, "search", "7398")
    assert "report:2 " in search.stdout and "\r" not in search.stdout


def test_one_bad_entry_gives_one_message_not_one_per_use(mini):
    text = mini.read_text(encoding="utf-8")
    mini.write_text(text.replace("  - id: p13\n", "  - id: p13\n    bogus: 1\n", 1), encoding="utf-8")
    result = run(mini, "validate")
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert len(problems) == 1 and "unknown-key" in problems[0], result.stdout
    indicators = mini.parent / "data" / "indicators.yaml"
    mini.write_text(text, encoding="utf-8")
    indicators.write_text(indicators.read_text(encoding="utf-8").replace("name_en: GDP\n", "name_en: GDP\n    colour: red\n", 1),
                          encoding="utf-8")
    problems = [line for line in run(mini, "validate").stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert len(problems) == 1 and "colour" in problems[0], problems


def test_a_typo_in_a_reference_is_still_reported(mini):
    data = mini.parent / "data" / "p13.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("indicator: gdp\n", "indicator: gpd\n", 1), encoding="utf-8")
    result = run(mini, "validate")
    assert "unknown indicator 'gpd'; did you mean 'gdp'?" in result.stdout, result.stdout


def test_export_removes_the_partial_files_a_killed_export_left(mini, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    left = out / ".targets.csv.k3j_9x0a.csv"  # as the atomic write names its temporary file
    left.write_text("half a row", encoding="utf-8")
    mine = out / ".targets.csv.notes.csv"  # not a name the atomic write makes: kept
    mine.write_text("keep", encoding="utf-8")
    assert run(mini, "export", str(out)).exit_code == 0
    assert not left.exists() and mine.exists()


def test_a_temporary_file_being_written_is_not_removed(tmp_path):
    import fcntl

    from xjtrack.files import remove_dead_temps

    live = tmp_path / ".x.csv.abcd1234.csv"
    live.write_text("", encoding="utf-8")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        remove_dead_temps(tmp_path / "x.csv")
        assert live.exists()
    finally:
        os.close(fd)
    remove_dead_temps(tmp_path / "x.csv")
    assert not live.exists()


@pytest.mark.parametrize("written", [1, 2])
def test_add_source_runs_again_after_a_kill_between_its_writes(mini, tmp_path, written):
    from xjtrack.ingest.archive import prepare
    from xjtrack.ingest.together import _put, _staged

    document = tmp_path / "doc.txt"
    document.write_text("2025年政府工作报告\n地区生产总值增长6%。\n", encoding="utf-8")
    given = {"jurisdiction": "xinjiang", "kind": None, "title_zh": None, "title_en": None, "issuer": None, "date": None}
    addition = prepare(document, mini, "doc", given)
    for change in addition.changes[:written]:  # the text (and the manifest row) put in place, then a kill
        _put(change, _staged(change))
    assert "id: doc" not in mini.read_text(encoding="utf-8")
    result = run(mini, "add-source", str(document), "--id", "doc", "--jurisdiction", "xinjiang")
    assert result.exit_code == 0, result.output
    manifest = (mini.parent / "sources" / "MANIFEST.md").read_text(encoding="utf-8")
    assert len([line for line in manifest.splitlines() if line.startswith("| `doc.txt` |")]) == 1
    assert mini.read_text(encoding="utf-8").count("id: doc\n") == 1
    assert run(mini, "validate").exit_code == 0


def test_a_different_text_under_the_archived_name_is_still_refused(mini, tmp_path):
    (mini.parent / "sources" / "doc.txt").write_text("另一份文件\n", encoding="utf-8")
    document = tmp_path / "doc.txt"
    document.write_text("2025年政府工作报告\n地区生产总值增长6%。\n", encoding="utf-8")
    result = run(mini, "add-source", str(document), "--id", "doc", "--jurisdiction", "xinjiang")
    assert result.exit_code == 1 and "already exists" in result.stderr


def test_query_as_a_table_streams_every_row_at_the_widths_of_the_first_and_says_so(mini, monkeypatch):
    from xjtrack.cli import tools

    monkeypatch.setattr(tools, "TABLE_ROWS", 50)
    sql = "with recursive c(n) as (select 1 union all select n + 1 from c limit 100000) select n from c"
    result = run(mini, "query", sql)
    assert result.exit_code == 0, result.output
    assert "100000 rows; the columns are as wide as the first 50 need, and a wider cell after them wraps" \
        in result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "─" * 2  # measured on 1..50: the header "n" and "50" take two cells
    assert lines[2:5] == ["1", "2", "3"] and lines[-6:] == ["99", "99", "9", "10", "00", "00"]
    small = run(mini, "query", "select 1 as n union all select 22")
    assert small.stderr.strip() == "2 rows" and small.stdout.splitlines()[1] == "─" * 2
    csv = run(mini, "query", sql, "--format", "csv")
    assert csv.stdout.count("\n") == 100001


def test_a_value_too_big_to_read_is_a_message(mini):
    assert run(mini, "build").exit_code == 0
    result = run(mini, "query", "select zeroblob(20 * 1024 * 1024) as x")
    assert result.exit_code == 1 and "a value is over 16 MiB" in result.stderr, result.output
    db = mini.parent / "db" / "xjtrack.db"
    conn = sqlite3.connect(db)
    conn.execute("update source_lines set text = ? where rowid = 1", ("x" * (17 * 1024 * 1024),))
    conn.commit()
    conn.close()
    result = run(mini, "query", "select text from source_lines", "--format", "csv")
    assert result.exit_code == 1 and "a value is over 16 MiB" in result.stderr, result.output


def test_a_data_file_over_the_size_limit_is_refused_unread(mini, monkeypatch):
    import xjtrack.curated.files as files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    big = mini.parent / "data" / "big.yaml"
    big.write_text("targets:\n" + "  - {}\n" * 400, encoding="utf-8")
    result = run(mini, "validate")
    assert result.exit_code == 1
    assert "data/big.yaml:1:1: too-large:" in result.stdout, result.stdout
    assert "big.yaml holds 2,809 bytes; xjtrack reads files of up to 1,000 bytes" in result.stdout


def test_reading_stops_after_a_thousand_problems_with_a_summary(mini):
    (mini.parent / "data" / "empty.yaml").write_text("targets:\n" + "  - {}\n" * 5000, encoding="utf-8")
    result = run(mini, "validate")
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert len(problems) == 1001 and "too-many-problems" in result.stdout


def test_a_file_name_with_terminal_escapes_is_shown_inert_by_validate(mini):
    (mini.parent / "data" / "\x1b]0;owned\x07x.yaml").write_text("targets: 1\n", encoding="utf-8")
    result = run(mini, "validate")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "data/\\u001b]0;owned\\u0007x.yaml:1:10: not-a-list" in result.stdout


def test_data_written_to_a_terminal_cannot_drive_it_but_a_pipe_gets_it_whole(monkeypatch, capsys):
    import sys

    from xjtrack.output.terminal import write, write_lines

    write_lines(["a\x1b[2Jb"])
    assert capsys.readouterr().out == "a\x1b[2Jb\n"  # a pipe or a file: the data as it is
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    write_lines(["a\x1b[2Jb"])
    write("c\x9bd")
    assert capsys.readouterr().out == "a\\u001b[2Jb\nc\\u009bd\n"


def test_a_write_killed_midway_leaves_a_file_the_next_write_removes(tmp_path):
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT
    from xjtrack.files import write_text

    target = tmp_path / "target_status.csv"
    code = ("import os, signal, sys; from pathlib import Path; from xjtrack.files import replacing\n"
            "with replacing(Path(sys.argv[1])) as temp:\n"
            "    temp.write_text('half a row', encoding='utf-8')\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", code, str(target)], cwd=ROOT, capture_output=True)
    assert done.returncode == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".target_status.csv.") and not target.exists()
    write_text(target, "id\n")
    assert [p.name for p in tmp_path.iterdir()] == ["target_status.csv"]


def test_one_look_at_a_folder_removes_every_dead_temporary_file_and_keeps_live_ones(tmp_path):
    """The report writes hundreds of pages into docs/report: the temporary files killed writes
    left there are removed in one look at the folder (a look per page grows with the square of
    the pages), of any page, while one being written (locked) and other files are kept."""
    import fcntl
    import os

    from xjtrack.files import remove_dead_temps_in

    dead = [tmp_path / ".xj-13fyp.md.ab_c1234.md", tmp_path / ".index.md.zzzzzzzz.md"]
    kept = [tmp_path / "xj-13fyp.md", tmp_path / ".notes.md", tmp_path / ".x.csv.abcdefgh.csv",
            tmp_path / ".x.md.abc.md"]
    for path in dead + kept:
        path.write_text("half", encoding="utf-8")
    live = tmp_path / ".plan.md.livelive.md"
    live.write_text("being written", encoding="utf-8")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        remove_dead_temps_in(tmp_path, ".md")
    finally:
        os.close(fd)
    assert not any(p.exists() for p in dead)
    assert all(p.exists() for p in kept) and live.exists()


def test_a_batch_of_files_is_synced_once_a_batch_and_a_failure_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The report's pages are written as a batch: each to a locked temporary file, then one sync
    for every `every` files before each is renamed over its page; an error midway removes the
    temporary files of the pages not yet in place, and those in place are whole."""
    import os

    from xjtrack import files
    from xjtrack.errors import XjtrackError

    syncs = []
    monkeypatch.setattr(files.os, "sync", lambda: syncs.append(sorted(p.name for p in tmp_path.iterdir())))
    old = tmp_path / "p1.md"
    old.write_text("old\n", encoding="utf-8")
    os.chmod(old, 0o640)
    with files.Batch(every=2) as batch:
        for n in range(1, 6):
            batch.write(tmp_path / f"p{n}.md", iter([f"page {n}", "\n"]))
    assert [len([x for x in names if x.startswith(".")]) for names in syncs] == [2, 2, 1]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"p{n}.md" for n in range(1, 6)]
    assert (tmp_path / "p3.md").read_text(encoding="utf-8") == "page 3\n"
    assert os.stat(old).st_mode & 0o777 == 0o640  # a replaced file keeps its mode

    def pieces():
        yield "half a page"
        raise XjtrackError("the rows ran out")

    with pytest.raises(XjtrackError), files.Batch(every=10) as batch:
        batch.write(tmp_path / "p1.md", ["new\n"])
        batch.write(tmp_path / "p6.md", pieces())
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"p{n}.md" for n in range(1, 6)]
    assert old.read_text(encoding="utf-8") == "page 1\n"
