"""The decision engine: questions, routing rules and the plan, declared as data.

Plain Python on purpose (no Flask): the HTML flow, the JSON API, the CLI and the
tests all call the same three functions, `parse_answers`, `next_question` and
`build_plan`. Text here is an English msgid marked with `N_` so Babel extracts
it; the web layer translates it at render time.

Answers are a dict: question id -> code (single choice) or frozenset of codes
(multiple choice). A skipped question is absent. The codes and ids are fixed by
`flow-contract.md` (see docs/flow.md for how we read it).

The package is split by job; this module re-exports the names callers use, so
`from app import flow` and `flow.X` are the one way in:

- `conditions`: `Cond`, `has`, `answered` and the named conditions
- `model`: the data types (`Question`, `StepDef`, `Plan`, `AnswerError`, ...)
- `questions`, `steps`: the flow itself, as data
- `navigation`: parsing answers and moving through the questions
- `plan`: `build_plan`
- `enumeration`: the answer space, for the sweep and `flask flow check`
- `checks`: `_check_graph`, run when the package loads
"""

from app.flow.checks import _check_graph
from app.flow.conditions import (
    AGE_UNSURE,
    ALWAYS,
    COPY_UNSURE,
    DANGER,
    FAKE,
    HAS_COPY,
    HELPER,
    KIND_REAL,
    KIND_UNSURE,
    MINOR,
    NO_COPY,
    SEARCH_NEEDED,
    SELF_TAKEN,
    SHARED,
    SITUATION_UNSURE,
    STATE_GIVEN,
    THREAT,
    URGENT_DEMAND,
    Cond,
    View,
    answered,
    has,
)
from app.flow.enumeration import _options, _walk, all_answer_sets, answer_options, canonical_answer_sets, view_options
from app.flow.model import (
    GROUPS,
    N_,
    AnswerError,
    AnswerErrorKind,
    Answers,
    Choice,
    FlowError,
    Line,
    Placement,
    Plan,
    PlanStep,
    Question,
    Ref,
    StepDef,
)
from app.flow.navigation import (
    _as_set,
    _resolve,
    asked_questions,
    next_question,
    normalize,
    parse_answer,
    previous_question,
    view,
)
from app.flow.plan import WHERE_ORDER, build_plan
from app.flow.questions import QUESTION_BY_ID, QUESTIONS, STATE_CODES
from app.flow.steps import STEP_BY_ID, STEPS

__all__ = [
    "AGE_UNSURE", "ALWAYS", "COPY_UNSURE", "DANGER", "FAKE", "HAS_COPY", "HELPER", "KIND_REAL", "KIND_UNSURE",
    "MINOR", "NO_COPY", "SEARCH_NEEDED", "SELF_TAKEN", "SHARED", "SITUATION_UNSURE", "STATE_GIVEN", "THREAT",
    "URGENT_DEMAND", "Cond", "View", "answered", "has",
    "_options", "_walk", "all_answer_sets", "answer_options", "canonical_answer_sets", "view_options",
    "GROUPS", "N_", "AnswerError", "AnswerErrorKind", "FlowError", "Answers", "Choice", "Line", "Placement", "Plan", "PlanStep", "Question", "Ref",
    "StepDef",
    "_as_set", "_resolve", "asked_questions", "next_question", "normalize", "parse_answer", "previous_question", "view",
    "WHERE_ORDER", "build_plan", "QUESTION_BY_ID", "QUESTIONS", "STATE_CODES", "STEP_BY_ID", "STEPS",
    "_check_graph",
]  # fmt: skip

_check_graph()
