"""Every write stays in its place: no symbolic link inside the repository carries a draft, an
export, a report, a chart, a database or an archived text out of it or into the curated data."""

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.errors import XjtrackError
from xjtrack.files import check_place


def run(targets: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--targets", str(targets)])


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def refused(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "Internal error" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert all(word in line for word in words), line


def test_a_drafts_link_into_the_curated_data_is_refused_with_force_too(mini):
    repo = mini.parent
    assert run(mini, "build").exit_code == 0
    (repo / "drafts").symlink_to("data/observations")
    assert (repo / "data" / "observations" / "report.yaml").is_file()  # what drafts/report.yaml would replace
    before = digests(repo / "data")
    for force in ([], ["--force"]):
        refused(run(mini, "extract", "report", *force), "drafts", "curated data")
    assert digests(repo / "data") == before
    assert run(mini, "validate").exit_code == 0


def test_extract_never_writes_into_the_curated_data_by_its_output_option(mini):
    repo = mini.parent
    before = digests(repo)
    for path in ("data/observations/report.yaml", "data/new.yaml", "targets.yaml", "sources/x.yaml"):
        refused(run(mini, "extract", "report", "--force", "-o", str(repo / path)), "curated data")
    after = {k: v for k, v in digests(repo).items() if not k.startswith("db/")}
    assert after == before


def test_a_drafts_link_out_of_the_repository_is_refused(mini, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (mini.parent / "drafts").symlink_to(outside)
    refused(run(mini, "extract", "report"), "outside the repository")
    assert list(outside.iterdir()) == []


def test_a_link_inside_the_repository_to_another_folder_of_it_is_followed(mini):
    repo = mini.parent
    (repo / "work").mkdir()
    (repo / "drafts").symlink_to("work")
    result = run(mini, "extract", "report")
    assert result.exit_code == 0, result.output
    assert (repo / "work" / "report.yaml").is_file()


@pytest.mark.parametrize("command", [
    ["report", "-o", "{repo}/out/REPORT.md"],
    ["export", "{repo}/out/csv"],
    ["build", "--db", "{repo}/out/xjtrack.db"],
])
def test_report_export_and_the_database_refuse_a_folder_linked_out(mini, tmp_path, command):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (mini.parent / "out").symlink_to(outside)
    if command[0] == "export":
        (outside / "csv").mkdir()
    refused(run(mini, *[part.format(repo=mini.parent) for part in command]), "outside the repository")
    assert [p for p in outside.rglob("*") if p.is_file()] == []


def test_the_database_is_not_written_into_the_curated_data_through_a_link(mini):
    repo = mini.parent
    (repo / "db").symlink_to("data")
    refused(run(mini, "build"), "curated data")
    assert not (repo / "data" / "xjtrack.db").exists()


def test_add_source_does_not_follow_a_sources_link_out_of_the_repository(mini, tmp_path):
    outside = tmp_path / "elsewhere"
    (mini.parent / "sources").rename(outside)
    (mini.parent / "sources").symlink_to(outside)
    before = digests(outside)
    document = tmp_path / "doc.txt"
    document.write_text("2025年政府工作报告\n地区生产总值增长6%。\n", encoding="utf-8")
    targets_before = mini.read_bytes()
    refused(run(mini, "add-source", str(document), "--jurisdiction", "xinjiang", "--id", "doc"),
            "outside the repository")
    assert digests(outside) == before and mini.read_bytes() == targets_before


def test_the_update_refuses_a_data_file_linked_out_of_the_repository(mini, tmp_path):
    assert run(mini, "build").exit_code == 0
    outside = tmp_path / "elsewhere.yaml"
    os.replace(mini.parent / "data" / "p14.yaml", outside)  # the same bytes, size and times
    (mini.parent / "data" / "p14.yaml").symlink_to(outside)
    for command in (["build"], ["status"], ["validate"], ["build", "--full"]):
        result = run(mini, *command)
        assert result.exit_code == 1, (command, result.output)
        assert "data/p14.yaml:1:1: bad-path" in result.output, (command, result.output)


def test_check_place_accepts_a_plain_path_and_names_the_link_it_refuses(tmp_path):
    targets = tmp_path / "targets.yaml"
    targets.write_text("", encoding="utf-8")
    assert check_place(tmp_path / "drafts" / "x.yaml", targets) == tmp_path / "drafts" / "x.yaml"
    assert check_place(tmp_path / "data" / "x.yaml", targets, curated=True)
    (tmp_path / "link").symlink_to("/")
    with pytest.raises(XjtrackError, match="link is a symbolic link to /, outside the repository"):
        check_place(tmp_path / "link" / "tmp" / "x", targets)
    with pytest.raises(XjtrackError, match="NUL"):
        check_place(Path(str(tmp_path) + "/a\0b"), targets)
    os.symlink(tmp_path / "targets.yaml", tmp_path / "t2")
    with pytest.raises(XjtrackError, match="curated data"):
        check_place(tmp_path / "t2", targets)


def test_a_repository_reached_through_a_link_is_fresh_after_its_build(mini, tmp_path):
    """--targets through a linked folder: the files are named inside the repository, as through
    its own path, so the database is not built again by every command."""
    link = tmp_path / "linked-repo"
    link.symlink_to(mini.parent, target_is_directory=True)
    through = link / mini.name
    built = run(through, "build")
    assert built.exit_code == 0, built.output
    again = run(through, "status")
    assert again.exit_code == 0, again.output
    assert "Building" not in again.stderr and "Updating" not in again.stderr
    conn = sqlite3.connect(mini.parent / "db" / "xjtrack.db")
    names = [r[0] for r in conn.execute("select name from inputs")]
    conn.close()
    assert names and all(not n.startswith("/") and not n.startswith("..") for n in names), names
