"""A new source's entry proposed from the document's own header, to the precision it gives.

A work report opens with its title (政府工作报告), the day and the meeting it was delivered at
("——2021年2月1日在新疆维吾尔自治区第十三届人民代表大会第四次会议上") and who delivered it
("自治区主席 …", "市长 …"). From these xjtrack proposes the title, the date (a day, a month or
a year, as written), the issuer, the jurisdiction and the kind; the curator confirms them. A
field the header does not settle, and the command line does not give, is refused, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xjtrack.core.periods import plan_number
from xjtrack.core.vocab import SourceKind
from xjtrack.errors import UsageError

HEADER_LINES = 15  # a document's header is within its first lines, before the speech or body begins
_DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]")
_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?![\d日号])")
_MEETING = re.compile(r"在(.{4,60}?会议)上")
_ROLE = re.compile(r"^(\S{0,12}?(?:代理|代)?(?:主席|市长|州长|县长|区长|省长|盟长|旗长|专员))[·•\u4e00-\u9fff]{2,12}$")
_TITLE = re.compile(r"^\S{0,40}(政府工作报告|规划纲要|五年规划|统计公报)$")
_TITLE_START = re.compile(r"^[\u4e00-\u9fff\d]{2,30}$")
_YEAR_IN_TITLE = re.compile(r"(\d{4})年")
PROPOSABLE = ("jurisdiction", "kind", "title_zh", "title_en", "issuer", "date")


@dataclass(frozen=True)
class Place:
    id: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Header:
    """What the document's first lines say, whitespace removed (PDF lines break anywhere)."""

    lines: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Header:
        lines = []
        for line in text.splitlines():
            squeezed = "".join(line.split()).strip("*#_")  # a converted document's markdown emphasis
            if squeezed:
                lines.append(squeezed)
            if squeezed.endswith(("：", ":")) or len(lines) >= HEADER_LINES:
                break
        return cls(tuple(lines))

    @property
    def joined(self) -> str:
        return "".join(self.lines)

    def title(self) -> str | None:
        """The first line that reads as a title, with the line before it when that is the title's
        first half (words only, as in 新疆维吾尔自治区国民经济和社会发展 / 第十三个五年规划纲要)."""
        for at, line in enumerate(self.lines):
            before = self.lines[at - 1] if at else ""
            if _TITLE.match(line):
                joined = before + line
                return joined if _TITLE_START.match(before) and _TITLE.match(joined) else line
        return None

    def meeting(self) -> str | None:
        found = _MEETING.search(self.joined)
        return found.group(1) if found else None

    def role(self) -> str | None:
        return next((m.group(1) for m in map(_ROLE.match, self.lines) if m), None)

    def date(self) -> str | None:
        """The first date written to the day or the month in the header, or the title's year."""
        for pattern in (_DAY, _MONTH):
            found = pattern.search(self.joined)
            if found:
                return _iso(*(int(g) for g in found.groups()))
        title = self.title() or ""
        year = _YEAR_IN_TITLE.search(title)
        return year.group(1) if year else None


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    from xjtrack.core.periods import DocDate

    try:
        return str(DocDate.parse(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")))
    except ValueError:
        return None


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _place(header: Header, places: list[Place]) -> Place | None:
    """The jurisdiction the meeting's (or else the title's) words name, when they name one only."""
    for words in (header.meeting(), header.title()):
        if not words:
            continue
        named = [p for p in places if p.name_zh in words]
        congress = [p for p in named if f"{p.name_zh}第" in words]
        for found in (named, congress):
            if len(found) == 1:
                return found[0]
    return None


def _kind(header: Header) -> SourceKind | None:
    """A plan, a work report or a statistical bulletin, as its title says; untitled, a speech by
    the head of government to a people's congress is its work report."""
    title = header.title()
    if title:
        if title.endswith("政府工作报告"):
            return SourceKind.work_report
        if "统计公报" in title:
            return SourceKind.bulletin
        return SourceKind.plan if "规划" in title else None
    meeting = header.meeting() or ""
    return SourceKind.work_report if "人民代表大会" in meeting and header.role() else None


def _title_zh(title: str | None, kind: SourceKind, place: Place, date: str | None) -> str | None:
    if title and (kind is not SourceKind.work_report or _YEAR_IN_TITLE.search(title)):
        return title
    if kind is SourceKind.work_report and date:
        return f"{place.name_zh}{date[:4]}年政府工作报告"
    return None


def _title_en(title_zh: str, kind: SourceKind, place: Place, date: str | None) -> str | None:
    if kind is SourceKind.work_report:
        year = _YEAR_IN_TITLE.search(title_zh)
        year = year.group(1) if year else (date or "")[:4]
        return f"{place.name_en} Government Work Report {year}" if year else None
    if kind is SourceKind.bulletin:
        year = _YEAR_IN_TITLE.search(title_zh)
        return f"{place.name_en} Statistical Bulletin on Economic and Social Development {year.group(1)}" if year else None
    number = plan_number(title_zh)
    if number is None:
        return None
    if "国民经济和社会发展" in title_zh and title_zh.endswith("纲要"):
        return (f"Outline of the {ordinal(number)} Five-Year Plan for the Economic and Social "
                f"Development of {place.name_en}")
    return f"{place.name_en} {ordinal(number)} Five-Year Plan"


def _issuer(header: Header, place: Place, kind: SourceKind) -> str:
    if kind is SourceKind.bulletin:
        return f"{place.name_zh}统计局"  # the statistics bureau publishes the bulletin
    government = f"{place.name_zh}人民政府"
    said = [part for part in (header.role(), header.meeting()) if part]
    return f"{government}（{'，'.join(said)}）" if said else government


def _needed(field: str, option: str, why: str) -> UsageError:
    return UsageError(f"the {field} cannot be proposed from the document's header ({why}); give it with {option}")


def propose(text: str, given: dict[str, str | None], places: list[Place]) -> tuple[dict[str, str], list[str]]:
    """The source's fields (given ones kept as given) and the names of those that were proposed."""
    header = Header.of(text)
    title = header.title()
    fields = {k: v for k, v in given.items() if v}
    if "jurisdiction" not in fields:
        found = _place(header, places)
        if found is None:
            raise _needed("jurisdiction", "--jurisdiction", "no meeting or title names exactly one of "
                          + ", ".join(p.id for p in places))
        fields["jurisdiction"] = found.id
    place = next(p for p in places if p.id == fields["jurisdiction"])
    if "kind" not in fields:
        kind = _kind(header)
        if kind is None:
            raise _needed("kind", "--kind plan, work_report or bulletin", "its title says none of 政府工作报告, "
                          "规划 or 统计公报, and it is not a speech to a people's congress")
        fields["kind"] = kind.value
    kind = SourceKind(fields["kind"])
    if "date" not in fields:
        date = header.date()
        if date is None:
            raise _needed("date", "--date (e.g. 2021-02-01, 2021-02 or 2021)", "it gives no date and its title no year")
        fields["date"] = date
    if "title_zh" not in fields:
        title_zh = _title_zh(title, kind, place, fields["date"])
        if title_zh is None:
            raise _needed("Chinese title", "--title-zh", "no line of it reads as a title")
        fields["title_zh"] = title_zh
    if "title_en" not in fields:
        title_en = _title_en(fields["title_zh"], kind, place, fields["date"])
        if title_en is None:
            raise _needed("English title", "--title-en", "it is not a work report, a numbered Five-Year Plan "
                          "or a bulletin whose title gives its year")
        fields["title_en"] = title_en
    if "issuer" not in fields:
        fields["issuer"] = _issuer(header, place, kind)
    proposed = [name for name in PROPOSABLE if not given.get(name)]
    return fields, proposed
