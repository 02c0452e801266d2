"""The exhaustive sweep: every distinct view of the answers keeps the plan's invariants.

A plan depends on the answers only through their effective view (`flow.view`: a skip
counts as what it means) and, for the `law` step's link, on `state`. So the sweep walks
one answer set per distinct view (`flow.canonical_answer_sets`: 1,381,860 of them,
standing for all 8,486,400 answer sets), split by prefix over all cores. The tests
after it prove that those views are every view of the whole answer space.

`state` only decides which state's law entry the `law` step links, so the big
sweep leaves it skipped and a second test gives every state code with each
combination of the questions that shape the plan's law and support steps.
"""

from __future__ import annotations

import multiprocessing as mp
import os

import pytest

from app import directory as directory_module
from app import flow

REMOVAL = {"remove", "search", "prevent", "deepfake", "copyright"}
# Words that speak to the person shown; a plan for a helper never uses them.
SELF_VOICE = ("You were", "you were", "your own", "You took", "of you ", "you own")


def check(answers, plan, directory) -> str | None:
    """The invariants; returns a description of the first broken one."""
    if not plan.steps:
        return "empty plan"
    ids = [s.id for s in plan.steps]
    if len(ids) != len(set(ids)):
        return "duplicate step"
    if [flow.GROUPS.index(s.group) for s in plan.steps] != sorted(flow.GROUPS.index(s.group) for s in plan.steps):
        return "groups out of order"
    support = plan.step("support")
    if support is None or not {"crisis-988", "ccri-helpline"} <= set(support.referrals):
        return "support missing"
    refs = plan.referral_ids
    if "ccri-safety-center" not in refs or "ftc-report" not in refs:
        return "ccri-safety-center or ftc-report missing"
    view = flow.view(answers)
    if view["danger"] & {"yes", "unsure"} and ids[0] != "safety":
        return "safety not first"
    if "under18" in view["age"]:
        if "stopncii" in refs:
            return "stopncii offered for under18"
        first_removal = min((ids.index(s) for s in REMOVAL if s in ids), default=len(ids))
        if "minor" not in ids or ids.index("minor") > first_removal:
            return "minor not before removal"
        minor = plan.step("minor")
        if "cybertipline" not in minor.referrals:
            return "cybertipline missing for under18"
        # Take It Down works only from the device that holds the picture (NCMEC's FAQ).
        if ("take-it-down" in refs) == ("no" in view["copy"]):
            return "take-it-down offered without a copy, or missing with one"
    if "threatened" in view["situation"] and "crisis-988" not in plan.step("sextortion").referrals:
        return "988 missing from the threats step"
    if "shared" in view["situation"] and "ftc-takeitdown" not in plan.step("remove").referrals:
        return "ftc-takeitdown missing from remove"
    if plan.helper and any(w in line for s in plan.steps for line in s.lines for w in SELF_VOICE):
        return "a helper's plan speaks to the person shown"
    for ref in refs:
        if not directory.resolves(ref):
            return f"referral {ref} does not resolve"
    if any(not s.lines for s in plan.steps):
        return "a step without guidance"
    return None


PREFIX_DEPTH = 3  # danger, for_whom, situation: 90 prefixes, handed out one at a time


def count_by_product(options) -> int:
    """How many answer sets the flow can produce when question q has `options(q)` answers:
    only the questions some `asked_when` reads are walked, every other asked question
    multiplies by its number of options. Derived from the declarations, never counted by
    hand, and without the walk `all_answer_sets` and `canonical_answer_sets` share."""
    gates = {read for question in flow.QUESTIONS for read in question.asked_when.questions}

    def walk(index: int, answers: dict) -> int:
        if index == len(flow.QUESTIONS):
            return 1
        question = flow.QUESTIONS[index]
        if question not in flow.asked_questions(answers):
            return walk(index + 1, answers)
        if question.id not in gates:
            return len(options(question)) * walk(index + 1, answers)
        return sum(walk(index + 1, answers if value is None else {**answers, question.id: value})
                   for value in options(question))

    return walk(0, {})


# (1,381,860 views standing for 8,486,400 answer sets, with the flow of December 2026)
VIEWS = count_by_product(lambda q: [value for value, _ in flow.view_options(q)])
ANSWER_SETS = count_by_product(lambda q: flow.answer_values(q, (None,)))  # see test_answer_space_is_counted_as_a_stream
_directory = None


def _worker(task):
    """Check every canonical answer set under one prefix: (views, answer sets they stand for, problem)."""
    global _directory
    prefix, prefix_weight = task
    if _directory is None:
        _directory = directory_module.load()
    by_where = _directory.platforms_by_where
    views = weight = 0
    for answers, count in flow.canonical_answer_sets(prefix=prefix, start=PREFIX_DEPTH):
        problem = check(answers, flow.build_plan(answers, by_where), _directory)
        if problem:
            return views, weight, f"{problem}: {answers}"
        views += 1
        weight += prefix_weight * count
    return views, weight, None


@pytest.mark.sweep
def test_every_answer_combination_keeps_the_invariants():
    prefixes = list(flow.canonical_answer_sets(stop=PREFIX_DEPTH))
    # spawn, not fork: the test process may hold threads (a browser driver) that fork would copy
    with mp.get_context("spawn").Pool(max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.imap_unordered(_worker, prefixes))
    problems = [p for _, _, p in results if p]
    assert not problems, problems[0]
    views, weight = sum(v for v, _, _ in results), sum(w for _, w, _ in results)
    print(f"\nexhaustive sweep: {views} distinct views checked, standing for {weight} answer sets")
    assert views == VIEWS
    assert weight == ANSWER_SETS  # every answer set of the whole space stands behind one checked view


def _stand_in(answers: dict) -> dict:
    """The canonical answer set with the same view: each answer replaced by its group's answer."""
    out = {}
    for question in flow.QUESTIONS:
        if question.id in answers:
            effect = flow.as_set(question, answers[question.id])
            value = next(v for v, _ in flow.view_options(question)
                         if flow.as_set(question, v) == effect)
            if value is not None:
                out[question.id] = value
    return out


def test_each_question_groups_its_answers_by_what_the_engine_sees():
    """Every answer to every question falls in one of `view_options`' groups, the groups differ
    in effect, and an answer shows the engine the same view and plan as its group's stand-in.
    With the walk shared by `all_answer_sets` and `canonical_answer_sets` (`flow.walk_answers`), this is
    why the sweep's views are every view of the whole space: see the sweep's weight total."""
    asked = {"situation": frozenset({"shared", "threatened"}), "kind": "real"}  # every question is asked
    assert {q.id for q in flow.asked_questions(asked)} == {q.id for q in flow.QUESTIONS}
    for question in flow.QUESTIONS:
        options = flow.view_options(question)
        effects = [flow.view({**asked, question.id: v})[question.id] for v, _ in options if v is not None]
        assert len(set(effects)) == len(effects), question.id
        answers_to_it = flow.answer_values(question, (None,))
        assert sum(count for _, count in options) == len(answers_to_it), question.id
        for value in answers_to_it:
            answers = {**asked, question.id: value} if value is not None else \
                {k: v for k, v in asked.items() if k != question.id}
            stand_in = _stand_in(answers)
            assert flow.view(stand_in) == flow.view(answers), (question.id, value)
            assert flow.build_plan(stand_in) == flow.build_plan(answers), (question.id, value)


@pytest.mark.sweep
def test_answer_space_is_counted_as_a_stream():
    """The whole answer space, counted two ways without holding it: the product of the options
    (`count_by_product`), and a streaming walk (a spread sample of which also meets its
    canonical stand-in)."""
    # The walk split by the first questions' answers, counted on every core.
    prefixes = list(flow.all_answer_sets(state_options=(None,), stop=PREFIX_DEPTH))
    with mp.get_context("spawn").Pool(max(2, os.cpu_count() or 2)) as pool:
        counts = pool.map(_count_under, prefixes)
    assert sum(counts) == ANSWER_SETS


def _count_under(prefix: dict) -> int:
    """Stream every answer set under one prefix, checking a spread sample against its canonical stand-in."""
    count = 0
    for count, answers in enumerate(flow.all_answer_sets(state_options=(None,), prefix=prefix, start=PREFIX_DEPTH), 1):
        if count % 997 == 0:
            stand_in = _stand_in(answers)
            assert flow.view(stand_in) == flow.view(answers)
            assert flow.build_plan(stand_in) == flow.build_plan(answers)
    return count


def test_every_state_code_gives_its_law_entry(directory):
    for code in flow.STATE_CODES:
        for base in ({}, {"danger": "yes", "age": "under18"}, {"for_whom": "someone_else", "situation": frozenset({"shared"})}):
            answers = {**base, "state": code}
            plan = flow.build_plan(answers, directory.platforms_by_where)
            assert check(answers, plan, directory) is None
            assert "state-law" in plan.step("law").referrals and plan.state == code


def test_invariant_checker_catches_a_broken_plan(directory):
    """The sweep's checker must fail on a plan that breaks a rule."""
    answers = {"danger": "yes", "age": "under18"}
    good = flow.build_plan(answers)
    assert check(answers, good, directory) is None
    broken = flow.Plan(tuple(s for s in good.steps if s.id != "safety"), False)
    assert check(answers, broken, directory) == "safety not first"
    no_support = flow.Plan(tuple(s for s in good.steps if s.id != "support"), False)
    assert check(answers, no_support, directory) == "support missing"
    no_copy = {"age": "under18", "copy": "no"}
    with_tid = flow.Plan(tuple(s if s.id != "minor" else flow.PlanStep(
        s.id, s.group, s.title, s.lines, (*s.referrals, "take-it-down"), s.guide)
        for s in flow.build_plan(no_copy).steps), False)
    assert check(no_copy, with_tid, directory) == "take-it-down offered without a copy, or missing with one"
    helper = {"for_whom": "someone_else"}
    mixed = flow.build_plan(helper)
    mixed = flow.Plan(tuple(s if s.id != "support" else flow.PlanStep(
        s.id, s.group, s.title, (*s.lines, "You were brave."), s.referrals, s.guide) for s in mixed.steps), True)
    assert check(helper, mixed, directory) == "a helper's plan speaks to the person shown"
