"""The site's Jinja2 environment (autoescape on, templates compiled once) and what its templates
share: the verdict badge, per-language word tables, and the fragments rendered once for both
languages (fragments.html)."""

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
    env.globals.update(badge=badge, derivation=derivation_text, status_word=status_word, measure_word=measure_word, colours=COLOURS,
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


def fragments():
    return environment().get_template("fragments.html").module


@cache
def words(lang: str) -> SimpleNamespace:
    return SimpleNamespace(**WORDS[lang])
