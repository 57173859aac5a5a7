"""Reading --as-of strictly: a date to the precision the user wrote, taken at its last day.

Accepted (and listed in the README): 2021, 2021-02, 2021-02-01; 2021年, 2021年2月,
2021年2月1日; and English month names such as "Feb 2021", "1 February 2021", "February 1, 2021".
A date that could be read two ways (01/02/2021) or that does not exist (2021-13-01) is refused:
judging as of the wrong day would give wrong verdicts with no sign of it.
"""

from __future__ import annotations

import re
from datetime import date

from xjtrack.core.periods import DocDate

FORMS = "2021, 2021-02, 2021-02-01, 2021年2月1日, or Feb 2021"
_ISO_LIKE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
_CHINESE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?$")
_NUMERIC = re.compile(r"^[\d\s./\-]+$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_WORD = re.compile(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?(?=\s|,|$|\d)", re.IGNORECASE)


class BadDate(ValueError):
    """--as-of text that is not a date, or not only one date; the message lists the forms."""


def _strict(year: int, month: int | None, day: int | None, text: str) -> date:
    try:
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"there is no month {month}")
        return date(year, month, day) if day is not None else DocDate(year, month).last_day()
    except ValueError as exc:
        raise BadDate(f"{text!r} is not a date ({exc}); write it as {FORMS}") from None


def _english(text: str) -> date:
    """A date with an English month name, read by dateparser and checked part by part."""
    words = _MONTH_WORD.findall(text)
    years = re.findall(r"\b\d{4}\b", text)
    numbers = [n for n in re.findall(r"\d+", text) if len(n) < 3]
    if len(words) != 1 or len(years) != 1 or len(numbers) > 1:
        raise BadDate(f"cannot read the date {text!r}; write it as {FORMS}")
    month = _MONTHS.index(words[0][:3].lower()) + 1
    year = int(years[0])
    day = int(numbers[0]) if numbers else None
    import dateparser

    found = dateparser.date.DateDataParser(languages=["en"], settings={
        "REQUIRE_PARTS": ["year", "month"], "PREFER_DAY_OF_MONTH": "last"}).get_date_data(text)
    if found is None or found.date_obj is None:
        raise BadDate(f"cannot read the date {text!r}; write it as {FORMS}")
    read = found.date_obj.date()
    if (read.year, read.month) != (year, month) or day is not None and read.day != day:
        raise BadDate(f"{text!r} does not read as one date; write it as {FORMS}")
    return _strict(year, month, day, text)


def parse_as_of(text: str) -> date:
    """"2021" means the end of 2021, "2021-02" the end of February; never today's day-of-month."""
    text = text.strip()
    if _ISO_LIKE.match(text):
        parts = [int(p) for p in text.split("-")]
        return _strict(parts[0], *(parts[1:] + [None, None])[:2], text)
    chinese = _CHINESE.match(text)
    if chinese:
        year, month, day = (int(g) if g else None for g in chinese.groups())
        return _strict(year, month, day, text)
    if _NUMERIC.match(text):
        raise BadDate(f"{text!r} could mean more than one date (day and month order); write it "
                      f"as {FORMS}")
    return _english(text)
