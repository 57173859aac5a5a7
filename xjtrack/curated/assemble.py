"""Cross-checking validated entries (ids, references, quantities, quotes) into a Corpus."""

from __future__ import annotations

from pathlib import Path

from xjtrack.core.domain import GROWTH_METRICS, Baseline, Claim, Corpus, Outcome, Plan, Quote, Source, Target
from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import Quantity, QuantityError, parse_quantity
from xjtrack.curated.files import FileRefused, inside, read
from xjtrack.curated.loader import Item, Reader
from xjtrack.curated.quotes import SourceText, figure_missing
from xjtrack.errors import did_you_mean


class Assembler:
    def __init__(self, reader: Reader, root: Path):
        self.reader = reader
        self.root = root
        self.corpus = Corpus()
        self.texts: dict[str, SourceText] = {}
        self.position = 0

    def problem(self, item: Item, sub: tuple, code: str, message: str, key: bool = False) -> None:
        self.reader.problem(item.doc, (*item.path, *sub), code, message, key=key)

    def parse(self, item: Item, sub: tuple, parser, text: str):
        try:
            return parser(text)
        except (QuantityError, ValueError) as exc:
            code = "bad-quantity" if parser is parse_quantity else "bad-value"
            self.problem(item, sub, code, str(exc))
            return None

    def unique(self, seen: dict[str, Item], item: Item, kind: str) -> bool:
        ident = item.model.id
        if ident in seen:
            first = seen[ident]
            line, _ = first.doc.place(first.path)
            self.problem(item, ("id",), "duplicate-id",
                         f"{kind} id {ident!r} is already used at {first.doc.file}:{line}; "
                         "ids must be unique across all files")
            return False
        seen[ident] = item
        return True

    def quote(self, item: Item, sub: tuple, source: str, text: str) -> tuple[Quote, str | None]:
        """The quote, located in its source, and the source's own text it matched."""
        found = self.texts.get(source)
        if found is None:
            return Quote(source, text), None
        where = found.locate(text)
        if where is None:
            self.problem(item, sub, "quote-not-found",
                         f"quote not found in {source} (whitespace ignored): {found.near_miss(text)}")
            return Quote(source, text), None
        return Quote(source, text, where.line), where.span

    def source_ref(self, item: Item, sub: tuple, source: str | None) -> Source | None:
        if source in self.corpus.sources:
            return self.corpus.sources[source]
        self.problem(item, sub, "unknown-source", f"unknown source {source!r}"
                     f"{did_you_mean(source or '', self.corpus.sources)}; sources are listed in "
                     "targets.yaml")
        return None

    def figure(self, item: Item, sub: tuple, quantity: Quantity | None, spans: list[str | None],
               as_written: str = "") -> None:
        """The number of a value or target must stand in its quote, as a whole number."""
        spans = [s for s in spans if s is not None]
        if not spans:
            return  # the quote itself was not found: that problem is already reported
        missing = figure_missing(quantity, spans, as_written)
        if missing:
            self.problem(item, sub, "figure-not-in-quote", missing)

    def flags_explained(self, item: Item, sub: tuple, model) -> None:
        if model.flags and not model.notes:
            self.problem(item, (*sub, "flags"), "flag-without-note",
                         "every flag must be explained: add notes: saying what the problem is")

    # -- sections ---------------------------------------------------------------------------

    def sources(self) -> None:
        seen: dict[str, Item] = {}
        for item in self.reader.items["sources"]:
            m = item.model
            date = self.parse(item, ("date",), DocDate.parse, m.date)
            if not self.unique(seen, item, "source") or date is None:
                continue
            try:
                found = read(inside(self.root, m.file))
            except FileRefused as exc:
                message = f"archived text {m.file} not found" if exc.code == "missing-file" else str(exc)
                self.problem(item, ("file",), exc.code, message)
            else:
                self.texts[m.id] = SourceText(found.text)
                self.corpus.texts[m.id] = found.text
                self.reader.inputs[m.file] = found.sha256
            self.corpus.sources[m.id] = Source(m.id, m.title_zh, m.title_en, m.issuer,
                                               m.jurisdiction, m.kind, date, m.file, m.notes)

    def plans(self) -> None:
        seen: dict[str, Item] = {}
        for item in self.reader.items["plans"]:
            m = item.model
            period = self.parse(item, ("period",), Period.parse, m.period)
            source = self.source_ref(item, ("source",), m.source)
            if self.unique(seen, item, "plan") and period and source:
                self.corpus.plans[m.id] = Plan(m.id, m.name_zh, m.name_en, m.jurisdiction,
                                               period, m.source, m.notes)

    def outcome(self, item: Item, sub: tuple, m, target_id: str) -> Outcome | None:
        self.flags_explained(item, sub, m)
        source = self.source_ref(item, (*sub, "source"), m.source)
        value = self.parse(item, (*sub, "value"), parse_quantity, m.value)
        period = self.parse(item, (*sub, "period"), Period.parse, m.period)
        quote, span = self.quote(item, (*sub, "quote"), m.source, m.quote)
        self.figure(item, (*sub, "value"), value, [span], m.as_written)
        if not (source and value and period):
            return None
        if value.value is None:
            self.problem(item, (*sub, "value"), "bad-quantity", "an outcome must state a number")
            return None
        self.position += 1
        return Outcome(target_id, value, period, m.source, source.date, quote, m.notes,
                       tuple(m.flags), m.not_comparable, self.position)

    def claim(self, item: Item, sub: tuple, m, target_id: str) -> Claim | None:
        source = self.source_ref(item, (*sub, "source"), m.source)
        quote, _ = self.quote(item, (*sub, "quote"), m.source, m.quote)
        return Claim(target_id, m.claim, m.text, m.source, source.date, quote) if source else None

    def target_quantity(self, item: Item, m) -> Quantity | None:
        if m.metric == "qualitative":
            return None
        quantity = self.parse(item, ("target",), parse_quantity, m.target)
        if quantity is None or quantity.value is None:
            return quantity
        if m.metric in GROWTH_METRICS + ("share",) and quantity.unit.family != "ratio":
            self.problem(item, ("target",), "unit-metric", f"a {m.metric} target is a rate: "
                         f"write it in % or ‰, not {quantity.unit.text or 'a bare number'}")
        return quantity

    def direction(self, item: Item, m, quantity: Quantity | None) -> str:
        implied = {">=": "up", "<=": "down"}.get(quantity.comparator) if quantity else None
        if m.direction and implied and m.direction != implied:
            self.problem(item, ("direction",), "direction-conflict",
                         f"direction {m.direction} contradicts {m.target!r}, which says {implied}; "
                         "remove direction: or fix the target")
        return m.direction or implied or "up"

    def baseline(self, item: Item, m, quantity: Quantity | None) -> Baseline | None:
        if m.baseline is None:
            return None
        value = self.parse(item, ("baseline", "value"), parse_quantity, m.baseline.value)
        if value is None:
            return None
        if quantity is not None and quantity.value is not None and value.unit.family != quantity.unit.family:
            self.problem(item, ("baseline", "value"), "baseline-unit",
                         f"baseline {m.baseline.value!r} is not in the target's unit family "
                         f"({quantity.unit.text or 'a bare number'})")
            return None
        return Baseline(m.baseline.year, value, m.baseline.derivation)

    def target(self, item: Item, m, plan: Plan) -> Target | None:
        self.flags_explained(item, (), m)
        if not m.id.startswith(plan.id + "."):
            self.problem(item, ("id",), "bad-id", f"target id {m.id!r} must start with its plan "
                         f"id: {plan.id}.<slug>")
        source_id = m.source or plan.source
        source = self.source_ref(item, ("source",), source_id)
        due = self.parse(item, ("due",), Period.parse, m.due)
        if due and not (plan.period.start <= due.start and due.end <= plan.period.end + 5):
            self.problem(item, ("due",), "due-outside-plan",
                         f"due {due} does not fall in the plan's period {plan.period}")
        quantity = self.target_quantity(item, m)
        direction = self.direction(item, m, quantity)
        baseline = self.baseline(item, m, quantity)
        texts = [m.quote] if isinstance(m.quote, str) else m.quote
        located = [self.quote(item, ("quote",) if len(texts) == 1 else ("quote", i), source_id, text)
                   for i, text in enumerate(texts)]
        quotes = tuple(quote for quote, _ in located)
        self.figure(item, ("target",), quantity, [span for _, span in located], m.as_written)
        outcomes = [self.outcome(item, ("outcomes", i), o, m.id) for i, o in enumerate(m.outcomes)]
        claims = [self.claim(item, ("claims", i), c, m.id) for i, c in enumerate(m.claims)]
        for i, o in enumerate(m.outcomes):
            if o.target not in (None, m.id):
                self.problem(item, ("outcomes", i, "target"), "bad-value",
                             "an outcome inside a target must not name another target")
        if source is None or due is None:
            return None
        self.position += 1
        return Target(m.id, m.plan, plan.jurisdiction, m.indicator, m.indicator_en, m.metric,
                      quantity, m.target, direction, due, m.binding, quotes, source.date,
                      baseline, m.section, m.notes, tuple(m.flags),
                      tuple(o for o in outcomes if o), tuple(c for c in claims if c),
                      self.position)

    def targets(self) -> None:
        seen: dict[str, Item] = {}
        for item in self.reader.items["targets"]:
            m = item.model
            plan = self.corpus.plans.get(m.plan)
            if plan is None:
                self.problem(item, ("plan",), "unknown-plan", f"unknown plan {m.plan!r}"
                             f"{did_you_mean(m.plan, self.corpus.plans)}; plans are listed in "
                             "targets.yaml")
            if self.unique(seen, item, "target") and plan is not None:
                target = self.target(item, m, plan)
                if target is not None:
                    self.corpus.targets[m.id] = target

    def attachments(self) -> None:
        """Top-level outcomes: and claims: that point at a target defined anywhere."""
        for section, build, field in (("outcomes", self.outcome, "outcomes"),
                                      ("claims", self.claim, "claims")):
            for item in self.reader.items[section]:
                m = item.model
                target = self.corpus.targets.get(m.target or "")
                if target is None:
                    self.problem(item, ("target",) if m.target else (), "unknown-target",
                                 f"unknown target {m.target!r}"
                                 f"{did_you_mean(m.target or '', self.corpus.targets)}"
                                 if m.target else "a top-level entry must name its target:")
                    continue
                built = build(item, (), m, target.id)
                if built is not None:
                    self.corpus.targets[target.id] = _replace(
                        target, **{field: (*getattr(target, field), built)})


def _replace(target: Target, **changes) -> Target:
    from dataclasses import replace

    return replace(target, **changes)


def assemble(reader: Reader, root: Path) -> Corpus:
    assembler = Assembler(reader, root)
    assembler.sources()
    assembler.plans()
    assembler.targets()
    assembler.attachments()
    assembler.corpus.inputs = dict(sorted(reader.inputs.items()))
    return assembler.corpus
