"""The report's headings and sentences, in English and Chinese."""

HEADINGS = {
    "en": {
        "title": "xjtrack report", "summary": "Summary", "binding": "Binding (约束性) targets",
        "plans": "Targets by plan", "disputed": "Disputed claims",
        "silent": "Targets no later document mentions", "flags": "Data-quality flags",
        "intro": "Targets set by {plans} plans in {sources} documents, judged with the documents "
                 "delivered on or before {as_of}. How verdicts are reached: see the README.",
        "disputed_intro": "Where a document's own verdict disagrees with the computed one, or the "
                          "numbers cannot decide it.",
        "silent_intro": "No later document in the corpus mentions these targets in any way: no figure, no word.",
        "flags_intro": "Problems in the data, recorded on the target or the deciding outcome.",
        "none": "None.", "computed": "computed",
        "claims": "What the documents say of whole plans",
        "claims_intro": "A document's own word on a plan, set beside the verdicts computed for that plan. "
                        "Reported verdicts (a document's statement about one target) are counted apart "
                        "from the verdicts by the numbers.",
        "says": "says", "by_numbers": "by the numbers",
        "across": "Indicators targeted by more than one plan",
        "across_intro": "The same indicator in every plan that targets it, in the order of the plans: "
                        "each plan's target beside what was reported. Details: xjtrack indicator ID, "
                        "xjtrack compare ID.",
        "documents": "Figures recorded per document",
        "documents_intro": "Every figure a document reports is recorded as an observation, with its quote.",
        "document": "document", "figures": "figures", "indicators": "indicators", "due": "due",
        "adjusted": "Targets adjusted or restated by a later document",
        "adjusted_intro": "Each is judged by the version in force on the judging date; the verdict the goal "
                          "as first set would get is beside it. ⚠ marks a target lowered while it was missed "
                          "or behind. Details: xjtrack show ID.",
        "as_set": "as set", "in_force": "in force", "by": "by",
        "headlines": "Headlines", "in_words": "in words", "more": "More",
        "counting": "Each plan row is counted once: where a plan states one row in two forms (a 2020 level "
                    "and its five-year change, or a level and its average growth), the form the plan "
                    "states as the target decides and the other is shown under it (↳), flagged ≠ where "
                    "the two are judged differently. Numeric: the target states a number.",
        "judged": "{judged} of {n} targets judged by the numbers ({numeric} numeric):",
        "binding_met": "Binding (约束性): {met} of {n} met",
        "misses": "Biggest misses", "claim_says": "{source} says of the plan:",
        "every_target": "every target of the plan, by verdict, with reasons",
        "judged_table": "Judged by the numbers ({n}), by verdict",
        "back": "Back to the report",
        "sorted_intro": "Sorted by verdict (met, partial, missed, on track, behind, reported in words, "
                        "pending, unassessable), the lowest progress first; the other forms of a plan row "
                        "under it (↳).",
    },
    "zh": {
        "title": "xjtrack 报告", "summary": "概况", "binding": "约束性指标",
        "plans": "分规划目标", "disputed": "有争议的自评", "silent": "后续文件未报告的目标",
        "flags": "数据问题",
        "intro": "{sources}份文件中的{plans}项规划所定目标，依据{as_of}及以前发布的文件评估。"
                 "评估规则见 README。",
        "disputed_intro": "文件自评与计算结果不一致，或数字无法判断的目标。",
        "silent_intro": "语料中没有任何后续文件以任何方式提及这些目标：既无数据，也无文字。",
        "flags_intro": "记录在目标或其依据结果上的数据问题。",
        "none": "无。", "computed": "计算结果",
        "claims": "文件对整个规划的表述",
        "claims_intro": "文件对某一规划的总体表述，与按该规划各目标计算的结果并列。据称完成等文件表述单独计数，不计入按数字计算的结果。",
        "says": "表述", "by_numbers": "按数字计算",
        "across": "多项规划共同设定目标的指标",
        "across_intro": "同一指标在各规划中的目标及实际结果，按规划先后排列。详情：xjtrack indicator ID、"
                        "xjtrack compare ID。",
        "documents": "各文件记录的数据",
        "documents_intro": "文件报告的每个数据都记为一条观测值，并附原文引文。",
        "document": "文件", "figures": "数据", "indicators": "指标", "due": "期限",
        "adjusted": "经后续文件调整或重新表述的目标",
        "adjusted_intro": "按评估日有效的版本评估，并列出按原定目标的评估结果。⚠ 表示在未完成或滞后时调低的目标。"
                          "详情：xjtrack show ID。",
        "as_set": "原定", "in_force": "现行", "by": "依据",
        "headlines": "要点", "in_words": "文字表述", "more": "更多",
        "counting": "每个规划行只计一次：规划以两种形式表述同一行（2020年水平及其五年变化，或水平及年均增长）时，"
                    "以规划作为目标表述的形式为准，另一形式列于其下（↳），两者评估不一时标注 ≠。"
                    "量化：目标写明数字。",
        "judged": "{n}项目标中{judged}项按数字评估（{numeric}项量化）：",
        "binding_met": "约束性：{n}项中{met}项已完成",
        "misses": "差距最大", "claim_says": "{source}对该规划的表述：",
        "every_target": "该规划全部目标（按评估排列，附理由）",
        "judged_table": "按数字评估的目标（{n}项，按评估排列）",
        "back": "返回报告",
        "sorted_intro": "按评估排列（已完成、部分完成、未完成、按进度、滞后、文字表述、待评估、无法评估），"
                        "同类中进度最低者在前；同一规划行的其他形式列于其下（↳）。",
    },
}
