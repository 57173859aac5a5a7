"""A datasette plugin for xjtrack's database: each target's id links to its page on the published
site (xjtrack site), when the site's address is configured.

The metadata names the address as {"$env": "XJTRACK_SITE_URL"}, so it is set where datasette runs:
XJTRACK_SITE_URL=https://example.org/xjtrack/ datasette db/xjtrack.db -m datasette/metadata.json
--plugins-dir datasette/plugins. Without it, ids are shown as plain text.
"""

import re

from datasette import hookimpl
from markupsafe import Markup, escape

TARGET_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$")
COLUMNS = {("target_status", "id"), ("targets", "id"), ("verdicts", "target")}


@hookimpl
def render_cell(value, column, table, datasette):
    if (table, column) not in COLUMNS or not isinstance(value, str) or not TARGET_ID.match(value):
        return None
    url = (datasette.plugin_config("xjtrack-site") or {}).get("url")
    if not url or not str(url).startswith(("https://", "http://")):
        return None
    return Markup('<a href="{}">{}</a>').format(f"{str(url).rstrip('/')}/t/{value}.html", escape(value))
