"""A verdict's reason in words: one template per phrase code and language.

The judging core gives a reason as phrases (xjtrack/core/phrases.py). Each template names the
phrase's values in braces; a value from a closed vocabulary is looked up in that language's
words (`{status:status}`), an Amount is written as a number and its unit, a nested tuple of
phrases is rendered and joined (`{parts:semi}`), and everything else (quotes, ids, figure texts,
names, curators' notes) is inserted as written. The English rendering is the `reason` column of
the database. A test holds that every language has a template for every code.
"""

from __future__ import annotations

import string

from xjtrack.core.phrases import Amount, Code, Phrase, Reason
from xjtrack.core.quantity import format_number

C = Code
TEMPLATES: dict[str, dict[str, str]] = {  # by code (a Code's value)
    C.final: {"en": "{actual} ({period}) against {goal}", "zh": "{actual}（{period}），目标{goal}"},
    C.interim: {"en": "interim {actual} ({period})", "zh": "中期值{actual}（{period}）"},
    C.against: {"en": " against {goal}", "zh": "，目标{goal}"},
    C.met_from: {"en": " (met from {edge})", "zh": "（{edge}起视为完成）"},
    C.met: {"en": ": met", "zh": "：完成"},
    C.no_change_asked: {"en": ": not met, and the target asked for no change from the baseline",
                        "zh": "：未完成，且目标未要求较基期变化"},
    C.share_of_change: {
        "en": ": {share:.0%} of the required change from {base} ({base_year}), so {verdict:status}",
        "zh": "：完成所需变化（自{base_year}年的{base}起）的{share:.0%}，{verdict:status}"},
    C.share_of_target: {"en": ": {share:.0%} of the target, so {verdict:status}",
                        "zh": "：达到目标的{share:.0%}，{verdict:status}"},
    C.growth_ratio: {
        "en": " is {ratio:.0%} of the {goal} required (growth-rate ratio rule: on track from {on:.0%})",
        "zh": "为目标{goal}的{ratio:.0%}（增速比率规则：达到{on:.0%}为按进度）"},
    C.meets_so_far: {"en": ": meets it so far", "zh": "：目前已达到"},
    C.short_so_far: {"en": ": does not meet it so far", "zh": "：目前未达到"},
    C.already_meets: {"en": " already meets {goal}", "zh": "，已达到{goal}"},
    C.no_baseline: {"en": ": no baseline, so the path to the target cannot be drawn",
                    "zh": "：没有基期值，无法画出达标路径"},
    C.straight_path: {
        "en": " against {expected} expected by then on the straight path to {goal} (时间过半、任务过半)",
        "zh": "，按直线路径此时应达{expected}，目标{goal}（时间过半、任务过半）"},
    C.then: {"en": "; ", "zh": "; "},
    C.derived: {"en": "; derived: {how}, from {parts:semi}", "zh": "；推算：{how}，依据{parts:semi}"},
    C.used: {"en": "{period} {measure:measure} {text} ({source})",
             "zh": "{period}年{measure:measure} {text} ({source})"},
    C.revised: {"en": "{period} {measure:measure} revised: {history:arrow}",
                "zh": "{period}年{measure:measure}有修订：{history:arrow}"},
    C.vintage: {"en": "{text} ({source})", "zh": "{text} ({source})"},
    C.judged_from: {"en": "judged from {name}: {note}", "zh": "以{name}评估：{note}"},
    C.replaced: {"en": "{new} replaced {old} (a change of definition)", "zh": "{old}改为{new}（口径变化）"},
    C.note: {"en": "{text}", "zh": "{text}"},
    C.bounded: {"en": "; but the stand-in figure is a {bound:bound}, so the truth is {side:side} it: "
                      "that cannot show {status:status}",
                "zh": "；但替代指标只是{bound:bound}，真实值{side:side}它，无法据此判定{status:status}"},
    C.claims: {"en": "; the document claims {claim:claim} ({text})", "zh": "；文件自称{claim:claim}（{text}）"},
    C.disputed: {"en": " — disputed", "zh": "——存在争议"},
    C.no_number: {"en": "the target states no number: {goal}", "zh": "目标未给出数字：{goal}"},
    C.awaiting_final: {"en": "due in {year}, no final figure reported yet; the last interim verdict, {status:status}: ",
                       "zh": "{year}年已到期，尚无最终数值；最近一次中期评估为{status:status}："},
    C.incomparable: {"en": "the reported {text} ({period}): {unit:unit} cannot be compared with {goal_unit:unit}",
                     "zh": "报告的{text}（{period}）：{unit:unit}无法与{goal_unit:unit}比较"},
    C.unusable: {"en": "the reported {text} ({period}) cannot be used: {why}",
                 "zh": "报告的{text}（{period}）无法使用：{why}"},
    C.gives_only_elsewhere: {"en": "the reports give only {name} {text} ({period}), which cannot judge it: {note}",
                             "zh": "报告仅给出{name} {text} ({period})，无法据此评估：{note}"},
    C.gives_only: {"en": "the reports give only {shown:comma}, which cannot judge {judged:judged} for {period}",
                   "zh": "报告仅给出{shown:comma}，无法据此评估{period}的{judged:judged}"},
    C.gives_only_proxy: {
        "en": "the reports give only {name} {shown:comma}, which cannot judge {judged:judged} for {period} ({note})",
        "zh": "报告仅给出{name} {shown:comma}，无法据此评估{period}的{judged:judged} ({note})"},
    C.mention: {"en": "{measure:measure} {period} {text}", "zh": "{period}年{measure:measure} {text}"},
    C.silent: {"en": "no later document in the corpus mentions it", "zh": "语料库中没有后续文件提及"},
    C.none_mentions_yet: {"en": "no report for {year} in the corpus yet, and no later document mentions it",
                          "zh": "语料库中尚无{year}年的报告，后续文件也未提及"},
    C.not_yet_reported: {"en": "no report for {year} in the corpus yet", "zh": "语料库中尚无{year}年的报告"},
    C.other_periods: {"en": "no later document gives a figure for {period}; the reports give only {shown:comma}",
                      "zh": "后续文件未给出{period}的数值；报告仅给出{shown:comma}"},
    C.only_claimed: {"en": "no later document reports a figure for it or speaks of its progress",
                     "zh": "后续文件未报告其数值或进展"},
    C.cite: {"en": "“{quote}” ({source}, line {line})", "zh": "“{quote}”（{source}，第{line}行）"},
    C.mentioned: {"en": "mentioned in {source}, {cite}, with no verdict that can be drawn",
                  "zh": "{source}提及{cite}，但无法据此得出结论"},
    C.curator_note: {"en": ": {text}", "zh": ": {text}"},
    C.says: {"en": "{source} reports it {says:says}: {cite}", "zh": "{source}称{says:says}：{cite}"},
    C.promised_progress: {"en": "; the plan promised progress ({milestone}), not completion",
                          "zh": "；规划要求的是推进（{milestone}），并非建成"},
    C.short_milestone: {"en": "; it reports the project {reached:milestone}, the plan asked for {asked}",
                        "zh": "；报告称项目{reached:milestone}，规划要求{asked}"},
    C.word: {"en": " — the document's word, not a measured result", "zh": "——文件自述，非测量结果"},
    C.items_done: {"en": "{done} of {total} items reported done ({items:comma})",
                   "zh": "{total}项中{done}项据称完成（{items:comma})"},
    C.items_done_none: {"en": "{done} of {total} items reported done (none)", "zh": "{total}项中{done}项据称完成（无）"},
    C.not_mentioned: {"en": "; not mentioned: {items:comma}", "zh": "；未提及：{items:comma}"},
    C.cited: {"en": ": {cites:semi}", "zh": ": {cites:semi}"},
    C.change_from_levels: {"en": "the change from the {start} level to the {end} level", "zh": "{start}年至{end}年水平值之差"},
    C.growth_from_levels: {"en": "computed from the {start} and {end} levels", "zh": "由{start}年和{end}年水平值计算"},
    C.growth_over_single_year: {"en": "the growth over the single year", "zh": "单一年份的增长"},
    C.growth_of_single_year: {"en": "the growth of the single year", "zh": "单一年份的增长"},
    C.compounded_growth: {"en": "compounded from the yearly growth of {period}", "zh": "由{period}逐年增速复合"},
    C.compounded_reported: {"en": "compounded from the yearly growth of {years:comma} (not reported: {missing:comma})",
                            "zh": "由{years:comma}年逐年增速复合（未报告：{missing:comma}年）"},
    C.compounded_falls: {"en": "compounded from the yearly falls of {period}", "zh": "由{period}逐年降幅复合"},
    C.average_of_growth: {"en": "the average of the growth over {period}", "zh": "{period}期间增长的平均"},
    C.fall_as_growth: {"en": "the reported fall, as a growth", "zh": "报告的降幅，折算为增长"},
    C.growth_as_fall: {"en": "the reported growth, as a fall", "zh": "报告的增长，折算为降幅"},
    C.sum_of_years: {"en": "the sum of the yearly figures of {period}", "zh": "{period}逐年数值之和"},
    C.total_over_years: {"en": "the total for {period} divided by its {years} years", "zh": "{period}合计除以{years}年"},
    C.average_of_years: {"en": "the average of the yearly figures of {period}", "zh": "{period}逐年数值的平均"},
    C.level_over_level: {"en": "the {end} level over the {start} level", "zh": "{end}年水平值除以{start}年水平值"},
    C.worst_year: {"en": "the {worst:worst} yearly level of {period} ({year})",
                   "zh": "{worst:worst}年度水平值：{period} ({year})"},
    C.single_year: {
        "en": "the {year} figure alone, standing in for the average since {since} (the other years are not reported)",
        "zh": "仅{year}年数值，代表{since}年以来的平均（其他年份未报告）"},
    C.read_from_words: {"en": "read from the words {cite} as {reads_as}", "zh": "由文字{cite}解读为{reads_as}"},
    C.reading_note: {"en": ": {text}", "zh": "：{text}"},
    C.stated: {"en": "{text}", "zh": "{text}"},
    C.adjusted_to: {"en": "; judged against the target as adjusted by {source} ({date}): {goal}, from {previous}",
                    "zh": "；按{source}（{date}）调整后的目标{goal}评估，原定{previous}"},
    C.restated_to: {"en": "; judged against the target as restated by {source} ({date}): {goal}, from {previous}",
                    "zh": "；按{source}（{date}）重新表述的目标{goal}评估，原定{previous}"},
    C.lowered_while: {"en": "; lowered while it was {status:status}", "zh": "；在{status:status}时调低"},
}

TEMPLATES = {code.value: by_language for code, by_language in TEMPLATES.items()}

WORDS: dict[str, dict[str, dict[str, str]]] = {  # a closed vocabulary's words, by language
    "en": {
        "status": {"met": "met", "partial": "partial", "missed": "missed", "on_track": "on track",
                   "behind": "behind", "unassessable": "unassessable", "pending": "pending",
                   "awaiting_final": "awaiting final"},
        "measure": {"level": "level", "yoy_growth": "yoy growth", "avg_annual_growth": "avg annual growth",
                    "cumulative_growth": "cumulative growth", "reduction": "reduction", "change": "change",
                    "total": "total", "annual_average": "annual average", "multiple": "multiple"},
        "judged": {"level": "the level", "yoy_growth": "the growth",
                   "avg_annual_growth": "the average annual growth",
                   "cumulative_growth": "the growth over the period", "reduction": "the reduction",
                   "change": "the change", "total": "the total", "annual_average": "the yearly average",
                   "multiple": "the multiple"},
        "milestone": {"started": "started", "completed": "completed", "in_operation": "in_operation",
                      "connected": "connected", "progress": "progress"},
        "says": {"done": "done", "partly_done": "partly done", "under_way": "under way", "not_done": "not done"},
        "claim": {"met": "met", "not_met": "not met"},
        "bound": {"floor": "floor", "ceiling": "ceiling"},
        "side": {"at_least_as_good": "at least as good as", "no_better": "no better than"},
        "worst": {"lowest": "lowest", "highest": "highest"},
        "unit": {"": "a bare number"},  # any other unit is written as it is
    },
    "zh": {
        "status": {"met": "完成", "partial": "部分完成", "missed": "未完成", "on_track": "按进度",
                   "behind": "滞后", "unassessable": "无法评估", "pending": "待评估",
                   "awaiting_final": "待最终数据"},
        "measure": {"level": "水平值", "yoy_growth": "同比增长", "avg_annual_growth": "年均增长",
                    "cumulative_growth": "累计增长", "reduction": "下降", "change": "变化", "total": "合计",
                    "annual_average": "年均值", "multiple": "倍数"},
        "judged": {"level": "水平值", "yoy_growth": "增长", "avg_annual_growth": "年均增长",
                   "cumulative_growth": "累计增长", "reduction": "下降", "change": "变化", "total": "合计",
                   "annual_average": "年均值", "multiple": "倍数"},
        "milestone": {"started": "开工", "completed": "建成", "in_operation": "投运", "connected": "贯通",
                      "progress": "推进"},
        "says": {"done": "已完成", "partly_done": "部分完成", "under_way": "正在推进", "not_done": "未完成"},
        "claim": {"met": "完成", "not_met": "未完成"},
        "bound": {"floor": "下限", "ceiling": "上限"},
        "side": {"at_least_as_good": "不低于", "no_better": "不优于"},
        "worst": {"lowest": "最低", "highest": "最高"},
        "unit": {"": "无单位的数"},
    },
}
JOINS = {"semi": "; ", "comma": ", ", "arrow": " → "}
LANGUAGES = ("en", "zh")


class _Formatter(string.Formatter):
    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value, spec: str):
        if isinstance(value, Amount):  # before tuples: an Amount is a named tuple
            return f"{format_number(round(value.value, 6))}{value.unit}"
        if isinstance(value, tuple):
            parts = [render_phrase(v, self.lang) if isinstance(v, Phrase) else str(v) for v in value]
            return JOINS.get(spec, "").join(parts)
        words = WORDS[self.lang].get(spec)
        if words is not None:
            return words.get(str(value), str(value))
        if spec:
            return format(value, spec)
        return str(value)


_FORMATTERS = {lang: _Formatter(lang) for lang in LANGUAGES}


def render_phrase(p: Phrase, lang: str) -> str:
    return _FORMATTERS[lang].vformat(TEMPLATES[p.code][lang], (), dict(p.values))


def render(reason: Reason, lang: str = "en") -> str:
    """The reason in lang: each phrase's template filled with its values, in order."""
    return "".join(render_phrase(p, lang) for p in reason)


def english(reason: Reason) -> str:
    return render(reason, "en")
