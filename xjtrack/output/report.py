"""The markdown report: deterministic (same data, same bytes) and safe to render on GitHub."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from xjtrack.core.promises import Counts, never_reported, promises, total
from xjtrack.core.vocab import Status
from xjtrack.output.i18n import WORDS, indicator, plan_name
from xjtrack.output.render import covered, outcome_cell, plan_groups, plan_table_md, tally
from xjtrack.output.report_parts import (
    JUDGED,
    across_entries,
    across_lines,
    adjusted_section,
    disputed_section,
    documents_section,
    flags_section,
    pie,
    silent_section,
    summary_table_of,
)
from xjtrack.output.report_words import HEADINGS
from xjtrack.safe import md_cell


@dataclass(frozen=True)
class Context:
    """What the report needs besides the verdict rows, read from the database."""

    plans: dict
    sources: int
    notes: dict[str, str]
    documents: list[tuple]  # (source, title, observations, indicators)
    adjusted: list[tuple] = ()  # (target, original goal, its verdict, goal in force, source, verdict, flags)

    @classmethod
    def read(cls, conn, plans: dict) -> Context:
        from xjtrack.store import lookup

        documents = [(r[0], r[1], r[3], r[4]) for r in lookup.source_counts(conn)[1]]
        return cls(plans, lookup.source_total(conn), lookup.target_notes(conn), documents,
                   lookup.adjusted_verdicts(conn))


DETAILS = "docs/report"  # the per-plan and per-topic pages, beside the main page


@dataclass(frozen=True)
class Group:
    """A plan's rows, its promises, counted and sorted once: every part of the report uses them."""

    rows: list[dict]
    found: list
    counted: Counts
    ranked: list  # by verdict (met, partial, missed …), the lowest progress first within one

    @classmethod
    def of(cls, rows) -> Group:
        if isinstance(rows, Group):
            return rows
        rank = {s: n for n, s in enumerate(Status)}
        found = promises(rows)
        ranked = sorted(found, key=lambda p: (rank[p.status], p.row["progress"] is None,
                                              p.row["progress"] or 0, p.id))
        return cls(rows, found, Counts.of(found), ranked)


def _sorted(group: list[dict] | Group) -> list:
    """A plan's promises by verdict (met, partial, missed …), the lowest progress first within one."""
    return Group.of(group).ranked


def _misses(group: list[dict] | Group, lang: str, n: int = 3) -> str:
    w = WORDS[lang]
    missed = [p.row for p in _sorted(group) if p.status == "missed"][:n]
    return "; ".join(f"{md_cell(indicator(r, lang))} {md_cell(outcome_cell(r))} {w['against']} "
                     f"{md_cell(r['target_text'])}"
                     + ("" if r["progress"] is None else f" ({r['progress']:.0%})") for r in missed)


def headline(plan, group: list[dict] | Group, lang: str) -> list[str]:
    """A plan's findings in a few lines: verdicts by the numbers and in words, binding targets,
    the biggest misses and what the documents say of the plan."""
    h, w = HEADINGS[lang], WORDS[lang]
    g = Group.of(group)
    c = g.counted
    judged = sum(c.statuses.get(s, 0) for s in JUDGED)
    lines = [f"### {md_cell(plan_name(plan, lang))} ({md_cell(plan.id, code=True)} · {plan.period})", "",
             f"- **{h['judged'].format(judged=judged, n=c.promises, numeric=c.numeric)}** {tally(c, lang)}"]
    if c.binding:
        lines.append(f"- {h['binding_met'].format(met=c.binding_met, n=c.binding)}")
    misses = _misses(g, lang)
    if misses:
        lines.append(f"- {h['misses']}: {misses}")
    for claim in plan.claims:
        lines.append(f"- {h['claim_says'].format(source=md_cell(claim.source, code=True))} "
                     f"{md_cell('“' + claim.quote.text + '”')} ({md_cell(claim.claim)}); "
                     f"{w['by_numbers'].lower() if lang == 'en' else w['by_numbers']}: {tally(c, lang)}")
    lines.append(f"- [{h['every_target']}]({DETAILS}/{plan.id}.md)")
    return [*lines, ""]


def judged_table(group: list[dict] | Group, lang: str) -> list[str]:
    g = Group.of(group)
    order = [p for p in g.ranked if p.status in JUDGED]
    if not order:
        return []
    return ["<details>", f"<summary>{HEADINGS[lang]['judged_table'].format(n=len(order))}</summary>", "",
            *plan_table_md(g.rows, lang, order, reasons=False), "", "</details>", ""]


def plan_page(plan, group: list[dict] | Group, lang: str, main: str) -> str:
    h = HEADINGS[lang]
    g = Group.of(group)
    lines = [f"# {md_cell(plan_name(plan, lang))} ({plan.period})", "", f"[{h['back']}](../../{main})", "",
             f"{covered(g.counted, len(g.rows), lang)}: {tally(g.counted, lang)}", "",
             *pie(g.rows, f"{plan.id} {plan.period}", lang), "", h["sorted_intro"], "",
             *plan_table_md(g.rows, lang, g.ranked)]
    return "\n".join(lines).rstrip() + "\n"


def topic_page(title: str, intro: str, body: list[str], lang: str, main: str) -> str:
    lines = [f"# {title}", "", f"[{HEADINGS[lang]['back']}](../../{main})", "", intro, "", *body]
    return "\n".join(lines).rstrip() + "\n"


def report_pages(rows: Iterable[dict], corpus: Context, as_of, lang: str = "en",
                 main: str = "REPORT.md") -> list[tuple[str, str]]:
    """The main page ("" for its path) and the linked pages (paths relative to it): deterministic."""
    pages = list(page_stream(rows, corpus, as_of, lang, main))
    return [pages[-1], *pages[:-1]]


# what the topic pages need of a row: they gather rows from every plan, so they keep only these
KEPT = ("id", "plan", "indicator", "indicator_zh", "indicator_en", "measure", "target_text", "due",
        "outcome_text", "outcome_period", "status", "disputed", "flags", "silent", "promise")


def page_stream(rows: Iterable[dict], corpus: Context, as_of, lang: str = "en",
                main: str = "REPORT.md") -> Iterator[tuple[str, str]]:
    """report_pages() written as the rows are read, a plan at a time: each plan's page as its rows
    come, then the topic pages, then the main page (its path ""). What is held between plans is the
    main page's text, each plan's counts and what the topic pages show (disputed, never reported,
    flagged rows, with the columns they print, and each indicator row's line of the across table)."""
    h = HEADINGS[lang]
    heads: list[str] = []
    counted: dict[str, Counts] = {}
    disputed, quiet, flagged, indicated = [], [], [], []
    for plan_id, rows_of_plan in plan_groups(rows):
        plan = corpus.plans[plan_id]
        group = Group.of(rows_of_plan)
        found, counted[plan_id] = group.found, group.counted
        heads += [*headline(plan, group, lang), *judged_table(group, lang)]
        disputed += [r for r in rows_of_plan if r["disputed"]]
        quiet += [{k: p.row[k] for k in KEPT} for p in found if never_reported(p.row)]
        flagged += [{k: r[k] for k in KEPT} for r in rows_of_plan if r["flags"]]
        indicated += across_entries(rows_of_plan, lang)
        yield f"{DETAILS}/{plan_id}.md", plan_page(plan, group, lang, main)
    topics = {"disputed": (h["disputed"], h["disputed_intro"], disputed_section(disputed, lang)),
              "silent": (h["silent"], h["silent_intro"], silent_section(quiet, corpus.plans, lang)),
              "flags": (h["flags"], h["flags_intro"], flags_section(flagged, corpus.notes, lang)),
              "across": (h["across"], h["across_intro"], across_lines(indicated, corpus.plans, lang))}
    del disputed, quiet, flagged, indicated
    for name, (title, intro, body) in topics.items():
        yield f"{DETAILS}/{name}.md", topic_page(title, intro, body, lang, main)
    lines = [f"# {h['title']}", "",
             h["intro"].format(plans=len(corpus.plans), sources=corpus.sources, as_of=as_of.isoformat()), "",
             h["counting"], "", f"## {h['headlines']}", "", *heads]
    silent_plans = [p for p in corpus.plans.values() if p.claims and p.id not in counted]
    for plan in silent_plans:
        lines += [f"### {md_cell(plan_name(plan, lang))} ({md_cell(plan.id, code=True)} · {plan.period})", "",
                  *(f"- {h['claim_says'].format(source=md_cell(c.source, code=True))} "
                    f"{md_cell('“' + c.quote.text + '”')} ({md_cell(c.claim)}). {WORDS[lang]['no_targets_of_plan']}."
                    for c in plan.claims), ""]
    lines += [f"## {h['summary']}", "", *summary_table_of({**counted, "": total(counted.values())}, lang), "",
              *([f"## {h['adjusted']}", "", h["adjusted_intro"], "", *adjusted_section(corpus.adjusted, lang), ""]
                if corpus.adjusted else []),
              f"## {h['documents']}", "", h["documents_intro"], "", *documents_section(corpus.documents, lang), "",
              f"## {h['more']}", "",
              *(f"- [{title}]({DETAILS}/{name}.md)" for name, (title, _, _) in topics.items())]
    yield "", "\n".join(lines).rstrip() + "\n"


def report(rows: list[dict], corpus: Context, as_of, lang: str = "en") -> str:
    """The main page alone."""
    return report_pages(rows, corpus, as_of, lang)[0][1]
