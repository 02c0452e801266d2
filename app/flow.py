"""The decision engine: questions, routing rules and the plan, declared as data.

Plain Python on purpose (no Flask): the HTML flow, the JSON API, the CLI and the
tests all call the same three functions, `parse_answers`, `next_question` and
`build_plan`. Text here is an English msgid marked with `N_` so Babel extracts
it; the web layer translates it at render time.

Answers are a dict: question id -> code (single choice) or frozenset of codes
(multiple choice). A skipped question is absent. The codes and ids are fixed by
`flow-contract.md` (see docs/flow.md for how we read it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations


def N_(msgid: str) -> str:
    """Mark a string for extraction; translation happens in the web layer."""
    return msgid


Answers = Mapping[str, "str | frozenset[str]"]
# The effective view of answers: every question id -> set of codes, where a
# skipped question holds what skipping means. Conditions read this view.
View = Mapping[str, frozenset]

# --------------------------------------------------------------------------
# Conditions: small composable predicates over answers, with a readable form
# (used by `flask flow graph` / docs and in test failure messages).
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cond:
    test: Callable[[View], bool]
    text: str
    questions: frozenset[str] = frozenset()  # the questions it reads (for the flow diagram)

    def __call__(self, view: View) -> bool:
        return self.test(view)

    # Compositions capture the inner functions directly: the exhaustive sweep
    # evaluates these millions of times.
    def __and__(self, other: Cond) -> Cond:
        left, right = self.test, other.test
        return Cond(lambda v: left(v) and right(v), f"({self.text} and {other.text})",
                    self.questions | other.questions)

    def __or__(self, other: Cond) -> Cond:
        left, right = self.test, other.test
        return Cond(lambda v: left(v) or right(v), f"({self.text} or {other.text})",
                    self.questions | other.questions)

    def __invert__(self) -> Cond:
        inner = self.test
        return Cond(lambda v: not inner(v), f"not {self.text}", self.questions)


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
    )


def answered(question_id: str) -> Cond:
    """True when the question has an answer (for questions whose skip means nothing)."""
    return Cond(lambda view: bool(view[question_id]), f"{question_id} answered", frozenset((question_id,)))


# --------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------


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
        title=N_("Where do you live?"),
        helper_title=N_("Where do they live?"),
        why=N_("Laws differ by state and territory. We only use this to show the right one."),
        choices=tuple(Choice(code, code) for code in STATE_CODES),
    ),
)

QUESTION_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}

# The first question whose answers decide whether a later one is asked must come
# first; `_check_graph` proves it when the module loads.


def _as_set(question: Question, value) -> frozenset[str]:
    if value is None:
        return question.skipped_means
    if isinstance(value, str):
        return frozenset((value,))
    return frozenset(value) or question.skipped_means


def _resolve(answers: Answers) -> tuple[dict, dict]:
    """One pass: the answers the flow would ask (normal) and their effective view."""
    normal: dict[str, str | frozenset[str]] = {}
    view = {q.id: q.skipped_means for q in QUESTIONS}
    for question in QUESTIONS:
        value = answers.get(question.id)
        if value is None or value == frozenset() or not question.asked_when.test(view):
            continue
        normal[question.id] = value
        view[question.id] = _as_set(question, value)
    return normal, view


def view(answers: Answers) -> dict[str, frozenset[str]]:
    """The effective view of these answers (what conditions read)."""
    return _resolve(answers)[1]



# --------------------------------------------------------------------------
# Parsing and normalising answers (shared by the HTML flow and the API)
# --------------------------------------------------------------------------


class AnswerError(ValueError):
    """An answer that is not valid for its question."""

    def __init__(self, question_id: str, message: str):
        super().__init__(message)
        self.question_id = question_id
        self.message = message


def parse_answer(question_id: str, values: Iterable[str]) -> str | frozenset[str] | None:
    """Validate the raw values given for one question. Empty means skipped (None)."""
    question = QUESTION_BY_ID.get(question_id)
    if question is None:
        raise AnswerError(question_id, "unknown question")
    values = [v for v in values if v != ""]
    if not values:
        return None
    unknown = [v for v in values if v not in question.codes]
    if unknown:
        raise AnswerError(question_id, "unknown answer code")
    if not question.multiple:
        if len(set(values)) > 1:
            raise AnswerError(question_id, "only one answer allowed")
        return values[0]
    chosen = frozenset(values)
    if len(chosen) > 1 and chosen & question.exclusive:
        raise AnswerError(question_id, "this answer cannot be combined with others")
    return chosen


def normalize(answers: Answers) -> dict[str, str | frozenset[str]]:
    """Keep only answers the flow would ask, given the earlier answers."""
    return _resolve(answers)[0]


def asked_questions(answers: Answers) -> list[Question]:
    """The questions that apply to these answers, in order."""
    view = _resolve(answers)[1]
    return [q for q in QUESTIONS if q.asked_when(view)]


def next_question(answers: Answers, seen: Iterable[str] = ()) -> Question | None:
    """The first question that applies and has not been answered or skipped yet.

    `seen` holds the ids of questions already shown (answered or skipped), so a
    skipped question is not asked again. None means: go to "check your answers".
    """
    done = set(seen) | set(answers)
    for question in asked_questions(answers):
        if question.id not in done:
            return question
    return None


def previous_question(answers: Answers, current: str | None) -> Question | None:
    """The question before `current` in this person's path (None: the start page)."""
    path = asked_questions(answers)
    ids = [q.id for q in path]
    if current is None or current not in ids:
        return path[-1] if path else None
    index = ids.index(current)
    return path[index - 1] if index > 0 else None


# --------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------

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


DANGER = has("danger", "yes", "unsure")
MINOR = has("age", "under18")
AGE_UNSURE = has("age", "unsure")
HELPER = has("for_whom", "someone_else")
THREAT = has("situation", "threatened")
SHARED = has("situation", "shared")
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

STEPS: tuple[StepDef, ...] = (
    StepDef(
        id="safety",
        title=N_("Get safe first"),
        guide="safety",
        include_when=DANGER,
        placements=(Placement(ALWAYS, "now", 0),),
        lines=(
            Line(N_("If you are in danger now, call %(emergency_phone)s."),
                 N_("If they are in danger now, call %(emergency_phone)s.")),
            Line(N_("If someone close to you is hurting or controlling you, a domestic violence advocate can help you plan how to stay safe. It is free and private."),
                 N_("If someone close to them is hurting or controlling them, a domestic violence advocate can help plan how to stay safe. It is free and private.")),
            Line(N_("Someone may be watching your phone or computer. If so, use another device. A friend's phone or a library computer can be safer."),
                 N_("Someone may be watching their phone or computer. If so, help them use another device, one that person cannot reach.")),
        ),
        referrals=(Ref("emergency"), Ref("dv-hotline")),
    ),
    StepDef(
        id="minor",
        title=N_("Help for pictures of someone under 18"),
        guide="under-18",
        include_when=MINOR | AGE_UNSURE,
        placements=(Placement(ALWAYS, "now", 1),),
        lines=(
            Line(N_("You were under 18 in it, so special services can help. This is not your fault, and you are not in trouble."),
                 N_("They were under 18 in it, so special services can help. This is not their fault, and they are not in trouble."),
                 MINOR),
            Line(N_("If you were under 18 in it, special services can help. This is not your fault."),
                 N_("If they were under 18 in it, special services can help. This is not their fault."),
                 AGE_UNSURE),
            Line(N_("Take It Down is free. It makes a digital fingerprint of the picture on your own device, so platforms can find and remove copies. The picture is never sent to anyone."),
                 N_("Take It Down is free. It makes a digital fingerprint of the picture on their own device, so platforms can find and remove copies. The picture is never sent to anyone."),
                 HAS_COPY),
            Line(N_("If the picture is already on your own phone or computer, Take It Down can help. It makes a digital fingerprint there, so platforms can find and remove copies. The picture is never sent to anyone."),
                 N_("If the picture is already on their own phone or computer, Take It Down can help. It makes a digital fingerprint there, so platforms can find and remove copies. The picture is never sent to anyone."),
                 COPY_UNSURE),
            Line(N_("Take It Down only works from a device that already has the picture. Without it, the CyberTipline can help get it removed. You can report online or call them."),
                 when=NO_COPY),
            Line(N_("Report where it is to the CyberTipline. They work with platforms and the police."),
                 when=~NO_COPY),
            Line(N_("Do not save, screenshot, forward or share the picture itself, not even to report it. Write down where it is instead.")),
        ),
        referrals=(Ref("take-it-down", ~NO_COPY), Ref("cybertipline")),
    ),
    StepDef(
        id="sextortion",
        title=N_("If someone is making threats"),
        guide="threats",
        include_when=THREAT,
        placements=(
            Placement(URGENT_DEMAND, "now", 2),
            Placement(ALWAYS, "now", 4),
        ),
        lines=(
            Line(N_("This is not your fault. The person making threats is the one breaking the law."),
                 N_("This is not their fault. The person making threats is the one breaking the law.")),
            Line(N_("Do not pay and do not send more pictures. Paying rarely stops the threats. They often ask for more."),
                 N_("They should not pay or send more pictures. Paying rarely stops the threats. The person often asks for more."),
                 URGENT_DEMAND),
            Line(N_("Do not pay or send anything. Giving in rarely stops the threats."),
                 N_("They should not pay or send anything. Giving in rarely stops the threats."),
                 ~URGENT_DEMAND),
            Line(N_("Stop replying. Block them after you save the messages. Do not delete your account or the chat: they help when you report."),
                 N_("Help them stop replying. Block the person after saving the messages. Do not delete the account or the chat: they help when reporting.")),
            Line(N_("Report the account on the app or site where they contacted you, and report it to the FBI."),
                 N_("Report the account on the app or site where the person made contact, and report it to the FBI.")),
            Line(N_("You were under 18 in it, so also report it to the CyberTipline."),
                 N_("They were under 18 in it, so also report it to the CyberTipline."),
                 MINOR),
            Line(N_("If you were under 18 in it, also report it to the CyberTipline."),
                 N_("If they were under 18 in it, also report it to the CyberTipline."),
                 AGE_UNSURE),
            Line(N_("Threats like this can make anyone feel desperate. If you feel like hurting yourself, call or text %(crisis_988_phone)s now. You are not alone."),
                 N_("Threats like this can make anyone feel desperate. If they talk about hurting themselves, call or text %(crisis_988_phone)s with them now.")),
        ),
        referrals=(Ref("fbi"), Ref("cybertipline", MINOR | AGE_UNSURE), Ref("crisis-988")),
    ),
    StepDef(
        id="evidence",
        title=N_("Keep a record, safely"),
        guide="records",
        include_when=ALWAYS,
        placements=(Placement(ALWAYS, "now", 3),),
        lines=(
            Line(N_("Before anything is removed, write down where it is. Note the web address (URL), the site or app, the username, and when you saw it."),
                 N_("Before anything is removed, write down where it is. Note the web address (URL), the site or app, the username, and when it was seen.")),
            Line(N_("Save threats, demands and payment details (like gift card or wallet numbers), and any report or case numbers."),
                 when=THREAT),
            Line(N_("Do not save, screenshot or forward the picture itself. Record where it is, not what it shows."),
                 when=MINOR),
            Line(N_("If you were under 18 in it, do not save, screenshot or forward the picture itself. Record where it is, not what it shows."),
                 N_("If they were under 18 in it, do not save, screenshot or forward the picture itself. Record where it is, not what it shows."),
                 AGE_UNSURE),
            Line(N_("Screenshots of the page and messages help when you report. Keep them somewhere private."),
                 N_("Screenshots of the page and messages help when reporting. Keep them somewhere private."),
                 ~MINOR & ~AGE_UNSURE),
            Line(N_("Ask someone you trust to help, so you do not have to do this alone."),
                 N_("Offer to do this part for them, so they do not have to look at it.")),
        ),
        referrals=(Ref("ccri-safety-center"),),
    ),
    StepDef(
        id="remove",
        title=N_("Ask to have it taken down"),
        guide="removal",
        include_when=SHARED | SITUATION_UNSURE,
        placements=(Placement(ALWAYS, "next", 5),),
        lines=(
            Line(N_("If it has been posted, report it on each site or app where it is. Most have a report option for private or sexual pictures shared without consent."),
                 when=SITUATION_UNSURE & ~SHARED),
            Line(N_("Report it on each site or app where it is. Most have a report option for private or sexual pictures shared without consent."),
                 when=SHARED),
            Line(N_("Since May 19, 2026, US law (the TAKE IT DOWN Act) says many sites and apps must remove it within 48 hours of a valid written request. We explain what the request must say.")),
            Line(N_("If a site has not removed it 48 hours after a valid request, report the site to the FTC.")),
            Line(N_("If it was sent in private messages, report the message or the account in the app. Ask anyone who got it not to share it and to report it too."),
                 when=has("where", "messaging")),
            Line(N_("You can send a request for them as an authorized person, like a parent, guardian or lawyer. Say how you are allowed to act for them."),
                 when=HELPER),
        ),
        referrals=(Ref("tida-notice"), Ref("removal-kit"), Ref("ftc-takeitdown")),
        platforms_from_where=True,
    ),
    StepDef(
        id="search",
        title=N_("Remove it from search results"),
        guide="search",
        include_when=SHARED & SEARCH_NEEDED,
        placements=(Placement(ALWAYS, "next", 6),),
        lines=(
            Line(N_("Search engines can hide results that show intimate pictures shared without consent. This does not remove the page itself, so report it to the site too.")),
            Line(N_("Google has a separate form for fake or AI-made pictures."), when=FAKE | KIND_UNSURE),
        ),
        referrals=(
            Ref("google-search", KIND_REAL | KIND_UNSURE),
            Ref("google-search-fake", FAKE | KIND_UNSURE),
            Ref("bing"),
        ),
    ),
    StepDef(
        id="deepfake",
        title=N_("If it is fake or made with AI"),
        guide="fakes",
        include_when=FAKE,
        placements=(Placement(ALWAYS, "next", 7),),
        lines=(
            Line(N_("A fake is still harm, and it is still covered. The TAKE IT DOWN Act covers \"digital forgeries\": fake pictures that look real."),),
            Line(N_("StopNCII can also block fakes on partner sites, if you have a copy."),
                 N_("StopNCII can also block fakes on partner sites, if they have a copy."),
                 ~MINOR & ~AGE_UNSURE),
            Line(N_("Google has a form to remove fake sexual pictures of you from search."),
                 N_("Google has a form to remove fake sexual pictures of them from search.")),
        ),
        referrals=(Ref("google-search-fake"), Ref("stopncii", ~MINOR & ~AGE_UNSURE & HAS_COPY)),
    ),
    StepDef(
        id="copyright",
        title=N_("Use copyright to get it removed"),
        guide="copyright",
        include_when=SELF_TAKEN & KIND_REAL & ~MINOR,
        placements=(Placement(ALWAYS, "next", 8),),
        lines=(
            Line(N_("You took it, so you own the copyright. You can send a copyright (DMCA) notice to the site. This is a back-up if a report does not work."),
                 N_("They took it, so they own the copyright. A copyright (DMCA) notice can be sent to the site. This is a back-up if a report does not work.")),
            Line(N_("Be careful: many sites send the notice, with your name and email, to the person who posted it as soon as they act. Some also publish notices online. Use an email address you keep just for this."),
                 N_("Be careful: many sites send the notice, with the sender's name and email, to the person who posted it as soon as they act. Some also publish notices online. Use an email address kept just for this.")),
            Line(N_("If you were under 18 in it, do not use this. Use Take It Down and the CyberTipline instead."),
                 N_("If they were under 18 in it, do not use this. Use Take It Down and the CyberTipline instead."),
                 AGE_UNSURE),
        ),
        referrals=(Ref("dmca-notice"),),
    ),
    StepDef(
        id="prevent",
        title=N_("Help stop it being posted again"),
        guide="hashing",
        include_when=~MINOR & HAS_COPY,
        placements=(Placement(ALWAYS, "next", 9),),
        lines=(
            Line(N_("StopNCII is free. It makes a digital fingerprint of the picture on your own device and shares only that with partner sites, so they can find and block copies. The picture never leaves your device."),
                 N_("StopNCII is free. It makes a digital fingerprint of the picture on their own device and shares only that with partner sites, so they can find and block copies. The picture never leaves the device.")),
            Line(N_("It is for people who were 18 or older in it. Write down the case number and PIN it gives you: they cannot be recovered."),
                 when=~AGE_UNSURE),
            Line(N_("If you were 18 or older in it, use StopNCII. If you were under 18 in it, use Take It Down instead. Write down any case number and PIN."),
                 N_("If they were 18 or older in it, use StopNCII. If they were under 18 in it, use Take It Down instead. Write down any case number and PIN."),
                 AGE_UNSURE),
            Line(N_("It only works on partner sites, and not in private messages.")),
        ),
        referrals=(Ref("stopncii"), Ref("take-it-down", AGE_UNSURE)),
    ),
    StepDef(
        id="report",
        title=N_("Report it"),
        guide="reporting",
        include_when=ALWAYS,
        placements=(Placement(THREAT, "next", 10), Placement(ALWAYS, "later", 10)),
        lines=(
            Line(N_("You can report it to the police. Bring your records. You choose if and when."),
                 N_("They can report it to the police, with your help. Bring the records. They choose if and when.")),
            Line(N_("Threats to share sexual pictures, especially for money, are crimes. Report them to the FBI."),
                 when=THREAT),
            Line(N_("Tell the FTC what happened too. The FTC asks people to report this, and any scam or demand for money.")),
        ),
        referrals=(Ref("fbi", THREAT), Ref("cybertipline", MINOR), Ref("ftc-report")),
    ),
    StepDef(
        id="law",
        title=N_("Know the law"),
        guide="law",
        include_when=ALWAYS,
        placements=(Placement(ALWAYS, "later", 11),),
        lines=(
            Line(N_("Federal law: the TAKE IT DOWN Act makes it a crime to post intimate pictures without consent, real or fake. It is also a crime to threaten to post them. Most sites and apps that host posts must remove them within 48 hours when you ask in writing.")),
            Line(N_("You can also sue the person who shared it in federal court (%(civil_action_cite)s). A lawyer can tell you if it fits."),
                 N_("They can also sue the person who shared it in federal court (%(civil_action_cite)s). A lawyer can tell you if it fits.")),
            Line(N_("If it is fake or made with AI, it is not settled whether you can sue under this law. The TAKE IT DOWN Act does cover fakes."),
                 when=FAKE | KIND_UNSURE),
            Line(N_("All 50 states and DC have laws against sharing intimate pictures without consent."),
                 when=~STATE_GIVEN),
            Line(N_("See below what we know about the law where you live."),
                 N_("See below what we know about the law where they live."),
                 STATE_GIVEN),
        ),
        referrals=(Ref("state-law", STATE_GIVEN), Ref("ccri-safety-center")),
    ),
    StepDef(
        id="support",
        title=N_("Talk to someone"),
        guide="support",
        include_when=ALWAYS,
        placements=(Placement(ALWAYS, "later", 12),),
        lines=(
            Line(N_("What happened is not your fault. It is normal to feel scared, angry or numb."),
                 N_("What happened is not their fault. It is normal for them, and for you, to feel scared, angry or numb.")),
            Line(N_("The CCRI Image Abuse Helpline helps with exactly this, day or night. The 988 Lifeline is there if you feel overwhelmed."),
                 N_("The CCRI Image Abuse Helpline helps with exactly this, day or night, and can advise you as a helper. The 988 Lifeline is there if anyone feels overwhelmed.")),
        ),
        referrals=(Ref("ccri-helpline"), Ref("crisis-988"), Ref("crisis-text-line"),
                   Ref("rainn"), Ref("ccri-safety-center")),
    ),
)

STEP_BY_ID: dict[str, StepDef] = {s.id: s for s in STEPS}
WHERE_ORDER = QUESTION_BY_ID["where"].codes


def build_plan(answers: Answers, platforms_by_where: Mapping[str, Iterable[str]] | None = None) -> Plan:
    """The ordered plan for these answers. Total: any valid answers give a plan.

    `platforms_by_where` maps a `where` code to platform referral ids (from the
    directory); the engine itself knows no platform.
    """
    normal, view = _resolve(answers)
    helper = HELPER(view)
    placed = []
    for step in STEPS:
        if not step.include_when.test(view):
            continue
        placement = next(p for p in step.placements if p.when.test(view))
        lines = tuple((line.they or line.you) if helper else line.you
                      for line in step.lines if line.when.test(view))
        refs = [r.id for r in step.referrals if r.when.test(view)]
        if step.platforms_from_where and platforms_by_where:
            for code in sorted(view["where"], key=WHERE_ORDER.index):
                for pid in platforms_by_where.get(code, ()):
                    if pid not in refs:
                        refs.append(pid)
        placed.append((GROUPS.index(placement.group), placement.rank,
                       PlanStep(step.id, placement.group, step.title, lines, tuple(refs), step.guide)))
    placed.sort(key=lambda item: (item[0], item[1]))
    state = normal.get("state")
    return Plan(tuple(p for _, _, p in placed), helper, state if isinstance(state, str) else None)


# --------------------------------------------------------------------------
# Enumeration (tests, `flask flow check`)
# --------------------------------------------------------------------------


def answer_options(question: Question) -> list[str | frozenset[str] | None]:
    """Every valid answer to one question, skipped (None) included."""
    if not question.multiple:
        return [None, *question.codes]
    plain = [c for c in question.codes if c not in question.exclusive]
    subsets: list[str | frozenset[str] | None] = [None]
    for size in range(1, len(plain) + 1):
        subsets.extend(frozenset(s) for s in combinations(plain, size))
    subsets.extend(frozenset((c,)) for c in question.exclusive)
    return subsets


def _options(question: Question, state_options: Iterable[str | None]) -> list[str | frozenset[str] | None]:
    return list(state_options) if question.id == "state" else answer_options(question)


def view_options(question: Question, state_options: Iterable[str | None] = (None,)) -> list[tuple[object, int]]:
    """The answers to one question that differ in what the engine sees, each once.

    One (answer, weight) per effective value: an explicit answer rather than a skip
    that means the same (skipping `danger` is `unsure`), and how many of the
    question's answers share that effect."""
    groups: dict[frozenset[str], list] = {}
    for value in _options(question, state_options):
        groups.setdefault(_as_set(question, value), []).append(value)
    return [(next((v for v in values if v is not None), None), len(values)) for values in groups.values()]


def _walk(options: list[list[tuple[object, int]]], prefix: Answers | None, start: int,
          stop: int) -> Iterator[tuple[dict, int]]:
    """Depth-first over questions [start, stop): each answer set with its weight.

    `options[i]` lists (answer, weight) for question i; None means skipped. The view
    is kept up to date as the walk goes, so asking is decided as `_resolve` decides it."""
    answers, view = _resolve(prefix or {})

    def walk(index: int, weight: int) -> Iterator[tuple[dict, int]]:
        if index == stop:
            yield dict(answers), weight
            return
        question = QUESTIONS[index]
        if not question.asked_when.test(view):
            yield from walk(index + 1, weight)
            return
        for value, count in options[index]:
            if value is None:
                yield from walk(index + 1, weight * count)
            else:
                answers[question.id] = value
                view[question.id] = _as_set(question, value)
                yield from walk(index + 1, weight * count)
                del answers[question.id]
                view[question.id] = question.skipped_means

    yield from walk(start, 1)


def all_answer_sets(state_options: Iterable[str | None] = (None, "CA")) -> Iterator[dict]:
    """Every answer set the flow can produce, each once (unasked questions absent).

    `state` only selects which state's law entry is linked, so by default the
    sweep uses two values for it (skipped, and one state); pass all codes to
    cover every state.
    """
    options = [[(value, 1) for value in _options(q, state_options)] for q in QUESTIONS]
    for answers, _ in _walk(options, None, 0, len(QUESTIONS)):
        yield answers


def canonical_answer_sets(state_options: Iterable[str | None] = (None,), prefix: Answers | None = None,
                          start: int = 0, stop: int | None = None) -> Iterator[tuple[dict, int]]:
    """One answer set per distinct effective view, with its weight: how many answer sets
    of `all_answer_sets(state_options)` have that view (and so the same plan).

    Walks questions [start, stop) after `prefix` (answers to the questions before
    `start`), so the space can be split by prefix: `canonical_answer_sets(stop=3)`
    gives the prefixes, `canonical_answer_sets(prefix=p, start=3)` the rest under one.
    """
    state_options = tuple(state_options)
    options = [view_options(q, state_options) for q in QUESTIONS]
    yield from _walk(options, prefix, start, len(QUESTIONS) if stop is None else stop)


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


_check_graph()
