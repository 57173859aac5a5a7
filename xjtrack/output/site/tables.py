"""The long parts of the indicator, plan and document pages, put together from pre-escaped pieces
(assemble.esc for every value from the data, engine's Markup helpers for words and badges): the
rows of their tables, which a Jinja2 template would escape value by value. The page around them
(head, navigation, footer) is still its template's, which writes these parts as they are.
"""

from __future__ import annotations

from markupsafe import Markup

from xjtrack.output.site.assemble import esc
from xjtrack.output.site.engine import badge, lookup, words
from xjtrack.output.site.words import measure_word, title


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
        out.append(f"<dt>{esc(w.aliases)}</dt><dd>{esc('、').join(esc(a) for a in entry.aliases)}</dd>")
    if entry.notes:
        out.append(f"<dt>{esc(w.notes)}</dt><dd>{esc(entry.notes)}</dd>")
    out.append(f"</dl>\n<section>\n<h2>{esc(w.targets.capitalize())}</h2>\n")
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
