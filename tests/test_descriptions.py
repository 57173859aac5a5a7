"""Every column of every table and view is described, each description defined with its record,
and no description lists a vocabulary by hand that disagrees with the enum in core/vocab.py."""

import re
import sqlite3
from enum import StrEnum

from xjtrack.core import records, vocab
from xjtrack.store.describe import column_docs, shown_columns
from xjtrack.store.schema import every_table


def test_every_column_of_every_table_and_view_has_a_description(shipped_db):
    with sqlite3.connect(shipped_db) as conn:
        shown = shown_columns(conn)
    described = column_docs()
    assert {"target_status", "promises", "series", "lines", "targets", "meta"} <= set(shown)
    missing = [f"{table}.{c}" for table, names in shown.items() for c in names
               if not described.get(table, {}).get(c, "").strip()]
    assert not missing, f"columns with no description: {missing}"


def test_every_description_a_record_gives_names_one_of_its_columns():
    used = set()
    for table in every_table():
        columns = {c for c, _ in table.columns}
        own = set(getattr(table.record, "DOCS", {}))
        assert own <= columns, f"{table.record.__name__}.DOCS describes no column: {own - columns}"
        used |= columns
    assert set(records.SHARED) - used - set(column_docs()["target_status"]) == set()


VOCABULARIES = [v for v in vars(vocab).values() if isinstance(v, type) and issubclass(v, StrEnum)
                and v is not StrEnum]
SUBSETS = [frozenset(v) for v in vars(vocab).values()
           if isinstance(v, tuple) and v and all(isinstance(m, StrEnum) for m in v)]


def disagreements(text: str) -> list[str]:
    """The vocabularies text lists in part without saying so (no "…"): each as its missing values."""
    out = []
    for enum in VOCABULARIES:
        named = frozenset(m for m in enum if re.search(rf"(?<![\w-]){re.escape(m.value)}(?![\w-])", text))
        if len(named) >= 2 and "…" not in text and named != frozenset(enum) and named not in SUBSETS:
            out.append(f"{enum.__name__}: missing {sorted(m.value for m in set(enum) - named)}")
    return out


def test_the_check_finds_a_vocabulary_listed_in_part():
    assert disagreements("plan or work_report") == [
        "SourceKind: missing ['analysis', 'bulletin', 'news']"]
    assert disagreements(vocab.one_of(vocab.SourceKind)) == []
    assert disagreements(vocab.such_as(vocab.Measure.level, vocab.Measure.total)) == []
    assert disagreements("real or nominal") == []  # vocab.GROWTH_PRICES


def test_no_description_lists_a_vocabulary_that_disagrees_with_its_enum():
    found = {f"{table}.{column}": disagreements(text)
             for table, columns in column_docs().items() for column, text in columns.items()}
    assert {k: v for k, v in found.items() if v} == {}
    assert column_docs()["sources"]["kind"] == vocab.one_of(vocab.SourceKind)
