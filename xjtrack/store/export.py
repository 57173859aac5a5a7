"""Writing every table and the status view to CSV or JSON files, for spreadsheets."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from xjtrack.store.database import connect_readonly


def exportable(conn) -> list[str]:
    """The data tables and views; not the full-text index's internal tables."""
    rows = conn.execute("select name from sqlite_master where type in ('table', 'view') "
                        "and name not like 'source_lines_fts%' and name not like 'sqlite_%' "
                        "order by name").fetchall()
    return [r[0] for r in rows]


def export(db_path: Path, folder: Path, fmt: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with connect_readonly(db_path) as conn:
        for name in exportable(conn):
            cursor = conn.execute(f'select * from "{name}"')
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            path = folder / f"{name}.{fmt}"
            if fmt == "csv":
                with path.open("w", encoding="utf-8", newline="") as out:
                    writer = csv.writer(out)
                    writer.writerow(columns)
                    writer.writerows(rows)
            else:
                records = [dict(zip(columns, row, strict=True)) for row in rows]
                path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    return written
