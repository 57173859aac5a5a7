"""The site's own words in English and Chinese; status words come from output.i18n.

A reason is rendered per language in one place (reason_text), so that when reasons become
phrases rendered by templates, only that function changes.
"""

from __future__ import annotations

from xjtrack.core.wording import render
from xjtrack.output.i18n import MEASURE_WORDS, STATUS_WORDS, named
from xjtrack.output.render import reason

LANGS = ("en", "zh")
PREFIX = {"en": "", "zh": "zh/"}  # where each language's pages live, from the site's root
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
COLOURS = {"met": "#1a7f37", "partial": "#bf8700", "missed": "#cf222e", "on_track": "#4ac26b",
           "behind": "#fa7a7a", "reported_done": "#0969da", "reported_partly_done": "#54aeff",
           "reported_under_way": "#8dc6ff", "reported_not_done": "#8250df", "pending": "#8c959f",
           "unassessable": "#d0d7de"}

WORDS = {
    "en": {
        "site": "xjtrack", "tagline": "Which targets Xinjiang's plans and work reports set, and which were met, "
                                     "with the quotes that prove it.",
        "other_lang": "中文", "home": "Home", "plans": "Plans", "indicators": "Indicators",
        "places": "Jurisdictions", "documents": "Documents", "method": "Method", "search": "Search",
        "feed": "Verdict changes (Atom feed)", "all_verdicts": "All verdicts, plan by plan",
        "as_of": "Judged with the documents delivered on or before", "targets": "targets", "targets_title": "Targets",
        "target": "Target", "plan": "Plan", "indicator": "Indicator", "place": "Jurisdiction",
        "document": "Document", "status": "Verdict", "reason": "Reason", "goal": "Goal",
        "outcome": "Deciding figure", "due": "Due", "binding": "Binding", "measure": "Measure",
        "period": "Period", "value": "Value", "vintage": "Reported by", "date": "Date",
        "role": "Role", "decides": "decides", "baseline_role": "baseline", "reported": "reported",
        "estimate": "estimate", "unusable": "unusable", "progress": "Progress",
        "baseline": "Baseline", "derivation": "Derivation", "reported_directly": "reported by the document",
        "stated": "Where the plan states it", "figure_quote": "Where the deciding figure is reported",
        "baseline_quote": "Where the baseline is reported", "line": "line", "series": "Every figure on the series",
        "claims": "What the documents claim", "claim_met": "claims it met", "claim_not_met": "claims it not met",
        "disputed": "disputed: the document's own claim disagrees, or the numbers cannot decide",
        "timeline": "Timeline", "chart": "The series", "cite": "Cite this",
        "statements": "What later documents say in words", "notes": "Notes", "flags": "Flags",
        "section": "Section", "items": "Items", "milestone": "The plan's verb", "none": "None.",
        "no_figure": "No document in the corpus reports a figure for this indicator here.",
        "says_of_plan": "says of the plan", "by_numbers": "By the numbers",
        "filter": "Show", "any": "any", "topic": "Topic", "filter_all": "all",
        "jump": "Jump to a verdict", "counts": "Counts", "total": "total",
        "set_by": "Set by", "figures": "Figures it reports", "targets_in": "Targets it states",
        "words_in": "What it says of targets", "manifest": "Archive record", "text": "The archived text",
        "more_ambitious": "asks for more than the level above (层层加码)", "across": "Across levels of government",
        "succession": "Each plan beside the plan before", "previous": "Previous plan", "previous_outcome":
        "its outcome", "revised": "revised", "latest": "latest", "unit": "Unit", "kind": "Kind",
        "aliases": "Other names", "parent": "Level above", "moved": "verdicts moved",
        "set_here": "targets set", "feed_title": "xjtrack: verdict changes", "from": "from", "to": "to",
        "search_hint": "Search targets, indicators and the documents' text (Chinese as typed, e.g. 铁路).",
        "search_js": "Search needs JavaScript; every page is also linked from the lists.",
        "results": "results", "results_more": "(the documents' text is still loading)", "method_missing": "The rules are written in xjtrack's README.md and CURATING.md.",
        "method_verdicts": "How verdicts are reached", "method_comparability": "Comparability",
        "page_address": "address", "line_of": "line", "set": "set", "document_title": "Document",
        "of_the_plan": "What the documents say of the plan", "no_claim": "No document in the corpus claims anything of the whole plan.",
        "counted": "Each promise is counted once: a plan row stated in several forms (a level and its change) counts as one, with the verdict of the form the plan states as its target.", "promises": "promises", "qualitative": "in words",
        "moved_to": "This target has a new id; its page is now at",
        "not_found": "Not found", "not_found_text": "There is no page at this address. A target's page is at t/ID.html; an address of the form t/ID/ (xjtrack 0.3.0) leads there when the browser runs scripts.",
    },
    "zh": {
        "site": "xjtrack", "tagline": "新疆各级规划和政府工作报告设定了哪些目标，哪些已完成，以原文为证。",
        "other_lang": "English", "home": "首页", "plans": "规划", "indicators": "指标",
        "places": "行政区", "documents": "文件", "method": "评估方法", "search": "搜索",
        "feed": "评估变化（Atom 订阅）", "all_verdicts": "各规划全部目标的评估",
        "as_of": "依据以下日期及以前发布的文件评估：", "targets": "项目标", "targets_title": "目标",
        "target": "目标", "plan": "规划", "indicator": "指标", "place": "行政区",
        "document": "文件", "status": "评估", "reason": "理由", "goal": "目标值",
        "outcome": "依据数据", "due": "期限", "binding": "约束性", "measure": "度量",
        "period": "时期", "value": "数值", "vintage": "报告文件", "date": "日期",
        "role": "用途", "decides": "决定评估", "baseline_role": "基期", "reported": "报告值",
        "estimate": "预计", "unusable": "不可用", "progress": "进度",
        "baseline": "基期值", "derivation": "推算方法", "reported_directly": "文件直接报告",
        "stated": "规划原文", "figure_quote": "依据数据原文", "baseline_quote": "基期值原文",
        "line": "行", "series": "该序列的全部数据",
        "claims": "文件自评", "claim_met": "自称完成", "claim_not_met": "自称未完成",
        "disputed": "有争议：文件自评与计算结果不一致，或数字无法判断",
        "timeline": "时间线", "chart": "数据序列", "cite": "引用",
        "statements": "后续文件的文字表述", "notes": "说明", "flags": "数据问题",
        "section": "章节", "items": "分项", "milestone": "规划用语", "none": "无。",
        "no_figure": "语料中没有文件报告该地区此指标的数据。",
        "says_of_plan": "对该规划的表述", "by_numbers": "按数字计算",
        "filter": "筛选", "any": "全部", "topic": "主题", "filter_all": "全部",
        "jump": "按评估跳转", "counts": "计数", "total": "合计",
        "set_by": "设定文件", "figures": "文件报告的数据", "targets_in": "文件设定的目标",
        "words_in": "文件对目标的文字表述", "manifest": "存档记录", "text": "存档原文",
        "more_ambitious": "高于上级目标（层层加码）", "across": "各级政府比较",
        "succession": "各规划与上一规划比较", "previous": "上一规划", "previous_outcome": "其结果",
        "revised": "有修订", "latest": "最新", "unit": "单位", "kind": "类型",
        "aliases": "别名", "parent": "上级", "moved": "项评估变化",
        "set_here": "项目标设定", "feed_title": "xjtrack：评估变化", "from": "由", "to": "变为",
        "search_hint": "搜索目标、指标和文件原文（中文直接输入，如“铁路”）。",
        "search_js": "搜索需要 JavaScript；所有页面也可从列表进入。",
        "results": "条结果", "results_more": "（文件原文仍在加载）", "method_missing": "评估规则见 xjtrack 的 README.md 和 CURATING.md。",
        "method_verdicts": "评估规则", "method_comparability": "可比性",
        "page_address": "网址", "line_of": "第", "set": "设定", "document_title": "文件",
        "of_the_plan": "文件对规划的自评", "no_claim": "语料中没有文件对整个规划作出表述。",
        "counted": "每项承诺只计一次：规划同一行以多种形式表述（水平值及其变化）时计为一项，以规划作为目标表述的形式的评估为准。", "promises": "项承诺", "qualitative": "文字目标",
        "moved_to": "该目标已更名，页面现位于",
        "not_found": "页面不存在", "not_found_text": "此地址没有页面。目标页面位于 t/ID.html；t/ID/ 形式的地址（xjtrack 0.3.0）在浏览器运行脚本时会转到该页面。",
    },
}

BINDING_WORDS = {"en": {"binding": "binding (约束性)", "expected": "expected (预期性)", "unspecified": "unspecified"},
                 "zh": {"binding": "约束性", "expected": "预期性", "unspecified": "未注明"}}


def reason_text(row: dict, lang: str) -> str:
    """A verdict's reason in the language: the one place the site renders a reason."""
    return reason(row, lang)


def derivation_text(how, lang: str) -> str:
    """How a figure was derived (its phrases) in the language; "" when a document reports it."""
    return render(tuple(how), lang) if how else ""


def status_word(status: str, lang: str) -> str:
    return STATUS_WORDS[lang].get(status, status)


def measure_word(measure: str, lang: str) -> str:
    return MEASURE_WORDS[lang].get(measure, measure) or ("level" if lang == "en" else "水平值")


def title(name_zh: str, name_en: str, lang: str) -> str:
    return (name_zh or name_en) if lang == "zh" else (name_en or name_zh)


def target_name(row: dict, lang: str) -> str:
    return named(row["indicator_zh"], row["indicator_en"], row["measure"], lang) or row["target_text"]
