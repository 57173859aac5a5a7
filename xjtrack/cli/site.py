"""site: the verdicts as a static website, in English and Chinese, and a preview server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import DbOpt, TargetsOpt
from xjtrack.output.terminal import SlowProgress, say


@command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="The folder to write the site into "
                                         "(new, empty, or a site written before, which is replaced whole).")],
    base_url: Annotated[Optional[str], typer.Option("--base-url", metavar="URL", help="Where the site will be "
                        "published (https://…/), for the feed, canonical links and the cite line.")] = None,
    serve: Annotated[bool, typer.Option("--serve", help="Then serve it on 127.0.0.1 for a preview (Ctrl-C stops).")] = False,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port for --serve (0: any free one).")] = 8000,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Write a static website: a page per plan, target, indicator and document, the method, a feed and search."""
    from xjtrack.errors import UsageError
    from xjtrack.files import check_place
    from xjtrack.output.site import build_site
    from xjtrack.output.site.write import check_folder
    from xjtrack.store.project import Project

    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise UsageError(f"--base-url must start with https:// or http:// (got {base_url!r})")
    project = Project.locate(targets, db)
    check_place(output, project.targets)  # not through a link out of the repository, not into the data
    check_folder(output)
    project.fresh(say, SlowProgress("Building the database"))
    with project.reading() as conn:
        count = build_site(conn, project.root, output, base_url or "")
    say(f"Wrote {count} files to {output}")
    if serve:
        from xjtrack.output.site.write import serve as serving

        serving(output, port, say)
