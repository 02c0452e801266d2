"""The engine's data types: questions and their choices, plan steps, the plan, answer errors."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from app.flow.conditions import ALWAYS, Cond


def N_(msgid: str) -> str:
    """Mark a string for extraction; translation happens in the web layer."""
    return msgid


Answers = Mapping[str, "str | frozenset[str]"]


@dataclass(frozen=True)
class Voiced:
    """One text in both voices: the person's own (`you`) and a helper's (`they`: the helper is
    "you", the person helped is "they"). Where one wording serves both, both hold it."""

    you: str = ""
    they: str = ""

    @classmethod
    def same(cls, text: str) -> Voiced:
        return cls(text, text)

    def __call__(self, helper: bool) -> str:
        return self.they if helper else self.you

    @property
    def msgids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for t in (self.you, self.they) if t))


NOTHING = Voiced()


@dataclass(frozen=True)
class Choice:
    code: str
    label: Voiced
    hint: Voiced = NOTHING

    def voiced(self, helper: bool) -> tuple[str, str]:
        """(label, hint) in the person's own voice or a helper's."""
        return self.label(helper), self.hint(helper)


@dataclass(frozen=True)
class Question:
    id: str
    title: Voiced  # the question, shown as the page heading
    why: Voiced  # one line: why we ask
    choices: tuple[Choice, ...]
    multiple: bool = False
    asked_when: Cond = ALWAYS
    skipped_means: frozenset[str] = frozenset()
    exclusive: frozenset[str] = frozenset()  # codes that cannot be mixed with others
    hint: Voiced = NOTHING
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
        return self.title(helper), self.why(helper), self.hint(helper)

    @functools.cached_property  # read for every answer a request carries
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    def choice(self, code: str) -> Choice:
        for c in self.choices:
            if c.code == code:
                return c
        raise KeyError(code)


class FlowError(Exception):
    """The declared flow is inconsistent (raised by `check_graph`, naming the question or step)."""


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
    """One paragraph of guidance: its key in the step's words, and when it is shown.
    `text` is filled from the words (app/content/flow.toml) when the step is built."""

    key: str
    when: Cond = ALWAYS
    text: Voiced = NOTHING


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
    title: Voiced
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
