"""`xjtrack site`: a static website of the verdicts, in English and Chinese, that a reporter can link to.

The pipeline reads as its stages: read everything once (store.siteview), render each page
(pages.Site: Jinja2 with autoescape, and the target pages from pieces escaped by markupsafe in
assemble.py), write the folder whole (write.write_site).
"""

from __future__ import annotations

from pathlib import Path


def build_site(conn, root: Path, out: Path, base_url: str = "") -> int:
    """Write the site for the database conn (of the project at root) into out; the number of files."""
    from xjtrack.output.site.pages import Site
    from xjtrack.output.site.write import write_site
    from xjtrack.store.siteview import read

    return write_site(Site(read(conn, root), base_url).parts(), out)
