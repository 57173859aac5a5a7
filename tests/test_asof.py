"""--as-of is read strictly: every accepted form, and every form refused rather than guessed."""

from datetime import date

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.core.asof import BadDate, parse_as_of


@pytest.mark.parametrize("text, day", [
    ("2021", date(2021, 12, 31)),
    ("2021-02", date(2021, 2, 28)),
    ("2021-02-01", date(2021, 2, 1)),
    ("2021-2-1", date(2021, 2, 1)),
    ("2021年", date(2021, 12, 31)),
    ("2021年2月", date(2021, 2, 28)),
    ("2021年2月1日", date(2021, 2, 1)),
    ("Feb 2021", date(2021, 2, 28)),
    ("February 2021", date(2021, 2, 28)),
    ("1 February 2021", date(2021, 2, 1)),
    ("February 1, 2021", date(2021, 2, 1)),
    ("2024-02", date(2024, 2, 29)),
])
def test_accepted_forms_keep_their_precision(text, day):
    assert parse_as_of(text) == day


@pytest.mark.parametrize("text, words", [
    ("2021-13-01", "there is no month 13"),
    ("2021-02-30", "day is out of range"),
    ("2021-00", "there is no month 0"),
    ("01/02/2021", "could mean more than one date"),
    ("1.2.2021", "could mean more than one date"),
    ("02-01-2021", "could mean more than one date"),
    ("Feb 30 2021", "cannot read the date"),
    ("next tuesday", "cannot read the date"),
    ("Feb March 2021", "cannot read the date"),
    ("2021年13月", "there is no month 13"),
])
def test_refused_forms_name_the_accepted_ones(text, words):
    with pytest.raises(BadDate, match=words) as info:
        parse_as_of(text)
    assert "2021-02-01" in str(info.value)


@pytest.mark.parametrize("text", ["2021-13-01", "01/02/2021"])
def test_a_bad_as_of_is_a_usage_error(mini, text):
    result = CliRunner().invoke(app, ["status", "--as-of", text, "--targets", str(mini)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: --as-of: ") and result.stdout == ""
