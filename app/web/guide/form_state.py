"""Reading the answers a page carries in its POSTed form (hidden and visible).

Nothing is kept between requests: every request re-validates the whole answer
set. A value that is not valid (a tampered or stale hidden field) is dropped,
and its question is asked again with a calm notice, never an error page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from app import flow

# The reserved form fields: every name the flow's forms use that is not a question id.
# Templates write them as literals; tests/test_form_fields.py holds them to this list.
QUESTION = "_q"  # the question shown on the page that was sent
NAV = "_nav"  # the button pressed: continue, skip, back, stay (a question) or plan (check your answers)
SEEN = "_seen"  # a question already shown (answered or skipped), once per question
RETURN = "_return"  # "check": go back to "check your answers" after this question
CHANGE = "_change"  # the question to change, from "check your answers"
RESERVED: frozenset[str] = frozenset({QUESTION, NAV, SEEN, RETURN, CHANGE})
STAY = "stay"  # NAV: show the same question again (the language switch posts it)
BACK = "back"


@dataclass
class FormState:
    answers: dict = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # questions with unreadable values
    current: str | None = None  # the question shown on the page that was sent
    current_error: flow.AnswerErrorKind | None = None  # why the visible answer is not valid
    current_raw: list[str] = field(default_factory=list)  # what was chosen, to re-show it


def read(form: MultiDict) -> FormState:
    state = FormState()
    current = form.get(QUESTION)
    state.current = current if current in flow.QUESTION_BY_ID else None
    for question in flow.QUESTIONS:
        if question.id not in form:  # not carried: skipped or not asked yet
            continue
        values = form.getlist(question.id)
        try:
            value = flow.parse_answer(question.id, values)
        except flow.AnswerError as exc:
            if question.id == state.current:
                state.current_error = exc.kind
                state.current_raw = [v for v in values if v in question.codes]
            else:
                state.dropped.append(question.id)
            continue
        if value is not None:
            state.answers[question.id] = value
    seen = []
    for qid in form.getlist(SEEN):
        if qid in flow.QUESTION_BY_ID and qid not in seen and qid not in state.dropped:
            seen.append(qid)
    state.seen = seen
    return state


def known_pairs() -> list[tuple[str, str]]:
    """Every (name, value) pair the guide's pages carry: each answer, each question as seen or
    shown, and the navigation values (their tags are written once, core/page_context.py)."""
    pairs = [(question.id, code) for question in flow.QUESTIONS for code in question.codes]
    pairs += [(name, qid) for qid in flow.QUESTION_BY_ID for name in (SEEN, QUESTION, CHANGE)]
    return pairs + [(RETURN, "check"), (NAV, STAY), (NAV, BACK)]


def hidden_fields(answers: dict, seen) -> list[tuple[str, str]]:
    """(name, value) pairs that carry the answers to the next page."""
    pairs = []
    for question in flow.QUESTIONS:
        if question.id not in answers:
            continue
        value = answers[question.id]
        codes = [value] if isinstance(value, str) else [c for c in question.codes if c in value]
        pairs.extend((question.id, code) for code in codes)
    seen = set(seen)
    pairs.extend((SEEN, qid) for qid in flow.QUESTION_BY_ID if qid in seen)
    return pairs


def same_question(answers: dict, seen, question_id: str, back_to_check: bool = False,
                  carried: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The fields that show this question again, every answer kept (the language switch).
    `carried`: `hidden_fields(answers, seen)`, where the caller has it already."""
    pairs = (hidden_fields(answers, seen) if carried is None else carried) + [(QUESTION, question_id)]
    if back_to_check:
        pairs.append((RETURN, "check"))
    return pairs + [(NAV, STAY)]


def start_again_with(answers: dict, seen) -> list[tuple[str, str]]:
    """The fields that show the start page again with these answers (Back from the first question)."""
    return hidden_fields(answers, seen) + [(QUESTION, flow.QUESTIONS[0].id), (NAV, BACK)]
