"""The markdown report: deterministic (same data, same bytes) and safe to render on GitHub."""

from __future__ import annotations

from collections import Counter

from xjtrack.core.domain import STATUSES, Corpus
from xjtrack.output.i18n import STATUS_WORDS, WORDS, indicator, plan_name
from xjtrack.output.render import by_plan, md_escape, outcome_cell, plan_table_md

HEADINGS = {
    "en": {
        "title": "xjtrack report", "summary": "Summary", "binding": "Binding (约束性) targets",
        "plans": "Targets by plan", "disputed": "Disputed claims",
        "silent": "Targets no later document reports on", "flags": "Data-quality flags",
        "intro": "Targets set by {plans} plans in {sources} documents, judged with the documents "
                 "delivered on or before {as_of}. How verdicts are reached: see the README.",
        "disputed_intro": "Where a document's own verdict disagrees with the computed one, or the "
                          "numbers cannot decide it.",
        "silent_intro": "No document in the corpus reports an outcome for these numeric targets.",
        "flags_intro": "Problems in the data, recorded on the target or the deciding outcome.",
        "none": "None.", "computed": "computed",
    },
    "zh": {
        "title": "xjtrack 报告", "summary": "概况", "binding": "约束性指标",
        "plans": "分规划目标", "disputed": "有争议的自评", "silent": "后续文件未报告的目标",
        "flags": "数据问题",
        "intro": "{sources}份文件中的{plans}项规划所定目标，依据{as_of}及以前发布的文件评估。"
                 "评估规则见 README。",
        "disputed_intro": "文件自评与计算结果不一致，或数字无法判断的目标。",
        "silent_intro": "语料中没有任何文件报告这些量化目标的实际结果。",
        "flags_intro": "记录在目标或其依据结果上的数据问题。",
        "none": "无。", "computed": "计算结果",
    },
}


def _present(rows: list[dict]) -> list[str]:
    return [s for s in STATUSES if any(r["status"] == s for r in rows)]


def summary_table(rows: list[dict], plans: dict, lang: str) -> list[str]:
    w, present = WORDS[lang], _present(rows)
    head = (f"| {w['plan']} | {w['targets']} | {w['numeric']} | "
            + " | ".join(STATUS_WORDS[lang][s] for s in present)
            + f" | {w['disputed']} | {w['reported_on']} |")
    lines = [head, "|" + " --- |" * 2 + " ---: |" * (len(present) + 3)]
    for plan_id, group in [*by_plan(rows).items(), ("", rows)]:
        tally = Counter(r["status"] for r in group)
        numeric = sum(1 for r in group if r["metric"] != "qualitative")
        reported = sum(1 for r in group if r["outcome_text"] is not None)
        name = (f"**{w['all_plans']}**" if not plan_id
                else f"{md_escape(plan_name(plans[plan_id], lang))} (`{plan_id}`)")
        lines.append(f"| {name} | {len(group)} | {numeric} | "
                     + " | ".join(str(tally[s]) for s in present)
                     + f" | {sum(r['disputed'] for r in group)} | {reported} {w['of']} {len(group)} |")
    return lines


def pie(group: list[dict], title: str, lang: str) -> list[str]:
    """A mermaid pie of the verdicts, which GitHub draws; the labels are xjtrack's own words."""
    tally = Counter(r["status"] for r in group)
    slices = [f'    "{STATUS_WORDS[lang][s]}" : {tally[s]}' for s in STATUSES if tally[s]]
    safe_title = "".join(ch for ch in title if ch not in '"`<>|\n')
    return ["```mermaid", f"pie title {safe_title}", *slices, "```"]


def disputed_section(rows: list[dict], lang: str) -> list[str]:
    w, h = WORDS[lang], HEADINGS[lang]
    found = [r for r in rows if r["disputed"]]
    if not found:
        return [h["none"]]
    lines = [f"| {w['target']} | {w['indicator']} | {h['computed']} | {w['claim']} | {w['reason']} |",
             "| --- | --- | --- | --- | --- |"]
    for r in found:
        lines.append(f"| `{r['id']}` | {md_escape(indicator(r, lang))} | "
                     f"{STATUS_WORDS[lang][r['status']]} | {md_escape(r['claimed'])} | "
                     f"{md_escape(r['reason'])} |")
    return lines


def silent_section(rows: list[dict], plans: dict, lang: str) -> list[str]:
    w = WORDS[lang]
    lines = []
    for plan_id, group in by_plan([r for r in rows if r["outcome_text"] is None
                                   and r["metric"] != "qualitative"]).items():
        lines += [f"**{md_escape(plan_name(plans[plan_id], lang))}** (`{plan_id}`): {len(group)}", "",
                  f"| {w['target']} | {w['indicator']} | {w['goal']} |", "| --- | --- | --- |"]
        lines += [f"| `{r['id']}` | {md_escape(indicator(r, lang))} | {md_escape(r['target_text'])} |"
                  for r in group]
        lines.append("")
    return lines or [HEADINGS[lang]["none"]]


def flags_section(rows: list[dict], notes: dict[str, str], lang: str) -> list[str]:
    w = WORDS[lang]
    found = [r for r in rows if r["flags"]]
    if not found:
        return [HEADINGS[lang]["none"]]
    lines = [f"| {w['target']} | {w['flags']} | {w['outcome']} | {w['notes']} |",
             "| --- | --- | --- | --- |"]
    for r in found:
        lines.append(f"| `{r['id']}` | {md_escape(', '.join(r['flags']))} | "
                     f"{md_escape(outcome_cell(r))} | {md_escape(notes.get(r['id'], ''))} |")
    return lines


def report(rows: list[dict], corpus: Corpus, as_of, lang: str = "en") -> str:
    h = HEADINGS[lang]
    notes = {t.id: t.notes for t in corpus.targets.values()}
    binding = [r for r in rows if r["binding"] == "binding"]
    lines = [f"# {h['title']}", "",
             h["intro"].format(plans=len(corpus.plans), sources=len(corpus.sources),
                               as_of=as_of.isoformat()), "",
             f"## {h['summary']}", "", *summary_table(rows, corpus.plans, lang), "",
             f"### {h['binding']}", "",
             *(summary_table(binding, corpus.plans, lang) if binding else [h["none"]]), "",
             f"## {h['plans']}", ""]
    for plan_id, group in by_plan(rows).items():
        plan = corpus.plans[plan_id]
        name = plan_name(plan, lang)
        lines += [f"### {md_escape(name)} ({plan.period})", "", *pie(group, f"{plan_id} {plan.period}", lang),
                  "", *plan_table_md(group, lang), ""]
    lines += [f"## {h['disputed']}", "", h["disputed_intro"], "", *disputed_section(rows, lang), "",
              f"## {h['silent']}", "", h["silent_intro"], "", *silent_section(rows, corpus.plans, lang), "",
              f"## {h['flags']}", "", h["flags_intro"], "", *flags_section(rows, notes, lang)]
    return "\n".join(lines).rstrip() + "\n"
