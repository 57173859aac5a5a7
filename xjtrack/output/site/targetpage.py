"""A target's page (t/ID.html), in both languages at once, put together from pre-escaped pieces
(assemble.py): the site's most numerous page, written without a template.

Each phrase is a pair of parts with their `lang` (engine.pair); site.css shows English, or
Chinese when the address ends in #zh. The data is shown once; every value from the data passes
through assemble.esc. What several targets share is made once: a figure's row of its series,
a figure's quote in context, a timeline's entry.
"""

from __future__ import annotations

from xjtrack.output.site import svg
from xjtrack.output.site.assemble import chart_body, context, esc
from xjtrack.output.site.engine import both_badges, doc_link, pair, pairs, site_word, where, words
from xjtrack.output.site.text import in_context, number_in
from xjtrack.output.site.words import (
    BINDING_WORDS,
    derivation_text,
    measure_word,
    reason_text,
    status_word,
    target_name,
    title,
)

ROLES = ("decides", "baseline_role", "reported")


class TargetPages:
    """The target pages of a site (pages.Site), with what they share made once."""

    def __init__(self, site):
        self.site = site
        self.data = site.data
        self.b = pairs(site_word)
        self.measures = pairs(measure_word)
        self._rows: dict[str, str] = {}  # observation id -> its series row after the role's class
        self._quotes: dict[tuple, str] = {}  # a figure's quote in context
        self._moments: dict[tuple, str] = {}
        self._series_order: dict[tuple, list] = {}
        self._head, self._foot = self._frame()

    def _frame(self) -> tuple[str, str]:
        """What every target page holds around its own parts: the navigation and the footer."""
        en, zh = self.site.chrome("en", "../"), self.site.chrome("zh", "../zh/")
        head = (f'</head>\n<body>\n<i id="zh"></i>\n<header>\n<nav>\n<span lang="en">{en.nav}</span>'
                f'<span lang="zh-Hans">{zh.nav}</span>\n<a class="lang en" lang="zh-Hans" hreflang="zh-Hans" '
                f'href="#zh">中文</a><a class="lang zh" lang="en" hreflang="en" href="')
        foot = (f'</main>\n<div lang="en">{en.footer}</div><div lang="zh-Hans">{zh.footer}</div>\n'
                "</body>\n</html>\n")
        return head, foot

    def _quote(self, q, figure: str, o=None) -> str:
        key = (q.source, q.line, q.text, figure, o.id if o else None)
        found = self._quotes.get(key)
        if found is None:
            quote = {"source": q.source, "line": q.line, "text": q.text,
                     "lines": in_context(self.data.lines.get(q.source, []), q.line, q.text, figure),
                     "period": str(o.period) if o else "", "value": o.value.text if o else "",
                     "date": str(o.source_date) if o else ""}
            found = context(quote, "../", where)  # from t/ID.html to the site's root
            if o is not None:  # a target's own quote is on its page alone
                self._quotes[key] = found
        return found

    def _row(self, o) -> str:
        found = self._rows.get(o.id)
        if found is None:
            b = self.b
            estimate = f" ({b.estimate})" if o.estimate else ""
            line = o.quotes[0].line if o.quotes else 0
            found = self._rows[o.id] = (
                f'"><td>{esc(str(o.period))}</td><td>{self.measures[o.measure]}</td><td>{esc(o.value.text)}{estimate}</td>'
                f"<td>{doc_link(o.source, line, o.source)} ({esc(str(o.source_date))})</td><td>")
        return found

    def _sorted(self, t, own: list) -> list:
        """A series' figures in the order its table shows them, sorted once for all its targets."""
        key = (t.indicator, t.jurisdiction)
        found = self._series_order.get(key)
        if found is None:
            found = self._series_order[key] = sorted(
                own, key=lambda o: (o.measure, o.period.start, o.period.end, o.source_date.last_day(), o.source))
        return found

    def _moment(self, m) -> str:
        key = (m.date, m.source, m.status)
        found = self._moments.get(key)
        if found is None:
            found = self._moments[key] = (f"<li>{esc(m.date)} {doc_link(m.source, 0, m.source)}: "
                                          f"{both_badges(m.status)}</li>\n")
        return found

    def page(self, target_id: str) -> str:
        c, site, b = self.data.corpus, self.site, self.b
        t, r = c.targets[target_id], self.data.row(target_id)
        v = self.data.verdicts.get(target_id)
        plan, source = c.plans[t.plan], c.sources.get(t.source)
        indicator = c.indicators.get(t.indicator)
        names = {lang: target_name(r, lang) for lang in ("en", "zh")}
        name_en, name_zh = esc(names["en"]), esc(names["zh"])
        tid = esc(t.id)
        out = ['<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
               '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
               f"<title>{name_en} · {name_zh} · {tid} · xjtrack</title>\n"
               '<link rel="stylesheet" href="../static/site.css">\n'
               f'<link rel="alternate" type="application/atom+xml" title="{esc(words("en").feed)}" href="../feed.xml">\n']
        if site.base:
            out.append(f'<link rel="canonical" href="{esc(site.base + f"t/{target_id}.html")}">\n')
        out.append(f'{self._head}{tid}.html">English</a>\n</nav>\n</header>\n<main>\n')

        plan_id = esc(t.plan)
        out.append(f'<p class="crumbs"><a lang="en" href="../plan/{plan_id}/">{esc(title(plan.name_zh, plan.name_en, "en"))}'
                   f'</a><a lang="zh-Hans" href="../zh/plan/{plan_id}/">{esc(title(plan.name_zh, plan.name_en, "zh"))}</a>'
                   f" · {pair(site._place(t.jurisdiction, 'en'), site._place(t.jurisdiction, 'zh'))}")
        if t.indicator:
            ind = esc(t.indicator)
            en = title(indicator.name_zh, indicator.name_en, "en") if indicator else t.indicator
            zh = title(indicator.name_zh, indicator.name_en, "zh") if indicator else t.indicator
            out.append(f' · <a lang="en" href="../indicator/{ind}/">Indicator: {esc(en)}</a>'
                       f'<a lang="zh-Hans" href="../zh/indicator/{ind}/">指标：{esc(zh)}</a>')
        out.append(f"</p>\n<h1>{pair(names['en'], names['zh'])}</h1>\n<p><code>{tid}</code></p>\n")

        status = esc(r["status"])
        out.append(f'<div class="verdict s-{status}">\n<p class="status">{both_badges(r["status"], bool(r["disputed"]))}</p>\n'
                   f'<p class="reason">{pair(reason_text(r, "en"), reason_text(r, "zh"))}</p>\n')
        if r["progress"] is not None:
            progress = round(r["progress"] * 100)
            out.append(f'<p>{b.progress}: <meter min="0" max="100" value="{esc(min(max(progress, 0), 100))}">'
                       f"{esc(progress)}%</meter> {esc(progress)}%</p>")
        out.append("</div>\n")
        out.append(self._facts(t, r, v))
        out.append(self._quotes_of(t, r, v))
        out.append(self._chart(t, r, v, name_en, name_zh))
        out.append(self._series(t, v))
        out.append(self._claims(t, r))
        out.append(f"<section>\n<h2>{b.timeline}</h2>\n<ol class=\"timeline\">\n")
        out.extend(self._moment(m) for m in self.data.timelines.get(target_id, []))
        out.append("</ol>\n</section>\n")

        as_of = esc(self.data.as_of.isoformat())
        first = t.quotes[0] if t.quotes else None
        cite = (self.site.base or "/") + f"t/{target_id}.html"
        source_en = esc(title(source.title_zh, source.title_en, "en") if source else t.source)
        source_zh = esc(title(source.title_zh, source.title_en, "zh") if source else t.source)
        line_en = f", line {esc(first.line)}" if first else ""
        line_zh = f"，第 {esc(first.line)} 行" if first else ""
        day = esc(str(t.source_date))
        out.append(f'<section class="cite">\n<h2>{b.cite}</h2>\n<p lang="en">xjtrack, “{name_en}” ({tid}). '
                   f"{source_en}{line_en} ({day}). Verdict: {esc(status_word(r['status'], 'en'))}, {as_of}. {esc(cite)}</p>\n"
                   f'<p lang="zh-Hans">xjtrack，“{name_zh}”（{tid}）。{source_zh}{line_zh}（{day}）。'
                   f"评估：{esc(status_word(r['status'], 'zh'))}，{as_of}。{esc(cite + '#zh')}</p>\n</section>\n")
        out.append(self._foot)
        return "".join(out)

    def _facts(self, t, r, v) -> str:
        b = self.b
        binding = pair(BINDING_WORDS["en"].get(t.binding) or t.binding, BINDING_WORDS["zh"].get(t.binding) or t.binding)
        out = [f'<dl class="facts">\n<dt>{b.goal}</dt><dd>{esc(r["target_text"])} ({self.measures[t.measure]}; '
               f'{b.due_lower} {esc(r["due"])}; {binding})</dd>\n']
        figure, base = (v.figure, v.baseline) if v else (None, None)
        if figure:
            how = (pair(derivation_text(figure.how, "en"), derivation_text(figure.how, "zh")) if figure.how
                   else b.reported_directly)
            out.append(f"<dt>{b.outcome}</dt><dd>{esc(figure.text)} ({esc(str(figure.period))})</dd>\n"
                       f"<dt>{b.derivation}</dt><dd>{how}</dd>")
        if base:
            how = f"; {pair(derivation_text(base.how, 'en'), derivation_text(base.how, 'zh'))}" if base.how else ""
            out.append(f"<dt>{b.baseline}</dt><dd>{esc(base.text)} ({esc(str(base.period))}){how}</dd>")
        if t.baseline and not base:
            out.append(f"<dt>{b.baseline}</dt><dd>{esc(t.baseline.value.text)} ({esc(t.baseline.year)}): "
                       f"{esc(t.baseline.derivation)}</dd>")
        for word, value in ((b.section, t.section), (b.milestone, t.milestone)):
            if value:
                out.append(f"<dt>{word}</dt><dd>{esc(value)}</dd>")
        if t.items:
            out.append(f"<dt>{b.items}</dt><dd>{'; '.join(esc(i) for i in t.items)}</dd>")
        if r["flags"]:
            out.append(f"<dt>{b.flags}</dt><dd>{', '.join(esc(f) for f in r['flags'])}</dd>")
        if t.notes:
            out.append(f"<dt>{b.notes}</dt><dd>{esc(t.notes)}</dd>")
        out.append("</dl>\n")
        return "".join(out)

    def _quotes_of(self, t, r, v) -> str:
        """The three quote sections: where the plan states it (always), the deciding figure, the baseline."""
        c, b = self.data.corpus, self.b
        used = set(v.figure.observations) if v and v.figure else set()
        based = set(v.baseline.observations) if v and v.baseline else set()
        stated = [self._quote(q, number_in(r["target_text"])) for q in t.quotes]
        deciding = [self._quote(q, number_in(o.value.text), o) for i in sorted(used)
                    if (o := c.observations.get(i)) for q in o.quotes]
        baseline = [self._quote(q, number_in(o.value.text), o) for i in sorted(based - used)
                    if (o := c.observations.get(i)) for q in o.quotes]
        out = []
        for n, (heading, blocks) in enumerate(((b.stated, stated), (b.figure_quote, deciding), (b.baseline_quote, baseline))):
            if n == 0 or blocks:
                out.append(f"<section>\n<h2>{heading}</h2>\n{''.join(blocks)}</section>\n")
        return "".join(out)

    def _chart(self, t, r, v, name_en: str, name_zh: str) -> str:
        chart = svg.target_chart(t, v, self.site.series.get((t.indicator, t.jurisdiction), []))
        if chart is None:
            return ""
        goal = chart["goal"]
        mark = (f'<rect x="{esc(goal["x"] - 5)}" y="{esc(goal["y"] - 5)}" width="10" height="10" class="goal s-{esc(r["status"])}">'
                f'<title>{esc(r["target_text"])}</title></rect>') if goal else ""
        width, height = esc(chart["width"]), esc(chart["height"])
        return (f'<section>\n<h2>{self.b.chart}</h2>\n<svg class="chart" role="img" aria-label="{name_en} · {name_zh}" '
                f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">\n'
                f'{chart_body(chart)}{mark}<text x="{esc(chart["left"] + 4)}" y="{esc(chart["top"] + 4)}">'
                f'{esc(chart["unit"])}</text>\n</svg>\n</section>\n')

    def _series(self, t, v) -> str:
        b = self.b
        own = self.site.series.get((t.indicator, t.jurisdiction), [])
        out = [f"<section>\n<h2>{b.series}</h2>\n"]
        if own:
            used = set(v.figure.observations) if v and v.figure else set()
            based = set(v.baseline.observations) if v and v.baseline else set()
            out.append(f"<table>\n<thead><tr><th>{b.period}</th><th>{b.measure}</th><th>{b.value}</th><th>{b.vintage}</th>"
                       f"<th>{b.role}</th></tr></thead>\n<tbody>\n")
            for o in self._sorted(t, own):
                role = "decides" if o.id in used else "baseline_role" if o.id in based else "reported"
                unusable = f"; {b.unusable}: {esc(o.unusable)}" if o.unusable else ""
                out.append(f'<tr class="{role}{self._row(o)}{b[role]}{unusable}</td></tr>\n')
            out.append("</tbody>\n</table>\n")
        elif t.indicator:
            out.append(f"<p>{b.no_figure}</p>\n")
        else:
            out.append(f"<p>{b.none}</p>\n")
        out.append("</section>\n")
        return "".join(out)

    def _claims(self, t, r) -> str:
        b = self.b
        out = [f"<section>\n<h2>{b.claims}</h2>\n"]
        for c in t.claims:
            said = b.claim_met if c.claim == "met" else b.claim_not_met
            out.append(f"<p>{said}: {esc(c.text)}</p>\n<blockquote><p>{esc(c.quote.text)}</p></blockquote>\n"
                       f'<p class="where">{where(c.source, c.quote.line)} ({esc(str(c.source_date))})</p>\n')
        if not t.claims:
            out.append(f"<p>{b.none}</p>\n")
        if r["disputed"]:
            out.append(f'<p class="disputed">⚑ {b.disputed}</p>')
        out.append("</section>\n")
        if t.statements:
            out.append(f"<section>\n<h2>{b.statements}</h2>\n")
            for s in t.statements:
                notes = f": {esc(s.notes)}" if s.notes else ""
                for q in s.quotes:
                    out.append(f"<blockquote><p>{esc(q.text)}</p></blockquote>\n"
                               f'<p class="where">{where(q.source, q.line)} ({esc(str(s.source_date))}){notes}</p>\n')
            out.append("</section>\n")
        return "".join(out)
