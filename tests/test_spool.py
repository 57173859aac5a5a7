"""The spool: lines gathered over a whole corpus come back by section, in the order they were
added or grouped by rank, whether they wait in memory or were written out already."""

import pytest

from xjtrack.store.spool import Spool


@pytest.mark.parametrize("batch", [1, 3, 5000])
def test_lines_come_back_by_section_in_order_across_batches(batch, monkeypatch):
    monkeypatch.setattr(Spool, "BATCH", batch)
    odd = ["", "  ", "a\nb", "\r", "x\x00y", "\\n", "é \u202e 约束性", "| `a` | b |"]
    with Spool() as spool:
        spool.add("a", ["a1", "a2"])
        spool.add_grouped("b", [("x", "X", "b1"), ("y", "Y", "b2")])
        spool.add("a", [])
        spool.add("a", iter(["a3"]))
        spool.add("odd", odd)
        spool.add_grouped("b", [("x", "X", "b3")])
        assert [spool.count(s) for s in ("a", "b", "c", "odd")] == [3, 3, 0, len(odd)]
        assert list(spool.lines("a")) == ["a1", "a2", "a3"]
        spool.add("a", ["a4"])  # added after a read: it comes after the others
        assert list(spool.lines("a")) == ["a1", "a2", "a3", "a4"]
        assert list(spool.lines("odd")) == odd  # every string as it was given
        assert list(spool.grouped("b", {"y": 0, "x": 1})) == [
            ("y", "Y", "b2", True), ("x", "X", "b1", True), ("x", "X", "b3", False)]
        assert list(spool.grouped("b", {"x": 0})) == [("x", "X", "b1", True), ("x", "X", "b3", False)]
        assert list(spool.lines("c")) == []


def test_two_sections_read_in_turn_keep_their_places():
    with Spool() as spool:
        for n in range(50):
            spool.add("a", [f"a{n}", f"a{n}+"])
            spool.add("b", [f"b{n}"])
        a, b = spool.lines("a"), spool.lines("b")
        got = [(next(a), next(a), next(b)) for _ in range(50)]
        assert got == [(f"a{n}", f"a{n}+", f"b{n}") for n in range(50)]
        assert list(a) == list(b) == []


def test_grouped_lines_wait_in_memory_only_up_to_a_batch(monkeypatch):
    monkeypatch.setattr(Spool, "BATCH", 10)
    with Spool() as spool:
        for n in range(95):
            spool.add_grouped("g", [("k", "", str(n))])
            assert len(spool._waiting) < 10
        assert [line for _, _, line, _ in spool.grouped("g", {"k": 0})] == [str(n) for n in range(95)]
