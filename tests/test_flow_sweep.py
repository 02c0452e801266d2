"""The exhaustive sweep: every combination of answers (skips included) keeps the
plan's invariants: 6.9 million plans, split over all cores.

`state` only decides which state's law entry the `law` step links, so the big
sweep leaves it skipped and a second sweep gives every state code with each
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


def _worker(args):
    part, parts = args
    directory = directory_module.load()
    by_where = directory.platforms_by_where
    count = 0
    for index, answers in enumerate(flow.all_answer_sets(state_options=(None,))):
        if index % parts != part:
            continue
        problem = check(answers, flow.build_plan(answers, by_where), directory)
        if problem:
            return count, f"{problem}: {answers}"
        count += 1
    return count, None


@pytest.mark.sweep
def test_every_answer_combination_keeps_the_invariants():
    parts = max(2, os.cpu_count() or 2)
    # spawn, not fork: the test process may hold threads (a browser driver) that fork would copy
    with mp.get_context("spawn").Pool(parts) as pool:
        results = pool.map(_worker, [(i, parts) for i in range(parts)])
    problems = [p for _, p in results if p]
    assert not problems, problems[0]
    total = sum(c for c, _ in results)
    print(f"\nexhaustive sweep: {total} answer sets checked")
    assert total == 8_486_400  # see test_answer_space_is_every_combination


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
