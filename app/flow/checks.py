"""The consistency check run when the engine loads."""

from __future__ import annotations

from app.flow.conditions import ALWAYS
from app.flow.model import GROUPS
from app.flow.questions import QUESTIONS
from app.flow.steps import STEPS


def _check_graph() -> None:
    """Fail at import if the declared flow is inconsistent."""
    ids = [q.id for q in QUESTIONS]
    assert len(ids) == len(set(ids)), "duplicate question id"
    step_ids = [s.id for s in STEPS]
    assert len(step_ids) == len(set(step_ids)), "duplicate step id"
    for step in STEPS:
        assert step.placements and step.placements[-1].when is ALWAYS, step.id
        assert all(p.group in GROUPS for p in step.placements), step.id
    for question in QUESTIONS:
        assert question.exclusive <= set(question.codes), question.id
        assert question.skipped_means <= set(question.codes), question.id
