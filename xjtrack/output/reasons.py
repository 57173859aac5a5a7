"""A verdict's reason in Chinese, for --lang zh.

The judging core writes each reason in English, from a fixed set of phrases (xjtrack/core/judge.py,
evaluate.py, series.py, reported.py), and the database stores it so. For Chinese output the
phrases are rendered one by one; what the documents and curators wrote (quotes, figures, ids,
indicator names, notes) is kept as written. Quotes are set aside before the phrases are read,
so a document's own words are never rewritten. A test holds that no phrase of the shipped
reasons is left in English.
"""

from __future__ import annotations

import re
from functools import lru_cache

VERDICT = {"met": "完成", "partial": "部分完成", "missed": "未完成"}
STATUS = {"met": "完成", "partial": "部分完成", "missed": "未完成", "on track": "按进度", "behind": "滞后",
          "unassessable": "无法评估", "pending": "待评估"}
MILESTONE = {"started": "开工", "completed": "建成", "in_operation": "投运", "connected": "贯通",
             "progress": "推进"}
MEASURE = {"level": "水平值", "yoy growth": "同比增长", "avg annual growth": "年均增长",
           "cumulative growth": "累计增长", "reduction": "下降", "change": "变化", "total": "合计",
           "annual average": "年均值", "multiple": "倍数"}
JUDGED = {"level": "水平值", "growth": "增长", "average annual growth": "年均增长", "growth over the period": "累计增长",
          "reduction": "下降", "change": "变化", "total": "合计", "yearly average": "年均值", "multiple": "倍数"}
_MEASURES = "|".join(sorted(MEASURE, key=len, reverse=True))
_JUDGED = "|".join(sorted(JUDGED, key=len, reverse=True))
YEAR = r"\d{4}(?:-\d{4})?"


def _verdict(m: re.Match) -> str:
    return VERDICT[m.group(m.lastindex)]


PHRASES: list[tuple[str, object]] = [  # (pattern, replacement), applied in order
    (r"no later document in the corpus mentions it", "语料库中没有后续文件提及"),
    (r" ?\(([\w-]+), line (\d+)\)", r"（\1，第\2行）"),
    (r" — the document's word, not a measured result", "——文件自述，非测量结果"),
    (r"([\w-]+) reports it done: ", r"\1称已完成："),
    (r"([\w-]+) reports it partly done: ", r"\1称部分完成："),
    (r"([\w-]+) reports it under way: ", r"\1称正在推进："),
    (r"([\w-]+) reports it not done: ", r"\1称未完成："),
    (r"; the plan promised progress \(([^)]*)\), not completion", r"；规划要求的是推进（\1），并非建成"),
    (r"; it reports the project (\w+), the plan asked for (\S+)",
     lambda m: f"；报告称项目{MILESTONE.get(m.group(1), m.group(1))}，规划要求{m.group(2)}"),
    (r"mentioned in ([\w-]+), (\x00\d+\x00)（", r"\1提及\2（"),
    (r", with no verdict that can be drawn", "，但无法据此得出结论"),
    (r"(\d+) of (\d+) items reported done \(none\)", r"\2项中\1项据称完成（无）"),
    (r"(\d+) of (\d+) items reported done \(", r"\2项中\1项据称完成（"),
    (r"; not mentioned: ", "；未提及："),
    (r"; the document claims met \((.*?)\)(?=$|;| —)", r"；文件自称完成（\1）"),
    (r"; the document claims not met \((.*?)\)(?=$|;| —)", r"；文件自称未完成（\1）"),
    (r" — disputed", "——存在争议"),
    (r"interim (.+?) \((" + YEAR + r")\) is (\d+%) of the (.+?) required "
     r"\(growth-rate ratio rule: on track from (\d+%)\)", r"中期值\1（\2）为目标\4的\3（增速比率规则：达到\5为按进度）"),
    (r"interim (.+?) \((" + YEAR + r")\)", r"中期值\1（\2）"),
    (r" \(met from ([^)]+)\)", r"（\1起视为完成）"),
    (r": (-?\d+%) of the required change from (.+?) \((\d{4})\), so (partial|missed)",
     lambda m: f"：完成所需变化（自{m.group(3)}年的{m.group(2)}起）的{m.group(1)}，{_verdict(m)}"),
    (r": (-?\d+%) of the target, so (partial|missed)", lambda m: f"：达到目标的{m.group(1)}，{_verdict(m)}"),
    (r": not met, and the target asked for no change from the baseline", "：未完成，且目标未要求较基期变化"),
    (r" against (.+?) expected by then on the straight path to (.+?) \(时间过半、任务过半\)",
     r"，按直线路径此时应达\1，目标\2（时间过半、任务过半）"),
    (r": no baseline, so the path to the target cannot be drawn", "：没有基期值，无法画出达标路径"),
    (r": meets it so far", "：目前已达到"),
    (r": does not meet it so far", "：目前未达到"),
    (r" already meets ", "，已达到"),
    (r" \((" + YEAR + r")\) against ", r"（\1），目标"),
    (r"） against ", "），目标"),
    (r": met\b", "：完成"),
    (r"the target states no number: ", "目标未给出数字："),
    (r"the period ended in (\d{4}); the latest report covers only (" + YEAR + ")",
     r"期限已于\1年结束；最新报告仅涵盖\2"),
    (r"; but the stand-in figure is a floor, so the truth is at least as good as it: that cannot show ",
     "；但替代指标只是下限，真实值不低于它，无法据此判定"),
    (r"; but the stand-in figure is a ceiling, so the truth is no better than it: that cannot show ",
     "；但替代指标只是上限，真实值不优于它，无法据此判定"),
    (r"无法据此判定(met|partial|missed|on track|behind|unassessable|pending)",
     lambda m: "无法据此判定" + STATUS[m.group(1)]),
    (r"judged from (\S+?): ", r"以\1评估："),
    (r"the reported (.+?) \((" + YEAR + r")\) cannot be used: ", r"报告的\1（\2）无法使用："),
    (r"the reports give only (.+?), which cannot judge it: ", r"报告仅给出\1，无法据此评估："),
    (r"the reports give only (.+?), which cannot judge the (" + _JUDGED + r") for (" + YEAR + ")",
     lambda m: f"报告仅给出{m.group(1)}，无法据此评估{m.group(3)}的{JUDGED[m.group(2)]}"),
    (r" \(a change of definition\)", "（口径变化）"),
    (r"(\S+) replaced (\S+)（口径变化）", r"\2改为\1（口径变化）"),
    (r"(?<![\d-])(" + YEAR + r") (" + _MEASURES + r") revised: ",
     lambda m: f"{m.group(1)}年{MEASURE[m.group(2)]}有修订："),
    (r"(?<![a-z])(" + _MEASURES + r") (" + YEAR + r") ", lambda m: f"{m.group(2)}年{MEASURE[m.group(1)]} "),
    (r"read from the words (\x00\d+\x00)（", r"由文字\1（"),
    (r"） ?as (\S+?): ", r"）解读为\1："),
    (r"; derived: ", "；推算："),
    (r"^derived: ", "推算："),
    (r"the change from the (\d{4}) level to the (\d{4}) level", r"\1年至\2年水平值之差"),
    (r"computed from the (\d{4}) and (\d{4}) levels", r"由\1年和\2年水平值计算"),
    (r"the growth over the single year", "单一年份的增长"),
    (r"the growth of the single year", "单一年份的增长"),
    (r"compounded from the yearly growth of (" + YEAR + ")", r"由\1逐年增速复合"),
    (r"compounded from the yearly falls of (" + YEAR + ")", r"由\1逐年降幅复合"),
    (r"the average of the growth over (" + YEAR + ")", r"\1期间增长的平均"),
    (r"the reported fall, as a growth", "报告的降幅，折算为增长"),
    (r"the reported growth, as a fall", "报告的增长，折算为降幅"),
    (r"the sum of the yearly figures of (" + YEAR + ")", r"\1逐年数值之和"),
    (r"the total for (" + YEAR + r") divided by its (\d+) years", r"\1合计除以\2年"),
    (r"the average of the yearly figures of (" + YEAR + ")", r"\1逐年数值的平均"),
    (r"the (\d{4}) level over the (\d{4}) level", r"\1年水平值除以\2年水平值"),
    (r"the lowest yearly level of ", "最低年度水平值："),
    (r"the highest yearly level of ", "最高年度水平值："),
    (r"the (\d{4}) figure alone, standing in for the average since (\d{4}) \(the other years are not reported\)",
     r"仅\1年数值，代表\2年以来的平均（其他年份未报告）"),
    (r", from ", "，依据"),
    (r"(?<![\d-])(" + YEAR + r") (" + _MEASURES + r") ", lambda m: f"{m.group(1)}年{MEASURE[m.group(2)]} "),
    (r"(?<![a-z])(" + _MEASURES + r") revised: ", lambda m: f"{MEASURE[m.group(1)]}有修订："),
]
_COMPILED = [(re.compile(p), r) for p, r in PHRASES]
_QUOTE = re.compile(r"“.*?”(?= \([\w-]+, line \d+\))")  # a document's words, as cited


@lru_cache(maxsize=4096)
def in_chinese(reason: str) -> str:
    """The reason with every fixed phrase in Chinese; quotes and data kept as written."""
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group())
        return f"\x00{len(kept) - 1}\x00"

    text = _QUOTE.sub(keep, reason)
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def reason(text: str, lang: str) -> str:
    return in_chinese(text) if lang == "zh" else text
