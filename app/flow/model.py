"""The engine's data types: questions and their choices, plan steps, the plan, answer errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from app.flow.conditions import ALWAYS, Cond


def N_(msgid: str) -> str:
    """Mark a string for extraction; translation happens in the web layer."""
    return msgid


Answers = Mapping[str, "str | frozenset[str]"]


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    hint: str = ""
    helper_label: str = ""  # wording when helping someone else (empty: same as `label`)
    helper_hint: str = ""

    def voiced(self, helper: bool) -> tuple[str, str]:
        """(label, hint) in the person's own voice or a helper's."""
        if helper:
            return self.helper_label or self.label, self.helper_hint or self.hint
        return self.label, self.hint


@dataclass(frozen=True)
class Question:
    id: str
    title: str  # the question, shown as the page heading
    why: str  # one line: why we ask
    choices: tuple[Choice, ...]
    multiple: bool = False
    asked_when: Cond = ALWAYS
    skipped_means: frozenset[str] = frozenset()
    helper_title: str = ""  # wording when helping someone else
    exclusive: frozenset[str] = frozenset()  # codes that cannot be mixed with others
    hint: str = ""
    helper_why: str = ""
    helper_hint: str = ""
    # How the page shows it: "" means radios, or checkboxes when `multiple`; "select" is a
    # drop-down (for long lists). `labels` names where choice labels come from: "" means
    # the choices' own; "states" means the content data's state and territory names.
    control: str = ""
    labels: str = ""

    @property
    def shown_as(self) -> str:
        return self.control or ("checkboxes" if self.multiple else "radios")

    def voiced(self, helper: bool) -> tuple[str, str, str]:
        """(title, why, hint) in the person's own voice or a helper's."""
        if helper:
            return (self.helper_title or self.title, self.helper_why or self.why,
                    self.helper_hint or self.hint)
        return self.title, self.why, self.hint

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    def choice(self, code: str) -> Choice:
        for c in self.choices:
            if c.code == code:
                return c
        raise KeyError(code)


class FlowError(Exception):
    """The declared flow is inconsistent (raised by `_check_graph`, naming the question or step)."""


class AnswerErrorKind(Enum):
    """Why an answer is not valid. Callers branch on the kind; the value is the engine's
    plain English message (the CLI shows it)."""

    UNKNOWN_QUESTION = "unknown question"
    UNKNOWN_CODE = "unknown answer code"
    ONE_ONLY = "only one answer allowed"
    NOT_COMBINABLE = "this answer cannot be combined with others"


class AnswerError(ValueError):
    """An answer that is not valid for its question."""

    def __init__(self, question_id: str, kind: AnswerErrorKind):
        super().__init__(kind.value)
        self.question_id = question_id
        self.kind = kind
        self.message = kind.value



GROUPS: tuple[str, ...] = ("now", "next", "later")


@dataclass(frozen=True)
class Line:
    """One paragraph of guidance, with helper wording and a condition."""

    you: str
    they: str = ""
    when: Cond = ALWAYS


@dataclass(frozen=True)
class Ref:
    """A referral id, shown when its condition holds."""

    id: str
    when: Cond = ALWAYS


@dataclass(frozen=True)
class Placement:
    when: Cond
    group: str
    rank: int


@dataclass(frozen=True)
class StepDef:
    id: str
    title: str
    guide: str  # slug of the full guide page
    include_when: Cond
    placements: tuple[Placement, ...]  # first whose condition holds wins
    lines: tuple[Line, ...]
    referrals: tuple[Ref, ...] = ()
    platforms_from_where: bool = False  # add the platforms named by `where`


@dataclass(frozen=True)
class PlanStep:
    id: str
    group: str
    title: str
    lines: tuple[str, ...]
    referrals: tuple[str, ...]
    guide: str


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlanStep, ...]
    helper: bool
    state: str | None = None

    @property
    def referral_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for step in self.steps:
            for ref in step.referrals:
                seen.setdefault(ref, None)
        return tuple(seen)

    def step(self, step_id: str) -> PlanStep | None:
        return next((s for s in self.steps if s.id == step_id), None)
