"""validate and build: checking the curated data and baking it into the database."""

from __future__ import annotations

from typing import Annotated

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import DbOpt, ProblemFormat, TargetsOpt
from xjtrack.errors import DataError
from xjtrack.output.terminal import SlowProgress, say, write
from xjtrack.safe import one_line


def _annotation(kind: str, file: str, line: int, col: int, title: str, message: str) -> str:
    from xjtrack.safe import annotation, annotation_property

    return (f"::{kind} file={annotation_property(file)},line={line},col={col},"
            f"title={annotation_property(title)}::{annotation(message)}")


@command()
def validate(
    targets: TargetsOpt = None,
    format: Annotated[ProblemFormat, typer.Option("--format", help="text, or github for Actions annotations.")] = ProblemFormat.text,
) -> None:
    """Check the curated data: schema, references, unique ids, every quote and every figure in it."""
    from xjtrack.store.project import Project

    project = Project.locate(targets, None)
    try:
        tally = project.check()
    except DataError as exc:
        for p in exc.problems:
            write(_annotation("error", p.file, p.line, p.col, p.code, p.message)
                  if format is ProblemFormat.github else one_line(str(p)))
        say(f"Error: {exc}.")
        raise typer.Exit(1) from None
    revised, suspects = tally.notices()
    for key, vintages in revised:
        indicator, jurisdiction, measure, period = key
        history = " → ".join(f"{o.value.text} ({o.source}{', estimate' if o.estimate else ''})" for o in vintages)
        message = f"revised: {jurisdiction} {indicator} {measure.replace('_', ' ')} {period}: {history}"
        latest = vintages[-1]
        if format is ProblemFormat.github:
            write(_annotation("notice", latest.file, 1, 1, "revised", message))
        else:
            say(message)
    for message, file in suspects:
        if format is ProblemFormat.github:
            write(_annotation("warning", file, 1, 1, "implausible", message))
        else:
            say(f"warning: implausible: {message}")
    say(f"OK: {tally.sources} sources, {tally.plans} plans, {tally.indicators} "
        f"indicators, {tally.targets} targets, {tally.observations} observations "
        f"({len(revised)} revised between documents), {tally.statements} statements; all {tally.quotes} quotes "
        "found in their sources.")


@command()
def build(targets: TargetsOpt = None, db: DbOpt = None,
          full: Annotated[bool, typer.Option("--full", help="Build anew, even where only a few data "
                                              "files changed and an update would do.")] = False,
          jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, metavar="N",
                                            help="Read, check and judge a corpus that falls into parts in N "
                                            "worker processes; each needs its own memory. 1: this process "
                                            "alone. Default: 0, one a core (at most 4) on Linux, elsewhere this "
                                            "process alone.")] = 0) -> None:
    """Build the SQLite database from the curated data (atomically: all or nothing).

    When only data files without a registry changed, only their rows are rewritten."""
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    project.require()
    look = None if full else project.look()
    if look is not None and not look.changed:
        touched = look.touched
        if touched:
            project.restamp(touched)
        say(f"{project.db} is up to date with the data" + (f" ({len(touched)} file(s) touched but unchanged "
            "since the build: their size and time are recorded anew)." if touched else "."))
        return
    updated = project.update(look) if look is not None else None
    if updated is not None:
        along = (f", read with {updated.alongside} unchanged file(s) whose entries may claim the same figures"
                 if updated.alongside else "")
        say(f"Updated {project.db} from {len(updated.files)} changed file(s){along}: {updated.targets} targets "
            f"and {updated.observations} observations rewritten, {updated.judged} verdicts judged again.")
        return
    tally = project.build(progress=SlowProgress("Building the database"), jobs=jobs)
    say(f"Built {project.db}: {tally.targets} targets, {tally.observations} observations "
        f"from {tally.sources} sources.")
