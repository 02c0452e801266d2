"""Conditions: small composable predicates over the effective view of answers.

Each carries a readable form (used by `flask flow graph`, docs and test failure
messages) and the questions it reads (for the diagram and `check_graph`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

# The effective view of answers: every question id -> set of codes, where a
# skipped question holds what skipping means. Conditions read this view.
View = Mapping[str, frozenset]


@dataclass(frozen=True)
class Cond:
    test: Callable[[View], bool]
    text: str
    questions: frozenset[str] = frozenset()  # the questions it reads (for the flow diagram)
    codes: frozenset[tuple[str, str]] = frozenset()  # (question, code) pairs it names (for `check_graph`)

    def __call__(self, view: View) -> bool:
        return self.test(view)

    # Compositions capture the inner functions directly: the exhaustive sweep
    # evaluates these millions of times.
    def __and__(self, other: Cond) -> Cond:
        left, right = self.test, other.test
        return Cond(lambda v: left(v) and right(v), f"({self.text} and {other.text})",
                    self.questions | other.questions, self.codes | other.codes)

    def __or__(self, other: Cond) -> Cond:
        left, right = self.test, other.test
        return Cond(lambda v: left(v) or right(v), f"({self.text} or {other.text})",
                    self.questions | other.questions, self.codes | other.codes)

    def __invert__(self) -> Cond:
        inner = self.test
        return Cond(lambda v: not inner(v), f"not {self.text}", self.questions, self.codes)


ALWAYS = Cond(lambda a: True, "always")


def has(question_id: str, *codes: str) -> Cond:
    """True when the effective answer to `question_id` includes any of `codes`.

    The effective answer of a skipped question is what it means when skipped
    (see `Question.skipped_means`), so `has("age", "unsure")` is also true when
    age was skipped.
    """
    wanted = frozenset(codes)
    return Cond(
        lambda view: not wanted.isdisjoint(view[question_id]),
        f"{question_id} is {'/'.join(codes)}",
        frozenset((question_id,)),
        frozenset((question_id, code) for code in codes),
    )


def answered(question_id: str) -> Cond:
    """True when the question has an answer (for questions whose skip means nothing)."""
    return Cond(lambda view: bool(view[question_id]), f"{question_id} answered", frozenset((question_id,)))


# The named conditions the steps are written in.
DANGER = has("danger", "yes", "unsure")
MINOR = has("age", "under18")
AGE_UNSURE = has("age", "unsure")
HELPER = has("for_whom", "someone_else")
THREAT = has("situation", "threatened")
SHARED = has("situation", "shared")
THREAT_ONLY = THREAT & ~SHARED  # threatened, and nothing said to be shared yet
SITUATION_UNSURE = has("situation", "unsure")
URGENT_DEMAND = has("demand", "money", "more_images")
FAKE = has("kind", "altered", "ai")
KIND_REAL = has("kind", "real")
KIND_UNSURE = has("kind", "unsure")
HAS_COPY = has("copy", "yes")
NO_COPY = has("copy", "no")
COPY_UNSURE = has("copy", "unsure")
SEARCH_NEEDED = has("where", "search", "unknown")
SELF_TAKEN = has("taker", "self")
STATE_GIVEN = answered("state")
