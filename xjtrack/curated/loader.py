"""Reading the curated files into a checked Corpus, or every problem with its file:line:col."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from xjtrack.curated.files import FileRefused, Read, display_name, inside, read
from xjtrack.curated.models import RETIRED, SECTIONS, BaselineIn, ProxyIn, light
from xjtrack.curated.yamlstrict import Document, load
from xjtrack.errors import DataError, Problem, XjtrackError, did_you_mean

YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
MAX_PROBLEMS = 1000  # reading stops after this many problems, with a summary: fix them first


class _TooMany(Exception):
    """Enough problems found to be worth fixing first."""
KNOWN_KEYS = sorted({name for model in (*SECTIONS.values(), BaselineIn, ProxyIn) for name in model.model_fields})


@dataclass(slots=True)
class Item:
    """One validated entry of a section, with the document and path it came from."""

    doc: Document
    path: tuple
    model: object


@dataclass
class Reader:
    problems: list[Problem] = field(default_factory=list)
    items: dict[str, list[Item]] = field(default_factory=lambda: {s: [] for s in SECTIONS})
    inputs: dict[str, dict] = field(default_factory=dict)  # file -> stamp of the bytes parsed
    broken: set[tuple[str, str]] = field(default_factory=set)  # (section, id) of entries refused

    def problem(self, doc: Document, path: tuple, code: str, message: str, key: bool = False) -> None:
        line, col = doc.place(path, key=key)
        self.problems.append(Problem(doc.file, line, col, code, message, identity(doc, path)))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany

    def read(self, doc: Document) -> None:
        if not isinstance(doc.data, dict):
            self.problem(doc, (), "bad-file", "the file must be a mapping with sections such as "
                         f"{', '.join(s + ':' for s in SECTIONS)}")
            return
        for section, entries in doc.data.items():
            if section in RETIRED:
                self.problem(doc, (section,), "retired-section", RETIRED[section], key=True)
            elif section not in SECTIONS:
                self.problem(doc, (section,), "unknown-section", f"unknown section {section!r}"
                             f"{did_you_mean(section, SECTIONS)}; a file holds "
                             f"{', '.join(SECTIONS)}", key=True)
            elif not isinstance(entries, list):
                self.problem(doc, (section,), "not-a-list",
                             f"{section} must be a list of entries, each starting with '- '")
            else:
                for index, raw in enumerate(entries):
                    self._validate(doc, section, index, raw)

    def _validate(self, doc: Document, section: str, index: int, raw: object) -> None:
        try:
            model = SECTIONS[section].model_validate(raw)
        except ValidationError as exc:
            seen = set()
            for error in exc.errors():
                loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p
                                                            or p in ("str", "list")))
                if loc in seen:
                    continue
                seen.add(loc)
                path = (section, index, *loc)
                self._pydantic_problem(doc, path, error)
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                self.broken.add((section, raw["id"]))  # its problem is reported; references to it are not
            return
        self.items[section].append(Item(doc, (section, index), light(model)))

    def _pydantic_problem(self, doc: Document, path: tuple, error: dict) -> None:
        kind, name, given = error["type"], str(path[-1]), error.get("input")
        if kind == "extra_forbidden":
            self.problem(doc, path, "unknown-key",
                         f"unknown key {name!r}{did_you_mean(name, KNOWN_KEYS)}", key=True)
        elif kind == "missing":
            self.problem(doc, path[:-1], "missing-key", f"missing required key {name!r}")
        else:
            message = f"{name}: {error['msg']}"
            if isinstance(given, str):
                message += f", got {given!r}"
                if given.lower() in YAML11_WORDS:
                    message += (f" (YAML 1.1 would read {given} as a boolean; xjtrack keeps it "
                                "as the word, which is not a valid value here)")
            self.problem(doc, path, "bad-value", message)


def identity(doc: Document, path: tuple) -> str:
    """targets[id=xj-13fyp.railway-km].quote rather than targets[17].quote."""
    out, node = "", doc.tree()
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            ident = node.get("id") if isinstance(node, dict) else None
            out += f"[id={ident}]" if isinstance(ident, str) else f"[{part}]"
        else:
            node = node.get(part) if isinstance(node, dict) else None
            out += f".{part}" if out else str(part)
    return out


def _reread(path: Path, name: str, sha256: str):
    """The file's text as it was parsed, to locate a problem in it; refused if it changed since."""
    def again() -> str:
        try:
            found = read(path)
        except FileRefused:
            found = None
        if found is None or found.sha256 != sha256:
            raise XjtrackError(f"{name} changed while xjtrack was reading it; run the command again")
        return found.text
    return again


def _overlaid(path: Path, overlay: dict[Path, str] | None):
    """The file as read, or the text a command is about to write to it (to judge before writing)."""
    if overlay is None or path not in overlay:
        return read(path)
    import hashlib

    data = overlay[path].encode("utf-8")
    return Read(overlay[path], hashlib.sha256(data).hexdigest(), len(data), 0)


def read_files(targets: Path, files: list[Path], overlay: dict[Path, str] | None = None) -> Reader:
    reader = Reader()
    root = targets.parent
    if not targets.exists():
        raise DataError([Problem(str(targets), 1, 1, "missing-file",
                                 "no targets file here; run xjtrack in the folder that holds "
                                 "targets.yaml, or pass --targets PATH")])
    for path in files:
        name = display_name(path, root)
        if path.suffix == ".yml":
            reader.problems.append(Problem(name, 1, 1, "bad-name", "xjtrack reads data files "
                                           "named *.yaml: rename this file to .yaml"))
            continue
        try:
            inside(root, str(path.relative_to(root)))
            found = _overlaid(path, overlay)
        except (FileRefused, ValueError) as exc:
            code = exc.code if isinstance(exc, FileRefused) else "bad-path"
            reader.problems.append(Problem(name, 1, 1, code, str(exc)))
            continue
        reader.inputs[name] = found.stamp("data")
        doc, problems = load(name, found.text)
        reader.problems.extend(problems)
        try:
            if len(reader.problems) >= MAX_PROBLEMS:
                raise _TooMany
            if doc.data is not None:
                reader.read(doc)
        except _TooMany:
            del reader.problems[MAX_PROBLEMS:]
            reader.problems.append(Problem(name, 1, 1, "too-many-problems", f"reading stopped after {MAX_PROBLEMS} "
                                           "problems (this file and those before it); fix these and run again"))
            break
        if doc.data is not None:
            # the validated entries hold what is needed; for a message, the text is read again
            again = _reread(path, name, found.sha256) if overlay is None or path not in overlay else \
                (lambda text=found.text: text)
            doc.data, doc.text, doc.reread = None, "", again
    return reader
