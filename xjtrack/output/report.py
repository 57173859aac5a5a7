"""The markdown report: deterministic (same data, same bytes) and safe to render on GitHub."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from xjtrack.core.vocab import Status
from xjtrack.output.i18n import STATUS_WORDS, WORDS, indicator, plan_name
from xjtrack.output.render import (
    by_plan,
    counts,
    outcome_cell,
    plan_table_md,
    reason,
    silent,
    status_cell,
    unheard,
)
from xjtrack.output.safe import md_cell


@dataclass(frozen=True)
class Context:
    """What the report needs besides the verdict rows, read from the database."""

    plans: dict
    sources: int
    notes: dict[str, str]
    documents: list[tuple]  # (source, title, observations, indicators)

    @classmethod
    def read(cls, conn, plans: dict) -> Context:
        from xjtrack.output.series import SOURCE_COUNTS_SQL

        notes = dict(conn.execute("select id, notes from targets"))
        sources = conn.execute("select count(*) from sources").fetchone()[0]
        documents = [(r[0], r[1], r[3], r[4]) for r in conn.execute(SOURCE_COUNTS_SQL)]
        return cls(plans, sources, notes, documents)


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
    },
}


def _present(rows: list[dict]) -> list[str]:
    return [s for s in Status if any(r["status"] == s for r in rows)]


def summary_table(rows: list[dict], plans: dict, lang: str) -> list[str]:
    w, present = WORDS[lang], _present(rows)
    head = (f"| {w['plan']} | {w['targets']} | {w['numeric']} | "
            + " | ".join(STATUS_WORDS[lang][s] for s in present)
            + f" | {w['disputed']} | {w['reported_on']} |")
    lines = [head, "|" + " --- |" * 2 + " ---: |" * (len(present) + 3)]
    for plan_id, group in [*by_plan(rows).items(), ("", rows)]:
        tally = Counter(r["status"] for r in group)
        numeric = sum(1 for r in group if r["measure"] != "qualitative")
        reported = len(group) - unheard(group)
        name = (f"**{w['all_plans']}**" if not plan_id
                else f"{md_cell(plan_name(plans[plan_id], lang))} ({md_cell(plan_id, code=True)})")
        lines.append(f"| {name} | {len(group)} | {numeric} | "
                     + " | ".join(str(tally[s]) for s in present)
                     + f" | {sum(r['disputed'] for r in group)} | {reported} {w['of']} {len(group)} |")
    return lines


def pie(group: list[dict], title: str, lang: str) -> list[str]:
    """A mermaid pie of the verdicts, which GitHub draws; the labels are xjtrack's own words."""
    tally = Counter(r["status"] for r in group)
    slices = [f'    "{STATUS_WORDS[lang][s]}" : {tally[s]}' for s in Status if tally[s]]
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
        lines.append(f"| {md_cell(r['id'], code=True)} | {md_cell(indicator(r, lang))} | "
                     f"{STATUS_WORDS[lang][r['status']]} | {md_cell(r['claimed'])} | "
                     f"{md_cell(reason(r, lang))} |")
    return lines


def silent_section(rows: list[dict], plans: dict, lang: str) -> list[str]:
    w = WORDS[lang]
    lines = []
    for plan_id, group in by_plan([r for r in rows if r["silent"]]).items():
        lines += [f"**{md_cell(plan_name(plans[plan_id], lang))}** ({md_cell(plan_id, code=True)}): {len(group)}", "",
                  f"| {w['target']} | {w['indicator']} | {w['goal']} |", "| --- | --- | --- |"]
        lines += [f"| {md_cell(r['id'], code=True)} | {md_cell(indicator(r, lang))} | {md_cell(r['target_text'])} |"
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
        lines.append(f"| {md_cell(r['id'], code=True)} | {md_cell(', '.join(r['flags']))} | "
                     f"{md_cell(outcome_cell(r))} | {md_cell(notes.get(r['id'], ''))} |")
    return lines


def claims_section(rows: list[dict], plans: dict, lang: str) -> list[str]:
    h, w = HEADINGS[lang], WORDS[lang]
    groups = by_plan(rows)
    lines = [f"| {w['plan']} | {h['document']} | {h['says']} | {h['by_numbers']} |", "| --- | --- | --- | --- |"]
    for plan in plans.values():
        for claim in plan.claims:
            group = groups.get(plan.id, [])
            computed = (f"{counts(group, lang)}; {silent(group)} {w['never_reported']}" if group
                        else w["no_targets_of_plan"])
            lines.append(f"| {md_cell(plan_name(plan, lang))} ({md_cell(plan.id, code=True)}) | "
                         f"{md_cell(claim.source, code=True)} | {md_cell('“' + claim.quote.text + '”')} | "
                         f"{md_cell(computed)} |")
    return lines if len(lines) > 2 else [h["none"]]


def across_section(rows: list[dict], plans: dict, lang: str) -> list[str]:
    h, w = HEADINGS[lang], WORDS[lang]
    by_indicator: dict[str, list[dict]] = {}
    for r in rows:
        if r["indicator"]:
            by_indicator.setdefault(r["indicator"], []).append(r)
    several = {i: g for i, g in by_indicator.items() if len({r["plan"] for r in g}) > 1}
    if not several:
        return [h["none"]]
    lines = [f"| {w['indicator']} | {w['plan']} | {w['target']} | {w['goal']} | {h['due']} | {w['outcome']} | "
             f"{w['status']} |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for ident in sorted(several, key=lambda i: (-len({r["plan"] for r in several[i]}), i)):
        group = sorted(several[ident], key=lambda r: (plans[r["plan"]].position, r["id"]))
        for n, r in enumerate(group):
            name = f"{md_cell(ident, code=True)} {md_cell(r['indicator_zh'])}" if n == 0 else ""
            lines.append(f"| {name} | {md_cell(r['plan'], code=True)} | {md_cell(r['id'], code=True)} | "
                         f"{md_cell(r['target_text'])} | {r['due']} | {md_cell(outcome_cell(r))} | "
                         f"{status_cell(r, lang)} |")
    return lines


def documents_section(documents: list[tuple], lang: str) -> list[str]:
    h = HEADINGS[lang]
    lines = [f"| {h['document']} | {h['figures']} | {h['indicators']} |", "| --- | ---: | ---: |"]
    lines += [f"| {md_cell(title)} ({md_cell(source, code=True)}) | {n} | {i} |" for source, title, n, i in documents]
    total = sum(d[2] for d in documents)
    return [*lines, f"| **{WORDS[lang]['all_plans'] if lang == 'zh' else 'all documents'}** | {total} | |"]


def report(rows: list[dict], corpus: Context, as_of, lang: str = "en") -> str:
    """The whole report."""
    h = HEADINGS[lang]
    notes = corpus.notes
    binding = [r for r in rows if r["binding"] == "binding"]
    lines = [f"# {h['title']}", "",
             h["intro"].format(plans=len(corpus.plans), sources=corpus.sources,
                               as_of=as_of.isoformat()), "",
             f"## {h['summary']}", "", *summary_table(rows, corpus.plans, lang), "",
             f"### {h['binding']}", "",
             *(summary_table(binding, corpus.plans, lang) if binding else [h["none"]]), "",
             f"## {h['claims']}", "", h["claims_intro"], "", *claims_section(rows, corpus.plans, lang), "",
             f"## {h['plans']}", ""]
    for plan_id, group in by_plan(rows).items():
        plan = corpus.plans[plan_id]
        name = plan_name(plan, lang)
        lines += [f"### {md_cell(name)} ({plan.period})", "", *pie(group, f"{plan_id} {plan.period}", lang),
                  "", *plan_table_md(group, lang), ""]
    lines += [f"## {h['across']}", "", h["across_intro"], "", *across_section(rows, corpus.plans, lang), "",
              f"## {h['documents']}", "", h["documents_intro"], "", *documents_section(corpus.documents, lang), "",
              f"## {h['disputed']}", "", h["disputed_intro"], "", *disputed_section(rows, lang), "",
              f"## {h['silent']}", "", h["silent_intro"], "", *silent_section(rows, corpus.plans, lang), "",
              f"## {h['flags']}", "", h["flags_intro"], "", *flags_section(rows, notes, lang)]
    return "\n".join(lines).rstrip() + "\n"
