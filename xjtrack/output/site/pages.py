"""Every page of the site, in both languages: rendered through Jinja2 with autoescape, but for
the target pages, the most numerous, which are put together from pre-escaped pieces
(targetpage.py, assemble.py).

`pages(data)` yields (path, text) for each file; nothing here touches the disk. The lists, plans,
indicators and documents live at the same path in each language's tree (English at the root,
Chinese under zh/). A target's page, the most numerous, is one page in both languages at
t/ID.html (its Chinese at t/ID.html#zh), a file without a folder of its own, and so is the page
of an old id. Every link is relative, so the
site works from any folder of any static host.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from types import SimpleNamespace

from markupsafe import Markup

from xjtrack.core.across import across_levels, plan_after_plan
from xjtrack.core.vocab import TOPIC_NAMES, Topic
from xjtrack.output.series import series_details
from xjtrack.output.site import svg
from xjtrack.output.site.assemble import document_text
from xjtrack.output.site.engine import (
    Lookup,
    badge,
    environment,
    lookup,
    words,
)
from xjtrack.output.site.tables import document_main, indicator_main, plan_groups
from xjtrack.output.site.words import (
    HTML_LANG,
    LANGS,
    PREFIX,
    WORDS,
    measure_word,
    status_word,
    target_name,
    title,
)
from xjtrack.store.siteview import STATUS_ORDER, SiteData, plan_counts

TARGET_LINK = re.compile(r'(class="tref" href=)"\.\./\.\./t/([^"]*)"')  # a document's text's links


def _depth(path: str) -> int:
    return path.count("/")


class Site:
    """The site's pages for one SiteData; base_url, when given, makes absolute addresses (feed, cite)."""

    def __init__(self, data: SiteData, base_url: str = ""):
        self.data = data
        self.base = base_url.rstrip("/") + "/" if base_url else ""
        c = data.corpus
        self.by_plan: dict[str, list[dict]] = {}
        self.by_indicator: dict[str, list[dict]] = {}
        for r in data.rows:
            self.by_plan.setdefault(r["plan"], []).append(r)
            if r["indicator"]:
                self.by_indicator.setdefault(r["indicator"], []).append(r)
        self.series: dict[tuple[str, str], list] = {}
        self.observations_in: dict[str, list] = {}
        self.observations_on: dict[str, list] = {}
        for o in c.observations.values():
            self.series.setdefault((o.indicator, o.jurisdiction), []).append(o)
            self.observations_in.setdefault(o.source, []).append(o)
            self.observations_on.setdefault(o.indicator, []).append(o)
        self.quoted: dict[str, dict[int, list[str]]] = {}  # source -> line -> the targets quoted there
        self.set_in: dict[str, list[str]] = {}  # source -> the targets it sets
        self.spoken_of: dict[str, set[str]] = {}  # source -> the targets it has words or claims about
        for t in c.targets.values():
            for q in t.quotes:
                self.quoted.setdefault(q.source, {}).setdefault(q.line, []).append(t.id)
            self.set_in.setdefault(t.source, []).append(t.id)
            for s in (*t.statements, *t.claims):
                self.spoken_of.setdefault(s.source, set()).add(t.id)
        self._lines_by_lang: dict[str, list[dict]] = {}
        self._counts: dict[str, Counter] = {}
        self._chrome: dict[tuple[str, str], SimpleNamespace] = {}
        self._place_names: dict[str, Lookup] = {}
        self._texts: dict[str, object] = {}  # the last document's text, rendered
        self._series: tuple[str, dict] = ("", {})  # the last indicator's series, levels and succession
        self.plans = sorted(c.plans.values(), key=lambda p: (p.position, p.id))
        self.sources = sorted(c.sources.values(), key=lambda s: (s.date.last_day(), s.id))

    # ---- rendering -------------------------------------------------------------------------

    def render(self, template: str, lang: str, path: str, **context) -> str:
        full = PREFIX[lang] + path
        up = "../" * _depth(full)
        root = "../" * _depth(path) or "./"
        other = "zh" if lang == "en" else "en"
        return environment().get_template(template).render(
            lang=lang, html_lang=HTML_LANG[lang], w=words(lang), path=path, up=up, root=root,
            other_href=(up + PREFIX[other] + path) or "./", other_lang=HTML_LANG[other], as_of=self.data.as_of.isoformat(),
            troot=up + "t/", tzh="#zh" if lang == "zh" else "",  # a target: {{ troot }}ID.html{{ tzh }}
            canonical=(self.base + full) if self.base else "", chrome=self.chrome(lang, root), place_names=self._places(lang),
            measures=lookup(measure_word, lang), status_words=lookup(status_word, lang), badges=lookup(badge, lang),
            **context)

    def _places(self, lang: str) -> dict:
        if lang not in self._place_names:
            self._place_names[lang] = Lookup(self._place, lang)
        return self._place_names[lang]

    def chrome(self, lang: str, root: str) -> SimpleNamespace:
        """The navigation and the footer of the language's pages at one depth, rendered once."""
        key = (lang, root)
        if key not in self._chrome:
            module = environment().get_template("chrome.html").make_module(
                {"w": words(lang), "root": root, "as_of": self.data.as_of.isoformat()})
            self._chrome[key] = SimpleNamespace(nav=module.nav(), footer=module.footer())
        return self._chrome[key]

    def parts(self) -> list[Iterator[tuple[str, str]]]:
        """The site in two parts of about equal work that can be written side by side: the pages
        of plans, indicators and documents (and the rest), and the target pages. The templates
        are compiled first, once, for the processes that write the parts to share."""
        env = environment()
        for name in env.list_templates():
            env.get_template(name)
        return [self.pages(targets=False), self.pages(common=False)]

    def pages(self, common: bool = True, targets: bool = True) -> Iterator[tuple[str, str]]:
        """(path, text) for every file: the common pages (home, lists, plans, indicators, documents,
        the search index, which serves both languages), then the target pages (one page each
        in both languages), the pages of old ids and the feeds (which, like the
        target pages, read the timelines)."""
        for lang in LANGS if common else ():
            prefix = PREFIX[lang]
            yield prefix + "index.html", self.home(lang)
            for name, page in (("plans", self.plan_list), ("indicators", self.indicator_list),
                               ("places", self.place_list), ("documents", self.document_list),
                               ("method", self.method), ("search", self.search)):
                yield f"{prefix}{name}/index.html", page(lang)
            for plan in self.plans:
                yield f"{prefix}plan/{plan.id}/index.html", self.plan(plan, lang)
        for ident in sorted(self.data.corpus.indicators) if common else ():
            for lang in LANGS:  # the languages side by side: what the pages share is worked out once
                yield f"{PREFIX[lang]}indicator/{ident}/index.html", self.indicator(ident, lang)
        for source in self.sources if common else ():
            for lang in LANGS:
                yield f"{PREFIX[lang]}doc/{source.id}/index.html", self.document(source, lang)
        if common:
            yield "search-index.js", self.search_index()
            yield "search-text.js", self.search_text()
            yield "404.html", environment().get_template("notfound.html").render(
                base=self.base, en=words("en"), zh=words("zh"))
        if not targets:
            return
        from xjtrack.output.site.targetpage import TargetPages

        target_pages = TargetPages(self)
        for target_id in self.data.corpus.targets:
            yield f"t/{target_id}.html", target_pages.page(target_id)
        moved = environment().get_template("moved.html")
        for old, new in self.renamed():
            yield f"t/{old}.html", moved.render(new=new, old=old, en=words("en"), zh=words("zh"))
        for lang in LANGS:
            yield f"{PREFIX[lang]}feed.xml", self.feed(lang)

    def renamed(self) -> list[tuple[str, str]]:
        """(old id, id) for each id a target had before, so that its old address leads to it."""
        targets = self.data.corpus.targets
        return sorted({(a, t.id) for t in targets.values() for a in t.aliases if a not in targets})

    # ---- pages -----------------------------------------------------------------------------

    def _bars(self, lang: str) -> list[dict]:
        return svg.bars([(p.id, f"{title(p.name_zh, p.name_en, lang)} ({p.period})",
                          dict(self.counts(p.id))) for p in self.plans
                         if self.by_plan.get(p.id)])

    def home(self, lang: str) -> str:
        rows = self.data.rows
        counts = plan_counts(rows)
        return self.render("home.html", lang, "", bars=self._bars(lang), counts=counts,
                           n=sum(counts.values()), n_targets=len(rows), plans=self._plan_lines(lang), sources=len(self.sources),
                           places=len(self.data.corpus.jurisdictions), indicators=len(self.data.corpus.indicators))

    def counts(self, plan_id: str) -> Counter:
        """A plan's promises per verdict, counted once for every page that shows them."""
        if plan_id not in self._counts:
            self._counts[plan_id] = plan_counts(self.by_plan.get(plan_id, []))
        return self._counts[plan_id]

    def _plan_lines(self, lang: str) -> list[dict]:
        if lang not in self._lines_by_lang:
            self._lines_by_lang[lang] = self._make_plan_lines(lang)
        return self._lines_by_lang[lang]

    def _make_plan_lines(self, lang: str) -> list[dict]:
        return [{"id": p.id, "name": title(p.name_zh, p.name_en, lang), "period": str(p.period),
                 "counts": (counts := self.counts(p.id)), "n": sum(counts.values()),
                 "n_targets": len(self.by_plan.get(p.id, []))}
                for p in self.plans]

    def plan_list(self, lang: str) -> str:
        return self.render("plans.html", lang, "plans/", plans=self._plan_lines(lang))

    def plan(self, plan, lang: str) -> str:
        rows = sorted(self.by_plan.get(plan.id, []), key=lambda r: STATUS_ORDER.get(r["status"], 99))
        groups: list[tuple[str, list[dict]]] = []
        for r in rows:
            if not groups or groups[-1][0] != r["status"]:
                groups.append((r["status"], []))
            groups[-1][1].append(self._row(r, lang))
        claims = [{"claim": c.claim, "quote": c.quote.text, "source": c.source, "line": c.quote.line,
                   "date": str(c.source_date)} for c in plan.claims]
        sections = sorted({r["section"] for _, g in groups for r in g if r["section"]})
        present = {r["topic"] for _, g in groups for r in g}
        topics = [(t.value, TOPIC_NAMES[t][0 if lang == "zh" else 1]) for t in Topic if t.value in present]
        return self.render("plan.html", lang, f"plan/{plan.id}/", plan=plan, name=title(plan.name_zh, plan.name_en, lang),
                           place=self._place(plan.jurisdiction, lang), groups=plan_groups(groups, lang), claims=claims,
                           counts=(counts := self.counts(plan.id)), n=sum(counts.values()), n_targets=len(rows),
                           sections=sections, topics=topics,
                           plan_bars=svg.bars([(plan.id, "", dict(counts))]) if rows else [])

    def _row(self, r: dict, lang: str) -> dict:
        target = self.data.corpus.targets[r["id"]]
        return {"id": r["id"], "name": target_name(r, lang), "goal": r["target_text"], "outcome": r["outcome_text"],
                "status": r["status"], "binding": r["binding"], "disputed": r["disputed"], "due": r["due"],
                "section": target.section, "topic": target.topic, "plan": r["plan"]}

    def _place(self, ident: str, lang: str) -> str:
        j = self.data.corpus.jurisdictions.get(ident)
        return title(j.name_zh, j.name_en, lang) if j else ident

    def indicator_list(self, lang: str) -> str:
        items = [{"id": i.id, "name": title(i.name_zh, i.name_en, lang), "unit": i.unit,
                  "targets": len(self.by_indicator.get(i.id, [])),
                  "plans": len({r["plan"] for r in self.by_indicator.get(i.id, [])})}
                 for i in self.data.corpus.indicators.values()]
        items.sort(key=lambda x: (-x["plans"], -x["targets"], x["id"]))
        return self.render("indicators.html", lang, "indicators/", items=items)

    def indicator(self, ident: str, lang: str) -> str:
        c = self.data.corpus
        entry = c.indicators[ident]
        rows = self.by_indicator.get(ident, [])
        if self._series[0] != ident:  # the same in both languages: worked out once
            observations = sorted(self.observations_on.get(ident, []), key=lambda o: (o.file, o.position))
            self._series = (ident, {"info": series_details(entry, observations, rows, c.plans),
                                    "levels": across_levels(rows, c.jurisdictions),
                                    "succession": plan_after_plan(rows, c.plans)})
        main = indicator_main(self, entry, [self._row(r, lang) for r in rows], lang=lang, **self._series[1])
        return self.render("indicator.html", lang, f"indicator/{ident}/", name=title(entry.name_zh, entry.name_en, lang), main=main)

    def place_list(self, lang: str) -> str:
        c = self.data.corpus
        places = [{"id": j.id, "name": title(j.name_zh, j.name_en, lang), "parent": j.parent,
                   "parent_name": self._place(j.parent, lang) if j.parent else "", "notes": j.notes,
                   "plans": [p for p in self._plan_lines(lang) if c.plans[p["id"]].jurisdiction == j.id],
                   "documents": [{"id": s.id, "title": title(s.title_zh, s.title_en, lang)} for s in self.sources
                                 if s.jurisdiction == j.id]}
                  for j in sorted(c.jurisdictions.values(), key=lambda j: j.id)]
        return self.render("places.html", lang, "places/", places=places)

    def document_list(self, lang: str) -> str:
        docs = [{"id": s.id, "title": title(s.title_zh, s.title_en, lang), "date": str(s.date), "kind": s.kind,
                 "figures": len(self.observations_in.get(s.id, []))} for s in self.sources]
        return self.render("documents.html", lang, "documents/", docs=docs)

    def document(self, source, lang: str) -> str:
        quoted = {n: list(ids) for n, ids in self.quoted.get(source.id, {}).items()}
        targets = self.set_in.get(source.id, [])
        words = sorted(self.spoken_of.get(source.id, ()))
        figures = sorted(self.observations_in.get(source.id, []), key=lambda o: (o.file, o.position))
        for o in figures:
            for q in o.quotes:
                if q.source == source.id:
                    quoted.setdefault(q.line, [])
        if source.id not in self._texts:  # the same in both languages: rendered once
            text = document_text(self.data.lines.get(source.id, []), quoted, "../../")
            # the Chinese page links its targets' Chinese: from zh/doc/ID/, ../../../t/ID.html#zh; the
            # pattern cannot come from data, whose quotation marks are escaped
            self._texts = {source.id: {"en": text, "zh": Markup(TARGET_LINK.sub(r'\1"../../../t/\2#zh"', str(text)))}}
        main = document_main(self, source, targets, words, figures, self._texts[source.id][lang], lang)
        return self.render("document.html", lang, f"doc/{source.id}/", name=title(source.title_zh, source.title_en, lang),
                           main=main)

    def method(self, lang: str) -> str:
        from xjtrack.output.site.markdown import section_html

        texts = self.data.texts
        parts = [(WORDS[lang]["method_verdicts"], section_html(texts.get("README.md", ""), "How verdicts are reached")),
                 (WORDS[lang]["method_comparability"], section_html(texts.get("CURATING.md", ""), "Comparability"))]
        return self.render("method.html", lang, "method/", parts=[p for p in parts if p[1] is not None])

    def search(self, lang: str) -> str:
        return self.render("search.html", lang, "search/")

    # ---- the feed and the search index ------------------------------------------------------

    @cached_property
    def changes(self) -> list[dict]:
        """Per document, newest first: the targets it set and the verdicts it moved (for both feeds)."""
        moved: dict[str, list[tuple[str, str, str]]] = {}
        set_here: Counter = Counter()
        for target_id, moments in self.data.timelines.items():
            before = None
            for m in moments:
                if before is None:
                    set_here[m.source] += 1
                elif m.status != before:
                    moved.setdefault(m.source, []).append((target_id, before, m.status))
                before = m.status
        return [{"source": s, "moved": sorted(moved.get(s.id, [])), "set": set_here[s.id]}
                for s in reversed(self.sources)]

    def feed(self, lang: str) -> str:
        base = self.base + PREFIX[lang] if self.base else ""
        return environment().get_template("feed.xml").render(
            w=WORDS[lang], lang=lang, base=base, entries=self.changes, as_of=self.data.as_of.isoformat(),
            title_of=lambda s: title(s.title_zh, s.title_en, lang))

    def search_index(self) -> str:
        """The index a search reads first, for both languages: the targets ([id, name in Chinese,
        name in English, the goal's text]) and the indicators ([id, name in Chinese, name in
        English, aliases]). Small, so that the first results come at once."""
        targets = [[r["id"], target_name(r, "zh"), target_name(r, "en"), r["target_text"]] for r in self.data.rows]
        indicators = [[i.id, i.name_zh, i.name_en, " ".join(i.aliases)]
                      for i in sorted(self.data.corpus.indicators.values(), key=lambda i: i.id)]
        return _script("XJTRACK_INDEX", {"t": targets, "i": indicators})

    def search_text(self) -> str:
        """The documents' lines for search, loaded by the search script on the first search:
        [id, title in Chinese, title in English, [[line, text], ...]] per document, its title
        written once rather than once a line."""
        return _script("XJTRACK_TEXT", [[s.id, s.title_zh, s.title_en, self.data.lines.get(s.id, [])]
                                        for s in self.sources])


def _script(name: str, value) -> str:
    """value as a script that sets window.NAME: JSON, with nothing in it that could end the script
    or a line of it (<, and the two separators JavaScript reads as line ends)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return f"window.{name} = {text};\n"
