"""Everything `xjtrack site` shows, read from the database in one pass.

The site's pages are written from this one value: the status rows (the target_status view), the
records, each document's lines, and each target's timeline. Counts per plan are taken here too,
so that the site counts what the rest of xjtrack counts, from one place.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from xjtrack.core.records import Corpus, Verdict
from xjtrack.core.vocab import Status

SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Moment:
    """A target's verdict as one document that bears on it arrived."""

    date: str
    source: str
    status: str


@dataclass
class SiteData:
    as_of: date
    rows: list[dict]  # the target_status view, in the view's order
    corpus: Corpus
    verdicts: dict[str, Verdict]
    lines: dict[str, list[tuple[int, str]]]  # source -> its non-blank lines (number, text)
    manifest: dict[str, dict[str, str]] = field(default_factory=dict)  # source -> its manifest row
    texts: dict[str, str] = field(default_factory=dict)  # README.md and CURATING.md, where present
    held: dict[str, list] = field(default_factory=dict)  # target -> its stored verdicts over time

    @cached_property
    def timelines(self) -> dict[str, list[Moment]]:
        """Each target's timeline, worked out when first asked for: only the target pages and the
        feed need them, and they are written in a process of their own."""
        return timelines(self.corpus, self.as_of, self.held)

    def row(self, target_id: str) -> dict:
        return self._rows[target_id]

    def __post_init__(self) -> None:
        self._rows = {r["id"]: r for r in self.rows}


def plan_counts(rows: list[dict]) -> Counter:
    """Promises per status, as every count of xjtrack gives them: a plan row stated in several
    forms (a level and its change) is one promise, with the verdict of the form that decides."""
    from xjtrack.core.promises import promises

    return Counter(p.status for p in promises(rows))


STATUS_ORDER = {s.value: n for n, s in enumerate(Status)}


def read(conn: sqlite3.Connection, root: Path) -> SiteData:
    """The whole site's data: rows, records, lines, timelines, the manifest and the method's texts."""
    from xjtrack.store import history
    from xjtrack.store.read import read_corpus, records
    from xjtrack.store.schema import VERDICTS
    from xjtrack.store.status import stored_rows

    meta = dict(conn.execute("select key, value from meta"))
    corpus = read_corpus(conn)
    verdicts = {v.target: v for v in records(conn, VERDICTS)}
    lines: dict[str, list[tuple[int, str]]] = {}
    for source, number, text in conn.execute("select source_id, line, text from source_lines "
                                             "order by source_id, line"):
        lines.setdefault(source, []).append((number, text))
    data = SiteData(date.fromisoformat(meta["as_of"]), stored_rows(conn), corpus, verdicts, lines)
    data.held = history.every_status(conn)
    data.manifest = manifest_rows(root / "sources" / "MANIFEST.md", corpus)
    for name in ("README.md", "CURATING.md"):
        path = root / name
        if path.is_file():
            data.texts[name] = path.read_text(encoding="utf-8", errors="replace")
    check_ids(data)
    return data


def check_ids(data: SiteData) -> None:
    """Every id that names a page must be a safe path segment; a database built by xjtrack's
    checks holds only such ids, so another is a tampered file, refused before anything is written."""
    from xjtrack.errors import XjtrackError

    c = data.corpus
    aliases = [a for t in c.targets.values() for a in t.aliases]
    for kind, ids in (("target", c.targets), ("plan", c.plans), ("indicator", c.indicators),
                      ("document", c.sources), ("jurisdiction", c.jurisdictions), ("former target", aliases)):
        for ident in ids:
            if not SAFE_ID.match(ident) or ".." in ident:
                raise XjtrackError(f"the database holds a {kind} id that cannot name a web page "
                                   f"({ident!r}); rebuild it with xjtrack build")


def timelines(corpus: Corpus, as_of: date, held: dict[str, list]) -> dict[str, list[Moment]]:
    """Every target's timeline as `show` gives it (store.history.timeline), the documents of
    each series found once for the whole corpus."""
    from xjtrack.core.evaluate import Index
    from xjtrack.core.lineage import judge
    from xjtrack.store.history import timeline

    index = Index(corpus)
    sources_on: dict[tuple[str, str], set[str]] = {}
    for (indicator, place), found in index.by_series.items():
        sources_on[(indicator, place)] = {o.source for o in found}
    successors: dict[str, set[str]] = {}
    for i in corpus.indicators.values():
        if i.replaces:
            successors.setdefault(i.replaces, set()).add(i.id)
    out: dict[str, list[Moment]] = {}
    for target in corpus.targets.values():
        series: set[str] = set()
        own = corpus.indicators.get(target.indicator)
        if own is not None:
            for indicator in {own.id, *(p.indicator for p in own.proxies), *successors.get(own.id, ())}:
                series |= sources_on.get((indicator, target.jurisdiction), set())
        out[target.id] = [Moment(*m) for m in timeline(target, series, corpus.sources, held.get(target.id, []), as_of,
                                                       lambda day, t=target: judge(t, index, day).status)]
    return out


def manifest_rows(path: Path, corpus: Corpus) -> dict[str, dict[str, str]]:
    """Each document's row of sources/MANIFEST.md, by source id, its cells as plain text."""
    if not path.is_file():
        return {}
    by_file = {Path(s.file).name: s.id for s in corpus.sources.values()}
    header: list[str] = []
    out: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split(" | ")]
        if not header:
            header = cells
        elif cells and cells[0] in by_file and len(cells) == len(header):
            out[by_file[cells[0]]] = dict(zip(header, cells, strict=True))
    return out
