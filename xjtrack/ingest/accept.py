"""Accepting drafted or hand-given entries into the curated data: where each goes, the text of
every file after it, and the verdicts before and after, judged in memory before anything is written.

A draft (drafts/SOURCE.yaml, written by extract) holds observations and targets in the curated
format, each under a comment saying what extract read. Observations go to the file that already
holds the source's observations (else a new data/observations/SOURCE.yaml), targets to the file
that already holds their plan's targets (else data/PLAN.yaml). Files are changed by inserting
text (xjtrack.ingest.datafile), so their comments and order stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from xjtrack.core.phrases import Reason
from xjtrack.core.records import Corpus, Verdict
from xjtrack.curated.yamlstrict import load
from xjtrack.errors import DataError, XjtrackError
from xjtrack.ingest.datafile import append_entries

SECTIONS = {"observations": "observation", "targets": "target"}
_ITEM = re.compile(r"^[ \t]*-[ \t]")


@dataclass
class Entry:
    """One entry to accept: its section, its fields as the curated format writes them, and the
    comment extract wrote above it."""

    number: int
    section: str  # observations or targets
    fields: dict
    mark: str = ""

    @property
    def kind(self) -> str:
        return SECTIONS[self.section]

    @property
    def ident(self) -> str:
        f = self.fields
        if self.section == "targets":
            return str(f.get("id", ""))
        return "/".join(str(f.get(k, "")) for k in ("jurisdiction", "indicator", "measure", "period")).lstrip("/")

    @property
    def quotes(self) -> list[str]:
        quote = self.fields.get("quote", [])
        return [quote] if isinstance(quote, str) else list(quote)

    def says(self) -> str:
        f = self.fields
        if self.section == "targets":
            return (f"target {f.get('id')}: {f.get('indicator')} {f.get('measure')} {f.get('target')} "
                    f"due {f.get('due')} ({f.get('binding')}, plan {f.get('plan')})")
        place = f" in {f['jurisdiction']}" if f.get("jurisdiction") else ""
        return f"observation: {f.get('indicator')}{place} {f.get('measure')} {f.get('period')} = {f.get('value')}"


# what extract proposes beside its entries (a plan, an indicator): a curator moves them into targets.yaml
# and data/indicators.yaml; the entries that rest on them wait until then (extract drafts them again)
PROPOSED = ("plans", "indicators")


def read_draft(text: str, name: str) -> list[Entry]:
    """The draft's entries, numbered from 1 in the file's order, with their comments."""
    doc, problems = load(name, text)
    if problems:
        raise DataError(problems)
    data = doc.data if isinstance(doc.data, dict) else {}
    unknown = set(data) - set(SECTIONS) - set(PROPOSED)
    if unknown:
        raise XjtrackError(f"{name} holds {', '.join(sorted(unknown))}: review takes only observations: and targets:")
    waiting = {str(p.get("id")) for section in PROPOSED for p in data.get(section) or [] if isinstance(p, dict)}
    marks = _marks(text)
    entries: list[Entry] = []
    for section in SECTIONS:
        for n, fields in enumerate(data.get(section) or []):
            if not isinstance(fields, dict):
                raise XjtrackError(f"{name}: {section}[{n}] is not an entry (a mapping of fields)")
            if str(fields.get("plan")) in waiting or str(fields.get("indicator")) in waiting:
                continue  # it waits for the plan or indicator the draft proposes to be curated
            entries.append(Entry(len(entries) + 1, section, fields, marks.get((section, n), "")))
    return entries


def _marks(text: str) -> dict[tuple[str, int], str]:
    """The comment line right above each entry of each section."""
    marks, section, count, last = {}, "", 0, ""
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            section, count, last = line.split(":", 1)[0], 0, ""
        elif line.strip().startswith("#"):
            last = line.strip().lstrip("#").strip()
        elif _ITEM.match(line) and section in SECTIONS and line.index("-") <= 2:
            marks[(section, count)] = last
            count, last = count + 1, ""
        elif line.strip():
            last = ""
    return marks


@dataclass
class Layout:
    """Which file holds which source's observations and which plan's targets."""

    root: Path
    observations: dict[str, Path] = field(default_factory=dict)  # source -> file
    targets: dict[str, Path] = field(default_factory=dict)  # plan -> file

    @classmethod
    def of(cls, root: Path, files: list[Path], texts: dict[Path, str]) -> Layout:
        layout = cls(root)
        for path in files[1:]:  # targets.yaml holds the registries
            text = texts.get(path)
            if text is None:
                continue
            doc, problems = load(str(path), text)
            data = doc.data if not problems and isinstance(doc.data, dict) else {}
            for o in data.get("observations") or []:
                if isinstance(o, dict) and isinstance(o.get("source"), str):
                    layout.observations.setdefault(o["source"], path)
            for t in data.get("targets") or []:
                if isinstance(t, dict) and isinstance(t.get("plan"), str):
                    layout.targets.setdefault(t["plan"], path)
        return layout

    def place(self, entry: Entry) -> Path:
        f = entry.fields
        if entry.section == "observations":
            source = str(f.get("source", ""))
            return self.observations.get(source) or self.root / "data" / "observations" / f"{_safe(source)}.yaml"
        plan = str(f.get("plan", ""))
        return self.targets.get(plan) or self.root / "data" / f"{_safe(plan)}.yaml"


def _safe(ident: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
        raise XjtrackError(f"{ident!r} is not an id (lower-case letters, digits and -): it cannot name a data file")
    return ident


HEAD = {"observations": "Observations of {source}, accepted with xjtrack review or add-observation.\n"
                        "Each figure is quoted from sources/{source}.txt; xjtrack validate checks the quotes.",
        "targets": "Targets of plan {plan}, accepted with xjtrack review.\n"
                   "Each target is quoted from its source; xjtrack validate checks the quotes."}


def compose(layout: Layout, texts: dict[Path, str], entries: list[Entry]) -> dict[Path, str]:
    """Every file's text after the entries are added (only the files that change)."""
    grouped: dict[tuple[Path, str], list[Entry]] = {}
    for entry in entries:
        grouped.setdefault((layout.place(entry), entry.section), []).append(entry)
    out: dict[Path, str] = {}
    for (path, section), group in grouped.items():
        first = group[0].fields
        head = HEAD[section].format(source=first.get("source", ""), plan=first.get("plan", ""))
        name = display(path, layout.root)
        out[path] = append_entries(out.get(path, texts.get(path)), section, [e.fields for e in group], name, head)
    return out


def display(path: Path, root: Path) -> str:
    from xjtrack.curated.files import display_name

    return display_name(path, root)


@dataclass(frozen=True)
class Change:
    target: str
    before: str  # status, or "" for a target that did not exist
    after: str
    reason: Reason  # the verdict's reason after the change, as phrases


def judge(targets: Path, files: list[Path], overlay: dict[Path, str] | None = None,
          as_of: date | None = None) -> tuple[Corpus, dict[str, Verdict]]:
    """The corpus with the overlay's texts in place of (or beside) the files, and its verdicts."""
    from xjtrack.core.evaluate import Index
    from xjtrack.core.lineage import judge
    from xjtrack.curated.assemble import load_corpus

    every = sorted({*files[1:], *(overlay or {})} - {files[0]})
    corpus = load_corpus(targets, [files[0], *every], overlay)
    when = as_of or corpus.default_as_of()
    index = Index(corpus)
    return corpus, {t.id: judge(t, index, when) for t in corpus.targets.values()}


def changes(before: dict[str, Verdict], after: dict[str, Verdict]) -> list[Change]:
    out = []
    for ident, verdict in after.items():
        was = before.get(ident)
        if was is None or (was.status, was.actual) != (verdict.status, verdict.actual):
            out.append(Change(ident, was.status if was else "", verdict.status, verdict.reason))
    return out


class Workspace:
    """The curated files as they stand and the verdicts judged from them; entries are judged
    in memory against them, and written only once the whole corpus validates with them."""

    def __init__(self, targets: Path, files: list[Path]):
        self.root, self.targets, self.files = targets.parent, targets, files
        self.corpus, self.before = judge(targets, files)  # DataError for a file that cannot be read
        self.texts = {p: p.read_bytes().decode("utf-8") for p in files if p.exists()}  # bytes as they are
        self.layout = Layout.of(self.root, files, self.texts)

    def overlay(self, entries: list[Entry]) -> dict[Path, str]:
        return compose(self.layout, self.texts, entries)

    def effect(self, entries: list[Entry], overlay: dict[Path, str] | None = None) -> list[Change]:
        """The verdicts the entries would change; DataError, with every problem, if validate refuses them."""
        _, after = judge(self.targets, self.files, overlay or self.overlay(entries), self.corpus.default_as_of())
        return changes(self.before, after)

    def accept(self, entries: list[Entry]) -> tuple[list[Path], list[Change]]:
        """Validate with the entries in place, then write every changed file at once (or none)."""
        from xjtrack.files import check_place, make_folder
        from xjtrack.ingest.together import Change as FileChange
        from xjtrack.ingest.together import write_together

        overlay = self.overlay(entries)
        for path in overlay:  # never through a link that leads out of the repository
            check_place(path, self.targets, curated=True)
        found = self.effect(entries, overlay)
        for path in overlay:
            make_folder(path.parent)
        write_together([FileChange(path, text.encode("utf-8"),
                                   self.texts[path].encode("utf-8") if path in self.texts else None)
                        for path, text in overlay.items()])
        return list(overlay), found
