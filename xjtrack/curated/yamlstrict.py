"""Strict YAML: every scalar stays text, duplicate keys are errors, every value keeps its place.

PyYAML's safe_load follows YAML 1.1, which turns `no` into False, `010` into 8 and an
unquoted 2020-12-31 into a date, and lets a duplicate key overwrite the first. Curated data
must not be changed behind the curator's back, so this loader composes the node tree (which
carries line and column for every node) and builds plain dicts, lists and strings from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from xjtrack.errors import Problem

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

NULLS = ("", "~", "null", "Null", "NULL")  # plain scalars that mean "not given", with or without libyaml
Path = tuple  # a path into the document: ("targets", 3, "quote")
# C0 and C1 controls but tab and newline, DEL, and the bidirectional formatting characters
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]")


@dataclass
class Document:
    """A YAML file's data, with the (line, col) of every key and value, both 1-based."""

    file: str
    data: object
    places: dict[Path, tuple[int, int]] = field(default_factory=dict)  # where each value starts
    key_places: dict[Path, tuple[int, int]] = field(default_factory=dict)  # where its key is

    def place(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Where path's value (or key) is, or its nearest ancestor's."""
        path = tuple(path)
        table = self.key_places if key else self.places
        while path and path not in table:
            path = path[:-1]
        return table.get(path) or self.places.get(path, (1, 1))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Reused(Exception):
    """A node met twice: an alias. Aliases are refused (an alias bomb would expand without end)."""

    def __init__(self, node: yaml.Node):
        self.node = node


def _unsafe(value: str, node: yaml.Node, doc: Document, problems: list[Problem]) -> None:
    found = UNSAFE.search(value)
    if found:
        line, col = _mark(node)
        problems.append(Problem(doc.file, line, col, "control-character",
                                f"the text holds U+{ord(found.group()):04X}, a control or bidirectional "
                                "character that can rewrite what a reader sees: remove it"))


def _build(node: yaml.Node, path: Path, doc: Document, problems: list[Problem], seen: set):
    if id(node) in seen and not isinstance(node, yaml.ScalarNode):
        raise _Reused(node)
    seen.add(id(node))
    doc.places[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                problems.append(Problem(doc.file, line, col, "bad-key", "a key must be plain text"))
                continue
            key = key_node.value
            _unsafe(key, key_node, doc, problems)
            if key == "<<":
                line, col = _mark(key_node)
                problems.append(Problem(doc.file, line, col, "merge-key",
                                        "YAML merge keys (<<) are not supported; write the keys out"))
                continue
            if key in result:
                line, col = _mark(key_node)
                first = doc.key_places[(*path, key)]
                problems.append(Problem(
                    doc.file, line, col, "duplicate-key",
                    f"duplicate key {key!r} (first at line {first[0]}); YAML would silently keep "
                    "only the last one: remove or rename one of them"))
                continue
            doc.key_places[(*path, key)] = _mark(key_node)
            result[key] = _build(value_node, (*path, key), doc, problems, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, problems, seen) for i, item in enumerate(node.value)]
    if node.style in (None, "") and node.value in NULLS:  # plain: None with libyaml, "" without
        return None
    _unsafe(node.value, node, doc, problems)
    return node.value  # text, exactly as written: no booleans, dates or octal numbers


def _anchors(file: str, text: str) -> list[Problem]:
    """Every anchor (&a) and alias (*a) in the text, located; checked only where one may be."""
    if not _MAYBE_ANCHOR.search(text):
        return []
    found = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                found.append(Problem(file, mark.line + 1, mark.column + 1, "anchor",
                                     "YAML anchors and aliases (&name, *name) are refused: write the "
                                     "values out in full"))
    except yaml.YAMLError:
        return []  # the syntax error is reported by the loader itself
    return found


def load(file: str, text: str) -> tuple[Document, list[Problem]]:
    doc = Document(file, None)
    problems: list[Problem] = _anchors(file, text)
    if problems:
        return doc, problems
    bad = UNSAFE.search(text.replace("\r\n", "\n"))
    if bad:  # refused by YAML's reader too, but located here, with the character named
        before = text[: bad.start()]
        line, col = before.count("\n") + 1, bad.start() - before.rfind("\n")
        problems.append(Problem(file, line, col, "control-character",
                                f"the text holds U+{ord(bad.group()):04X}, a control or bidirectional "
                                "character that can rewrite what a reader sees: remove it"))
        return doc, problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"this is not valid YAML: {what}" + (f" ({context})" if context else "")
        hint = " — check the indentation and quote values that contain ': ' or start with [ { * & ! % @"
        problems.append(Problem(file, line, col, "yaml-syntax", message + hint))
        return doc, problems
    try:
        doc.data = {} if root is None else _build(root, (), doc, problems, set())
    except _Reused as exc:  # an alias the text check did not see (it never should)
        line, col = _mark(exc.node)
        problems.append(Problem(file, line, col, "anchor", "YAML aliases are refused: write the values out"))
        doc.data = None
    return doc, problems
