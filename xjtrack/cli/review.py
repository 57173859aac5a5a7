"""review and add-observation: new entries into the curated data, with the verdicts they change.

Both judge the corpus in memory with and without the new entries, write nothing until the end,
then validate the whole corpus with them in place, write every changed file at once (or none),
and print the verdicts that change."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import TargetsOpt
from xjtrack.core.vocab import Measure
from xjtrack.output.terminal import say, write

KEYS = "[a]ccept  [s]kip  [e]dit  [k] accept this and every later {kind}  [q]uit (keep what is accepted)"


def _workspace(targets: Path | None):
    from xjtrack.ingest.accept import Workspace
    from xjtrack.store.project import Project

    project = Project.locate(targets, None)
    project.require()
    return Workspace(project.targets, project.data_files())


def _accept(session, entries) -> list:
    """Write the entries, or say every problem they would leave and that nothing was written."""
    from xjtrack.errors import DataError, XjtrackError
    from xjtrack.ingest.accept import display
    try:
        written, found = session.accept(entries)
    except DataError as exc:
        for problem in exc.problems:
            say(str(problem))
        raise XjtrackError(f"with the new entries the data would have {exc}; nothing was written (the "
                           "lines above are where the entries would go)") from None
    say("Wrote " + ", ".join(display(p, session.root) for p in written) + "; validate passes with the new entries.")
    return found


def _print_changes(found: list) -> None:
    from xjtrack.core.wording import english
    from xjtrack.safe import one_line

    changed = [c for c in found if c.before != c.after]
    refigured = [c for c in found if c.before == c.after]
    write("Verdicts that change:" if changed else "No verdict changes.")
    for c in changed:
        write(f"  {one_line(c.target)}: {c.before or '(new target)'} → {c.after} — {one_line(english(c.reason))}")
    if refigured:
        write("Decided now by another figure, with the same verdict:")
        for c in refigured:
            write(f"  {one_line(c.target)}: {c.after} — {one_line(english(c.reason))}")


def _context(session, entry) -> list[str]:
    """The quote's lines in the archived text, with one line either side."""
    from xjtrack.curated.quotes import SourceText
    from xjtrack.safe import one_line

    source = session.corpus.sources.get(str(entry.fields.get("source") or ""))
    if source is None:
        plan = session.corpus.plans.get(str(entry.fields.get("plan", "")))
        source = session.corpus.sources.get(plan.source) if plan else None
    text = session.corpus.texts.get(source.id) if source else None
    if not text:
        return ["  (the archived text is not at hand)"]
    lines, out = text.splitlines(), []
    for quote in entry.quotes:
        found = SourceText(text).locate(quote)
        if found is None:
            out.append(f"  quote not found in {source.file}: {one_line(quote)}")
            continue
        out.append(f"  {source.file}:{found.line}")
        for n in range(max(1, found.line - 1), min(len(lines), found.line + 1) + 1):
            out.append(f"  {'>' if n == found.line else ' '} {n:>5} | {one_line(lines[n - 1])[:160]}")
    return out


def _edit(entry) -> None:
    """The entry opened in $EDITOR as YAML; what is saved replaces its fields."""
    import os
    import shlex
    import subprocess
    import tempfile

    from xjtrack.curated.yamlstrict import load
    from xjtrack.errors import UsageError
    from xjtrack.ingest.datafile import entry_lines

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("set $EDITOR (or $VISUAL) to the editor to open entries in")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"entry-{entry.number}.yaml"
        path.write_text("\n".join(entry_lines(entry.fields, "- ", "  ")) + "\n", encoding="utf-8")
        subprocess.run([*shlex.split(editor), str(path)], check=False)
        doc, problems = load(path.name, path.read_text(encoding="utf-8"))
    data = doc.data
    if problems or not (isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict)):
        say("The edited entry is not one YAML entry (- key: value …); it is kept as it was.")
        return
    entry.fields = data[0]


def _walk(session, entries) -> list:
    from xjtrack.errors import DataError
    from xjtrack.safe import one_line

    accepted: list = []
    all_of: set[str] = set()
    already: set[tuple[str, str]] = set()  # the changes the entries accepted so far make
    for entry in entries:
        if entry.section in all_of:
            accepted.append(entry)
            continue
        while True:
            say(f"\n[{entry.number}/{len(entries)}] {one_line(entry.says())}"
                + (f"   ({one_line(entry.mark)})" if entry.mark else ""))
            for line in _context(session, entry):
                say(line)
            try:
                found = session.effect([*accepted, entry])
                mine = [c for c in found if (c.target, c.after) not in already and c.before != c.after]
                say("  Would change: " + ("; ".join(f"{c.target} {c.before or '(new)'} → {c.after}" for c in mine)
                                          if mine else "no verdict"))
                refused = False
            except DataError as exc:
                say(f"  validate would refuse it: {exc.problems[0] if exc.problems else exc}")
                refused = True
            key = typer.prompt(KEYS.format(kind=entry.kind), default="s", show_default=True, err=True).strip()
            if key == "e":
                _edit(entry)
                continue
            if key in ("a", "k") and refused:
                say("  It cannot be accepted as it is: edit it (e) or skip it (s).")
                continue
            break
        if key in ("a", "k"):
            accepted.append(entry)
            already = {(c.target, c.after) for c in session.effect(accepted)}
            if key == "k":
                all_of.add(entry.section)
        elif key == "q":
            break
    return accepted


def _chosen(entries, accept: list[str]) -> list:
    from xjtrack.errors import UsageError

    by = {str(e.number): e for e in entries} | {e.ident: e for e in entries}
    unknown = [a for a in accept if a not in by]
    if unknown:
        raise UsageError(f"no entry {', '.join(unknown)} in the draft; entries: "
                         + ", ".join(f"{e.number} ({e.ident})" for e in entries))
    picked = {id(by[a]) for a in accept}
    return [e for e in entries if id(e) in picked]


@command()
def review(
    source: Annotated[str, typer.Argument(help="The source whose draft to review (drafts/SOURCE.yaml, "
                                          "written by xjtrack extract).")],
    draft: Annotated[Optional[Path], typer.Option("--draft", help="The draft file [default: "
                                                  "drafts/SOURCE.yaml beside targets.yaml].")] = None,
    accept_all: Annotated[bool, typer.Option("--accept-all", help="Accept every entry, without asking.")] = False,
    accept: Annotated[Optional[list[str]], typer.Option("--accept", metavar="ID", help="Accept this entry (its "
                      "number in the draft, a target id or jurisdiction/indicator/measure/period); repeatable.")] = None,
    targets: TargetsOpt = None,
) -> None:
    """Walk a draft entry by entry, then write the accepted ones into the data and print the verdicts they change.

    Each entry is shown with its quote in the lines around it and the verdicts it would change.
    Keys: a accept, s skip, e edit in $EDITOR, k accept this and every later entry of its kind,
    q stop. Nothing is written until the end; then the whole corpus is validated with the
    accepted entries, the data files are changed (comments and order kept), and the verdict
    changes are printed. Without a terminal, pass --accept-all or --accept ID."""
    from xjtrack.cli.sources import on_a_terminal
    from xjtrack.curated.files import FileRefused, read
    from xjtrack.errors import UsageError, XjtrackError
    from xjtrack.ingest.accept import read_draft

    session = _workspace(targets)
    if source not in session.corpus.sources:
        from xjtrack.errors import did_you_mean

        raise UsageError(f"no source {source!r} in targets.yaml{did_you_mean(source, session.corpus.sources)}")
    path = draft or session.root / "drafts" / f"{source}.yaml"
    try:
        entries = read_draft(read(path).text, str(path))
    except FileRefused as exc:
        raise XjtrackError(f"no draft to review: {exc}; run xjtrack extract {source} first") from None
    if not entries:
        say(f"{path} holds no entries: nothing to review.")
        return
    if accept_all or accept:
        chosen = entries if accept_all else _chosen(entries, accept or [])
    elif on_a_terminal():
        chosen = _walk(session, entries)
    else:
        raise UsageError("review walks the draft on a terminal; without one, pass --accept-all or --accept ID "
                         "(entries: " + ", ".join(f"{e.number} ({e.ident})" for e in entries) + ")")
    if not chosen:
        say("No entry accepted; nothing was written.")
        return
    say(f"Accepting {len(chosen)} of {len(entries)} entries.")
    _print_changes(_accept(session, chosen))
    say(f"The draft is left as it was: xjtrack extract {source} --force drafts what is still missing.")


@command("add-observation")
def add_observation(
    indicator: Annotated[str, typer.Argument(help="The indicator id (data/indicators.yaml), e.g. gdp.")],
    jurisdiction: Annotated[str, typer.Argument(help="The jurisdiction id, e.g. xinjiang.")],
    period: Annotated[str, typer.Argument(help="The year or period the figure is for: 2024 or 2021-2025.")],
    value: Annotated[str, typer.Argument(help="The figure with its unit, as CURATING.md writes it: \"6.1%\", "
                                         "\"19125.91亿元\".")],
    measure: Annotated[Measure, typer.Option("--measure", help="What the figure measures.")],
    source: Annotated[str, typer.Option("--source", metavar="ID", help="The source id that reports it.")],
    quote: Annotated[str, typer.Option("--quote", metavar="TEXT", help="The source's words that give the figure, "
                                       "verbatim.")],
    as_written: Annotated[str, typer.Option("--as-written", metavar="TEXT", help="How the quote writes the "
                                            "figure, where it differs from the value.")] = "",
    estimate: Annotated[bool, typer.Option("--estimate", help="The document marks it 预计.")] = False,
    notes: Annotated[str, typer.Option("--notes", metavar="TEXT", help="A note for curators.")] = "",
    targets: TargetsOpt = None,
) -> None:
    """Add one figure from a document to the data, and print the verdicts it changes.

    The quote is checked against the archived text before anything is written, and the whole
    corpus is validated with the new entry in place."""
    from xjtrack.curated.quotes import SourceText
    from xjtrack.errors import UsageError, XjtrackError, did_you_mean
    from xjtrack.ingest.accept import Entry

    session = _workspace(targets)
    found = session.corpus.sources.get(source)
    if found is None:
        raise UsageError(f"no source {source!r} in targets.yaml{did_you_mean(source, session.corpus.sources)}")
    text = SourceText(session.corpus.texts.get(source, ""))
    if text.locate(quote) is None:
        raise XjtrackError(f"the quote is not in {found.file}: {text.near_miss(quote)}; nothing was written")
    fields = {"indicator": indicator, "jurisdiction": jurisdiction if jurisdiction != found.jurisdiction else "",
              "measure": measure.value, "period": period, "value": value, "source": source, "quote": quote,
              "estimate": "true" if estimate else "", "as_written": as_written, "notes": notes}
    if jurisdiction not in session.corpus.jurisdictions:
        raise UsageError(f"no jurisdiction {jurisdiction!r}{did_you_mean(jurisdiction, session.corpus.jurisdictions)}")
    _print_changes(_accept(session, [Entry(1, "observations", fields)]))
