"""extract: drafting the curated records of an archived document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import DbOpt, TargetsOpt
from xjtrack.output.terminal import say, write


def _source(corpus, wanted: str):
    from xjtrack.errors import UsageError, did_you_mean

    by_id = {s.lower(): s for s in corpus.sources}
    if wanted.lower() not in by_id:
        raise UsageError(f"no source {wanted!r} in targets.yaml{did_you_mean(wanted, corpus.sources)}; "
                         "xjtrack indicators --by-source lists them")
    return corpus.sources[by_id[wanted.lower()]]


def _destination(output: Optional[Path], targets: Path, source: str, force: bool) -> Path:
    """Where the draft goes: never through a link out of the repository, never into the curated
    data (a committed link named drafts cannot turn a draft into curated records)."""
    from xjtrack.errors import XjtrackError
    from xjtrack.files import check_destination, check_place, make_folder

    if output is None:
        check_place(targets.parent / "drafts", targets)
        make_folder(targets.parent / "drafts")
        output = targets.parent / "drafts" / f"{source}.yaml"
    check_place(output, targets)
    check_destination(output)
    if output.exists() and not force:
        raise XjtrackError(f"{output} exists; pass --force to replace it, or -o PATH to write elsewhere")
    return output


@command()
def extract(
    source: Annotated[str, typer.Argument(help="A source id from targets.yaml, e.g. xj-gwr-2024.")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="The draft file [default: drafts/SOURCE.yaml beside targets.yaml]; - for stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the draft file if it exists.")] = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Draft the observations and targets of an archived document that the curated data lacks."""
    from xjtrack.curated.files import FileRefused, inside, read
    from xjtrack.errors import XjtrackError
    from xjtrack.extract.draft import Note, draft, render
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    corpus = project.corpus(say)
    found = _source(corpus, source)
    try:
        text = read(inside(project.root, found.file)).text
    except FileRefused as exc:
        raise XjtrackError(f"cannot read the archived text of {found.id}: {exc}") from None
    result = draft(text, found, corpus)
    yaml_text = render(result)
    if output is not None and str(output) == "-":
        write(yaml_text)
        where = "stdout"
    else:
        from xjtrack.files import write_text

        path = _destination(output, project.targets, found.id, force)
        write_text(path, yaml_text)
        where = str(path)
    if not result.figures_read:
        say(f"warning: no figure was read from {found.file}: extract reads figures with a unit (6.1%, 3893亿元) "
            "in sentences and in 专栏 …主要指标 tables; is the text garbled or a scan?")
    say(f"Wrote {where}: {len(result.of('observation'))} observations and {len(result.of('target'))} targets "
        f"to review; {result.count(Note.curated)} figures already curated, {result.count(Note.conflict)} in conflict with a curated value, "
        f"{len(result.proposals)} names with no indicator (drafted with a proposed indicator).")
