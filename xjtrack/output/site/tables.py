"""The long parts of the indicator, plan and document pages, put together from pre-escaped pieces
(assemble.esc for every value from the data, engine's Markup helpers for words and badges): the
rows of their tables, which a Jinja2 template would escape value by value. The page around them
(head, navigation, footer) is still its template's, which writes these parts as they are.
"""

from __future__ import annotations

from markupsafe import Markup

from xjtrack.output.site.assemble import esc
from xjtrack.output.site.engine import badge, lookup, words
from xjtrack.output.site.words import BINDING_WORDS, measure_word, title


class Where:
    """A page's way to the site's root and to target pages, in one language."""

    def __init__(self, lang: str, depth: int):
        self.lang = lang
        self.root = "../" * depth
        self.troot = "../" * (depth + (lang == "zh")) + "t/"
        self.tzh = "#zh" if lang == "zh" else ""

    def target(self, target_id: str, text) -> str:
        return f'<a href="{self.troot}{esc(target_id)}.html{self.tzh}">{text}</a>'


def indicator_main(site, entry, rows: list[dict], info: dict, levels, succession, lang: str) -> Markup:
    """The body of an indicator's page: its facts, its targets, every figure with its vintages,
    the same year's targets across levels and each plan beside the plan before."""
    w, at = words(lang), Where(lang, 2)
    places, measures, badges = site._places(lang), lookup(measure_word, lang), lookup(badge, lang)
    out = [f"<h1>{esc(title(entry.name_zh, entry.name_en, lang))}</h1>\n<p><code>{esc(entry.id)}</code> · "
           f"{esc(entry.name_zh)} · {esc(entry.name_en)}</p>\n<dl class=\"facts\">\n<dt>{esc(w.unit)}</dt><dd>"
           f"{esc(entry.unit)}</dd>\n<dt>{esc(w.kind)}</dt><dd>{esc(entry.kind)}, {esc(entry.prices)}</dd>\n"]
    if entry.aliases:
        out.append(f"<dt>{esc(w.aliases)}</dt><dd>{'、'.join(esc(a) for a in entry.aliases)}</dd>")
    if entry.notes:
        out.append(f"<dt>{esc(w.notes)}</dt><dd>{esc(entry.notes)}</dd>")
    out.append(f"</dl>\n<section>\n<h2>{esc(w.targets_title)}</h2>\n")
    if rows:
        out.append(f'<table class="targets">\n<thead><tr><th>{esc(w.target)}</th><th>{esc(w.plan)}</th><th>{esc(w.goal)}</th>'
                   f"<th>{esc(w.outcome)}</th><th>{esc(w.status)}</th></tr></thead>\n<tbody>\n")
        for r in rows:
            ident, plan = esc(r["id"]), esc(r["plan"])
            out.append(f"<tr><td>{at.target(r['id'], esc(r['name']))}<br><code>{ident}</code></td><td><a href=\"{at.root}plan/"
                       f"{plan}/\">{plan}</a></td><td>{esc(r['goal'])} ({esc(r['due'])})</td><td>{esc(r['outcome'] or '')}</td>"
                       f"<td>{badge(r['status'], lang, r['disputed'], w.disputed)}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
    else:
        out.append(f"<p>{esc(w.none)}</p>")
    out.append(f"</section>\n<section>\n<h2>{esc(w.series)}</h2>\n")
    if info["figures"]:
        out.append(f"<table>\n<thead><tr><th>{esc(w.place)}</th><th>{esc(w.measure)}</th><th>{esc(w.period)}</th>"
                   f"<th>{esc(w.value)} ({esc(w.vintage)})</th></tr></thead>\n<tbody>\n")
        for f in info["figures"]:
            cells = []
            for v in f["vintages"]:
                estimate = f" ({esc(w.estimate)})" if v["estimate"] else ""
                unusable = f"; {esc(w.unusable)}: {esc(v['unusable'])}" if v["unusable"] else ""
                source = esc(v["source"])
                cells.append(f'{esc(v["value"])}{estimate} <a href="{at.root}doc/{source}/#L{esc(v["line"])}">{source}</a> '
                             f"({esc(v['source_date'])}){unusable}")
            revised = f' <span class="flag">{esc(w.revised)}</span>' if f["revised"] else ""
            out.append(f"<tr><td>{esc(places[f['jurisdiction']])}</td><td>{esc(measures[f['measure']])}</td>"
                       f"<td>{esc(f['period'])}</td><td>{'<br>'.join(cells)}{revised}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
    else:
        out.append(f"<p>{esc(w.none)}</p>")
    out.append("</section>\n")
    if levels:
        out.append(f"<section>\n<h2>{esc(w.across)}</h2>\n<table>\n<thead><tr><th>{esc(w.measure)}</th><th>{esc(w.due)}</th>"
                   f"<th>{esc(w.place)}: {esc(w.goal)} → {esc(w.outcome)}</th></tr></thead>\n<tbody>\n")
        flag = f' <span class="flag">{esc(w.more_ambitious)}</span>'
        for level in levels:
            sides = [f"{esc(places[s.jurisdiction])}: {at.target(s.target_id, esc(s.target_text))} → "
                     f"{esc(s.outcome_text or '')} {badges[s.status]}"
                     + flag * sum(1 for lower, _ in level.more_ambitious if lower == s.jurisdiction)
                     for s in level.sides]
            out.append(f"<tr><td>{esc(measures[level.measure])}</td><td>{esc(level.due)}</td><td>{'<br>'.join(sides)}</td></tr>\n")
        out.append("</tbody>\n</table>\n</section>\n")
    if succession:
        out.append(f"<section>\n<h2>{esc(w.succession)}</h2>\n<table>\n<thead><tr><th>{esc(w.place)}</th><th>{esc(w.plan)}</th>"
                   f"<th>{esc(w.goal)}</th><th>{esc(w.previous)}</th><th>{esc(w.previous_outcome)}</th></tr></thead>\n<tbody>\n")
        for s in succession:
            before = after = ""
            if s.previous_plan:
                before = f'<a href="{at.root}plan/{esc(s.previous_plan)}/">{esc(s.previous_plan)}</a>: {esc(s.previous_target)}'
                after = f"{esc(s.previous_outcome or '')} {badges[s.previous_status]}"
            out.append(f"<tr><td>{esc(places[s.jurisdiction])}</td><td>{at.target(s.target_id, esc(s.plan))}: "
                       f"{esc(s.target_text)} ({esc(measures[s.measure])}, {esc(s.due)}) {badges[s.status]}</td>"
                       f"<td>{esc(s.outcome_text or '')}</td><td>{before}</td><td>{after}</td></tr>\n")
        out.append("</tbody>\n</table>\n</section>\n")
    return Markup("".join(out))


def plan_groups(groups: list[tuple[str, list[dict]]], lang: str) -> Markup:
    """A plan's targets, a table per verdict, each row carrying what the filter script reads."""
    w, at, badges = words(lang), Where(lang, 2), lookup(badge, lang)
    bindings = BINDING_WORDS[lang]
    head = (f"<table class=\"targets\">\n<thead><tr><th>{esc(w.target)}</th><th>{esc(w.goal)}</th><th>{esc(w.outcome)}</th>"
            f"<th>{esc(w.due)}</th><th>{esc(w.binding)}</th></tr></thead>\n<tbody>\n")
    flag = f' <span class="flag" title="{esc(w.disputed)}">⚑</span>'
    out = []
    for status, group in groups:
        out.append(f'<section class="group" data-status="{esc(status)}">\n<h2 id="s-{esc(status)}">{badges[status]} '
                   f"{len(group)} {esc(w.targets)}</h2>\n{head}")  # targets, every form: the counts above count promises
        for r in group:
            out.append(f'<tr data-status="{esc(r["status"])}" data-binding="{esc(r["binding"])}" data-section="{esc(r["section"])}" '
                       f'data-topic="{esc(r["topic"])}"><td>{at.target(r["id"], esc(r["name"]))}{flag if r["disputed"] else ""}'
                       f"<br><code>{esc(r['id'])}</code></td><td>{esc(r['goal'])}</td><td>{esc(r['outcome'] or '')}</td>"
                       f"<td>{esc(r['due'])}</td><td>{esc(bindings.get(r['binding']) or r['binding'])}</td></tr>\n")
        out.append("</tbody>\n</table>\n</section>\n")
    return Markup("".join(out))


def document_main(site, source, targets: list[str], spoken: list[str], figures: list, text: Markup, lang: str) -> Markup:
    """The body of a document's page: its manifest row, the targets it sets and speaks of, the
    figures it reports, and its archived text (rendered once for both languages)."""
    w, at = words(lang), Where(lang, 2)
    measures, indicators = lookup(measure_word, lang), site.data.corpus.indicators
    out = [f"<h1>{esc(title(source.title_zh, source.title_en, lang))}</h1>\n<p><code>{esc(source.id)}</code> · "
           f"{esc(source.title_zh)} · {esc(source.issuer)} · {esc(source.date)} · {esc(source.kind)}</p>\n"]
    if source.notes:
        out.append(f"<p>{esc(source.notes)}</p>")
    manifest = site.data.manifest.get(source.id, {})
    if manifest:
        rows = "".join(f"<dt>{esc(key)}</dt><dd>{esc(value)}</dd>\n" for key, value in manifest.items())
        out.append(f'<section>\n<h2>{esc(w.manifest)}</h2>\n<dl class="facts">\n{rows}</dl>\n</section>\n')
    out.append(f"<section>\n<h2>{esc(w.targets_in)} ({len(targets)})</h2>\n")
    if targets:
        out.append(f'<p class="ids">{"".join(at.target(t, esc(t)) + " " for t in targets)}</p>')
    else:
        out.append(f"<p>{esc(w.none)}</p>")
    if spoken:
        out.append(f'<h2>{esc(w.words_in)} ({len(spoken)})</h2>\n<p class="ids">{"".join(at.target(t, esc(t)) + " " for t in spoken)}</p>\n')
    out.append(f"</section>\n<section>\n<h2>{esc(w.figures)} ({len(figures)})</h2>\n")
    if figures:
        out.append(f"<table>\n<thead><tr><th>{esc(w.indicator)}</th><th>{esc(w.place)}</th><th>{esc(w.measure)}</th>"
                   f"<th>{esc(w.period)}</th><th>{esc(w.value)}</th><th>{esc(w.line)}</th></tr></thead>\n<tbody>\n")
        names: dict[str, str] = {}
        for o in figures:
            name = names.get(o.indicator)
            if name is None:
                i = indicators[o.indicator]
                name = names[o.indicator] = esc(title(i.name_zh, i.name_en, lang))
            lines = "".join(f'<a href="#L{esc(q.line)}">{esc(q.line)}</a> ' for q in o.quotes if q.source == source.id)
            out.append(f'<tr><td><a href="{at.root}indicator/{esc(o.indicator)}/">{name}</a></td><td>{esc(o.jurisdiction)}</td>'
                       f"<td>{esc(measures[o.measure])}</td><td>{esc(o.period)}</td><td>{esc(o.value.text)}</td><td>{lines}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
    else:
        out.append(f"<p>{esc(w.none)}</p>")
    out.append(f'</section>\n<section>\n<h2>{esc(w.text)}</h2>\n<div class="text">\n{text}</div>\n</section>\n')
    return Markup("".join(out))
