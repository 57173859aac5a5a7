"""The database tables, derived from the record dataclasses: one definition per record.

Each field becomes one or more columns by its type: text, numbers and dates as themselves, a
Period as its text and its two years, a Quantity as its number, text, unit and qualifiers, a
nested record as prefixed columns, a tuple of strings as JSON, a tuple of records as a child
table keyed by its parent and position. Rows are written and read back through the same
description, so the read-back is exact and no column list is kept by hand.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from functools import cache, lru_cache

from xjtrack.core.periods import DocDate, Period
from xjtrack.core.phrases import Phrase, codes, from_json, to_json
from xjtrack.core.quantity import Quantity, parse_unit
from xjtrack.core.records import (
    Figure,
    Holding,
    Indicator,
    Jurisdiction,
    Observation,
    Plan,
    Proxy,
    Quote,
    Source,
    Target,
    Verdict,
    docs,
)

T, N, F = "TEXT", "INTEGER", "REAL"
BOOLEAN_COLUMNS: set[str] = set()  # filled as the codecs are made: columns of booleans
LIST_COLUMNS: set[str] = set()  # ... and of JSON lists


@cache
def _unit(text: str):
    return parse_unit(text)


@lru_cache(maxsize=4096)
def _docdate(text: str) -> DocDate:
    return DocDate.parse(text)


@lru_cache(maxsize=4096)
def _dump_docdate(d: DocDate) -> tuple:
    return str(d), d.precision, d.last_day().isoformat()


@lru_cache(maxsize=65536)
def _dump_period(p: Period) -> tuple:
    return str(p), p.start, p.end


@lru_cache(maxsize=65536)
def _dump_quantity(q: Quantity) -> tuple:
    return q.value, q.text, q.high, q.unit.text, q.comparator, int(q.cumulative), q.numeral


@lru_cache(maxsize=8192)  # bounded: a verdict's observation ids are its own, and would fill a larger one
def _dump_strings(values: tuple[str, ...]) -> str:
    """A tuple of strings as a JSON list: made once for each (flags and ids repeat from row to row)."""
    return json.dumps(list(values), ensure_ascii=False) if values else "[]"


def _optional(hint):
    """X for X | None, else None."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return None


class Codec:
    """How one field is stored: its columns, and the conversions both ways."""

    def __init__(self, columns, dump, load, plain: bool = False):
        self.columns = columns  # [(name, sqltype)]
        self.dump = dump  # value -> tuple of column values
        self.load = load  # tuple of column values -> value
        self.width = len(columns)
        self.plain = plain  # stored as it is: text and numbers


def _scalar(name, sqltype, dump=lambda v: v, load=lambda v: v):
    return Codec([(name, sqltype)], lambda v: (None if v is None else dump(v),),
                 lambda row: None if row[0] is None else load(row[0]))


def _codec(name: str, hint) -> Codec:
    inner = _optional(hint)
    if inner is not None:
        codec = _codec(name, inner)
        if codec.width == 1:
            return codec
        return Codec(codec.columns, lambda v: (None,) * codec.width if v is None else codec.dump(v),
                     lambda row: None if row[0] is None else codec.load(row))
    if hint is str:
        return Codec([(name, T)], lambda v: (v,), lambda row: row[0], plain=True)
    if hint == tuple[Phrase, ...]:
        return _reason(name)
    if hint is bool:
        BOOLEAN_COLUMNS.add(name)
        return _scalar(name, N, int, bool)
    if hint is int:
        return Codec([(name, N)], lambda v: (v,), lambda row: row[0], plain=True)
    if hint is float:
        return Codec([(name, F)], lambda v: (v,), lambda row: row[0], plain=True)
    if hint is date:
        return _scalar(name, T, date.isoformat, date.fromisoformat)
    if hint is DocDate:
        return Codec([(name, T), (f"{name}_precision", T), (f"{name}_last_day", T)], _dump_docdate,
                     lambda row: _docdate(row[0]))
    if hint is Period:
        return Codec([(name, T), (f"{name}_start", N), (f"{name}_end", N)], _dump_period,
                     lambda row: Period(row[1], row[2]))
    if hint is Quantity:
        BOOLEAN_COLUMNS.add(f"{name}_cumulative")
        return Codec(
            [(name, F), (f"{name}_text", T), (f"{name}_high", F), (f"{name}_unit", T),
             (f"{name}_comparator", T), (f"{name}_cumulative", N), (f"{name}_numeral", T)],
            _dump_quantity,
            lambda r: Quantity(r[1], r[0], _unit(r[3]), r[4], bool(r[5]), r[2], r[6]))
    if typing.get_origin(hint) is tuple and typing.get_args(hint)[0] is str:
        LIST_COLUMNS.add(name)
        return _scalar(name, T, _dump_strings, lambda v: tuple(json.loads(v)) if v != "[]" else ())
    if dataclasses.is_dataclass(hint):
        return _nested(name, hint)
    if _is_child(hint):  # records inside a child record: a JSON list
        return _records_json(name, typing.get_args(hint)[0])
    raise TypeError(f"no column type for {name}: {hint}")


@lru_cache(maxsize=8192)  # about 1.8 KB an entry, with its key: the reasons a corpus repeats stay, at a bounded cost
def _dump_reason(reason: tuple) -> tuple:
    from xjtrack.core.wording import english  # the words of the reason column

    return english(reason), json.dumps(codes(reason)), to_json(reason)


@lru_cache(maxsize=65536)
def _load_reason(text: str) -> tuple:
    return from_json(text)


def _reason(name: str) -> Codec:
    """A reason (phrases) as its English words, its codes (a JSON list) and the phrases as JSON."""
    LIST_COLUMNS.add(f"{name}_codes")
    return Codec([(name, T), (f"{name}_codes", T), (f"{name}_phrases", T)], _dump_reason,
                 lambda row: _load_reason(row[2]))


def _records_json(name: str, record) -> Codec:
    fields = [f.name for f in dataclasses.fields(record)]
    LIST_COLUMNS.add(name)
    return _scalar(name, T, lambda v: json.dumps([[getattr(r, f) for f in fields] for r in v], ensure_ascii=False)
                   if v else "[]", lambda v: tuple(record(**dict(zip(fields, row,
                       strict=True))) for row in json.loads(v))
                   if v != "[]" else ())


def _fields(record, children: bool = True) -> list[tuple[str, Codec]]:
    """Codecs for the record's own columns; tuples of records are child tables (or, with
    children False, JSON)."""
    hints = typing.get_type_hints(record)
    return [(f.name, _codec(f.name, hints[f.name])) for f in dataclasses.fields(record)
            if not (children and _is_child(hints[f.name]))]


def _is_child(hint) -> bool:
    return (typing.get_origin(hint) is tuple and dataclasses.is_dataclass(typing.get_args(hint)[0])
            and hint != tuple[Phrase, ...])


def _nested(prefix: str, record) -> Codec:
    parts = [(n, c) for n, c in _fields(record)]
    columns = [(f"{prefix}_{col}", kind) for _, c in parts for col, kind in c.columns]
    for col, _ in [c for _, codec in parts for c in codec.columns]:
        for kinds in (BOOLEAN_COLUMNS, LIST_COLUMNS):
            if col in kinds:
                kinds.add(f"{prefix}_{col}")

    def dump(value):
        out = ()
        for n, c in parts:
            out += c.dump(getattr(value, n))
        return out

    def load(row):
        values, at = {}, 0
        for n, c in parts:
            values[n] = c.load(row[at: at + c.width])
            at += c.width
        return record(**values)

    return Codec(columns, dump, load)


class Unreadable(Exception):
    """A stored value that does not decode as its column's: the file is damaged or not ours."""


class Table:
    """A stored record type: its columns, primary key and child tables, and its rows."""

    def __init__(self, name: str, record, pk: tuple[str, ...], parent: str = "",
                 foreign_keys: tuple[tuple[str, str, str], ...] = ()):
        self.name, self.record, self.pk, self.foreign_keys = name, record, pk, foreign_keys
        self.parent = parent  # the parent's key column, for a child table
        self.fields = _fields(record, children=not parent)
        hints = typing.get_type_hints(record)
        self.children = {} if parent else {
            f.name: Table(f"{name.rstrip('s')}_{f.name}", typing.get_args(hints[f.name])[0],
                          (f"{name.rstrip('s')}_id", "n"), parent=f"{name.rstrip('s')}_id")
            for f in dataclasses.fields(record) if _is_child(hints[f.name])}
        self.row = self._row_function()
        own = [col for _, c in self.fields for col in c.columns]
        self.columns = ([(parent, T), ("n", N)] if parent else []) + own
        described = docs(record)  # each column's description, from its record's (core.records)
        self.docs = ({parent: f"{parent.removesuffix('_id').capitalize()} id", "n": "Order within its parent"}
                     if parent else {}) | {c: described.get(c, "") for c, _ in own}

    def ddl(self) -> list[str]:
        cols = ", ".join(f'"{n}" {k}' for n, k in self.columns)
        keys = ", ".join(f'"{k}"' for k in self.pk)
        fks = "".join(f', foreign key ("{c}") references "{t}"("{r}")' for c, t, r in self.foreign_keys)
        statements = [f'create table "{self.name}" ({cols}, primary key ({keys}){fks})']
        for child in self.children.values():
            statements += child.ddl()
        return statements

    def _row_function(self):
        """The record's columns as one tuple expression, compiled once per table (as dataclasses
        compile their __init__): the build calls it for every row."""
        parts, names = [], {}
        for i, (name, codec) in enumerate(self.fields):
            if codec.plain:
                parts.append(f"obj.{name}")
            else:
                names[f"dump{i}"] = codec.dump
                parts.append(f"*dump{i}(obj.{name})")
        exec(f"def row(obj):\n    return ({', '.join(parts)},)", names)
        return names["row"]

    def rows(self, objects) -> dict[str, list[tuple]]:
        """Rows for this table and its child tables, by table name."""
        out: dict[str, list[tuple]] = {self.name: []}
        for child in self.children.values():
            out[child.name] = []
        for obj in objects:
            self.add_rows(obj, out)
        return out

    def add_rows(self, obj, out: dict[str, list[tuple]]) -> None:
        out[self.name].append(self.row(obj))
        key = getattr(obj, self.pk[0])
        for field, child in self.children.items():
            out[child.name] += [(key, n, *child.row(item)) for n, item in enumerate(getattr(obj, field), 1)]

    def load(self, row: tuple, children: dict[str, tuple] | None = None):
        """A record from its row (without parent key columns) and its children's records."""
        values, at = {}, 0
        for name, codec in self.fields:
            try:
                values[name] = codec.load(row[at: at + codec.width])
            except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
                raise Unreadable(f"{self.name}.{name}: {type(exc).__name__}: {exc}") from None
            at += codec.width
        for field in self.children:
            values[field] = (children or {}).get(field, ())
        return self.record(**values)

    def select(self, where: str = "") -> str:
        names = ", ".join(f'"{n}"' for n, _ in self.columns)
        return f'select {names} from "{self.name}"{" where " + where if where else ""}'


JURISDICTIONS = Table("jurisdictions", Jurisdiction, ("id",))
SOURCES = Table("sources", Source, ("id",))
PLANS = Table("plans", Plan, ("id",), foreign_keys=(("source", "sources", "id"),))
INDICATORS = Table("indicators", Indicator, ("id",))
OBSERVATIONS = Table("observations", Observation, ("id",), foreign_keys=(
    ("indicator", "indicators", "id"), ("source", "sources", "id")))
TARGETS = Table("targets", Target, ("id",), foreign_keys=(("plan", "plans", "id"),))
VERDICTS = Table("verdicts", Verdict, ("target",), foreign_keys=(("target", "targets", "id"),))
VERDICT_HISTORY = Table("verdict_history", Holding, ("target", "as_of"),
                        foreign_keys=(("target", "targets", "id"),))  # store/history.py
RECORD_TABLES = (JURISDICTIONS, SOURCES, PLANS, INDICATORS, OBSERVATIONS, TARGETS, VERDICTS, VERDICT_HISTORY)
assert Quote and Proxy and Figure  # nested records, stored through their parents


def every_table() -> list[Table]:
    out = []
    for table in RECORD_TABLES:
        out += [table, *table.children.values()]
    return out


def column_kinds() -> tuple[set[str], set[str]]:
    """The names of columns that hold booleans and JSON lists, for writing them one way."""
    return BOOLEAN_COLUMNS, LIST_COLUMNS


INDEXES = {  # what the commands that look at one thing look up by, besides primary keys
    "targets_by_plan": ("targets", ("plan",)),
    "targets_by_series": ("targets", ("indicator", "jurisdiction")),
    "observations_by_series": ("observations", ("indicator", "jurisdiction")),
    # an update finds the rows a file owns, and the files holding entries of a source
    "targets_by_file": ("targets", ("file",)),
    "observations_by_file": ("observations", ("file",)),
    "target_claims_by_file": ("target_claims", ("file",)),
    "target_statements_by_file": ("target_statements", ("file",)),
    "targets_by_source": ("targets", ("source",)),
    "observations_by_source": ("observations", ("source",)),
    "targets_by_form": ("targets", ("form_of",)),  # a plan row's other forms (show, the promises view)
}


def index_ddl() -> list[str]:
    out = []
    for name, (table, columns) in INDEXES.items():
        listed = ", ".join(f'"{c}"' for c in columns)
        out.append(f'create index "{name}" on "{table}" ({listed})')
    return out


def _schema_version() -> str:
    """Changes whenever the tables, indexes or views change, so that an older database is rebuilt."""
    import hashlib

    from xjtrack.store.views import VIEWS

    shape = [s for t in every_table() if not t.parent for s in t.ddl()] + index_ddl() + sorted(VIEWS.items())
    return "3." + hashlib.sha256(repr(shape).encode()).hexdigest()[:12]


SCHEMA_VERSION = _schema_version()
