"""Building the plan for a set of answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.flow import steps as step_defs  # read at call time, so a test can swap the steps
from app.flow.conditions import HELPER
from app.flow.model import GROUPS, Answers, Plan, PlanStep
from app.flow.navigation import _resolve
from app.flow.questions import QUESTION_BY_ID

WHERE_ORDER = QUESTION_BY_ID["where"].codes


def build_plan(answers: Answers, platforms_by_where: Mapping[str, Iterable[str]] | None = None) -> Plan:
    """The ordered plan for these answers. Total: any valid answers give a plan.

    `platforms_by_where` maps a `where` code to platform referral ids (from the
    directory); the engine itself knows no platform.
    """
    normal, view = _resolve(answers)
    helper = HELPER(view)
    placed = []
    for step in step_defs.STEPS:
        if not step.include_when.test(view):
            continue
        placement = next(p for p in step.placements if p.when.test(view))
        # List comprehensions and plain attributes: the sweep builds over a million plans.
        if helper:
            lines = tuple([line.text.they for line in step.lines if line.when.test(view)])
        else:
            lines = tuple([line.text.you for line in step.lines if line.when.test(view)])
        refs = [r.id for r in step.referrals if r.when.test(view)]
        if step.platforms_from_where and platforms_by_where:
            for code in sorted(view["where"], key=WHERE_ORDER.index):
                for pid in platforms_by_where.get(code, ()):
                    if pid not in refs:
                        refs.append(pid)
        placed.append((GROUPS.index(placement.group), placement.rank,
                       PlanStep(step.id, placement.group, step.title(helper), lines, tuple(refs), step.guide)))
    placed.sort(key=lambda item: (item[0], item[1]))
    state = normal.get("state")
    return Plan(tuple(p for _, _, p in placed), helper, state if isinstance(state, str) else None)
