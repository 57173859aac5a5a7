"""The markdown report: deterministic (same data, same bytes) and safe to render on GitHub."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from xjtrack.core.promises import Counts, never_reported, promises, total
from xjtrack.core.vocab import Status
from xjtrack.output.i18n import WORDS, indicator, plan_name
from xjtrack.output.render import covered, outcome_cell, plan_groups, plan_table_md, tally
from xjtrack.output.report_parts import (
    JUDGED,
    across_entries,
    across_head,
    adjusted_section,
    disputed_head,
    disputed_lines,
    documents_section,
    flags_head,
    flags_lines,
    pie,
    silent_lines,
    summary_table_of,
)
from xjtrack.output.report_words import HEADINGS
from xjtrack.safe import md_cell


@dataclass(frozen=True)
class Context:
    """What the report needs besides the verdict rows, read from the database."""

    plans: dict
    sources: int
    documents: list[tuple]  # (source, title, observations, indicators)
    adjusted: list[tuple] = ()  # (target, original goal, its verdict, goal in force, source, verdict, flags)

    @classmethod
    def read(cls, conn, plans: dict) -> Context:
        from xjtrack.store import lookup

        documents = [(r[0], r[1], r[3], r[4]) for r in lookup.source_counts(conn)[1]]
        return cls(plans, lookup.source_total(conn), documents, lookup.adjusted_verdicts(conn))


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
        def order(p) -> tuple:
            row = p.row
            progress = row["progress"]
            return rank[row["status"]], progress is None, progress or 0, row["id"]

        ranked = sorted(found, key=order)
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
             *pie(g.rows, f"{plan.id} {plan.period}", lang, g.counted.statuses), "", h["sorted_intro"], "",
             *plan_table_md(g.rows, lang, g.ranked)]
    return "\n".join(lines).rstrip() + "\n"


def topic_page(title: str, intro: str, body: list[str], lang: str, main: str) -> str:
    lines = [f"# {title}", "", f"[{HEADINGS[lang]['back']}](../../{main})", "", intro, "", *body]
    return "\n".join(lines).rstrip() + "\n"


def report_pages(rows: Iterable[dict], corpus: Context, as_of, lang: str = "en",
                 main: str = "REPORT.md") -> list[tuple[str, str]]:
    """The main page ("" for its path) and the linked pages (paths relative to it): deterministic.
    rows: store.status.report_rows (the view's columns the report shows, and notes)."""
    pages = [(rel, "".join(pieces)) for rel, pieces in page_stream(rows, corpus, as_of, lang, main)]
    return [pages[-1], *pages[:-1]]


def page_text(lines: Iterable[str]) -> Iterator[str]:
    """`"\n".join(lines).rstrip() + "\n"` in pieces, as the lines come: blank lines wait until a
    line with words follows them (those at the end are dropped), and the last is stripped."""
    held, blanks, first = None, [], True
    for line in lines:
        if not line.strip():
            blanks.append(line)
            continue
        if held is not None:
            yield held
        held = ("" if first else "\n") + "".join(b + "\n" for b in blanks) + line
        blanks, first = [], False
    yield ("" if held is None else held.rstrip()) + "\n"


def page_stream(rows: Iterable[dict], corpus: Context, as_of, lang: str = "en",
                main: str = "REPORT.md") -> Iterator[tuple[str, Iterable[str]]]:
    """report_pages() written as the rows are read, a plan at a time: each plan's page as its rows
    come, then the topic pages, then the main page (its path ""); each page as pieces of its text,
    to be written in turn. What the topic pages and the main page gather over every plan waits in
    temporary files (store.spool), not in memory; what is held between plans is each plan's counts
    and, for each indicator, how many plans target it."""
    from xjtrack.store.spool import Spool

    with Spool() as spool:
        yield from _pages(rows, corpus, as_of, lang, main, spool)


def _pages(rows: Iterable[dict], corpus: Context, as_of, lang: str, main: str, spool) -> Iterator[tuple]:
    h = HEADINGS[lang]
    counted: dict[str, Counts] = {}
    targeted: dict[str, int] = {}  # indicator -> how many plans target it (a plan's rows come together)
    for plan_id, rows_of_plan in plan_groups(rows):
        plan = corpus.plans[plan_id]
        group = Group.of(rows_of_plan)
        found, counted[plan_id] = group.found, group.counted
        spool.add("heads", [*headline(plan, group, lang), *judged_table(group, lang)])
        spool.add("disputed", disputed_lines([r for r in rows_of_plan if r["disputed"]], lang))
        spool.add("silent", silent_lines([p.row for p in found if never_reported(p.row)], corpus.plans, lang))
        flagged = [r for r in rows_of_plan if r["flags"]]
        spool.add("flags", flags_lines(flagged, {r["id"]: r["notes"] for r in flagged}, lang))
        entries = sorted(across_entries(rows_of_plan, lang), key=lambda e: e[2])
        for ident in {e[0] for e in entries}:
            targeted[ident] = targeted.get(ident, 0) + 1
        spool.add_grouped("across", [(e[0], f"{md_cell(e[0], code=True)} {md_cell(e[3])}", e[4]) for e in entries])
        yield f"{DETAILS}/{plan_id}.md", (plan_page(plan, group, lang, main),)
    several = sorted((i for i, n in targeted.items() if n > 1), key=lambda i: (-targeted[i], i))
    topics = {"disputed": (h["disputed"], h["disputed_intro"], _section(spool, "disputed", disputed_head(lang), lang)),
              "silent": (h["silent"], h["silent_intro"], _section(spool, "silent", [], lang)),
              "flags": (h["flags"], h["flags_intro"], _section(spool, "flags", flags_head(lang), lang)),
              "across": (h["across"], h["across_intro"], _across(spool, several, lang))}
    for name, (title, intro, body) in topics.items():
        yield f"{DETAILS}/{name}.md", page_text(
            chain([f"# {title}", "", f"[{HEADINGS[lang]['back']}](../../{main})", "", intro, ""], body))
    yield "", page_text(_main_lines(spool, corpus, as_of, counted, topics, lang))


def _section(spool, section: str, head: list[str], lang: str) -> Iterable[str]:
    return chain(head, spool.lines(section)) if spool.count(section) else [HEADINGS[lang]["none"]]


def _across(spool, several: list[str], lang: str) -> Iterable[str]:
    if not several:
        return [HEADINGS[lang]["none"]]
    lines = spool.grouped("across", {ident: n for n, ident in enumerate(several)})
    return chain(across_head(lang), (f"| {head if first else ''} | {line}" for _, head, line, first in lines))


def _main_lines(spool, corpus: Context, as_of, counted: dict, topics: dict, lang: str) -> Iterator[str]:
    h = HEADINGS[lang]
    yield from [f"# {h['title']}", "",
                h["intro"].format(plans=len(corpus.plans), sources=corpus.sources, as_of=as_of.isoformat()), "",
                h["counting"], "", f"## {h['headlines']}", ""]
    yield from spool.lines("heads")
    silent_plans = [p for p in corpus.plans.values() if p.claims and p.id not in counted]
    for plan in silent_plans:
        yield from [f"### {md_cell(plan_name(plan, lang))} ({md_cell(plan.id, code=True)} · {plan.period})", "",
                    *(f"- {h['claim_says'].format(source=md_cell(c.source, code=True))} "
                      f"{md_cell('“' + c.quote.text + '”')} ({md_cell(c.claim)}). {WORDS[lang]['no_targets_of_plan']}."
                      for c in plan.claims), ""]
    yield from [f"## {h['summary']}", "", *summary_table_of({**counted, "": total(counted.values())}, lang), "",
                *([f"## {h['adjusted']}", "", h["adjusted_intro"], "", *adjusted_section(corpus.adjusted, lang), ""]
                  if corpus.adjusted else []),
                f"## {h['documents']}", "", h["documents_intro"], "", *documents_section(corpus.documents, lang), "",
                f"## {h['more']}", "",
                *(f"- [{title}]({DETAILS}/{name}.md)" for name, (title, _, _) in topics.items())]


def report(rows: list[dict], corpus: Context, as_of, lang: str = "en") -> str:
    """The main page alone."""
    return report_pages(rows, corpus, as_of, lang)[0][1]
