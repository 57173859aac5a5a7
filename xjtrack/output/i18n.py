"""Words in English and Chinese: status words, column labels, and which language to use."""

from __future__ import annotations

import os

STATUS_WORDS = {
    "en": {"met": "met", "partial": "partial", "missed": "missed", "on_track": "on track",
           "behind": "behind", "awaiting_final": "awaiting final", "reported_done": "reported done", "reported_partly_done": "reported partly done",
           "reported_under_way": "reported under way", "reported_not_done": "reported not done",
           "pending": "pending", "unassessable": "unassessable"},
    "zh": {"met": "已完成", "partial": "部分完成", "missed": "未完成", "on_track": "按进度",
           "behind": "滞后", "awaiting_final": "待最终数据", "reported_done": "据称完成", "reported_partly_done": "据称部分完成",
           "reported_under_way": "据称推进中", "reported_not_done": "据称未完成",
           "pending": "待评估", "unassessable": "无法评估"},
}

WORDS = {
    "en": {
        "target": "target", "goal": "goal", "outcome": "outcome", "progress": "progress",
        "status": "status", "reason": "reason", "indicator": "indicator", "plan": "plan",
        "targets": "targets", "numeric": "numeric", "disputed": "disputed",
        "in_targets": "; {n} forms", "forms_disagree": "whose forms disagree",
        "form": "also stated as", "against": "against", "form_of": "a form of",
        "reported_on": "mentioned later", "of": "of", "all_plans": "all plans", "claim": "claim",
        "flags": "flags", "notes": "notes", "no_targets": "No targets match.",
        "legend": "⚑ = the document's own claim disagrees; ≠ = the forms of one plan row are judged "
                  "differently (the first decides). Details: xjtrack show ID",
        "as_of": "As of",
        "says": "{source} says of the plan:", "by_numbers": "By the numbers",
        "never_reported": "that no later document mentions", "no_targets_of_plan": "The corpus holds none of its targets",
    },
    "zh": {
        "target": "目标", "goal": "目标值", "outcome": "实际", "progress": "进度",
        "status": "评估", "reason": "理由", "indicator": "指标", "plan": "规划",
        "targets": "项目标", "numeric": "量化", "disputed": "有争议",
        "in_targets": "；{n}种表述", "forms_disagree": "项不同表述评估不一", "form": "另一表述", "against": "对比目标", "form_of": "为以下目标的另一表述：",
        "reported_on": "后续文件提及", "of": "/", "all_plans": "全部规划", "claim": "文件自评",
        "flags": "数据问题", "notes": "说明", "no_targets": "没有符合条件的目标。",
        "legend": "⚑ = 文件自评与计算结果不一致；≠ = 同一规划行的不同表述评估不一（以首项为准）。详情：xjtrack show ID",
        "as_of": "截至",
        "says": "{source}对该规划的表述：", "by_numbers": "按数字计算",
        "never_reported": "项无后续文件提及", "no_targets_of_plan": "语料中没有该规划的目标",
    },
}


def choose(explicit: str | None = None) -> str:
    """--lang, else $XJTRACK_LANG, else the locale (zh_* gives Chinese), else English."""
    for value in (explicit, os.environ.get("XJTRACK_LANG"), os.environ.get("LC_ALL"),
                  os.environ.get("LC_MESSAGES"), os.environ.get("LANG")):
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


MEASURE_WORDS = {
    "en": {"level": "", "qualitative": "", "yoy_growth": "growth",
           "avg_annual_growth": "average annual growth", "cumulative_growth": "growth over the period",
           "reduction": "reduction", "change": "change", "total": "total",
           "annual_average": "yearly average", "multiple": "multiple"},
    "zh": {"level": "", "qualitative": "", "yoy_growth": "增长", "avg_annual_growth": "年均增长",
           "cumulative_growth": "累计增长", "reduction": "下降", "change": "变化", "total": "累计",
           "annual_average": "年均", "multiple": "倍数"},
}


def named(name_zh: str, name_en: str, measure: str, lang: str) -> str:
    """What a target is about, with its measure: 地区生产总值年均增长, GRP, average annual growth."""
    word = MEASURE_WORDS[lang].get(measure, "")
    if lang == "zh":
        return name_zh + word
    return f"{name_en}, {word}" if word else name_en


def indicator(row: dict, lang: str) -> str:
    return named(row["indicator_zh"], row["indicator_en"], row["measure"], lang)


def plan_name(plan, lang: str) -> str:
    return plan.name_zh if lang == "zh" else plan.name_en
