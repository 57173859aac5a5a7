"""Strict YAML: every scalar stays text, duplicate keys are errors, every value keeps its place.

PyYAML's safe_load follows YAML 1.1, which turns `no` into False, `010` into 8 and an
unquoted 2020-12-31 into a date, and lets a duplicate key overwrite the first. Curated data
must not be changed behind the curator's back, so this loader builds plain dicts, lists and
strings from the parser's events, resolving no tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from xjtrack.errors import Problem
from xjtrack.safe import UNSAFE

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

NULLS = ("", "~", "null", "Null", "NULL")  # plain scalars that mean "not given", with or without libyaml
Path = tuple  # a path into the document: ("targets", 3, "quote")
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
# an anchor or alias, where it follows a space, [ { or , (one pattern a mark: a pattern that starts
# with a character searches the text much faster than one that starts with a choice of two)
_ANCHOR_LIKE = (re.compile(r"&[^\s,\[\]{}]"), re.compile(r"\*[^\s,\[\]{}]"))


@dataclass
class Document:
    """A YAML file's data; where each key and value stands is found again only when asked.

    Reading a file records no positions (they cost time and memory at scale); the first call
    to place() parses the text once more, recording the (line, col) of every key and value.
    """

    file: str
    data: object
    text: str = ""
    reread: object = None  # where the text was let go: a function that reads it again
    places: dict[Path, tuple[int, int]] | None = None  # where each value starts, once asked
    key_places: dict[Path, tuple[int, int]] | None = None  # where its key is

    def tree(self):
        """The file's data, built again from its text where it was let go to save memory."""
        if self.data is None and self.source():
            try:
                self.data = _Builder(self.file, self.source()).build()
            except yaml.YAMLError:
                pass
        return self.data

    def source(self) -> str:
        if not self.text and self.reread is not None:
            self.text = self.reread()
        return self.text

    def place(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Where path's value (or key) is, or its nearest ancestor's; 1-based line and column."""
        if self.places is None:
            self.places, self.key_places = {}, {}
            try:
                _Builder(self.file, self.source(), self).build()
            except yaml.YAMLError:
                pass
        path = tuple(path)
        table = self.key_places if key else self.places
        while path and path not in table:
            path = path[:-1]
        return table.get(path) or self.places.get(path, (1, 1))


def _at(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Builder:
    """Plain dicts, lists and strings from the parser's events: no tags resolved, nothing coerced."""

    def __init__(self, file: str, text: str, positions: Document | None = None):
        self.file, self.text, self.positions = file, text, positions
        self.problems: list[Problem] = []

    def problem(self, mark, code: str, message: str) -> None:
        line, col = _at(mark)
        self.problems.append(Problem(self.file, line, col, code, message))

    def build(self):
        loader = _Loader(self.text)
        try:
            return self._build(loader.get_event)
        finally:
            loader.dispose()

    def _build(self, next_event):
        root = None
        documents = 0
        stack: list = []  # [container, path, pending key, {key: its event's mark}] (a list for a sequence)
        record = self.positions
        while True:
            event = next_event()
            kind = type(event)
            if kind is _SCALAR:  # most events: checked first
                value = None if event.style in (None, "") and event.value in NULLS else event.value
                if event.style == '"' and value and UNSAFE.search(value):
                    self.problem(event.start_mark, "control-character",
                                 f"the text holds U+{ord(UNSAFE.search(value).group()):04X}, a control or "
                                 "bidirectional character that can rewrite what a reader sees: remove it")
                if not stack:
                    root = value
                    continue
                frame = stack[-1]
                container, key = frame[0], frame[2]
                if type(container) is dict and key is None:  # a key: the value that follows goes under it
                    key = "" if value is None else value
                    if key == "<<" or key in container:
                        self._refused_key(key, frame[3], event.start_mark)
                    frame[2] = key
                    frame[3].setdefault(key, event.start_mark)
                    if record is not None:
                        record.key_places.setdefault((*frame[1], key), _at(event.start_mark))
                elif record is not None:
                    self._put(stack, value, event.start_mark)
                elif type(container) is list:  # as _put, where no place is recorded
                    container.append(value)
                else:
                    if value is not None and key not in container:
                        container[key] = value
                    frame[2] = None
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if stack and type(stack[-1][0]) is dict and stack[-1][2] is None:
                    self.problem(event.start_mark, "bad-key", "a key must be a word, not a list or a mapping "
                                 "(? [a, b] or {a: 1} as a key): write the key as text")
                    return None
                container = {} if kind is _MAPPING_START else []
                path = self._put(stack, container, event.start_mark) if stack else ()
                if not stack:
                    root = container
                    if record is not None:
                        record.places[()] = _at(event.start_mark)
                stack.append([container, path, None, {}])
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                stack.pop()
            elif kind is yaml.StreamEndEvent or event is None:
                break
            elif kind is _ALIAS:
                self.problem(event.start_mark, "anchor", "YAML anchors and aliases (&name, *name) are "
                             "refused: write the values out in full")
                return None
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem(event.start_mark, "bad-file", "a data file holds one YAML document: "
                                 "remove the second '---'")
                    return root
        return root

    def _refused_key(self, key: str, keys: dict, mark) -> None:
        if key == "<<":
            self.problem(mark, "merge-key", "YAML merge keys (<<) are not supported; write the keys out")
        else:
            self.problem(mark, "duplicate-key", f"duplicate key {key!r} (first at line {keys[key].line + 1}); "
                         "YAML would silently keep only the last one: remove or rename one of them")

    def _put(self, stack, value, mark) -> tuple:
        """Put value into the innermost container; the path it has there."""
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, dict):
            key = frame[2]
            frame[2] = None
            if key in container:  # the duplicate was reported: keep the first
                return (*frame[1], key)
            path = (*frame[1], key)
            if value is not None:  # ~, null and empty: not given, as if the key were absent
                container[key] = value
        else:
            container.append(value)
            path = (*frame[1], len(container) - 1)
        if self.positions is not None:
            self.positions.places.setdefault(path, _at(mark))
        return path


def _anchors(file: str, text: str) -> list[Problem]:
    """Every anchor (&a) and alias (*a) in the text, located; checked only where one may be."""
    if not any(m.start() == 0 or text[m.start() - 1] in " \t\r\n[{,"
               for pattern in _ANCHOR_LIKE for m in pattern.finditer(text)):
        return []
    found = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = _at(event.start_mark)
                found.append(Problem(file, line, col, "anchor",
                                     "YAML anchors and aliases (&name, *name) are refused: write the "
                                     "values out in full"))
    except yaml.YAMLError:
        return []  # the syntax error is reported by the loader itself
    return found


def load(file: str, text: str) -> tuple[Document, list[Problem]]:
    doc = Document(file, None, text)
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
    builder = _Builder(file, text)
    try:
        data = builder.build()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"this is not valid YAML: {what}" + (f" ({context})" if context else "")
        hint = " — check the indentation and quote values that contain ': ' or start with [ { * & ! % @"
        problems.append(Problem(file, line, col, "yaml-syntax", message + hint))
        return doc, problems
    problems += builder.problems
    doc.data = {} if data is None else data
    return doc, problems
