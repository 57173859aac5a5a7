"""Years, periods and document dates that keep the precision they were written with."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
EARLIEST, LATEST = 1900, 2200  # the years a plan or a report can be about
_DOCDATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True, slots=True)
class Period:
    start: int
    end: int

    @classmethod
    @lru_cache(maxsize=4096)  # one object per period written: a corpus repeats a few hundred
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise ValueError(f"expected a year like 2020 or a period like 2016-2020, got {text!r}")
        start = int(match.group(1))
        end = int(match.group(2) or start)
        if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
            raise ValueError(f"{text!r} is not a year a plan or report covers ({EARLIEST}-{LATEST})")
        if end < start:
            raise ValueError(f"the period {text!r} ends before it starts")
        return cls(start, end)

    @property
    def years(self) -> int:
        return self.end - self.start + 1

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


@dataclass(frozen=True, order=True, slots=True)
class DocDate:
    """A date known to a year, a month or a day. Missing parts are never invented."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    @lru_cache(maxsize=4096)  # one object per date written
    def parse(cls, text: str) -> DocDate:
        match = _DOCDATE.match(text.strip())
        if not match:
            raise ValueError(f"expected a date like 2016, 2016-05 or 2016-05-20, got {text!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        if not EARLIEST <= year <= LATEST:
            raise ValueError(f"{text!r} is not a date a document has ({EARLIEST}-{LATEST})")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} is not a date: it has no month {month}")
        if day is not None:
            try:
                date(year, month, day)
            except ValueError as exc:
                raise ValueError(f"{text!r} is not a date: {exc}") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def last_day(self) -> date:
        """The latest day the date could stand for: what --as-of compares against."""
        return _last_day(self.year, self.month, self.day)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@lru_cache(maxsize=16384)  # judging asks for a document's last day at every figure and day it weighs
def _last_day(year: int, month: int | None, day: int | None) -> date:
    if day:
        return date(year, month, day)
    month = month or 12
    return date(year, month, calendar.monthrange(year, month)[1])


_PLAN_NUMBER = re.compile(r"第([一二三四五六七八九十]{1,3})个五年规划")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def plan_number(title: str) -> int | None:
    """十四 in 第十四个五年规划 as 14."""
    found = _PLAN_NUMBER.search(title)
    if not found:
        return None
    words = found.group(1)
    if words == "十":
        return 10
    tens, _, ones = words.rpartition("十")
    if "十" not in words:
        return _NUMERALS.get(words)
    return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)


def plan_years(number: int) -> Period:
    """The years of the numbered Five-Year Plan: the 13th is 2016-2020."""
    start = 1966 + 5 * (number - 3)  # the 3rd plan ran 1966-1970; they follow on since
    return Period(start, start + 4)
