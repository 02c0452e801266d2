"""The decision engine: questions, routing rules and the plan, declared as data.

Plain Python on purpose (no Flask): the HTML flow, the JSON API, the CLI and the
tests all call the same three functions, `parse_answers`, `next_question` and
`build_plan`. The words (English msgids) are content: app/content/flow.toml, read
by `wording`; Babel extracts them and the web layer translates them at render time.

Answers are a dict: question id -> code (single choice) or frozenset of codes
(multiple choice). A skipped question is absent. The codes and ids are fixed by
`flow-contract.md` (see docs/flow.md for how we read it).

The package is split by job; this module re-exports the names callers use, so
`from app import flow` and `flow.X` are the one way in:

- `conditions`: `Cond`, `has`, `answered` and the named conditions
- `model`: the data types (`Question`, `StepDef`, `Plan`, `AnswerError`, ...)
- `questions`, `steps`: the flow itself, as data (rules; their words come from `wording`)
- `wording`: the words of questions and steps, from app/content/flow.toml
- `navigation`: parsing answers and moving through the questions
- `plan`: `build_plan`, `includes_step`
- `enumeration`: the answer space, for the sweep and `flask flow check`
- `checks`: `check_graph`, run when the package loads
"""

from app.flow.checks import check_graph
from app.flow.conditions import ALWAYS, DANGER, HELPER, Cond, View, answered, has
from app.flow.enumeration import (
    all_answer_sets,
    answer_options,
    answer_values,
    canonical_answer_sets,
    view_options,
    walk_answers,
)
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
    Voiced,
)
from app.flow.navigation import (
    as_set,
    asked_questions,
    next_question,
    normalize,
    parse_answer,
    previous_question,
    resolve,
    view,
)
from app.flow.plan import WHERE_ORDER, build_plan, includes_step
from app.flow.questions import QUESTION_BY_ID, QUESTIONS, STATE_CODES, TERRITORY_CODES
from app.flow.steps import STEP_BY_ID, STEPS
from app.flow.wording import WORDS, Words

# The named conditions the steps are written in stay in `app.flow.conditions`; only those
# callers outside the engine use are re-exported.
__all__ = [
    "ALWAYS", "DANGER", "HELPER", "Cond", "View", "answered", "has",
    "answer_values", "walk_answers", "all_answer_sets", "answer_options", "canonical_answer_sets", "view_options",
    "GROUPS", "N_", "AnswerError", "AnswerErrorKind", "FlowError", "Answers", "Choice", "Line", "Placement",
    "Plan", "PlanStep", "Question", "Ref", "StepDef", "Voiced",
    "as_set", "resolve", "asked_questions", "next_question", "normalize", "parse_answer", "previous_question", "view",
    "WHERE_ORDER", "build_plan", "includes_step", "QUESTION_BY_ID", "QUESTIONS", "STATE_CODES", "TERRITORY_CODES", "STEP_BY_ID", "STEPS",
    "WORDS", "Words", "check_graph",
]  # fmt: skip

check_graph()
