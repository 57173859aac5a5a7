"""Reading the database back: a value the file holds that does not decode is the file's fault
(exit 1, rebuild it); a failure of xjtrack's own code is a bug (exit 3), never "damaged"."""

import sqlite3

from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.store import schema

runner = CliRunner()


def built(mini, tmp_path):
    db = tmp_path / "x.db"
    assert runner.invoke(app, ["build", "--targets", str(mini), "--db", str(db)]).exit_code == 0
    return db


def test_a_stored_value_that_does_not_decode_is_the_databases_fault(mini, tmp_path):
    db = built(mini, tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("update targets set flags = '[unclosed' where id = 'p13.gdp'")
    conn.close()
    result = runner.invoke(app, ["show", "p13.gdp", "--targets", str(mini), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "a row of targets cannot be read: targets.flags: JSONDecodeError" in result.stderr
    assert "rebuild it with xjtrack build" in result.stderr


def test_a_bug_while_reading_exits_3_not_damaged(mini, tmp_path, monkeypatch):
    db = built(mini, tmp_path)

    def broken(**values):
        raise TypeError("a record built wrongly")  # as a field renamed in code but not in a call

    monkeypatch.setattr(schema.TARGETS, "record", broken)
    result = runner.invoke(app, ["show", "p13.gdp", "--targets", str(mini), "--db", str(db)])
    assert result.exit_code == 3, result.output
    assert "Internal error" in result.stderr and "a record built wrongly" in result.stderr
    assert "damaged" not in result.stderr and "cannot be read" not in result.stderr
