"""The registries: jurisdictions, sources, plans and indicators, checked into the Corpus."""

from __future__ import annotations

import re
from pathlib import Path

from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import parse_unit
from xjtrack.core.records import Indicator, Jurisdiction, Plan, Proxy, Source
from xjtrack.core.vocab import SECONDARY
from xjtrack.curated.checks import Checker
from xjtrack.curated.files import FileRefused, Read, inside, stamped

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # what reads as a source id, not a title


def jurisdictions(c: Checker) -> None:
    seen: dict = {}
    for item in c.reader.items["jurisdictions"]:
        m = item.model
        if c.unique(seen, item, "jurisdiction"):
            c.corpus.jurisdictions[m.id] = Jurisdiction(id=m.id, name_zh=m.name_zh, name_en=m.name_en,
                                                        parent=m.parent, notes=m.notes)
    for item in c.reader.items["jurisdictions"]:
        if item.model.parent:
            c.ref(item, ("parent",), "jurisdiction", item.model.parent, c.corpus.jurisdictions, "targets.yaml")


def jurisdiction(c: Checker, item, sub: tuple, value: str) -> bool:
    return c.ref(item, sub, "jurisdiction", value, c.corpus.jurisdictions, "targets.yaml") is not None


def sources(c: Checker, reading=map) -> None:
    """reading(stamped, paths): each archived text's stamp, in order (store.parallel.mapped reads
    them on every core)."""
    seen: dict = {}
    found_by_file = _stamps(c, reading)
    for item in c.reader.items["sources"]:
        m = item.model
        date = c.parse(item, ("date",), DocDate.parse, m.date)
        jurisdiction(c, item, ("jurisdiction",), m.jurisdiction)
        if not c.unique(seen, item, "source") or date is None:
            continue
        found = found_by_file[m.file]
        if isinstance(found, FileRefused):
            message = f"archived text {m.file} not found" if found.code == "missing-file" else str(found)
            c.problem(item, ("file",), found.code, message)
        else:
            c.texts.add(m.id, m.file, found.sha256)
            c.reader.inputs[m.file] = found.stamp("source")
        _secondary_or_official(c, item)
        c.corpus.sources[m.id] = Source(id=m.id, title_zh=m.title_zh, title_en=m.title_en, issuer=m.issuer,
                                        jurisdiction=m.jurisdiction,
                                        kind=m.kind.value, date=date, file=m.file, notes=m.notes,
                                        publisher=m.publisher, reports_on=m.reports_on,
                                        version_of=m.version_of)
    for item in c.reader.items["sources"]:  # once every id is known
        m = item.model
        if m.reports_on and ID.match(m.reports_on) and m.reports_on not in c.corpus.sources:
            c.problem(item, ("reports_on",), "unknown-source", f"reports_on names no source {m.reports_on!r}: "
                      "give the id of an archived source, or the document's title where it is not archived")
        if m.version_of and m.version_of not in c.corpus.sources:
            c.problem(item, ("version_of",), "unknown-source", f"version_of names no source {m.version_of!r}: "
                      "give the id of the source this is another version of")
        elif m.version_of == m.id:
            c.problem(item, ("version_of",), "bad-value", "a source cannot be a version of itself")
        elif m.version_of and m.id in c.corpus.sources:
            official, version = c.corpus.sources[m.version_of], c.corpus.sources[m.id]
            if official.version_of:
                c.problem(item, ("version_of",), "bad-value", f"{m.version_of} is itself a version of "
                          f"{official.version_of}: name the official text, {official.version_of}")
            elif version.date.last_day() > official.date.last_day():
                c.problem(item, ("version_of",), "bad-value", f"this version is dated after {m.version_of} "
                          f"({version.date} > {official.date}); version_of: names the official (posted) text, "
                          "which decides: write version_of: on the earlier version instead")


def _stamps(c: Checker, reading) -> dict[str, Read | FileRefused]:
    """Each archived text the sources name, by its file: its stamp, or why it is refused."""
    found: dict[str, Path | Read | FileRefused] = {}
    for item in c.reader.items["sources"]:
        file = item.model.file
        if file not in found:
            try:
                found[file] = inside(c.root, file)
            except FileRefused as exc:
                found[file] = exc
    paths = {file: path for file, path in found.items() if isinstance(path, Path)}
    found.update(zip(paths, reading(stamped, list(paths.values())), strict=True))
    return found


def _secondary_or_official(c: Checker, item) -> None:
    """News and analysis name a publisher and are never dressed as an official document; every
    other kind names its issuer."""
    m = item.model
    if m.kind in SECONDARY:
        if m.issuer:
            c.problem(item, ("issuer",), "secondary-issuer", f"a {m.kind.value} source has a publisher, not an "
                      "issuer: it is not an official document; write publisher: instead")
        if not m.publisher:
            c.problem(item, ("kind",), "missing-publisher", f"a {m.kind.value} source names its publisher: add "
                      "publisher: (the outlet or author) and reports_on: (the source id or title it reports)")
    else:
        for name in ("issuer", "title_en"):
            if not getattr(m, name):
                c.problem(item, ("kind",), f"missing-{name.replace('_', '-')}", f"a {m.kind.value} names its {name}: "
                          f"add {name}:")
        for name in ("publisher", "reports_on"):
            if getattr(m, name):
                c.problem(item, (name,), "official-publisher", f"{name}: is for news and analysis; an official "
                          "document names its issuer")


def plans(c: Checker) -> None:
    seen: dict = {}
    for item in c.reader.items["plans"]:
        m = item.model
        period = c.parse(item, ("period",), Period.parse, m.period)
        source = c.source_ref(item, ("source",), m.source)
        known = jurisdiction(c, item, ("jurisdiction",), m.jurisdiction)
        if c.unique(seen, item, "plan") and period and source and known:
            c.corpus.plans[m.id] = Plan(id=m.id, name_zh=m.name_zh, name_en=m.name_en,
                                        jurisdiction=m.jurisdiction, period=period, source=m.source,
                                        notes=m.notes, position=len(c.corpus.plans) + 1)


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
        proxies = tuple(Proxy(indicator=p.indicator, comparable=p.comparable == "true", flag=p.flag or "",
                              note=p.note, bound=p.bound or "")
                        for p in m.proxies)
        c.corpus.indicators[m.id] = Indicator(
            id=m.id, name_zh=m.name_zh, name_en=m.name_en, unit=m.unit, kind=m.kind.value,
            direction=m.direction.value, prices=m.prices.value,
            growth=m.growth or ("real" if m.prices == "nominal" else ""), aliases=tuple(m.aliases),
            also_in=tuple(m.also_in),
            replaces=m.replaces, proxies=proxies, notes=m.notes, topic=m.topic.value)
    for item in c.reader.items["indicators"]:
        m = item.model
        if m.replaces:
            c.ref(item, ("replaces",), "indicator", m.replaces, c.corpus.indicators, "data/indicators.yaml")
        for i, p in enumerate(m.proxies):
            c.ref(item, ("proxies", i, "indicator"), "indicator", p.indicator, c.corpus.indicators,
                  "data/indicators.yaml")
