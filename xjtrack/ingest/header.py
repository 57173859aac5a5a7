"""A new source's entry proposed from the document itself, to the precision it gives.

A work report opens with its title (政府工作报告), the day and the meeting it was delivered at
("——2021年2月1日在新疆维吾尔自治区第十三届人民代表大会第四次会议上") and who delivered it
("自治区主席 …", "市长 …"). A web page carries a date in its header ("发表于 2026-01-28",
"時間:2022-02-07", "01-23 20:02:40 来源:上游新闻") and names its publisher (来源). From these, and
from how often the text names each place (新疆/全区/自治区, 乌鲁木齐/全市/首府, 兵团/师市),
xjtrack proposes the title, the date (a day, a month or a year, as written), the issuer or
publisher, the jurisdiction and the kind; the curator confirms them. Every field that cannot
be proposed is listed at once (Proposal.missing), never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xjtrack.core.periods import plan_number
from xjtrack.core.vocab import SECONDARY, SourceKind
from xjtrack.errors import UsageError

HEADER_LINES = 15  # a document's header is within its first lines, before the speech or body begins
_DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MONTH_DAY_TIME = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})(?=\d{1,2}:\d{2})")  # 01-23 20:02:40 (spaces squeezed)
_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?![\d日号])")
_MEETING = re.compile(r"在(.{4,60}?会议)上")
_ROLE = re.compile(r"^(\S{0,12}?(?:代理|代)?(?:主席|市长|州长|县长|区长|省长|盟长|旗长|专员))[·•\u4e00-\u9fff]{2,12}$")
_TITLE = re.compile(r"^\S{0,40}(政府工作报告|规划纲要|五年规划|统计公报)$")
_TITLE_START = re.compile(r"^[\u4e00-\u9fff\d]{2,30}$")
_YEAR_IN_TITLE = re.compile(r"(\d{4})年")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?:年|-\d)")
_PUBLISHER = re.compile(r"(?:来源|來源|稿源)[:：]([^\s:：|/，,]{2,20}?)(?=$|作者|编辑|編輯|责任编辑|記者|记者|时间|時間|发布|\d|[|｜/])")
_NEWS_MARK = re.compile(r"来源[:：]|來源[:：]|发表于|發表於|记者|記者|责任编辑|責任編輯|编辑[:：]|新华社|客户端|时间[:：]|時間[:：]")
_ANALYSIS_MARK = re.compile(r"解读|解讀|读懂|讀懂|评论|評論|分析|观察|觀察|透视")
_REPORTED_TITLE = re.compile(r"《([^《》]{4,60})》|(\d{4}年[\u4e00-\u9fff]{0,16}?政府工作报告)")
_HEADLINE = re.compile(r"^[^\s。；;！!？?]{6,60}$")
PROPOSABLE = ("jurisdiction", "kind", "date", "title_zh", "title_en", "issuer", "publisher", "reports_on")
ALWAYS_ASKED = ("jurisdiction", "kind", "date", "title_zh", "title_en")
# Words a document uses for its own place, besides the place's name (the longest is counted first,
# so that 新疆生产建设兵团 is the 兵团's, not 新疆's). 全国 is left out: every document compares with it.
SHORT_NAMES = {"xinjiang": ("新疆维吾尔自治区", "新疆", "全区", "自治区", "全疆"),
               "urumqi": ("乌鲁木齐市", "乌鲁木齐", "全市", "首府"),
               "xpcc": ("新疆生产建设兵团", "兵团", "师市")}
COMMON_WORDS = {"全国"}
# The words a document uses only for its own place (a city's report speaks of 自治区 and 新疆, its
# region, as often as of itself, but of 全区 never): counted first.
SELF_WORDS = {"全区", "全疆", "全市", "首府", "师市"}
DOMINANT, AT_LEAST = 2, 3  # the place named most must be named twice as often as the next, and 3 times


@dataclass(frozen=True)
class Place:
    id: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Missing:
    """A field that could not be proposed: why, and the option that gives it."""

    field: str
    option: str
    why: str

    def __str__(self) -> str:
        return f"the {self.field.replace('_', ' ')} ({self.why}; give it with {self.option})"


@dataclass
class Proposal:
    fields: dict[str, str]  # given ones as given, then what was proposed
    proposed: list[str] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)  # how a proposal was read, where it is a reading

    def refusal(self, name: str) -> UsageError:
        return UsageError(f"cannot add {name} without: " + "; ".join(map(str, self.missing))
                          + ". Give them on the command line, or run add-source on a terminal to be asked")


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

    def headline(self) -> str | None:
        """A page's first line, where it reads as a headline (one phrase, no sentence's end)."""
        first = self.lines[0] if self.lines else ""
        return first if _HEADLINE.match(first) and not _NEWS_MARK.search(first) else None

    def meeting(self) -> str | None:
        found = _MEETING.search(self.joined)
        return found.group(1) if found else None

    def role(self) -> str | None:
        return next((m.group(1) for m in map(_ROLE.match, self.lines) if m), None)

    def publisher(self) -> str | None:
        return next((m.group(1) for m in map(_PUBLISHER.search, self.lines) if m), None)

    def is_news(self) -> bool:
        return any(_NEWS_MARK.search(line) for line in self.lines[1:] or self.lines)

    def date(self, text: str) -> tuple[str | None, str]:
        """The first date written to the day in the header, else to the month, else the title's
        year; a page's "01-23 20:02" takes the latest year the text names. With how it was read."""
        days = []
        for pattern in (_DAY, _ISO_DAY):
            days += [(m.start(), m.groups()) for m in pattern.finditer(self.joined)]
        for _, (year, month, day) in sorted(days):
            found = _iso(int(year), int(month), int(day))
            if found:
                return found, ""
        month_day = _MONTH_DAY_TIME.search(self.joined)
        year = latest_year(text)
        if month_day and year:
            found = _iso(year, int(month_day.group(1)), int(month_day.group(2)))
            if found:
                return found, f"the page gives {month_day.group(0)} without a year; the year is the latest the text names"
        found = _MONTH.search(self.joined)
        if found:
            return _iso(int(found.group(1)), int(found.group(2))), ""
        title = self.title() or self.headline() or ""
        year_in_title = _YEAR_IN_TITLE.search(title)
        return (year_in_title.group(1), "") if year_in_title else (None, "")


def latest_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    from xjtrack.core.periods import DocDate

    try:
        return str(DocDate.parse(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")))
    except ValueError:
        return None


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _words_for(places: list[Place]) -> list[tuple[str, Place]]:
    words = [(w, p) for p in places for w in {p.name_zh, *SHORT_NAMES.get(p.id, ())} if w not in COMMON_WORDS]
    return sorted(words, key=lambda wp: -len(wp[0]))


def place_counts(text: str, places: list[Place], only: set[str] | None = None) -> dict[str, int]:
    """How often the text names each place, each word counted once, the longest words first
    (only: the words counted, the longer ones still consumed first)."""
    counts = dict.fromkeys((p.id for p in places), 0)
    for word, place in _words_for(places):
        if only is None or word in only:
            counts[place.id] += text.count(word)
        text = text.replace(word, "\0")
    return counts


def _dominant(counts: dict[str, int]) -> str | None:
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= AT_LEAST and (len(ranked) == 1 or ranked[0][1] >= DOMINANT * ranked[1][1]):
        return ranked[0][0]
    return None


def _named_once(words: str, places: list[Place]) -> Place | None:
    counts = place_counts(words, places)
    named = [p for p in places if counts[p.id]]
    return named[0] if len(named) == 1 else None


def _place(header: Header, text: str, places: list[Place]) -> tuple[Place | None, str]:
    """The meeting's (or else the title's) place, when they name one only; else the place the
    text names most, where it dominates."""
    for words in (header.meeting(), header.title()):
        if not words:
            continue
        named = [p for p in places if p.name_zh in words]
        congress = [p for p in named if f"{p.name_zh}第" in words]
        for found in (named, congress):
            if len(found) == 1:
                return found[0], ""
    for words in (header.title(), header.headline()):
        found = _named_once(words, places) if words else None
        if found:
            return found, ""
    for only, words in ((SELF_WORDS, "its own place (" + "/".join(sorted(SELF_WORDS)) + ")"), (None, "any place")):
        counts = place_counts(text, places, only)
        top = _dominant(counts)
        if top:
            said = ", ".join(f"{ident} {n}" for ident, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n)
            return next(p for p in places if p.id == top), f"the place the text names most as {words}: {said}"
    return None, ""


def _kind(header: Header) -> SourceKind | None:
    """A plan, a work report or a statistical bulletin, as its title says; untitled, a speech by
    the head of government to a people's congress is its work report; a page with a publisher, a
    byline or a posting time is news (analysis, where its headline says 解读 or 评论)."""
    title = header.title()
    if title:
        if title.endswith("政府工作报告"):
            return SourceKind.work_report
        if "统计公报" in title:
            return SourceKind.bulletin
        if "规划" in title:
            return SourceKind.plan
    meeting = header.meeting() or ""
    if "人民代表大会" in meeting and header.role():
        return SourceKind.work_report
    if header.is_news():
        return SourceKind.analysis if _ANALYSIS_MARK.search(header.headline() or "") else SourceKind.news
    return None


def _title_zh(header: Header, kind: SourceKind, place: Place | None, date: str | None) -> str | None:
    title = header.title()
    if kind in SECONDARY:
        return header.headline()  # the page's own headline: a news title is never made up
    if title and (kind is not SourceKind.work_report or _YEAR_IN_TITLE.search(title)):
        return title
    if kind is SourceKind.work_report and date and place:
        return f"{place.name_zh}{date[:4]}年政府工作报告"
    return None


def _title_en(title_zh: str, kind: SourceKind, place: Place, date: str | None) -> str | None:
    if kind in SECONDARY:
        return None  # a headline is translated by the curator, not made from a template
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


KINDS = "plan, work_report, bulletin, news or analysis"


def propose(text: str, given: dict[str, str | None], places: list[Place]) -> Proposal:
    """Every field the document settles (given ones kept as given), and every one it does not."""
    header = Header.of(text)
    out = Proposal({k: v for k, v in given.items() if v})
    fields = out.fields

    def missing(name: str, option: str, why: str) -> None:
        out.missing.append(Missing(name, option, why))

    if "jurisdiction" not in fields:
        found, why = _place(header, text, places)
        if found is None:
            missing("jurisdiction", "--jurisdiction", "no meeting or title names exactly one of "
                    + ", ".join(p.id for p in places) + ", and the text names none of them most")
        else:
            fields["jurisdiction"] = found.id
            if why:
                out.why["jurisdiction"] = why
    place = next((p for p in places if p.id == fields.get("jurisdiction")), None)
    if "kind" not in fields:
        kind = _kind(header)
        if kind is None:
            missing("kind", f"--kind {KINDS}", "its title says none of 政府工作报告, 规划 or 统计公报, it is not a "
                    "speech to a people's congress, and no 来源, byline or posting time marks it as news")
        else:
            fields["kind"] = kind.value
    kind = SourceKind(fields["kind"]) if "kind" in fields else None
    if "date" not in fields:
        date, why = header.date(text)
        if date is None:
            missing("date", "--date (e.g. 2021-02-01, 2021-02 or 2021)", "its header gives no date and its title no year")
        else:
            fields["date"] = date
            if why:
                out.why["date"] = why
    if "title_zh" not in fields and kind is not None:
        title_zh = _title_zh(header, kind, place, fields.get("date"))
        if title_zh is None:
            missing("title_zh", "--title-zh", "no line of it reads as a title")
        else:
            fields["title_zh"] = title_zh
    if "title_en" not in fields and kind is not None and kind not in SECONDARY and place and "title_zh" in fields:
        title_en = _title_en(fields["title_zh"], kind, place, fields.get("date"))
        if title_en is None:
            missing("title_en", "--title-en", "only a work report, a numbered Five-Year Plan or a bulletin whose "
                    "title gives its year has an English title xjtrack can write")
        else:
            fields["title_en"] = title_en
    if kind in SECONDARY:
        if "publisher" not in fields:
            publisher = header.publisher()
            if publisher is None:
                missing("publisher", "--publisher", "its header names no 来源")
            else:
                fields["publisher"] = publisher
        if "reports_on" not in fields:
            named = _REPORTED_TITLE.search(text)
            if named:
                fields["reports_on"] = named.group(1) or named.group(2)
    elif kind is not None and place and "issuer" not in fields:
        fields["issuer"] = _issuer(header, place, kind)
    for name, option in (("title_zh", "--title-zh"), ("title_en", "--title-en")):
        if name == "title_en" and kind in SECONDARY:
            continue  # a headline may stay untranslated
        if name not in fields and all(m.field != name for m in out.missing):
            missing(name, option, "it follows from the kind and the jurisdiction")
    out.proposed = [name for name in PROPOSABLE if name in fields and not given.get(name)]
    return out
