"""The site's Jinja2 environment (autoescape on, templates compiled once) and what its pages
share: the verdict badge, per-language word tables, and phrases in both languages (pair, Pairs)."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

from xjtrack.core.vocab import Status
from xjtrack.output.site.words import (
    BINDING_WORDS,
    COLOURS,
    WORDS,
    derivation_text,
    measure_word,
    status_word,
)


@cache
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("xjtrack.output.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, auto_reload=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(badge=badge, pair=pair, where=where, doc_link=doc_link, badge2=both_badges, derivation=derivation_text, status_word=status_word, measure_word=measure_word, colours=COLOURS,
                       binding_words=BINDING_WORDS, statuses=[s.value for s in Status])
    return env


@cache
def badge(status: str, lang: str, disputed: bool = False, note: str = ""):
    """A verdict as a coloured label (and the disputed mark): a Python function, as it is on every page."""
    from markupsafe import Markup

    out = Markup('<span class="badge s-{}">{}</span>').format(status, status_word(status, lang))
    if disputed:
        out += Markup(' <span class="flag" title="{}">⚑</span>').format(note)
    return out


class Lookup(dict):
    """A word per key in one language (a status, a measure, a place), each worked out once, so
    that templates look words up rather than call functions in their loops."""

    def __init__(self, word, lang: str):
        super().__init__()
        self.word, self.lang = word, lang

    def __missing__(self, key):
        self[key] = found = self.word(key, self.lang)
        return found


@cache
def lookup(word, lang: str) -> Lookup:
    return Lookup(word, lang)


@cache
def words(lang: str) -> SimpleNamespace:
    return SimpleNamespace(**WORDS[lang])


def pair(en: str, zh: str):
    """A phrase in both languages, as a bilingual page shows it: each part with its `lang`, the
    page's switch showing one (site.css); the same phrase in both, once."""
    from markupsafe import Markup, escape

    if en == zh:
        return escape(en)
    return Markup(f'<span lang="en">{escape(en)}</span><span lang="zh-Hans">{escape(zh)}</span>')


class Pairs:
    """Phrases in both languages by key (words, statuses, measures), each made once. Not a dict:
    a template's b.items or b.keys must find the word, never a dict's method."""

    __slots__ = ("_word", "_made")

    def __init__(self, word):
        self._word = word
        self._made: dict = {}

    def __getitem__(self, key):
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = pair(self._word(key, "en"), self._word(key, "zh"))
        return found

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]


@cache
def pairs(word) -> Pairs:
    return Pairs(word)


def site_word(key: str, lang: str) -> str:
    if key == "due_lower":
        return WORDS[lang]["due"].lower()
    return WORDS[lang][key]


@cache
def where(source: str, line: int):
    """A link to a document's line from a target page (t/ID.html), in each language's document page."""
    from markupsafe import Markup, escape

    source, line = escape(source), escape(line)
    return Markup(f'<a lang="en" href="../doc/{source}/#L{line}">{source}, line {line}</a>'
                  f'<a lang="zh-Hans" href="../zh/doc/{source}/#L{line}">{source}，第 {line} 行</a>')


@cache
def doc_link(source: str, line: int, text: str):
    """A link from a target page to a document (at a line when line is not 0), in each language's page."""
    from markupsafe import Markup, escape

    source, anchor, text = escape(source), escape(f"#L{line}" if line else ""), escape(text)
    return Markup(f'<a lang="en" href="../doc/{source}/{anchor}">{text}</a>'
                  f'<a lang="zh-Hans" href="../zh/doc/{source}/{anchor}">{text}</a>')


@cache
def both_badges(status: str, disputed: bool = False):
    """A verdict's badge in both languages (each its own badge, the switch showing one)."""
    from markupsafe import Markup

    en, zh = badge(status, "en", disputed, WORDS["en"]["disputed"]), badge(status, "zh", disputed, WORDS["zh"]["disputed"])
    return (Markup('<span lang="en">') + en + Markup('</span><span lang="zh-Hans">') + zh
            + Markup("</span>"))
