"""A corpus in parts with problems in some of them: validate and build tell the problems a part
at a time, holding one part at once, and tell exactly what a whole read tells."""

from __future__ import annotations

from pathlib import Path

import pytest

from xjtrack.curated import parts as parts_module
from xjtrack.curated.assemble import load_corpus
from xjtrack.curated.files import data_files
from xjtrack.errors import DataError
from xjtrack.store.project import Project


@pytest.fixture
def corpus(three_parts_copy) -> Path:
    """A writable corpus of three parts."""
    return three_parts_copy


def edit(targets: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = targets.parent / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def read_whole(targets: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_corpus(targets, data_files(targets))
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def no_whole_read(monkeypatch):
    """Project.load, the whole read, fails the test if it is reached."""
    def refused(self):
        raise AssertionError("the corpus was read whole")
    monkeypatch.setattr(Project, "load", refused)


MISTAKES = {
    "a quote not in the text": [("targets-k001.yaml", "quote: ", "quote: 不在文中", 2)],
    "a figure not in its quote": [("observations-k002.yaml", "value: 2330.8亿元", "value: 2330.9亿元", 1)],
    "a YAML syntax error": [("observations-k001.yaml", "  measure: level\n", "  measure: [level\n", 1)],
    "an unknown key": [("targets-k000.yaml", "  due: 2021-2025\n", "  due: 2021-2025\n  deu: 2025\n", 1)],
    "an unknown indicator": [("observations-k001.yaml", "- indicator: gdp\n", "- indicator: gpd\n", 1)],
    "a due date that is no date": [("targets-k002.yaml", "  due: 2021-2025\n", "  due: twenty25\n", 1)],
    "an unknown place": [("observations-k002.yaml", "jurisdiction: urumqi-k002", "jurisdiction: urumqi-k0002", 1)],
    "a target id twice": [("targets-k001.yaml", "- id: urumqi-14fyp-k001.urban-disposable-income-growth\n",
                           "- id: urumqi-14fyp-k001.gdp-growth\n", 1)],
    "problems in two parts": [("targets-k000.yaml", "quote: ", "quote: 不在文中", 1),
                              ("observations-k002.yaml", "- indicator: gdp\n", "- indicator: gpd\n", 1)],
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_validate_tells_a_part_s_problems_as_a_whole_read_does_without_one(corpus, mistake, request):
    for name, old, new, count in MISTAKES[mistake]:
        edit(corpus, name, old, new, count)
    held = read_whole(corpus)
    assert held
    request.getfixturevalue("no_whole_read")
    with pytest.raises(DataError) as caught:
        Project.locate(corpus, None).check()
    assert [str(p) for p in caught.value.problems] == held


def test_build_tells_the_problems_without_a_whole_read_and_writes_nothing(corpus, tmp_path, no_whole_read):
    for name, old, new, count in MISTAKES["problems in two parts"]:
        edit(corpus, name, old, new, count)
    with pytest.raises(DataError) as caught:
        Project.locate(corpus, tmp_path / "x.db").build()
    assert [str(p) for p in caught.value.problems] == read_whole(corpus)
    assert not (tmp_path / "x.db").exists()


def test_problems_up_to_the_limit_are_read_whole_to_stop_where_a_whole_read_stops(corpus, monkeypatch):
    for name, old, new, count in MISTAKES["problems in two parts"]:
        edit(corpus, name, old, new, count)
    monkeypatch.setattr(parts_module, "MAX_PROBLEMS", 2)
    whole_reads = []
    load = Project.load
    monkeypatch.setattr(Project, "load", lambda self: whole_reads.append(1) or load(self))
    with pytest.raises(DataError) as caught:
        Project.locate(corpus, None).check()
    assert whole_reads == [1]
    assert [str(p) for p in caught.value.problems] == read_whole(corpus)


def test_a_part_with_a_problem_is_let_go_once_checked(corpus, monkeypatch):
    """Only the parts without a problem are handed on; the others' corpora are not kept."""
    edit(corpus, "targets-k001.yaml", "quote: ", "quote: 不在文中", 1)
    found = Project.locate(corpus, None).parts()
    handed = [{t.jurisdiction.rpartition("-")[2] for t in part.targets.values()} for part in found.told()]
    assert len(found.problems) == 1 and "quote-not-found" in str(found.problems[0])
    assert handed == [{"k000"}, {"k002"}]
    with pytest.raises(parts_module.Found):
        list(Project.locate(corpus, None).parts())  # not told: the first problem stops the reading
