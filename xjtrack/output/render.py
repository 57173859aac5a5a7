"""Turning verdicts into tables and text. Returns strings or rich renderables; never prints."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from xjtrack.core.domain import STATUSES, Corpus, Target
from xjtrack.core.judge import Assessment
from xjtrack.output.i18n import STATUS_WORDS, WORDS, indicator, plan_name

STYLE = {
    "met": "bold green", "partial": "yellow", "missed": "bold red", "on_track": "green",
    "behind": "red", "pending": "dim", "unassessable": "blue",
}
LABEL = STATUS_WORDS["en"]


def counts(rows: list[dict], lang: str = "en") -> str:
    tally = Counter(r["status"] for r in rows)
    parts = [f"{tally[s]} {STATUS_WORDS[lang][s]}" for s in STATUSES if tally[s]]
    disputed = sum(1 for r in rows if r["disputed"])
    if disputed:
        parts.append(f"{disputed} {WORDS[lang]['disputed']}")
    return " · ".join(parts) or "—"


def coverage(rows: list[dict], lang: str = "en") -> str:
    numeric = sum(1 for r in rows if r["metric"] != "qualitative")
    w = WORDS[lang]
    return f"{len(rows)} {w['targets']} ({numeric} {w['numeric']})"


def bar(progress: float | None, width: int = 6) -> str:
    if progress is None:
        return ""
    filled = round(min(max(progress, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled) + f" {progress:>4.0%}"


def by_plan(rows: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["plan"], []).append(row)
    return groups


def as_json(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def as_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "flags": ";".join(r["flags"])} for r in rows)
    return out.getvalue()


def records_csv(columns: list[str], rows: list[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def records_markdown(columns: list[str], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(md_escape(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def records_table(columns: list[str], rows: list[tuple]):
    from rich import box
    from rich.table import Table

    table = Table(*columns, box=box.SIMPLE_HEAD)
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    return table


def md_escape(text) -> str:
    """Make data safe inside a markdown table cell: no pipes, HTML, backticks or line breaks."""
    if text is None:
        return ""
    text = str(text)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"),
                         ("`", "&#96;"), ("*", "&#42;"), ("_", "&#95;"), ("[", "&#91;"),
                         ("]", "&#93;"), ("\\", "&#92;")):
        text = text.replace(char, entity)
    return " ".join(text.split())


def outcome_cell(row: dict) -> str:
    if row["outcome_text"] is None:
        return "—"
    return f"{row['outcome_text']} ({row['outcome_period']})"


def status_cell(row: dict, lang: str = "en") -> str:
    return STATUS_WORDS[lang][row["status"]] + (" ⚑" if row["disputed"] else "")


def plan_table_md(group: list[dict], lang: str) -> list[str]:
    w = WORDS[lang]
    lines = [f"| {w['target']} | {w['indicator']} | {w['goal']} | {w['outcome']} | {w['progress']} | "
             f"{w['status']} | {w['reason']} |", "| --- | --- | --- | --- | ---: | --- | --- |"]
    for r in group:
        progress = "" if r["progress"] is None else f"{r['progress']:.0%}"
        lines.append(
            f"| `{r['id']}` | {md_escape(indicator(r, lang))} | {md_escape(r['target_text'])} | "
            f"{md_escape(outcome_cell(r))} | {progress} | {status_cell(r, lang)} | "
            f"{md_escape(r['reason'])} |")
    return lines


def as_markdown(rows: list[dict], plans: dict, lang: str = "en", level: str = "###") -> str:
    lines = []
    for plan_id, group in by_plan(rows).items():
        plan = plans[plan_id]
        lines += [f"{level} {md_escape(plan_name(plan, lang))} ({plan.period})", "",
                  f"{coverage(group, lang)}: {counts(group, lang)}", "", *plan_table_md(group, lang), ""]
    return "\n".join(lines)


def status_text(rows: list[dict], plans: dict, reasons: bool, lang: str = "en", width: int = 100,
                colour: bool = False) -> str:
    """Every plan's table with its title and summary line, as text (ANSI colour if asked)."""
    from xjtrack.output.textable import Column, draw, paint, wrap

    w = WORDS[lang]
    columns = [Column(w["target"], 0), Column(w["goal"], 11), Column(w["outcome"], 13),
               Column(w["progress"], 11), Column(w["status"], 12)]
    lines = []
    for plan_id, group in by_plan(rows).items():
        plan = plans[plan_id]
        title = wrap(f"{plan_name(plan, lang)} ({plan_id} · {plan.period})", width)
        lines += [paint(line, "bold", colour) for line in title]
        table = []
        for r in group:
            table.append([(f"{r['id'].split('.', 1)[1]} {indicator(r, lang)}", ""),
                          (r["target_text"], ""), (outcome_cell(r), ""), (bar(r["progress"]), ""),
                          (status_cell(r, lang), STYLE[r["status"]])])
            if reasons:
                table.append([(r["reason"], "dim"), ("", ""), ("", ""), ("", ""), ("", "")])
        lines += [*draw(columns, table, width, colour), f"{coverage(group, lang)}: {counts(group, lang)}", ""]
    return "\n".join(lines)


def show_text(target: Target, a: Assessment, corpus: Corpus, timeline: list[tuple]):
    """Everything about one target, as rich renderables."""
    from rich.table import Table
    from rich.text import Text

    plan = corpus.plans[target.plan]
    yield Text.assemble((target.id, "bold cyan"), "  ", (target.indicator, "bold"), "  ",
                        target.indicator_en)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    facts.add_row("plan", f"{plan.name_en} ({plan.id}, {plan.period})")
    facts.add_row("target", f"{target.target_text}  [{target.metric}, due {target.due}, "
                  f"{target.binding}, more is {'better' if target.direction == 'up' else 'worse'}]")
    if target.baseline:
        derived = f", {target.baseline.derivation}" if target.baseline.derivation else ""
        facts.add_row("baseline", f"{target.baseline.value.text} ({target.baseline.year}{derived})")
    for quote in target.quotes:
        facts.add_row("stated", f"“{quote.text}”  — {quote.source}, line {quote.line}")
    if target.section:
        facts.add_row("section", target.section)
    facts.add_row("verdict", Text(LABEL[a.status] + (" (disputed)" if a.disputed else ""),
                                  style=STYLE[a.status]))
    facts.add_row("reason", a.reason)
    if a.progress is not None:
        facts.add_row("progress", bar(a.progress, 20))
    if a.flags:
        facts.add_row("flags", ", ".join(a.flags))
    if target.notes:
        facts.add_row("notes", target.notes)
    yield facts
    for outcome in target.outcomes:
        role = "deciding" if a.outcome is not None and outcome.position == a.outcome.position else "also reported"
        yield Text.assemble(("outcome ", "bold"), (f"[{role}] ", "dim"),
                            f"{outcome.value.text} ({outcome.period})  “{outcome.quote.text}”  — "
                            f"{outcome.source}, line {outcome.quote.line}")
        for label, text in (("notes", outcome.notes), ("not comparable", outcome.not_comparable),
                            ("flags", ", ".join(outcome.flags))):
            if text:
                yield Text(f"    {label}: {text}", style="dim")
    for claim in target.claims:
        yield Text.assemble(("claim ", "bold"), f"{claim.claim}: {claim.text}  “{claim.quote.text}”"
                            f"  — {claim.source}, line {claim.quote.line}")
    if not target.outcomes:
        yield Text("no later document in the corpus reports on this target", style="yellow")
    line = Text("timeline ", style="bold")
    for when, source_id, status in timeline:
        line.append(f"{when} {source_id}: ")
        line.append(LABEL[status], style=STYLE[status])
        line.append("   ")
    yield line
