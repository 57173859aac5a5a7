"""Matching the words before a figure to an indicator of the registry, through its name_zh and
its aliases (data/indicators.yaml).

A name that stands whole in the clause wins, the longest and nearest to the figure first. Where
none does (总产 after 粮食种植面积, 蛋 in 肉、蛋、奶产量), names are scored by the pairs of
characters they share with the clause, and then with the rest of the sentence; a name must
share most of its own pairs to be proposed. Only indicators whose unit and kind can hold the
figure are considered (xjtrack.curated.figures decides, as validate does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from xjtrack.core.records import Indicator

_PUNCTUATION = re.compile(r"[\s“”‘’\"'《》〈〉「」『』（）()、，。；：,.;:！？!?\[\]【】·—\-]")
_QUOTES_AND_BRACKETS = re.compile(r"[\s“”‘’\"'《》〈〉「」『』（）()\[\]【】·]")
PERIOD_WORDS = "“?十[一二三四五六七八九]?五”?(?:规划)?(?:时期|期间|以来|末)?|期间|五年来|五年间|五年|一年来|过去一年|过去五年"
_DIGITS = re.compile(r"[0-9.%％]+")
STRIP_TAIL = re.compile(
    "(?:(?:19|20)\\d\\d年(?:的|底|末)?|" + PERIOD_WORDS + "|同比|分别|均|了|较上年末|比上年末|较上年|比上年|比去年|年均|五年|累计|总计|合计|共计|共|"
    "增长|增加|提高|上升|上涨|下降|降低|减少|新增|净增|净减|预期|预计|力争|达到|达|为|是|实现|完成|突破|超过|控制在|保持在|稳定在|"
    "提升|提升至|增至|降至|到|至|由|从|在|约|近|全年|当年|其中|以上|左右|以内|已|有|的|和|及|与|、|，|"
    "较|比|相比|建成|完成|实施|开展|举办|组建|打造|引进|培育|发放|投放|新建|改造|用|共有|拥有)+$")
STRIP_HEAD = re.compile("^(?:(?:19|20)\\d\\d年|" + PERIOD_WORDS + "|年末|年底|年初|在[^，,；;]{1,10}?(?:下|中)|其中|同时|此外|全年|我们|全区|全市|我市|我区|全疆|累计|共|和|及|与|、)+")
INNER_VERB = re.compile("实现")
# words that make another quantity of a name (第一产业增加值 is not 工业增加值, 规模以上工业企业利润总额
# not 规模以上工业增加值, 连队居民 not 居民): a name matches only when it and the words agree on each
QUALIFIERS = ("第一产业", "第二产业", "第三产业", "规模以上", "连队", "农村", "城镇", "乡村", "人均", "利润",
              "制造业", "服务业", "入境", "高技术", "民间")  # 跨境电商实现进出口额: the verb names nothing
WIDER_SHARE = 0.75  # a name wider than the subject: this much of it stands in the sentence
AFTER_PREFIX_MIN = 3  # characters of the words after a figure that must stand in a name
NEAR_SHARE = 0.6  # a name must share this much of its character pairs with the sentence
LOCAL_SHARE = 0.34  # ... and at least this much with the clause itself


def pairs(text: str) -> frozenset[str]:
    plain = _PUNCTUATION.sub("", _DIGITS.sub("|", text))
    return frozenset(plain[i:i + 2] for i in range(len(plain) - 1) if "|" not in plain[i:i + 2])


def subject_words(lead: str, items: bool = False) -> str:
    """The noun phrase a lead ends with: its verbs, years and qualifiers taken off (with items,
    the 、 between the items of a list are kept)."""
    text = (_QUOTES_AND_BRACKETS if items else _PUNCTUATION).sub("", lead)
    previous = None
    while previous != text:
        previous = text
        text = STRIP_TAIL.sub("", text)
        text = STRIP_HEAD.sub("", text)
    return INNER_VERB.sub("", text) or text


@dataclass(frozen=True)
class Match:
    indicator: Indicator
    name: str  # the registry name (name_zh or alias) that matched
    exact: bool  # the name stands whole in the clause
    score: float


@dataclass(frozen=True)
class _Name:
    text: str
    indicator: Indicator
    pairs: frozenset[str]


class Registry:
    """The indicator registry, indexed by the character pairs of every name."""

    def __init__(self, indicators: dict[str, Indicator]):
        self.names: list[_Name] = []
        for indicator in indicators.values():
            for name in dict.fromkeys((indicator.name_zh, *indicator.aliases)):
                if len(name) >= 2:
                    self.names.append(_Name(name, indicator, pairs(name)))
        self._by_pair: dict[str, list[int]] = {}
        for at, name in enumerate(self.names):
            for pair in name.pairs:
                self._by_pair.setdefault(pair, []).append(at)

    def known(self, words: str) -> bool:
        """Whether words hold some registry name or share pairs with one: a subject, not noise."""
        return any(p in self._by_pair for p in pairs(words))

    def match(self, local: str, context: str, fits: Callable[[Indicator, str], bool],
              after: str = "") -> Match | None:
        """The indicator the clause's words (local: before the figure; after: what follows it in
        the clause) most likely name, among those fits accepts; None when nothing is close."""
        subject = subject_words(local)
        best: tuple | None = None
        local_pairs, after_pairs, context_pairs = pairs(subject), pairs(after), pairs(context)
        seen: set[int] = set()
        for pair in local_pairs | after_pairs | context_pairs:
            seen.update(self._by_pair.get(pair, ()))
        for at in seen:
            name = self.names[at]
            scored = self._score(name, local, subject, after, local_pairs, after_pairs, context_pairs)
            if scored is None or not fits(name.indicator, name.text) or not qualified(name.text, subject or after):
                continue
            key = (scored[0], len(name.text), name.indicator.id)
            if best is None or key > best[0]:
                best = (key, name, scored[1])
        if best is None:
            return None
        (score, _, _), name, exact = best
        if exact and len(name.text) < len(subject) and not after:
            wider = self._wider(subject, seen, context_pairs, fits)
            if wider is not None:
                return Match(wider.indicator, wider.text, False, score)
        return Match(name.indicator, name.text, exact, score)

    def _wider(self, subject: str, seen: set[int], context_pairs, fits) -> _Name | None:
        """A name that holds the whole subject where the name that stands in it holds only part
        of it (覆盖居民小区: 垃圾分类覆盖居民小区, not 居民小区), and whose other words the sentence
        mostly holds too; the one it shares most with."""
        holding = [self.names[at] for at in seen if subject in self.names[at].text]
        around = context_pairs | pairs(subject)
        holding = [n for n in holding if _share(n.pairs, around) >= WIDER_SHARE and fits(n.indicator, n.text)]
        if not holding:
            return None
        return max(holding, key=lambda n: (_share(n.pairs, around), -len(n.text), n.indicator.id))

    @staticmethod
    def _score(name: _Name, local: str, subject: str, after: str, local_pairs, after_pairs,
               context_pairs) -> tuple[float, bool] | None:
        text = name.text
        at = local.rfind(text)
        if at >= 0:
            distance = len(local) - (at + len(text))
            return 100 + 2 * len(text) - distance / 8, True
        if after.startswith(text) or text in after[:len(text) + 4]:
            return 90 + 2 * len(text), True
        if len(after) >= 2 and after in text:
            return 55 + 20 * len(after) / len(text) + 10 * _share(name.pairs, context_pairs), False
        if len(subject) >= 2 and subject in text:
            return 60 + 20 * len(subject) / len(text) + 10 * _share(name.pairs, context_pairs), False
        if 2 <= len(subject) <= len(text) and _abbreviates(subject, text):
            return 50 + 20 * len(subject) / len(text) + 10 * _share(name.pairs, context_pairs), False
        if not name.pairs:
            return None
        words = local_pairs | after_pairs
        own = _share(name.pairs, words)
        anywhere = _share(name.pairs, words | context_pairs)
        if own < LOCAL_SHARE or anywhere < NEAR_SHARE:
            held = _held_prefix(after, text)  # 21万余名志愿者以肩为担: 志愿者 of 疫情防控志愿者, the last resort
            if held >= AFTER_PREFIX_MIN:
                return 5 + 2 * held / len(text) + _share(name.pairs, context_pairs), False
            return None
        dice = 2 * len(name.pairs & words) / (len(name.pairs) + len(words))
        return 40 * dice + 15 * anywhere, False


def qualified(name: str, words: str) -> bool:
    """Whether the name holds every qualifier the words that name the figure hold. (A name's own
    qualifier the words leave out is allowed: 建设保障性住房 speaks of 城镇保障性住房.)"""
    return all(q in name for q in QUALIFIERS if q in words)


def _held_prefix(words: str, name: str) -> int:
    """How many of words' first characters stand together in name."""
    for n in range(len(words), 0, -1):
        if words[:n] in name:
            return n
    return 0


def _abbreviates(short: str, name: str) -> bool:
    """Whether short keeps name's characters in order, as 蛋产量 does 禽蛋产量 and 肉产量 肉类产量."""
    rest = iter(name)
    in_order = all(ch in rest for ch in short)
    return in_order and (short[0] == name[0] or short[-1] == name[-1])


def _share(wanted: frozenset[str], found: frozenset[str]) -> float:
    return len(wanted & found) / len(wanted) if wanted else 0.0
