"""Building the plan for a set of answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.flow import steps as step_defs  # read at call time, so a test can swap the steps
from app.flow.conditions import ALWAYS, HELPER
from app.flow.model import GROUPS, Answers, FlowError, Plan, PlanStep, StepDef
from app.flow.navigation import resolve
from app.flow.questions import QUESTION_BY_ID

WHERE_ORDER = QUESTION_BY_ID["where"].codes
_RANK = {group: index for index, group in enumerate(GROUPS)}


def _test(cond):
    """A condition's test, or None for one that always holds (no call needed)."""
    return None if cond is ALWAYS else cond.test


def _compile(steps: tuple[StepDef, ...]) -> tuple:
    """The steps as plain tuples of tests and values, read once per set of steps: a plan is
    built for every page of the flow and the API, and over a million times by the sweep."""
    return tuple((
        _test(step.include_when),
        tuple((_test(p.when), _RANK[p.group], p.rank, p.group) for p in step.placements),
        tuple((_test(line.when), line.text.you, line.text.they) for line in step.lines),
        tuple((_test(ref.when), ref.id) for ref in step.referrals),
        step.platforms_from_where, step.id, step.title, step.guide,
    ) for step in steps)


_compiled: dict = {}  # id(STEPS) -> (STEPS, compiled): the tuple itself is kept, so its id stays its own


def _steps() -> tuple:
    steps = step_defs.STEPS
    found = _compiled.get(id(steps))
    if found is None or found[0] is not steps:
        found = _compiled[id(steps)] = (steps, _compile(steps))
    return found[1]


def build_plan(answers: Answers, platforms_by_where: Mapping[str, Iterable[str]] | None = None) -> Plan:
    """The ordered plan for these answers. Total: any valid answers give a plan.

    `platforms_by_where` maps a `where` code to platform referral ids (from the
    directory); the engine itself knows no platform.
    """
    normal, view = resolve(answers)
    helper = HELPER.test(view)
    placed = []
    for include, placements, lines, referrals, from_where, step_id, title, guide in _steps():
        if include is not None and not include(view):
            continue
        for placement in placements:  # the first whose condition holds wins
            if placement[0] is None or placement[0](view):
                break
        else:
            raise FlowError(f"step {step_id}: no placement holds")
        _, group_rank, rank, group = placement
        # Plain loops over tuples: the sweep builds over a million plans.
        texts = tuple([they if helper else you for when, you, they in lines if when is None or when(view)])
        refs = [ref_id for when, ref_id in referrals if when is None or when(view)]
        if from_where and platforms_by_where:
            for code in sorted(view["where"], key=WHERE_ORDER.index):
                for pid in platforms_by_where.get(code, ()):
                    if pid not in refs:
                        refs.append(pid)
        placed.append((group_rank, rank, PlanStep(step_id, group, title(helper), texts, tuple(refs), guide)))
    placed.sort(key=lambda item: (item[0], item[1]))
    state = normal.get("state")
    return Plan(tuple(p for _, _, p in placed), helper, state if isinstance(state, str) else None)


def includes_step(answers: Answers, step_id: str) -> bool:
    """Whether the plan for these answers has this step: what `build_plan` says, without
    building the rest of the plan (the guide asks it of every answer that may bring danger)."""
    _, view = resolve(answers)
    for include, _placements, _lines, _refs, _from_where, found, _title, _guide in _steps():
        if found == step_id:
            return include is None or bool(include(view))
    raise FlowError(f"no step {step_id!r}")
