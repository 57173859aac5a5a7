"""The markdown report: deterministic, so that the same data gives the same bytes."""

from __future__ import annotations

from collections import Counter

from xjtrack.domain import STATUSES, Corpus
from xjtrack.render import LABEL, as_markdown, by_plan, md_escape


def summary_table(rows: list[dict], plans: dict) -> list[str]:
    present = [s for s in STATUSES if any(r["status"] == s for r in rows)]
    head = ("| plan | targets | numeric | " + " | ".join(LABEL[s] for s in present)
            + " | disputed | reported on |")
    lines = [head, "|" + " --- |" * (len(present) + 5)]
    groups = by_plan(rows)
    for plan_id, group in [*groups.items(), ("all", rows)]:
        tally = Counter(r["status"] for r in group)
        reported = sum(1 for r in group if r["outcome_text"] is not None)
        name = "**all plans**" if plan_id == "all" else f"{md_escape(plans[plan_id].name_en)} (`{plan_id}`)"
        numeric = sum(1 for r in group if r["metric"] != "qualitative")
        lines.append(f"| {name} | {len(group)} | {numeric} | " + " | ".join(str(tally[s]) for s in present)
                     + f" | {sum(r['disputed'] for r in group)} | {reported} of {len(group)} |")
    return lines


def report(rows: list[dict], corpus: Corpus, as_of) -> str:
    lines = [
        "# xjtrack report",
        "",
        f"Targets set by {len(corpus.plans)} plans in {len(corpus.sources)} documents, judged "
        f"with the documents delivered on or before {as_of.isoformat()}. "
        "How verdicts are reached: see the README.",
        "",
        "## Summary",
        "",
        *summary_table(rows, corpus.plans),
        "",
        "## Targets by plan",
        "",
        as_markdown(rows, corpus.plans),
    ]
    return "\n".join(lines).rstrip() + "\n"
