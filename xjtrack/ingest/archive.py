"""Archiving a document: its text, its manifest row and its source entry, made ready to write.

Everything is checked and composed before anything is written: the id (free, and its text's
path not taken), the curated data (readable, so that the entry can be added safely), the
document's text (extractable and not garbled), the entry's fields (given or proposed from the
document's header). Writing is then one change to three files, all of them or none.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from xjtrack.core.vocab import SECONDARY, SourceKind
from xjtrack.errors import DataError, UsageError, XjtrackError, did_you_mean
from xjtrack.ingest.header import PROPOSABLE, Place, Proposal, propose
from xjtrack.ingest.manifest import Row, add_row
from xjtrack.ingest.read import Document, read_document, received_as
from xjtrack.ingest.register import append_source, entry_text
from xjtrack.ingest.together import Change, write_together
from xjtrack.safe import UNSAFE, one_line

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")  # at most 80 characters: it names a file
SOURCES = "sources"
MANIFEST = f"{SOURCES}/MANIFEST.md"


@dataclass(frozen=True)
class Addition:
    """What add-source will write, and what it proposed for the curator to confirm."""

    id: str
    document: Document
    fields: dict[str, str]
    proposed: list[str]
    changes: list[Change]

    @property
    def entry(self) -> str:
        return entry_text(self.fields, "  - ", "    ")

    def write(self) -> None:
        from xjtrack.files import make_folder

        make_folder(self.changes[0].path.parent)
        write_together(self.changes)


def id_from_name(path: Path) -> str:
    """report_2021.pdf proposes report-2021; a name that does not spell an id is refused."""
    stem = path.stem
    proposal = re.sub(r"[\s_.]+", "-", stem.lower()).strip("-")
    if not ID.match(proposal):
        raise UsageError(f"cannot propose a source id from the file name {one_line(path.name)!r}; give one "
                         "with --id (lower-case letters, digits and -, e.g. urumqi-gwr-2025)")
    return proposal


def _curated(targets: Path):
    from xjtrack.curated.files import data_files
    from xjtrack.curated.loader import read_files

    if not targets.exists():
        raise XjtrackError(f"no targets file here ({targets}); run xjtrack in the folder that holds "
                           "targets.yaml, or pass --targets PATH")
    reader = read_files(targets, data_files(targets))
    if reader.problems:
        raise DataError(reader.problems)
    return reader


def _refuse_taken(reader, source_id: str, file: str) -> None:
    for item in reader.items["sources"]:
        where = f"{item.doc.file}:{item.doc.place(item.path)[0]}"
        if item.model.id == source_id:
            raise XjtrackError(f"the source id {source_id!r} is already used ({where}); choose another with --id")
        if item.model.file == file:
            raise XjtrackError(f"{file} is already the file of source {item.model.id!r} ({where}); choose "
                               "another id with --id")


def _leftover(path: Path, text: bytes) -> bytes | None:
    """None when path is free; its bytes when it holds exactly this text with no source entry naming
    it (an add-source stopped between its writes left it: the retry takes it over); else refused."""
    if not (path.exists() or path.is_symlink()):
        return None
    if not path.is_symlink() and path.is_file() and path.read_bytes() == text:
        return text
    raise XjtrackError(f"{path} already exists; add-source never overwrites an archived text: "
                       "choose another id with --id, or move the file away")


def _checked_options(given: dict[str, str | None], places: list[Place]) -> None:
    for name, value in given.items():
        if value is not None and (not value.strip() or UNSAFE.search(value) or "\n" in value):
            raise UsageError(f"--{name.replace('_', '-')} must be one line of text without control characters")
    kind = given.get("kind")
    if kind and kind not in {k.value for k in SourceKind}:
        raise UsageError(f"no kind {kind!r}{did_you_mean(kind, list(SourceKind))}; kinds: {', '.join(SourceKind)}")
    jurisdiction = given.get("jurisdiction")
    if jurisdiction and jurisdiction not in {p.id for p in places}:
        known = [p.id for p in places]
        raise UsageError(f"no jurisdiction {jurisdiction!r}{did_you_mean(jurisdiction, known)}; "
                         f"jurisdictions: {', '.join(known)}")
    if given.get("date"):
        from xjtrack.core.periods import DocDate

        try:
            DocDate.parse(given["date"])
        except ValueError as exc:
            raise UsageError(f"--date: {exc}") from None


def _utf8(path: Path) -> tuple[str, bytes]:
    from xjtrack.curated.files import FileRefused, read

    try:
        found = read(path)
    except FileRefused as exc:
        raise XjtrackError(str(exc)) from None
    return found.text, found.text.encode("utf-8")


def settle(text: str, given: dict[str, str | None], places: list[Place], name: str, ask=None) -> Proposal:
    """The entry's fields: given, proposed, or (with ask, on a terminal) answered field by field,
    each question offering what the document proposes. Without ask, anything that cannot be
    proposed is refused in one message that lists it all."""
    if ask is None:
        proposal = propose(text, given, places)
        if proposal.missing:
            raise proposal.refusal(name)
        return proposal
    answers = {k: v for k, v in given.items() if v}
    confirmed: list[str] = []
    for field in PROPOSABLE:
        if answers.get(field):
            continue
        proposal = propose(text, answers, places)
        kind = answers.get("kind")
        if field == "issuer" and kind in SECONDARY or field in ("publisher", "reports_on") and kind not in SECONDARY:
            continue
        offered, note = proposal.fields.get(field), proposal.why.get(field, "")
        while True:
            value = ask(field, offered or "", note).strip()
            if not value and (field == "reports_on" or field == "title_en" and kind in SECONDARY):
                break
            try:
                _checked_options({field: value}, places)
            except UsageError as exc:
                note = str(exc)
                continue
            if value:
                break
            note = "this field is needed"
        if value:
            answers[field] = value
            confirmed.append(field)
    final = propose(text, answers, places)
    if final.missing:
        raise final.refusal(name)
    final.proposed = []  # every field was shown and confirmed or changed
    return final


def prepare(file: Path, targets: Path, source_id: str | None, given: dict[str, str | None], ask=None) -> Addition:
    if source_id is not None and not ID.match(source_id):
        shown = one_line(source_id) if len(source_id) <= 40 else one_line(source_id[:40]) + "…"
        raise UsageError(f"--id {shown!r} is not an id: use up to 80 lower-case letters, digits and -, "
                         "starting with a letter or digit (e.g. urumqi-gwr-2025)")
    received_as(file)
    source_id = source_id or id_from_name(file)
    root = targets.parent
    from xjtrack.files import check_place

    for place in (targets, root / SOURCES / f"{source_id}.txt", root / MANIFEST):
        check_place(place, targets, curated=True)
    reader = _curated(targets)
    places = [Place(i.model.id, i.model.name_zh, i.model.name_en) for i in reader.items["jurisdictions"]]
    archived = f"{SOURCES}/{source_id}.txt"
    _refuse_taken(reader, source_id, archived)
    _checked_options(given, places)
    document = read_document(file)
    text = document.extracted.text
    archived_was = _leftover(root / archived, text.encode("utf-8"))
    proposal = settle(text, given, places, one_line(file.name), ask)
    fields, proposed = proposal.fields, proposal.proposed
    fields = {"id": source_id, **fields, "file": archived}
    if proposed:
        fields["notes"] = (f"Proposed by xjtrack add-source from the document, for a curator to "
                           f"confirm ({', '.join(proposed)}).")
        if proposal.why:
            fields["notes"] += " Read as: " + "; ".join(f"{k}, {v}" for k, v in proposal.why.items()) + "."
    _valid(fields)
    targets_text, targets_was = _utf8(targets)
    manifest_path = root / MANIFEST
    manifest_text, manifest_was = _utf8(manifest_path) if manifest_path.exists() else (None, None)
    row = Row(f"{source_id}.txt", document.name, document.sha256, hashlib.sha256(text.encode("utf-8")).hexdigest(),
              document.extracted.extractor, document.extracted.removed)
    changes = [
        Change(root / archived, text.encode("utf-8"), archived_was),
        Change(manifest_path, add_row(manifest_text, row, MANIFEST).encode("utf-8"), manifest_was),
        Change(targets, append_source(targets_text, fields, targets.name).encode("utf-8"), targets_was),
    ]
    return Addition(source_id, document, fields, proposed, changes)


def _valid(fields: dict[str, str]) -> None:
    """The entry must pass the same model validate applies to every source."""
    from pydantic import ValidationError

    from xjtrack.curated.models import SourceIn

    try:
        SourceIn.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise UsageError(f"the source entry would not be valid: {'.'.join(map(str, error['loc']))}: "
                         f"{error['msg']}") from None
    kind = fields.get("kind")
    if kind in SECONDARY and fields.get("issuer"):
        raise UsageError(f"a {kind} source has a publisher, not an issuer: give --publisher, not --issuer")
    if kind not in SECONDARY and (fields.get("publisher") or fields.get("reports_on")):
        raise UsageError(f"--publisher and --reports-on are for news and analysis, not a {kind}")
