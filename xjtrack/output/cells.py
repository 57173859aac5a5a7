"""One representation of each value in every format: numbers as numbers (400, not 400.0),
booleans as true/false, flags and other lists as JSON lists (joined with ';' in CSV and text).
A column is known to hold a boolean or a list by the record field it comes from."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter

from xjtrack.safe import UNSAFE, terminal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=1)
def _kinds() -> tuple[frozenset, frozenset]:
    from xjtrack.store.schema import column_kinds

    booleans, lists = column_kinds()
    return frozenset(booleans | {"latest", "numeric", "forms_disagree"}), frozenset(lists | {"forms"})


def _number(value: float):
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def json_value(column: str, value):
    booleans, lists = _kinds()
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode()}
    if column in booleans and value in (0, 1):
        return bool(value)
    if column in lists and isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, list) else value
    if isinstance(value, float):
        return _number(value)
    return value


def for_json(data):
    """A row, a list of rows or a nested structure, with every value written one way."""
    if isinstance(data, list):
        return [for_json(d) for d in data]
    if isinstance(data, dict):
        return {k: (for_json(v) if isinstance(v, (dict, list)) and k not in _kinds()[1]
                    else json_value(k, v)) for k, v in data.items()}
    return data


def text_value(column: str, value) -> str:
    """A value as text, for CSV cells and tables: control characters made visible."""
    return terminal(_text(column, value))


def _text(column: str, value) -> str:
    value = json_value(column, value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ";".join(value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return value.get("base64", json.dumps(value, ensure_ascii=False))
    return str(value)


def csv_value(column: str, value, excel: bool = False):
    """A CSV cell; text that would start a formula is made inert with a leading ', for Excel or
    not (a file written for one program is opened in another)."""
    text = text_value(column, value)
    if isinstance(json_value(column, value), str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


# Writers for a whole row, one function per column chosen once: a large export or status spends
# its time per cell, and a column that holds neither booleans nor lists needs no lookups for them.

def _csv_plain(value):
    kind = value.__class__
    if kind is str:
        if UNSAFE.search(value):
            value = terminal(value)
        return "'" + value if value.startswith(FORMULA_START) else value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is float:
        return str(_number(value))
    return csv_value("", value)


def _csv_kind(column: str, booleans: frozenset, lists: frozenset) -> Callable:
    """The cell writer of a column of booleans or of lists: the common values quickly, any other by csv_value."""
    if column in booleans:
        def boolean(value):
            if value.__class__ is int and (value == 0 or value == 1) or value.__class__ is bool:
                return "true" if value else "false"
            return csv_value(column, value)
        return boolean
    if column in lists:
        def listed(value):
            if value == "[]":
                return ""
            if value.__class__ is str and value.startswith("["):
                try:
                    parsed = json.loads(value)
                except ValueError:
                    return csv_value(column, value)
                if parsed.__class__ is list and all(v.__class__ is str for v in parsed):
                    text = ";".join(parsed)
                    return terminal(text) if UNSAFE.search(text) else text
            return csv_value(column, value)
        return listed
    return _csv_plain


# a row none of whose text cells holds these needs no cell made visible or inert: its text cells,
# each after a newline, are searched at once (a newline inside a cell may only send the row the slow way)
_FORMULA_AFTER_NEWLINE = re.compile("\n[" + re.escape("".join(FORMULA_START)) + "]")


def csv_row(columns: Sequence[str]) -> Callable[[Sequence], list]:
    """A function from a row's values to its CSV cells: [csv_value(c, v) for c, v in …], faster.

    Rows are sorted by the types of their values; for each such shape the cells that need work
    are found once. A row whose text needs nothing made visible or inert keeps its text and
    whole-number cells as they are (the CSV writer writes them so), and only its real numbers, its
    nulls and its boolean and list columns are rewritten."""
    booleans, lists = _kinds()
    writers = [_csv_kind(c, booleans, lists) for c in columns]
    slow = (lambda row: [_csv_plain(v) for v in row]) if all(w is _csv_plain for w in writers) else \
        (lambda row: [w(v) for w, v in zip(writers, row, strict=True)])
    kinds = [i for i, w in enumerate(writers) if w is not _csv_plain]
    shapes: dict[tuple, tuple] = {}
    plain = {str, int, type(None), float}

    def shape_of(types: tuple) -> tuple | None:
        if len(types) != len(columns) or any(types[i] not in plain for i in range(len(types)) if i not in kinds):
            return None
        texts = [i for i, t in enumerate(types) if t is str and i not in kinds]
        reals = [i for i, t in enumerate(types) if t is float and i not in kinds]
        empty = [i for i, t in enumerate(types) if t is type(None) and i not in kinds]
        if not texts:
            return (None, reals, empty, texts)
        return (itemgetter(*texts) if len(texts) > 1 else (lambda row, i=texts[0]: (row[i],)), reals, empty, texts)

    def row_cells(row):
        types = tuple(map(type, row))
        shape = shapes.get(types, False)
        if shape is False:
            shape = shapes[types] = shape_of(types)
        if shape is None:
            return slow(row)
        texts, reals, empty, at = shape
        out = list(row)
        if texts is not None:
            joined = "\n" + "\n".join(texts(row))
            if UNSAFE.search(joined):
                return slow(row)
            if _FORMULA_AFTER_NEWLINE.search(joined):  # some text may start a formula: made inert
                for i in at:
                    if out[i].startswith(FORMULA_START):
                        out[i] = "'" + out[i]
        for i in reals:
            out[i] = str(_number(out[i]))
        for i in empty:
            out[i] = ""
        for i in kinds:
            out[i] = writers[i](out[i])
        return out

    return row_cells


def _json_plain(value):
    kind = value.__class__
    if kind is str or kind is int or value is None:
        return value
    return json_value("", value)


def json_row(columns: Sequence[str]) -> Callable[[Sequence], dict]:
    """A function from a row's values to its JSON object: {c: json_value(c, v) for …}, faster."""
    booleans, lists = _kinds()
    writers = [(lambda v, c=c: json_value(c, v)) if c in booleans or c in lists else _json_plain for c in columns]
    return lambda row: {c: w(v) for c, w, v in zip(columns, writers, row, strict=True)}


def text_row(columns: Sequence[str]) -> Callable[[Sequence], list]:
    """A function from a row's values to its text cells: [text_value(c, v) for c, v in …], faster."""
    booleans, lists = _kinds()

    def plain(value):
        kind = value.__class__
        if kind is str:
            return terminal(value) if UNSAFE.search(value) else value
        if value is None:
            return ""
        if kind is int:
            return str(value)
        return text_value("", value)

    writers = [(lambda v, c=c: text_value(c, v)) if c in booleans or c in lists else plain for c in columns]
    return lambda row: [w(v) for w, v in zip(writers, row, strict=True)]
