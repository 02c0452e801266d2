"""The questions, in the order they are asked."""

from __future__ import annotations

from app.flow.conditions import has
from app.flow.model import N_, Choice, Question

# US states, DC and territories (USPS codes). Names live in the content data.
STATE_CODES: tuple[str, ...] = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
    "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    "AS", "GU", "MP", "PR", "VI",
)  # fmt: skip

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="danger",
        title=N_("Are you in danger right now, or afraid someone may hurt you?"),
        helper_title=N_("Are they in danger right now, or afraid someone may hurt them?"),
        why=N_("If you are not safe, we will show you how to get help fast first."),
        helper_why=N_("If they are not safe, we will show you how to get help fast first."),
        choices=(
            Choice("yes", N_("Yes")),
            Choice("no", N_("No")),
            Choice("unsure", N_("I'm not sure")),
        ),
        skipped_means=frozenset({"unsure"}),
    ),
    Question(
        id="for_whom",
        title=N_("Is this about you, or are you helping someone else?"),
        why=N_("We will write the steps for you, or for the person you are helping."),
        choices=(
            Choice("self", N_("It's about me")),
            Choice("someone_else", N_("I'm helping someone else"),
                   N_("For example a child, a friend or a client.")),
        ),
        skipped_means=frozenset({"self"}),
    ),
    Question(
        id="situation",
        title=N_("What is happening?"),
        why=N_("Each situation has different help."),
        hint=N_("Choose all that fit."),
        multiple=True,
        choices=(
            Choice("shared", N_("A picture or video has been shared, posted or sent")),
            Choice("threatened", N_("Someone is threatening to share it")),
            Choice("taken", N_("Someone took it or has it without permission")),
            Choice("unsure", N_("I'm not sure")),
        ),
        skipped_means=frozenset({"unsure"}),
    ),
    Question(
        id="demand",
        title=N_("Is the person asking for something?"),
        why=N_("What they ask for changes what to do first."),
        hint=N_("Choose all that fit."),
        multiple=True,
        asked_when=has("situation", "threatened"),
        choices=(
            Choice("money", N_("Money, gift cards or crypto")),
            Choice("more_images", N_("More pictures or videos")),
            Choice("other", N_("Something else")),
            Choice("none", N_("They are not asking for anything")),
        ),
        exclusive=frozenset({"none"}),
    ),
    Question(
        id="age",
        title=N_("How old were you in the picture or video?"),
        helper_title=N_("How old were they in the picture or video?"),
        why=N_("Different services help people who were under 18 in it."),
        hint=N_("Think of when it was taken or made, not your age today."),
        helper_hint=N_("Think of when it was taken or made, not their age today."),
        choices=(
            Choice("under18", N_("Under 18")),
            Choice("adult", N_("18 or older")),
            Choice("unsure", N_("I'm not sure")),
        ),
        skipped_means=frozenset({"unsure"}),
    ),
    Question(
        id="kind",
        title=N_("Is it a real picture or video, or was it changed or made up?"),
        why=N_("Federal law (the TAKE IT DOWN Act) covers fake and AI-made pictures too. The steps differ a little."),
        choices=(
            Choice("real", N_("It's real")),
            Choice("altered", N_("A real picture was edited to look sexual")),
            Choice("ai", N_("It was made with AI or an app")),
            Choice("unsure", N_("I'm not sure")),
        ),
        skipped_means=frozenset({"unsure"}),
    ),
    Question(
        id="taker",
        title=N_("Who took the original picture or video?"),
        why=N_("If you took it yourself, you own it. That gives you one more way to get it removed."),
        helper_title=N_("Who took the original picture or video of them?"),
        helper_why=N_("If they took it themselves, they own it. That gives one more way to get it removed."),
        asked_when=~has("kind", "ai"),
        choices=(
            Choice("self", N_("I took it myself"), N_("For example a selfie."),
                   helper_label=N_("They took it themselves")),
            Choice("someone_else", N_("Someone else took it")),
            Choice("unsure", N_("I'm not sure")),
        ),
        skipped_means=frozenset({"unsure"}),
    ),
    Question(
        id="where",
        title=N_("Where have you seen it?"),
        helper_title=N_("Where has it been seen?"),
        why=N_("We will point you to the right place to report it."),
        hint=N_("Choose all that fit."),
        multiple=True,
        asked_when=has("situation", "shared"),
        choices=(
            Choice("social", N_("A social media app or site")),
            Choice("adult_site", N_("An adult website")),
            Choice("search", N_("In search results, like Google")),
            Choice("messaging", N_("In private messages or group chats")),
            Choice("other_site", N_("Another website")),
            Choice("unknown", N_("I don't know where it is")),
        ),
        skipped_means=frozenset({"unknown"}),
    ),
    Question(
        id="copy",
        title=N_("Is the picture or video already on your own phone or computer?"),
        helper_title=N_("Is the picture or video already on their own phone or computer?"),
        why=N_("Some free tools can stop it being posted, but only from a device that already has it. "
               "Do not save or download it to answer this. Just tell us what is true now."),
        # Asked of everyone (contract v1.1): Take It Down, like StopNCII, needs the file on the device.
        choices=(
            Choice("yes", N_("Yes")),
            Choice("no", N_("No")),
            Choice("unsure", N_("I'm not sure")),
        ),
        skipped_means=frozenset({"unsure"}),
    ),
    Question(
        id="state",
        control="select",
        labels="states",
        title=N_("Where do you live?"),
        helper_title=N_("Where do they live?"),
        why=N_("Laws differ by state and territory. We only use this to show the right one."),
        choices=tuple(Choice(code, code) for code in STATE_CODES),
    ),
)

QUESTION_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}

# A question's `asked_when` may read only questions before it; `_check_graph`
# proves it when the package loads.
