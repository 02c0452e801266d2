"""Reading answers: parse, normalise, the effective view, and which question comes next or before.

Shared by the HTML flow, the API and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.flow.model import AnswerError, AnswerErrorKind, Answers, Question
from app.flow.questions import QUESTION_BY_ID, QUESTIONS


def as_set(question: Question, value) -> frozenset[str]:
    if value is None:
        return question.skipped_means
    if isinstance(value, str):
        return frozenset((value,))
    return frozenset(value) or question.skipped_means


_ALL_SKIPPED = {q.id: q.skipped_means for q in QUESTIONS}  # the view of no answers at all


def resolve(answers: Answers) -> tuple[dict, dict]:
    """One pass: the answers the flow would ask (normal) and their effective view."""
    normal: dict[str, str | frozenset[str]] = {}
    view = dict(_ALL_SKIPPED)
    for question in QUESTIONS:
        value = answers.get(question.id)
        if value is None or value == frozenset() or not question.asked_when.test(view):
            continue
        normal[question.id] = value
        view[question.id] = as_set(question, value)
    return normal, view


def view(answers: Answers) -> dict[str, frozenset[str]]:
    """The effective view of these answers (what conditions read)."""
    return resolve(answers)[1]




def parse_answer(question_id: str, values: Iterable[str]) -> str | frozenset[str] | None:
    """Validate the raw values given for one question. Empty means skipped (None)."""
    question = QUESTION_BY_ID.get(question_id)
    if question is None:
        raise AnswerError(question_id, AnswerErrorKind.UNKNOWN_QUESTION)
    values = [v for v in values if v != ""]
    if not values:
        return None
    unknown = [v for v in values if v not in question.codes]
    if unknown:
        raise AnswerError(question_id, AnswerErrorKind.UNKNOWN_CODE)
    if not question.multiple:
        if len(set(values)) > 1:
            raise AnswerError(question_id, AnswerErrorKind.ONE_ONLY)
        return values[0]
    chosen = frozenset(values)
    if len(chosen) > 1 and chosen & question.exclusive:
        raise AnswerError(question_id, AnswerErrorKind.NOT_COMBINABLE)
    return chosen


def normalize(answers: Answers) -> dict[str, str | frozenset[str]]:
    """Keep only answers the flow would ask, given the earlier answers."""
    return resolve(answers)[0]


def asked_questions(answers: Answers) -> list[Question]:
    """The questions that apply to these answers, in order."""
    view = resolve(answers)[1]
    return [q for q in QUESTIONS if q.asked_when(view)]


def next_question(answers: Answers, seen: Iterable[str] = ()) -> Question | None:
    """The first question that applies and has not been answered or skipped yet.

    `seen` holds the ids of questions already shown (answered or skipped), so a
    skipped question is not asked again. None means: go to "check your answers".
    """
    done = set(seen) | set(answers)
    for question in asked_questions(answers):
        if question.id not in done:
            return question
    return None


def previous_question(answers: Answers, current: str | None) -> Question | None:
    """The question before `current` in this person's path (None: the start page)."""
    path = asked_questions(answers)
    ids = [q.id for q in path]
    if current is None or current not in ids:
        return path[-1] if path else None
    index = ids.index(current)
    return path[index - 1] if index > 0 else None


# --------------------------------------------------------------------------
