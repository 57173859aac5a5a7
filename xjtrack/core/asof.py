"""Reading --as-of: a date to the precision the user wrote, taken at its last day."""

from __future__ import annotations

from datetime import date

from xjtrack.core.periods import DocDate
from xjtrack.errors import XjtrackError


def parse_as_of(text: str) -> date:
    """"2021" means the end of 2021, "2021-02" the end of February; never today's day-of-month."""
    try:
        return DocDate.parse(text).last_day()
    except ValueError:
        pass
    import dateparser

    found = dateparser.date.DateDataParser(languages=["en", "zh"]).get_date_data(text)
    if found is None or found.date_obj is None:
        raise XjtrackError(f"cannot read the date {text!r}; write it as 2021, 2021-02 or 2021-02-01")
    when = found.date_obj.date()
    precision = found.period or "day"
    if precision == "year":
        return DocDate(when.year).last_day()
    if precision == "month":
        return DocDate(when.year, when.month).last_day()
    return when
