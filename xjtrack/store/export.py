"""Writing every table and the status view to CSV or JSON files, for spreadsheets."""

from __future__ import annotations

from pathlib import Path

from xjtrack.output.files import make_folder, replacing
from xjtrack.output.render import csv_lines, json_lines
from xjtrack.store.read import connect_readonly


def exportable(conn) -> list[str]:
    """The data tables and views; not the full-text index's internal tables."""
    rows = conn.execute("select name from sqlite_master where type in ('table', 'view') "
                        "and name not like 'source_lines_fts%' and name not like 'sqlite_%' "
                        "order by name").fetchall()
    return [r[0] for r in rows]


def export(db_path: Path, folder: Path, fmt: str, excel: bool = False) -> list[Path]:
    """One file per table and view, each written atomically; rows are streamed, not held."""
    make_folder(folder)
    written = []
    with connect_readonly(db_path) as conn:
        for name in exportable(conn):
            cursor = conn.execute(f'select * from "{name}"')
            columns = [d[0] for d in cursor.description]
            path = folder / f"{name}.{fmt}"
            lines = csv_lines(columns, cursor, excel) if fmt == "csv" else json_lines(columns, cursor)
            with replacing(path) as temp, temp.open("w", encoding="utf-8", newline="") as out:
                for line in lines:
                    out.write(line + "\n")
            written.append(path)
    return written
