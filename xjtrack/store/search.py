"""Full-text search over the archived documents, Chinese included (no spaces between words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from xjtrack.errors import UsageError, XjtrackError
from xjtrack.store.build import LINES_INDEX, cjk_tokens
from xjtrack.store.read import connect_readonly


@dataclass(frozen=True)
class Hit:
    source: str
    line: int
    text: str  # the whole line
    spans: tuple[tuple[int, int], ...]  # where the term stands in text

    def context(self, width: int = 40) -> tuple[str, list[tuple[int, int]]]:
        """The text around the first match, and the match spans within it."""
        start = max(0, self.spans[0][0] - width) if self.spans else 0
        end = min(len(self.text), (self.spans[0][1] if self.spans else 0) + width)
        snippet = self.text[start:end]
        spans = [(a - start, b - start) for a, b in self.spans if a >= start and b <= end]
        prefix = "…" if start else ""
        return prefix + snippet + ("…" if end < len(self.text) else ""), [
            (a + len(prefix), b + len(prefix)) for a, b in spans]


def pattern(term: str) -> re.Pattern:
    """The term with any whitespace allowed between its characters, as in PDF text."""
    chars = [c for c in term if not c.isspace()]
    return re.compile(r"\s*".join(map(re.escape, chars)), re.IGNORECASE)


# Above this many matching lines, the first lines of a limited search are found by walking the
# lines in order (the index on source and line) until enough of them match, rather than by
# fetching and sorting every match: with many matches the walk stops early, and it reads none of
# the lines' text it passes over (fetching 51,000 scattered lines took 5-7 s from a cold disk at
# 10^6 targets, the walk 0.07 s). Below it, fetching the few matches is cheaper than a walk that
# may have to pass over most of the lines to find them.
WALK_ABOVE = 2000


def search(db_path: Path, term: str, source: str | None = None, limit: int | None = None) -> tuple[list[Hit], int]:
    """The lines that mention term, by source and line: the first limit of them (every one when
    limit is None), and how many there are in all."""
    tokens = cjk_tokens(term)
    if not tokens.strip() or not re.search(r"\w", tokens):
        raise UsageError("give a word or characters to search for, e.g. xjtrack search 铁路")
    phrase = '"' + tokens.replace('"', '""') + '"'
    matching = "select rowid from source_lines_fts where source_lines_fts match ?"
    with connect_readonly(db_path) as conn:
        if source is None:
            total = conn.execute(f"select count(*) from ({matching})", (phrase,)).fetchone()[0]
            walk, params = limit is not None and total > WALK_ABOVE, [phrase]
            where = f"l.rowid in ({matching})"
        else:
            known = [r[0] for r in conn.execute("select id from sources order by id")]
            if source not in known:
                raise XjtrackError(f"no source {source!r}; sources: {', '.join(known)}")
            walk, params = True, [source, phrase]  # one source's lines are few: always walked
            where = f"l.source_id = ? and l.rowid in ({matching})"
        lines = f"from source_lines l {'indexed by ' + LINES_INDEX if walk else ''} where {where}"
        if source is not None:
            total = conn.execute(f"select count(*) {lines}", params).fetchone()[0]
        cut = "" if limit is None else f" limit {int(limit)}"
        rows = conn.execute(f"select l.source_id, l.line, l.text {lines} order by l.source_id, l.line{cut}",
                            params).fetchall()
    found = pattern(term)
    return [Hit(r[0], r[1], r[2], tuple(m.span() for m in found.finditer(r[2]))) for r in rows], total
