"""Enumerating the answer space (tests, `flask flow check`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations

from app.flow.model import Answers, Question
from app.flow.navigation import as_set, resolve
from app.flow.questions import QUESTIONS


def answer_options(question: Question) -> list[str | frozenset[str] | None]:
    """Every valid answer to one question, skipped (None) included."""
    if not question.multiple:
        return [None, *question.codes]
    plain = [c for c in question.codes if c not in question.exclusive]
    subsets: list[str | frozenset[str] | None] = [None]
    for size in range(1, len(plain) + 1):
        subsets.extend(frozenset(s) for s in combinations(plain, size))
    subsets.extend(frozenset((c,)) for c in question.exclusive)
    return subsets


def answer_values(question: Question, state_options: Iterable[str | None]) -> list[str | frozenset[str] | None]:
    return list(state_options) if question.id == "state" else answer_options(question)


def view_options(question: Question, state_options: Iterable[str | None] = (None,)) -> list[tuple[object, int]]:
    """The answers to one question that differ in what the engine sees, each once.

    One (answer, weight) per effective value: an explicit answer rather than a skip
    that means the same (skipping `danger` is `unsure`), and how many of the
    question's answers share that effect."""
    groups: dict[frozenset[str], list] = {}
    for value in answer_values(question, state_options):
        groups.setdefault(as_set(question, value), []).append(value)
    return [(next((v for v in values if v is not None), None), len(values)) for values in groups.values()]


def walk_answers(options: list[list[tuple[object, int]]], prefix: Answers | None, start: int,
          stop: int) -> Iterator[tuple[dict, int]]:
    """Depth-first over questions [start, stop): each answer set with its weight.

    `options[i]` lists (answer, weight) for question i; None means skipped. The view
    is kept up to date as the walk goes, so asking is decided as `resolve` decides it."""
    answers, view = resolve(prefix or {})

    def walk(index: int, weight: int) -> Iterator[tuple[dict, int]]:
        if index == stop:
            yield dict(answers), weight
            return
        question = QUESTIONS[index]
        if not question.asked_when.test(view):
            yield from walk(index + 1, weight)
            return
        for value, count in options[index]:
            if value is None:
                yield from walk(index + 1, weight * count)
            else:
                answers[question.id] = value
                view[question.id] = as_set(question, value)
                yield from walk(index + 1, weight * count)
                del answers[question.id]
                view[question.id] = question.skipped_means

    yield from walk(start, 1)


def all_answer_sets(state_options: Iterable[str | None] = (None, "CA"), prefix: Answers | None = None,
                    start: int = 0, stop: int | None = None) -> Iterator[dict]:
    """Every answer set the flow can produce, each once (unasked questions absent).

    `state` only selects which state's law entry is linked, so by default the
    sweep uses two values for it (skipped, and one state); pass all codes to
    cover every state. `prefix`, `start` and `stop` split the space as in
    `canonical_answer_sets`.
    """
    options = [[(value, 1) for value in answer_values(q, state_options)] for q in QUESTIONS]
    for answers, _ in walk_answers(options, prefix, start, len(QUESTIONS) if stop is None else stop):
        yield answers


def canonical_answer_sets(state_options: Iterable[str | None] = (None,), prefix: Answers | None = None,
                          start: int = 0, stop: int | None = None) -> Iterator[tuple[dict, int]]:
    """One answer set per distinct effective view, with its weight: how many answer sets
    of `all_answer_sets(state_options)` have that view (and so the same plan).

    Walks questions [start, stop) after `prefix` (answers to the questions before
    `start`), so the space can be split by prefix: `canonical_answer_sets(stop=3)`
    gives the prefixes, `canonical_answer_sets(prefix=p, start=3)` the rest under one.
    """
    state_options = tuple(state_options)
    options = [view_options(q, state_options) for q in QUESTIONS]
    yield from walk_answers(options, prefix, start, len(QUESTIONS) if stop is None else stop)
