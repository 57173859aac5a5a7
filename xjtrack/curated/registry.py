"""The registries: jurisdictions, sources, plans and indicators, checked into the Corpus."""

from __future__ import annotations

from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import parse_unit
from xjtrack.core.records import Indicator, Jurisdiction, Plan, Proxy, Source
from xjtrack.curated.checks import Checker
from xjtrack.curated.files import FileRefused, inside, read
from xjtrack.curated.quotes import SourceText


def jurisdictions(c: Checker) -> None:
    seen: dict = {}
    for item in c.reader.items["jurisdictions"]:
        m = item.model
        if c.unique(seen, item, "jurisdiction"):
            c.corpus.jurisdictions[m.id] = Jurisdiction(m.id, m.name_zh, m.name_en, m.parent, m.notes)
    for item in c.reader.items["jurisdictions"]:
        if item.model.parent:
            c.ref(item, ("parent",), "jurisdiction", item.model.parent, c.corpus.jurisdictions, "targets.yaml")


def jurisdiction(c: Checker, item, sub: tuple, value: str) -> bool:
    return c.ref(item, sub, "jurisdiction", value, c.corpus.jurisdictions, "targets.yaml") is not None


def sources(c: Checker) -> None:
    seen: dict = {}
    for item in c.reader.items["sources"]:
        m = item.model
        date = c.parse(item, ("date",), DocDate.parse, m.date)
        jurisdiction(c, item, ("jurisdiction",), m.jurisdiction)
        if not c.unique(seen, item, "source") or date is None:
            continue
        try:
            found = read(inside(c.root, m.file))
        except FileRefused as exc:
            message = f"archived text {m.file} not found" if exc.code == "missing-file" else str(exc)
            c.problem(item, ("file",), exc.code, message)
        else:
            c.texts[m.id] = SourceText(found.text)
            c.corpus.texts[m.id] = found.text
            c.reader.inputs[m.file] = found.stamp("source")
        c.corpus.sources[m.id] = Source(m.id, m.title_zh, m.title_en, m.issuer, m.jurisdiction,
                                        m.kind.value, date, m.file, m.notes)


def plans(c: Checker) -> None:
    seen: dict = {}
    for item in c.reader.items["plans"]:
        m = item.model
        period = c.parse(item, ("period",), Period.parse, m.period)
        source = c.source_ref(item, ("source",), m.source)
        known = jurisdiction(c, item, ("jurisdiction",), m.jurisdiction)
        if c.unique(seen, item, "plan") and period and source and known:
            c.corpus.plans[m.id] = Plan(m.id, m.name_zh, m.name_en, m.jurisdiction, period, m.source,
                                        m.notes, len(c.corpus.plans) + 1)


def indicators(c: Checker) -> None:
    seen: dict = {}
    names: dict[str, str] = {}
    for item in c.reader.items["indicators"]:
        m = item.model
        if not c.unique(seen, item, "indicator"):
            continue
        for sub, name in [(("name_zh",), m.name_zh), *((("aliases", i), a) for i, a in enumerate(m.aliases))]:
            if names.setdefault(name, m.id) != m.id:
                c.problem(item, sub, "alias-taken", f"{name!r} already names indicator "
                          f"{names[name]!r}; a name belongs to one indicator only")
        for sub, unit in [(("unit",), m.unit), *((("also_in", i), u) for i, u in enumerate(m.also_in))]:
            c.parse(item, sub, parse_unit, unit)
        if m.growth and m.prices != "nominal":
            c.problem(item, ("growth",), "bad-value", "growth: says how the growth of money in "
                      "current prices is measured; leave it out for prices: real or none")
        proxies = tuple(Proxy(p.indicator, p.comparable == "true", p.flag or "", p.note, p.bound or "")
                        for p in m.proxies)
        c.corpus.indicators[m.id] = Indicator(
            m.id, m.name_zh, m.name_en, m.unit, m.kind.value, m.direction.value, m.prices.value,
            m.growth or ("real" if m.prices == "nominal" else ""), tuple(m.aliases), tuple(m.also_in),
            m.replaces, proxies, m.notes, m.topic.value)
    for item in c.reader.items["indicators"]:
        m = item.model
        if m.replaces:
            c.ref(item, ("replaces",), "indicator", m.replaces, c.corpus.indicators, "data/indicators.yaml")
        for i, p in enumerate(m.proxies):
            c.ref(item, ("proxies", i, "indicator"), "indicator", p.indicator, c.corpus.indicators,
                  "data/indicators.yaml")
