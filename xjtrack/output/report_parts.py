"""The report's sections: summary tables, pies, claims, disputes, silence, flags, series, documents."""

from __future__ import annotations

from collections import Counter

from xjtrack.core.promises import never_reported, plan_counts, promises
from xjtrack.core.vocab import Status
from xjtrack.output.i18n import STATUS_WORDS, WORDS, indicator, plan_name
from xjtrack.output.render import by_plan, counts, outcome_cell, reason, silent, status_cell
from xjtrack.output.report_words import HEADINGS
from xjtrack.safe import md_cell

JUDGED = (Status.met, Status.partial, Status.missed, Status.on_track, Status.behind)
IN_WORDS = tuple(s for s in Status if s.value.startswith("reported_"))


def summary_table(rows: list[dict], plans: dict, lang: str) -> list[str]:
    """Promises per plan by verdict, narrow enough not to scroll: on track and behind share a
    column, and the verdicts in words one."""
    return summary_table_of(plan_counts(rows), lang)


def summary_table_of(counted: dict, lang: str) -> list[str]:
    """summary_table() of promises already counted: plan id -> Counts, "" for all the plans."""
    w, h = WORDS[lang], HEADINGS[lang]
    sw = STATUS_WORDS[lang]
    lines = [f"| {w['plan']} | {w['targets']} | {w['numeric']} | {sw['met']} | {sw['partial']} | {sw['missed']} | "
             f"{sw['on_track']} / {sw['behind']} | {sw['awaiting_final']} | {h['in_words']} | {sw['pending']} | "
             f"{sw['unassessable']} | {w['disputed']} |", "| --- |" + " ---: |" * 11]
    for plan_id, c in counted.items():
        n = c.statuses
        name = f"**{w['all_plans']}**" if not plan_id else md_cell(plan_id, code=True)
        lines.append(f"| {name} | {c.promises} | {c.numeric} | {n.get('met', 0)} | {n.get('partial', 0)} | "
                     f"{n.get('missed', 0)} | {n.get('on_track', 0)} / {n.get('behind', 0)} | "
                     f"{n.get('awaiting_final', 0)} | "
                     f"{sum(n.get(s, 0) for s in IN_WORDS)} | {n.get('pending', 0)} | "
                     f"{n.get('unassessable', 0)} | {c.disputed} |")
    return lines


def pie(group: list[dict], title: str, lang: str, statuses: Counter | None = None) -> list[str]:
    """A mermaid pie of the promises' verdicts, which GitHub draws; the labels are xjtrack's own
    words. statuses: the group's promises counted by verdict (Counts.statuses), if counted already."""
    tally = Counter(p.status for p in promises(group)) if statuses is None else statuses
    slices = [f'    "{STATUS_WORDS[lang][s]}" : {tally[s]}' for s in Status if tally[s]]
    safe_title = "".join(ch for ch in title if ch not in '"`<>|\n')
    return ["```mermaid", f"pie title {safe_title}", *slices, "```"]


def disputed_section(rows: list[dict], lang: str) -> list[str]:
    found = disputed_lines([r for r in rows if r["disputed"]], lang)
    return [*disputed_head(lang), *found] if found else [HEADINGS[lang]["none"]]


def disputed_head(lang: str) -> list[str]:
    w, h = WORDS[lang], HEADINGS[lang]
    return [f"| {w['target']} | {w['indicator']} | {h['computed']} | {w['claim']} | {w['reason']} |",
            "| --- | --- | --- | --- | --- |"]


def disputed_lines(found: list[dict], lang: str) -> list[str]:
    """The disputed table's lines of these (disputed) rows."""
    return [f"| {md_cell(r['id'], code=True)} | {md_cell(indicator(r, lang))} | "
            f"{STATUS_WORDS[lang][r['status']]} | {md_cell(r['claimed'])} | {md_cell(reason(r, lang))} |"
            for r in found]


def silent_section(rows: list[dict], plans: dict, lang: str) -> list[str]:
    return silent_lines([p.row for p in promises(rows) if never_reported(p.row)], plans, lang) or [
        HEADINGS[lang]["none"]]


def silent_lines(quiet: list[dict], plans: dict, lang: str) -> list[str]:
    """The silent page's lines of these promise rows (never reported): a table per plan."""
    w = WORDS[lang]
    lines = []
    for plan_id, group in by_plan(quiet).items():
        lines += [f"**{md_cell(plan_name(plans[plan_id], lang))}** ({md_cell(plan_id, code=True)}): {len(group)}", "",
                  f"| {w['target']} | {w['indicator']} | {w['goal']} |", "| --- | --- | --- |"]
        lines += [f"| {md_cell(r['id'], code=True)} | {md_cell(indicator(r, lang))} | {md_cell(r['target_text'])} |"
                  for r in group]
        lines.append("")
    return lines


def flags_section(rows: list[dict], notes: dict[str, str], lang: str) -> list[str]:
    found = flags_lines([r for r in rows if r["flags"]], notes, lang)
    return [*flags_head(lang), *found] if found else [HEADINGS[lang]["none"]]


def flags_head(lang: str) -> list[str]:
    w = WORDS[lang]
    return [f"| {w['target']} | {w['flags']} | {w['outcome']} | {w['notes']} |", "| --- | --- | --- | --- |"]


def flags_lines(found: list[dict], notes: dict[str, str], lang: str) -> list[str]:
    """The flags table's lines of these (flagged) rows, each with its target's notes."""
    return [f"| {md_cell(r['id'], code=True)} | {md_cell(', '.join(r['flags']))} | "
            f"{md_cell(outcome_cell(r))} | {md_cell(notes.get(r['id'], ''))} |" for r in found]


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
    return across_lines(across_entries(rows, lang), plans, lang)


def across_entries(rows, lang: str) -> list[tuple]:
    """What the across table keeps of each row with an indicator: its indicator, plan, id and
    Chinese name, and the rest of its line written out (a few strings, not the row)."""
    return [(r["indicator"], r["plan"], r["id"], r["indicator_zh"],
             f"{md_cell(r['plan'], code=True)} | {md_cell(r['id'], code=True)} | {md_cell(r['target_text'])} | "
             f"{r['due']} | {md_cell(outcome_cell(r))} | {status_cell(r, lang)} |")
            for r in rows if r["indicator"]]


def across_lines(entries: list[tuple], plans: dict, lang: str) -> list[str]:
    """Indicators that more than one plan targets, each plan's target beside what was reported."""
    by_indicator: dict[str, list[tuple]] = {}
    for entry in entries:
        by_indicator.setdefault(entry[0], []).append(entry)
    several = {i: g for i, g in by_indicator.items() if len({e[1] for e in g}) > 1}
    if not several:
        return [HEADINGS[lang]["none"]]
    lines = across_head(lang)
    for ident in sorted(several, key=lambda i: (-len({e[1] for e in several[i]}), i)):
        group = sorted(several[ident], key=lambda e: (plans[e[1]].position, e[2]))
        for n, (_, _, _, name_zh, rest) in enumerate(group):
            name = f"{md_cell(ident, code=True)} {md_cell(name_zh)}" if n == 0 else ""
            lines.append(f"| {name} | {rest}")
    return lines


def across_head(lang: str) -> list[str]:
    h, w = HEADINGS[lang], WORDS[lang]
    return [f"| {w['indicator']} | {w['plan']} | {w['target']} | {w['goal']} | {h['due']} | {w['outcome']} | "
            f"{w['status']} |", "| --- | --- | --- | --- | --- | --- | --- |"]


def documents_section(documents: list[tuple], lang: str) -> list[str]:
    h = HEADINGS[lang]
    lines = [f"| {h['document']} | {h['figures']} | {h['indicators']} |", "| --- | ---: | ---: |"]
    lines += [f"| {md_cell(title)} ({md_cell(source, code=True)}) | {n} | {i} |" for source, title, n, i in documents]
    total = sum(d[2] for d in documents)
    return [*lines, f"| **{WORDS[lang]['all_plans'] if lang == 'zh' else 'all documents'}** | {total} | |"]




def adjusted_section(adjusted: list[tuple], lang: str) -> list[str]:
    """Each adjusted target: the goal as set and its verdict, the goal in force, who set it, its verdict."""
    h, w, words = HEADINGS[lang], WORDS[lang], STATUS_WORDS[lang]
    lines = [f"| {w['target']} | {h['as_set']} | {w['status']} | {h['in_force']} | {h['by']} | {w['status']} |",
             "| --- | --- | --- | --- | --- | --- |"]
    for target, first, first_status, now, source, status, flags in adjusted:
        mark = " ⚠" if "lowered_after_miss" in flags else ""
        lines.append(f"| {md_cell(target, code=True)}{mark} | {md_cell(first)} | {words.get(first_status, '')} | "
                     f"{md_cell(now)} | {md_cell(source, code=True)} | {words.get(status, '')} |")
    return lines
