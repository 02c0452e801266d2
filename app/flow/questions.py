"""The questions, in the order they are asked, and their rules.

Their words (title, why we ask, hint, choice labels) are in app/content/flow.toml, and so
are their answer codes: a question's codes are the keys of its `choices` table there, in
that order (the `state` question, whose labels are the content's state names, names its
codes here). The codes are the flow contract's: never rename one, add freely. A rule that
names a code no question offers fails `check_graph` when the package loads."""

from __future__ import annotations

from app.flow.conditions import has
from app.flow.model import Question
from app.flow.wording import WORDS

# US states, DC and territories (USPS codes). Names live in the content data.
STATE_CODES: tuple[str, ...] = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
    "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    "AS", "GU", "MP", "PR", "VI",
)  # fmt: skip
TERRITORY_CODES = STATE_CODES[-5:]  # listed after the states and DC

QUESTIONS: tuple[Question, ...] = (
    WORDS.question("danger", skipped_means=frozenset({"unsure"})),
    WORDS.question("for_whom", skipped_means=frozenset({"self"})),
    WORDS.question(
        "situation",
        multiple=True,
        skipped_means=frozenset({"unsure"}),
    ),
    WORDS.question(
        "demand",
        multiple=True,
        asked_when=has("situation", "threatened"),
        exclusive=frozenset({"none"}),
    ),
    WORDS.question("age", skipped_means=frozenset({"unsure"})),
    WORDS.question("kind", skipped_means=frozenset({"unsure"})),
    WORDS.question(
        "taker",
        asked_when=~has("kind", "ai"),
        skipped_means=frozenset({"unsure"}),
    ),
    WORDS.question(
        "where",
        multiple=True,
        asked_when=has("situation", "shared"),
        skipped_means=frozenset({"unknown"}),
    ),
    # Asked of everyone (contract v1.1): Take It Down, like StopNCII, needs the file on the device.
    WORDS.question("copy", skipped_means=frozenset({"unsure"})),
    WORDS.question("state", STATE_CODES, control="select", labels="states"),
)

QUESTION_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}

# A question's `asked_when` may read only questions before it; `check_graph`
# proves it when the package loads.
