"""From a document's text to candidate records: every figure of its review parts as an
observation, every figure of its planning parts as a target, each with its indicator (or the
words that name it, when the registry has none), jurisdiction, measure, period and quote.

Lists are read the way the documents write them: "城乡居民人均可支配收入分别增长5.6%、8.4%" gives
one figure to each of 城镇 and 农村; "肉、蛋、奶产量分别增长…" shares 产量 among the three; "基本医疗
保险、大病保险参保率均达到99.71%" gives the figure to both; "分别增长21.4%、38.7%" with no subject of
its own speaks of the figures just before it. A clause whose words before the figure name
nothing (、增加305.7万吨; 五年年均增长6.1%) speaks of what the sentence spoke of last.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from xjtrack.core.periods import Period
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import Corpus, Indicator, Source
from xjtrack.core.vocab import Measure
from xjtrack.curated.figures import unit_misfit
from xjtrack.extract.figures import Figure, figures_in, listed
from xjtrack.extract.match import Match, Registry, subject_words
from xjtrack.extract.measures import Reading, read_measure
from xjtrack.extract.periods import (
    Frame,
)
from xjtrack.extract.sentences import Clause, Sentence

ADDED_IN_NAME = re.compile("新增|新建|新开工|新设|新引进|新培育|新认定|新改扩建|新建改扩建")
BOTH = {"城乡": ("城镇", "农村")}  # a pair the documents name in one word and give 分别 figures for
# what joins the items of a list: 、, and 和 与 及 except inside words (普及率, 参与, 和谐)
_SPLIT_ITEMS = re.compile("、|(?<![普以涉惠])及(?![时格])|(?<![参给])与|(?<![平缓温饱总协])和(?![谐平])")
EXPECTED = re.compile("预期目标|预期性")
BINDING = re.compile("约束性")
ESTIMATE = re.compile("预计")
CHANGED_TO = re.compile("^[\u4e00-\u9fff]{0,3}(?:到|至)$")  # 恢复到, 增加到: the figure before it, changed
GENERIC = re.compile("总里程|总数|总量|总规模|总额|规模|总计")  # 新增铁路里程…，总里程突破9500公里: the same series
# a list item with a verb of its own (新增创业1.6万人、带动就业2万人) does not share the first item's
OWN_VERB = re.compile("累计|达到|达|带动|栽植|种植|完成|实现|惠及|开展|发放|投入|吸纳|培训|接待|举办|引进|覆盖|"
                      "受益|解决|安置|减少|降低|下降|增长|增加|提高|新增|新建|建成|打造|创建|培育|占")
XPCC_SUBJECT = re.compile("(?<!含)(?<!包括)(?<!授予)(?<!支持)(?<!帮助)(?<!给予)(?<!援助)(?<!向)(?<!对)(?<!为)兵团")
JOINED_MAX = 4  # characters: a subject this short may complete the name before it (交易额)
LIST_CUE_REACH = 16  # 分别 stands this near its list: "分别是“十二五”时期的1.3倍、…"
EACH = re.compile("[均各](?:达到|达|为|超过|保持在|保持|在|实现|增长|提高到|提高至)?$")


@dataclass(frozen=True)
class Candidate:
    """One figure the document gives, read as an observation (review) or a target (planning)."""

    kind: str  # "observation" or "target"
    indicator: Indicator | None  # None when no registry name is close: a new indicator to propose
    words: str  # the registry name that matched, or the document's words for a new indicator
    jurisdiction: str
    reading: Reading
    quote: str
    sentence: int
    estimate: bool = False
    binding: str = "unspecified"
    claim: tuple[str, str] | None = None  # the document's own claim of the target: (met or not_met, words)

    @property
    def measure(self) -> Measure:
        return self.reading.measure

    @property
    def period(self) -> Period:
        return self.reading.period


def settle(reading: Reading, indicator: Indicator, name: str) -> Reading:
    """The reading once the indicator is known: things newly made (建成65个), or 新增 in the
    indicator's own name, make the figure a flow's amount and a stock's change; only flows add
    up over a period."""
    measure = reading.measure
    if measure == Measure.level and indicator.kind == "index" and parse_quantity(reading.value).unit.family == "ratio":
        return replace(reading, measure=Measure.yoy_growth)  # 居民消费价格指数保持在3%左右: its rise
    if measure == Measure.change and (reading.made or ADDED_IN_NAME.search(name)) and indicator.kind == "flow":
        if reading.period.years > 1:
            return replace(reading, measure=Measure.total)
        return replace(reading, measure=Measure.level)
    if measure == Measure.total and indicator.kind != "flow":
        return replace(reading, measure=Measure.level, period=Period(reading.period.end, reading.period.end))
    if measure == Measure.level and indicator.kind == "flow" and reading.over is not None:
        return replace(reading, measure=Measure.total, period=reading.over)
    return reading


def fits(reading: Reading, indicator: Indicator, name: str, figure: Figure | None = None) -> bool:
    """Whether the indicator can hold the reading, as validate would judge it."""
    settled = settle(reading, indicator, name)
    if settled.measure in (Measure.total, Measure.annual_average) and indicator.kind != "flow":
        return False
    as_read = figure is not None and settled.value == figure.text  # 增长1.5倍 is read as 150%
    unit = figure.quantity.unit if as_read else parse_quantity(settled.value).unit
    return unit_misfit(settled.measure, unit, indicator) is None


def _items(subject: str, count: int) -> list[str]:
    """The subjects a 分别 list of count figures (or a 均 list, count 0) speaks of, 城乡 split in
    two; _Reader._best gives each item the head or tail it shares with the others."""
    for pair, parts in BOTH.items():
        if pair in subject and count in (0, len(parts)):
            return [subject.replace(pair, part, 1) for part in parts]
    items = [i for i in _SPLIT_ITEMS.split(subject) if i]
    if not items or count and len(items) != count:
        return []
    return items


@dataclass
class _Reader:
    source: Source
    corpus: Corpus
    registry: Registry
    found: list[Candidate]
    orphan: Candidate | None = None  # the figure just read, when no registry name matched it
    bound: tuple[int, str] = (-1, "")  # the binding of the sentence read last

    def jurisdiction(self, sentence_before: str, clause_before: str) -> str:
        """The source's own, unless the words before the figure name another: 兵团 anywhere
        before it in the sentence (not as an object: 授予兵团, 支持兵团), 全国 or 我国 as the
        subject of its clause."""
        national = re.match("(?:全国|我国|国内(?!外))", subject_words(clause_before)) and "占全国" not in clause_before
        for j in self.corpus.jurisdictions.values():
            if j.id == self.source.jurisdiction:
                continue
            if j.name_zh.endswith("兵团") and XPCC_SUBJECT.search(sentence_before):
                return j.id
            if j.name_zh == "全国" and national:
                return j.id
        return self.source.jurisdiction

    def _binding(self, sentence: Sentence) -> str:
        """约束性 or 预期性 anywhere in the sentence, read once a sentence."""
        if self.bound[0] != sentence.index:
            self.bound = (sentence.index, "binding" if BINDING.search(sentence.text) else
                          "expected" if EXPECTED.search(sentence.text) else "unspecified")
        return self.bound[1]

    def read(self, sentence: Sentence, frame: Frame, kind: str, turns: dict | None = None) -> None:
        """Read the sentence's figures; turns: from a clause on, another (frame, kind)."""
        last: Match | None = None
        self.orphan = None
        last_list: list[Match | None] = []  # what the last figures read named: a list's, or the last clause's
        for number, clause in enumerate(sentence.clauses):
            if turns and number in turns:
                frame, kind = turns[number]
            figures = figures_in(clause.text)
            at, after_mode = 0, False
            in_clause: list[Match | None] = []
            while at < len(figures):
                run = listed(clause.text, figures, at)
                lead_start = figures[at - 1].end if at else 0
                lead = clause.text[lead_start:figures[at].start]
                if len(run) > 1 and ("分别" in lead[-LIST_CUE_REACH:] or not subject_words(lead) and len(last_list) == len(run)):
                    matches = self._list(sentence, clause, run, lead, frame, kind, last_list)
                    at += len(run)
                elif EACH.search(lead) and len(_items(subject_words(lead, items=True), 0)) > 1:
                    matches = self._each(sentence, clause, figures[at], lead, frame, kind)
                    at += 1
                else:
                    shared = at and lead[:1] in "、和与及" and not OWN_VERB.match(lead[1:])
                    head = clause.text[:figures[0].start] if shared else ""
                    match, after_mode = self._one(sentence, clause, figures[at], lead_start, head, frame, kind,
                                                  last, after_mode)
                    matches = [match]
                    at += 1
                in_clause += matches
                last_list = matches if len(matches) > 1 else in_clause
                last = next((m for m in reversed(matches) if m is not None), last)
                unnamed = self.found and self.found[-1].sentence == sentence.index and self.found[-1].indicator is None
                self.orphan = self.found[-1] if matches and matches[-1] is None and unnamed else None

    def _emit(self, sentence: Sentence, clause: Clause, figure: Figure, reading: Reading,
              match: Match | None, words: str, quote_from: int, frame: Frame, kind: str,
              lead: str = "") -> bool:
        """Record the figure as a candidate; False when a weak figure has no name beside it."""
        if figure.weak and (match is None or not match.exact):
            return False  # 两个, 三项 with no registry name beside them: words, not a figure
        before = _before(sentence.text, clause.start + figure.start)
        if clause.start + figure.end - quote_from > 2 * REACH:  # a list of thousands: the figure alone
            quote_from = clause.start + figure.start
        quote = sentence.text[quote_from:clause.start + figure.end]
        if match is not None:
            reading = settle(reading, match.indicator, match.name)
        binding = self._binding(sentence)
        self.found.append(Candidate(kind, match.indicator if match else None, match.name if match else words,
                                    self.jurisdiction(before, lead or _before(clause.text, figure.start)), reading,
                                    quote, sentence.index, bool(ESTIMATE.search(before)), binding))
        return True

    def _one(self, sentence: Sentence, clause: Clause, figure: Figure, lead_start: int, head: str,
             frame: Frame, kind: str, last: Match | None, after_mode: bool) -> tuple[Match | None, bool]:
        """One figure; and whether its clause names things after their figures (3666个贫困村)."""
        text = clause.text
        lead = text[lead_start:figure.start]
        reading = read_measure(head + lead if head else lead, _after(text, figure.end), figure, frame,
                               _before(sentence.text, clause.start + figure.start),
                               _after(sentence.text, clause.start + figure.end))
        subject = subject_words(lead)
        after_at, after = _words_after(text, figure)
        after = _SPLIT_ITEMS.split(after, maxsplit=1)[0]
        context = _before(sentence.text, clause.start) + _before(text, lead_start)
        quote_from = clause.start + lead_start

        def accept(indicator: Indicator, name: str) -> bool:
            return fits(reading, indicator, name, figure)

        by_lead = self.registry.match(lead, context, accept) if subject else None
        joined = self._joined(last, subject, context, accept) if not (by_lead and by_lead.exact) else None
        if joined is not None:
            by_lead, quote_from = joined, self._quote_start(sentence, clause, last.name)
        by_after = None
        if after and (not subject or after_mode or by_lead is None or not by_lead.exact):
            by_after = self.registry.match("", context + lead + _after(sentence.text, clause.start + figure.end), accept,
                                           after)
        use_after = by_after is not None and (after_mode or by_lead is None or by_after.score > by_lead.score)
        match = by_after if use_after else by_lead
        if use_after:
            quote = lead_start + len(lead) - len(subject) if subject else lead_start
            quote_from = clause.start + min(quote, figure.start)
            if self._emit(sentence, clause, figure, reading, match, after, quote_from, frame, kind, lead):
                self._extend_quote(sentence, clause, quote_from, after_at + len(after))
            return match, True
        if match is None and not subject and self.orphan is not None and not self.orphan.words[:1].isdigit():
            # 跨境电商实现进出口额23.8亿元、增长71%: the growth of the level just read, named or not
            at = sentence.text.rfind(self.orphan.quote, 0, clause.start + figure.start)
            self._emit(sentence, clause, figure, reading, None, self.orphan.words, max(at, 0), frame, kind, lead)
            return None, after_mode
        if (lead_start and CHANGED_TO.match(lead) or GENERIC.fullmatch(subject)) and last is not None \
                and accept(last.indicator, last.name):
            match, subject = last, ""  # 水域面积由0.2平方公里恢复到20.3平方公里: the same measure
            quote_from = self._quote_start(sentence, clause, last.name)
        elif match is None and not subject and last is not None and accept(last.indicator, last.name):
            match = last
            quote_from = self._quote_start(sentence, clause, last.name)
        elif match is not None and match.exact and match.name in lead:
            quote_from = clause.start + lead_start + lead.rfind(match.name)
        if match is None and not subject:
            return None, after_mode
        self._emit(sentence, clause, figure, reading, match, subject, quote_from, frame, kind, lead)
        return match, False

    def _joined(self, last: Match | None, subject: str, context: str, accept) -> Match | None:
        """A short subject that completes the name before it ("输出技术合同229项，交易额2.5亿元":
        输出技术合同交易额), when the two make a registry name whole."""
        if last is None or not 2 <= len(subject) <= JOINED_MAX:
            return None
        for k in range(len(last.name), 1, -1):
            words = last.name[:k] + subject
            match = self.registry.match(words, context, accept)
            if match is not None and match.exact and match.name == words:
                return match
        return None

    def _extend_quote(self, sentence: Sentence, clause: Clause, quote_from: int, end: int) -> None:
        """A figure named by the words after it is quoted with them: "3666个贫困村全部退出"."""
        self.found[-1] = replace(self.found[-1], quote=sentence.text[quote_from:clause.start + end])

    def _each(self, sentence: Sentence, clause: Clause, figure: Figure, lead: str, frame: Frame,
              kind: str) -> list[Match | None]:
        """"基本医疗保险、大病保险参保率均达到99.71%": the figure, once for each item."""
        reading = read_measure(lead, _after(clause.text, figure.end), figure, frame,
                               _before(sentence.text, clause.start + figure.start))
        subject = subject_words(lead, items=True)
        items = _items(subject, 0)
        context = _before(sentence.text, clause.start)
        found = []

        def accept(indicator: Indicator, name: str) -> bool:
            return fits(reading, indicator, name, figure)

        for i in range(len(items)):
            match, words = self._best(items, i, context + subject, accept)
            self._emit(sentence, clause, figure, reading, match, words, clause.start, frame, kind, lead)
            found.append(match)
        return found

    def _best(self, items: list[str], i: int, context: str, accept) -> tuple[Match | None, str]:
        """The best match of a list's item i, as written, with a tail of the last item added (养老
        with 保险覆盖率 of 基本医疗保险覆盖率), or with a head of the first item before it when that
        gives a whole name (污水处理率 with 城镇 of 城镇供水普及率)."""
        item, first, last = items[i], items[0], items[-1]
        tails = [item + last[k:] for k in range(1, len(last))] if i < len(items) - 1 else []
        heads = [first[:k] + item for k in range(1, len(first))] if i else []
        best: tuple[Match | None, str] = (None, item)
        for words in (item, *tails, *heads):
            match = self.registry.match(words, context, accept)
            if match is None or words != item and not set(item) & set(match.name):
                continue  # 蔬菜 with 羊肉 of 牛羊肉 names 牛羊肉 alone: not the item
            if words in heads and not match.exact:
                continue
            if best[0] is None or match.score > best[0].score:
                best = (match, words)
        return best

    def _quote_start(self, sentence: Sentence, clause: Clause, name: str) -> int:
        """Where a quote must start to hold the name a figure inherits: the clause that names it."""
        at = sentence.text.rfind(name, 0, clause.start + len(clause.text))
        if at < 0:
            return clause.start
        starts = [c.start for c in sentence.clauses if c.start <= at]
        return starts[-1] if starts else 0

    def _list(self, sentence: Sentence, clause: Clause, run: list[Figure], lead: str, frame: Frame,
              kind: str, last_list: list[Match | None]) -> list[Match | None]:
        text = clause.text
        subject = subject_words(lead.split("分别")[0], items=True)
        items = _items(subject, len(run)) if subject else []
        context = _before(sentence.text, clause.start)
        found: list[Match | None] = []
        for i, figure in enumerate(run):
            own = read_measure(lead, _after(text, figure.end), figure, frame,
                               _before(sentence.text, clause.start + run[0].start))

            def accept(indicator: Indicator, name: str, figure=figure, own=own) -> bool:
                return fits(own, indicator, name, figure)

            if items:
                match, words = self._best(items, i, context + subject, accept)
                quote_from = clause.start
            elif len(last_list) == len(run) and last_list[i] is not None and accept(last_list[i].indicator,
                                                                                   last_list[i].name):
                match, words = last_list[i], last_list[i].name
                quote_from = self._quote_start(sentence, clause, match.name)
            else:
                match, words, quote_from = None, subject or lead, clause.start
            self._emit(sentence, clause, figure, own, match, words, quote_from, frame, kind)
            found.append(match)
        return found


REACH = 300  # characters either side of a figure that its reading looks at: a long line stays linear


def _before(text: str, end: int) -> str:
    return text[max(0, end - REACH):end]


def _after(text: str, start: int) -> str:
    return text[start:start + REACH]


def _words_after(clause: str, figure: Figure) -> tuple[int, str]:
    """Where the clause's words after a figure start, and those words; figures standing together
    (4万余户16.92万人易地扶贫搬迁任务) share the words after the last of them."""
    found = figures_in(clause)
    at = _index(found, figure)
    end = figure.end
    for other in found[at + 1:]:
        if other.start != end:
            break
        end = other.end
    return end, _after(clause, end)


_STARTS: list = [None, ()]  # the figures of the clause read last, and where each starts


def _index(found: tuple[Figure, ...], figure: Figure) -> int:
    if _STARTS[0] is not found:  # by identity: hashing a long clause's figures on every call is quadratic
        _STARTS[:] = [found, [f.start for f in found]]
    return bisect_left(_STARTS[1], figure.start)
