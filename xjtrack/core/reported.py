"""Verdicts from a later document's words: kept apart from verdicts by the numbers.

A qualitative or project target, or a numeric target no figure can judge, takes its verdict
from the statements later documents make about it. The status says it is the document's word
(reported_done, not met), and so does every count. How each of the plan's verbs is read is the
table in CURATING.md, Projects: a verb that promises no completion (推进, 加快) is kept by
progress; a verb that promises a milestone (建成, 开工, 投产) needs that milestone or a later one.
"""

from __future__ import annotations

from datetime import date

from xjtrack.core.judge import Judgement
from xjtrack.core.phrases import Code, Phrase, Reason, phrase
from xjtrack.core.records import Statement, Target
from xjtrack.core.vocab import MILESTONE_RANK, VERBS, Measure, Status


def needed(target: Target) -> str:
    """The milestone the plan asks for: completion for a qualitative target, else by its verb."""
    if target.measure == Measure.project:
        return VERBS.get(target.milestone.replace("、", ""), "completed")
    return "completed"


def one(statement: Statement, need: str) -> str:
    """The status one statement gives, for a target that needs the milestone need."""
    says = statement.says
    if says == "done":
        short = statement.milestone and need != "progress" and \
            MILESTONE_RANK.get(statement.milestone, 0) < MILESTONE_RANK.get(need, 0)
        return Status.reported_under_way if short else Status.reported_done
    if says == "under_way":
        return Status.reported_done if need == "progress" else Status.reported_under_way
    return {"partly_done": Status.reported_partly_done, "not_done": Status.reported_not_done}[says]


def _cite(s: Statement) -> Phrase:
    quote = s.quotes[0]
    return phrase(Code.cite, quote=quote.text, source=s.source, line=quote.line)


def _why(s: Statement, status: str, need: str, target: Target) -> Reason:
    why: Reason = (phrase(Code.says, source=s.source, says=s.says, cite=(_cite(s),)),)
    if status == Status.reported_done and s.says == "under_way":
        why += (phrase(Code.promised_progress, milestone=target.milestone),)
    elif status == Status.reported_under_way and s.says == "done":
        why += (phrase(Code.short_milestone, reached=s.milestone, asked=target.milestone),)
    return (*why, phrase(Code.word))


def _latest(statements: list[Statement]) -> Statement:
    return max(statements, key=lambda s: s.source_date.last_day())


def from_words(target: Target, as_of: date) -> Judgement:
    """The verdict the statements visible at as_of give, or the silence or mention there is."""
    visible = [s for s in target.statements if s.source_date.last_day() <= as_of]
    said = [s for s in visible if s.says != "mentioned"]
    if not said:
        if visible:
            s = _latest(visible)
            why = (phrase(Code.curator_note, text=s.notes),) if s.notes else ()
            return Judgement(Status.unassessable, None,
                             (phrase(Code.mentioned, source=s.source, cite=(_cite(s),)), *why))
        return Judgement(Status.pending, None, (phrase(Code.silent),))
    need = needed(target)
    if not target.items:
        s = _latest(said)
        status = one(s, need)
        return Judgement(status, None, _why(s, status, need, target))
    return _list(target, said, need)


def _list(target: Target, said: list[Statement], need: str) -> Judgement:
    """A list target is met item by item: done when every item is reported done."""
    by_item: dict[str, str] = {}
    for item in target.items:
        about = [s for s in said if item in s.items or not s.items]
        if about:
            by_item[item] = one(_latest(about), need)
    done = [i for i, st in by_item.items() if st == Status.reported_done]
    cited = tuple(_cite(s) for s in sorted(said, key=lambda s: s.source_date.last_day()))
    if len(done) == len(target.items):
        status = Status.reported_done
    elif done or any(st == Status.reported_partly_done for st in by_item.values()):
        status = Status.reported_partly_done
    elif any(st == Status.reported_under_way for st in by_item.values()):
        status = Status.reported_under_way
    else:
        status = Status.reported_not_done
    silent = [i for i in target.items if i not in by_item]
    parts: Reason = (phrase(Code.items_done, done=len(done), total=len(target.items), items=tuple(done))
                     if done else phrase(Code.items_done_none, done=0, total=len(target.items)),)
    if silent:
        parts += (phrase(Code.not_mentioned, items=tuple(silent)),)
    return Judgement(status, None, (*parts, phrase(Code.cited, cites=cited), phrase(Code.word)))
