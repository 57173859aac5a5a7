"""The status contract is StatusRow's fields: the target_status view's columns, the keys of
`status --format json`, the CSV header, the README's key list and schema/status.schema.json all
follow it, in its order."""

import csv
import io
import json
import re
import sqlite3
from dataclasses import fields

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.store.status import StatusRow, json_schema

KEYS = [f.name for f in fields(StatusRow)]
SCHEMA = ROOT / "schema" / "status.schema.json"
runner = CliRunner()


def status(db, fmt):
    result = runner.invoke(app, ["status", "--format", fmt, "--targets", str(ROOT / "targets.yaml"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_view_has_the_contracts_columns(shipped_db):
    conn = sqlite3.connect(f"{shipped_db.as_uri()}?mode=ro", uri=True)
    try:
        columns = [d[0] for d in conn.execute("select * from target_status limit 0").description]
    finally:
        conn.close()
    assert columns == KEYS


@pytest.fixture(scope="module")
def rows(shipped_db):
    return json.loads(status(shipped_db, "json"))


def test_the_json_has_the_contracts_keys_and_types(rows):
    assert len(rows) > 100 and all(list(r) == KEYS for r in rows)
    jsonschema.validate(rows, json_schema())
    statuses = {r["status"] for r in rows}
    assert {"met", "missed", "partial"} <= statuses


def test_the_schema_catches_a_row_off_the_contract(rows):
    row = rows[0]
    for broken in ({**row, "status": "nearly"}, {**row, "silent": 0}, {k: v for k, v in row.items() if k != "as_of"},
                   {**row, "extra": 1}, {**row, "flags": "a;b"}):
        try:
            jsonschema.validate([broken], json_schema())
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"the schema let through {broken}")


def test_the_csv_header_is_the_contract(shipped_db):
    reader = csv.reader(io.StringIO(status(shipped_db, "csv")))
    assert next(reader) == KEYS


def test_the_committed_schema_is_the_contracts():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json_schema(), "schema/status.schema.json is stale: python -m xjtrack.store.status"


def test_the_readme_lists_the_contracts_keys_in_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("`status --format json` gives an array of objects with these keys, in this order:")
    text = readme[start: readme.index("`csv` has the same columns.", start)].split(":", 1)[1]
    while re.search(r"\([^()]*\)", text):
        text = re.sub(r"\([^()]*\)", "", text)  # what a key means, with its values, in brackets
    assert re.findall(r"`(\w+)`", text) == KEYS
    assert "schema/status.schema.json" in readme
