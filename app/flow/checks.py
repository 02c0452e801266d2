"""The consistency check run when the engine loads: a broken flow fails at import, by name."""

from __future__ import annotations

from collections.abc import Sequence

from app.flow.conditions import ALWAYS
from app.flow.model import GROUPS, FlowError, Question, StepDef
from app.flow.questions import QUESTIONS
from app.flow.steps import STEPS
from app.flow.wording import WORDS, Words


def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def _unknown_codes(cond, questions: Sequence[Question]) -> str:
    """The codes a condition names that its question does not offer, as "question=code, ..."."""
    offered = {(q.id, code) for q in questions for code in q.codes}
    return ", ".join(f"{q}={code}" for q, code in sorted(cond.codes - offered))


def check_graph(questions: Sequence[Question] = QUESTIONS, steps: Sequence[StepDef] = STEPS,
                 words: Words | None = WORDS) -> None:
    """Raise `FlowError` if the declared flow is inconsistent.

    Every condition names only codes its question offers (a question's codes may come from
    the words file, so a choice dropped there must not leave a rule that silently never holds).
    Questions: unique ids; `exclusive` and `skipped_means` name their own codes; `asked_when`
    reads only questions asked before this one (so one pass in order decides everything).
    Steps: unique ids; every condition reads known questions; the last placement is ALWAYS,
    so a step that is included always has a place; every placement names a group; line keys
    are unique in their step. Words: every entry of the words file is read by a rule (a line
    dropped from a step must not leave its text behind for translators).
    """
    if dupes := _duplicates([q.id for q in questions]):
        raise FlowError(f"duplicate question id: {', '.join(dupes)}")
    if dupes := _duplicates([s.id for s in steps]):
        raise FlowError(f"duplicate step id: {', '.join(dupes)}")
    earlier: set[str] = set()
    for question in questions:
        codes = set(question.codes)
        if not question.exclusive <= codes:
            raise FlowError(f"question {question.id}: exclusive names codes it does not offer: "
                            f"{', '.join(sorted(question.exclusive - codes))}")
        if not question.skipped_means <= codes:
            raise FlowError(f"question {question.id}: skipped_means names codes it does not offer: "
                            f"{', '.join(sorted(question.skipped_means - codes))}")
        if question.control not in ("", "select") or question.labels not in ("", "states"):
            raise FlowError(f"question {question.id}: unknown control {question.control!r} or labels "
                            f"{question.labels!r} (controls: select; labels: states)")
        if question.control == "select" and question.multiple:
            raise FlowError(f"question {question.id}: a drop-down takes one answer; use checkboxes")
        if unknown := _unknown_codes(question.asked_when, questions):
            raise FlowError(f"question {question.id}: asked_when ({question.asked_when.text}) names codes no "
                            f"question offers: {unknown}")
        if later := question.asked_when.questions - earlier:
            raise FlowError(f"question {question.id}: asked_when ({question.asked_when.text}) reads questions "
                            f"not asked before it: {', '.join(sorted(later))}")
        earlier.add(question.id)
    for step in steps:
        conds = [step.include_when, *(p.when for p in step.placements), *(line.when for line in step.lines),
                 *(ref.when for ref in step.referrals)]
        for cond in conds:
            if unknown := cond.questions - earlier:
                raise FlowError(f"step {step.id}: condition ({cond.text}) reads unknown questions: "
                                f"{', '.join(sorted(unknown))}")
            if unknown_codes := _unknown_codes(cond, questions):
                raise FlowError(f"step {step.id}: condition ({cond.text}) names codes no question offers: "
                                f"{unknown_codes}")
        if not step.placements or step.placements[-1].when is not ALWAYS:
            raise FlowError(f"step {step.id}: its last placement must hold ALWAYS")
        if bad := [p.group for p in step.placements if p.group not in GROUPS]:
            raise FlowError(f"step {step.id}: unknown group {', '.join(bad)} (groups: {', '.join(GROUPS)})")
        if dupes := _duplicates([line.key for line in step.lines]):
            raise FlowError(f"step {step.id}: line key used twice: {', '.join(dupes)}")
    if words is not None and (unused := words.unused()):
        raise FlowError(f"flow.toml: text that no question or step uses: {', '.join(unused)}")
