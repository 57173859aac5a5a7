"""The build holds a few archived texts at a time and light records of the entries: what it
writes and reports is the same as when everything is held."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.conftest import ROOT
from xjtrack.curated import archive
from xjtrack.curated.archive import Archive
from xjtrack.curated.assemble import load_corpus
from xjtrack.curated.files import data_files, read
from xjtrack.curated.models import SECTIONS, light
from xjtrack.errors import DataError, XjtrackError
from xjtrack.store.project import Project


def rows(db) -> dict[str, list[tuple]]:
    """Every table's rows but the build's facts and the stamps of the files it read (their times)."""
    conn = sqlite3.connect(db)
    names = [n for (n,) in conn.execute("select name from sqlite_master where type = 'table' and name "
                                         "not in ('meta', 'inputs') and name not like '%fts%' order by name")]
    out = {n: conn.execute(f'select * from "{n}" order by rowid').fetchall() for n in names}
    conn.close()
    return out


def test_a_build_holding_one_text_at_a_time_writes_the_same_database(shipped_copy, monkeypatch, tmp_path):
    Project.locate(shipped_copy, tmp_path / "all.db").build()
    monkeypatch.setattr(archive, "KEPT", 1)  # every other quote's source must be read again
    Project.locate(shipped_copy, tmp_path / "one.db").build()
    held, one = rows(tmp_path / "all.db"), rows(tmp_path / "one.db")
    assert held["source_lines"] and held["verdicts"]
    assert held == one


def test_the_problems_are_the_same_with_one_text_held(shipped_copy, monkeypatch):
    data = shipped_copy.parent / "data"
    for path in sorted(data.rglob("*.yaml")):  # quotes of several sources, each one changed
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("quote: \"", "quote: \"不在文中", 3), encoding="utf-8")

    def problems():
        with pytest.raises(DataError) as caught:
            load_corpus(shipped_copy, data_files(shipped_copy))
        return [str(p) for p in caught.value.problems]

    held = problems()
    monkeypatch.setattr(archive, "KEPT", 1)
    assert any("quote-not-found" in p for p in held)
    assert problems() == held


def test_an_archived_text_changed_while_it_was_let_go_is_refused(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"{name}文本第一行\n", encoding="utf-8")
    texts = Archive(tmp_path, kept=1)
    for name in ("a", "b"):
        found = read(tmp_path / f"{name}.txt")
        texts.add(name, f"{name}.txt", found.sha256)
    assert texts["a"].find("a文本") == 1  # read again: a was let go when b was read
    assert texts.texts["b"] == "b文本第一行\n" and "c" not in texts.texts and texts.get("c") is None
    (tmp_path / "b.txt").write_text("b文本已改\n", encoding="utf-8")
    texts.get("a")  # b is let go
    with pytest.raises(XjtrackError, match="b.txt changed while xjtrack was reading it"):
        texts.get("b")


def test_a_light_entry_has_the_model_s_fields_and_cannot_be_changed():
    shutil.copy(ROOT / "targets.yaml", "targets.yaml")
    raw = {"id": "p.x", "plan": "p", "measure": "level", "target": "5", "due": "2020", "binding": "expected",
           "quote": ["甲5", "乙"], "baseline": {"year": 2015, "value": "3", "derivation": "由文中推得"},
           "claims": [{"claim": "met", "text": "完成", "source": "s", "quote": "完成"}]}
    model = SECTIONS["targets"].model_validate(raw)
    entry = light(model)
    for name in type(model).model_fields:
        value, kept = getattr(model, name), getattr(entry, name)
        if name in ("baseline", "claims"):
            continue
        assert kept == value, name
    assert entry.baseline.year == 2015 and entry.baseline.derivation == "由文中推得"
    assert entry.claims[0].text == "完成" and entry.claims[0].claim == model.claims[0].claim
    with pytest.raises(AttributeError):
        entry.target = "6"
    assert light(SECTIONS["observations"].model_validate(
        {"indicator": "x", "measure": "level", "period": "2020", "value": "5", "source": "s", "quote": "a"})).quote == "a"


def test_the_names_found_in_quotes_are_kept_for_a_bounded_number_of_quotes(monkeypatch):
    """The registry's names serve every part of a corpus read in parts: the quotes whose names
    were found are not all kept, and a quote read again after they were let go is found again."""
    from xjtrack.curated import binding

    monkeypatch.setattr(binding, "SEEN_TEXTS", 4)
    Indicator = type("Indicator", (), {})
    railway = Indicator()
    railway.id, railway.name_zh, railway.aliases = "railway-km", "铁路营运里程", ("铁路里程",)
    names = binding.Names.of([railway])
    first = names.found("铁路营运里程达到9627公里")
    for n in range(10):
        assert names.found(f"第{n}句铁路里程") == [(3, 7, "railway-km")]
        assert len(names.seen) <= 4
    assert names.found("铁路营运里程达到9627公里") == first == [(0, 6, "railway-km")]
