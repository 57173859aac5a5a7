"""The spool: lines gathered over a whole corpus come back by section, in the order they were
added or grouped by rank, whether they wait in memory or were inserted already."""

import pytest

from xjtrack.store.spool import Spool


@pytest.mark.parametrize("batch", [1, 3, 5000])
def test_lines_come_back_by_section_in_order_across_batches(batch, monkeypatch):
    monkeypatch.setattr(Spool, "BATCH", batch)
    with Spool() as spool:
        spool.add("a", ["a1", "a2"])
        spool.add("b", [("x", "X", "b1"), ("y", "Y", "b2")])
        spool.add("a", [])
        spool.add("a", ["a3"])
        spool.add("b", [("x", "X", "b3")])
        assert (spool.count("a"), spool.count("b"), spool.count("c")) == (3, 3, 0)
        assert list(spool.lines("a")) == ["a1", "a2", "a3"]
        spool.add("a", ["a4"])  # added after a read: it comes after the others
        assert list(spool.lines("a")) == ["a1", "a2", "a3", "a4"]
        assert list(spool.grouped("b", {"y": 0, "x": 1})) == [
            ("y", "Y", "b2", True), ("x", "X", "b1", True), ("x", "X", "b3", False)]
        assert list(spool.grouped("b", {"x": 0})) == [("x", "X", "b1", True), ("x", "X", "b3", False)]
        assert list(spool.lines("c")) == []


def test_lines_wait_in_memory_only_up_to_a_batch(monkeypatch):
    monkeypatch.setattr(Spool, "BATCH", 10)
    with Spool() as spool:
        for n in range(95):
            spool.add("a", [str(n)])
            assert len(spool._waiting) < 10
        assert list(spool.lines("a")) == [str(n) for n in range(95)]
