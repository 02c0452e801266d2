"""`check_graph` refuses an inconsistent flow with a FlowError that names the culprit."""

from dataclasses import replace

import pytest

from app import flow


def questions_with(qid, **changes):
    return tuple(replace(q, **changes) if q.id == qid else q for q in flow.QUESTIONS)


def steps_with(sid, **changes):
    return tuple(replace(s, **changes) if s.id == sid else s for s in flow.STEPS)


def test_the_declared_flow_passes():
    flow.check_graph()
    flow.check_graph(flow.QUESTIONS, flow.STEPS)


@pytest.mark.parametrize("questions, steps, message", [
    # asked_when may read only earlier questions: `danger` is asked first, so it cannot read `situation`
    (questions_with("danger", asked_when=flow.has("situation", "shared")), flow.STEPS,
     "question danger: asked_when (situation is shared) reads questions not asked before it: situation"),
    # ... nor itself
    (questions_with("kind", asked_when=~flow.has("kind", "ai")), flow.STEPS,
     "question kind: asked_when (not kind is ai) reads questions not asked before it: kind"),
    (flow.QUESTIONS + (flow.QUESTIONS[0],), flow.STEPS, "duplicate question id: danger"),
    (questions_with("danger", control="slider"), flow.STEPS,
     "question danger: unknown control 'slider' or labels '' (controls: select; labels: states)"),
    (questions_with("where", control="select"), flow.STEPS,
     "question where: a drop-down takes one answer; use checkboxes"),
    (questions_with("danger", skipped_means=frozenset({"maybe"})), flow.STEPS,
     "question danger: skipped_means names codes it does not offer: maybe"),
    (questions_with("situation", exclusive=frozenset({"nope"})), flow.STEPS,
     "question situation: exclusive names codes it does not offer: nope"),
    (flow.QUESTIONS, flow.STEPS + (flow.STEPS[0],), "duplicate step id: safety"),
    (flow.QUESTIONS, steps_with("support", include_when=flow.has("nonexistent", "x")),
     "step support: condition (nonexistent is x) reads unknown questions: nonexistent"),
    # a code no question offers (a choice renamed or dropped in flow.toml) would never hold
    (flow.QUESTIONS, steps_with("support", include_when=flow.has("situation", "shared", "leaked")),
     "step support: condition (situation is shared/leaked) names codes no question offers: situation=leaked"),
    (questions_with("where", asked_when=flow.has("situation", "posted")), flow.STEPS,
     "question where: asked_when (situation is posted) names codes no question offers: situation=posted"),
    (flow.QUESTIONS, steps_with("support", placements=(flow.Placement(flow.DANGER, "now", 1),)),
     "step support: its last placement must hold ALWAYS"),
    (flow.QUESTIONS, steps_with("support", placements=()), "step support: its last placement must hold ALWAYS"),
    (flow.QUESTIONS, steps_with("support", placements=(flow.Placement(flow.ALWAYS, "someday", 1),)),
     "step support: unknown group someday (groups: now, next, later)"),
    (flow.QUESTIONS, steps_with("support", lines=flow.STEP_BY_ID["support"].lines * 2),
     "step support: line key used twice: helplines, not-your-fault"),
])  # fmt: skip
def test_a_bad_graph_raises_naming_the_culprit(questions, steps, message):
    with pytest.raises(flow.FlowError) as raised:
        flow.check_graph(questions, steps)
    assert str(raised.value) == message


WORDS = """
[questions.q]
title.you = "Are you?"
title.they = "Are they?"
why = "Because."

[questions.q.choices]
yes = "Yes"
no.label = "No"
no.hint = "Not at all."

[steps.s]
title = "Do this"

[steps.s.lines]
first = "First."
"""


def test_words_are_attached_from_the_words_file_in_both_voices():
    import tomllib

    words = flow.Words(tomllib.loads(WORDS))
    question = words.question("q", ("yes", "no"))
    assert question.voiced(True) == ("Are they?", "Because.", "")
    assert question.choice("no").voiced(False) == ("No", "Not at all.")
    step = words.step("s", guide="g", include_when=flow.ALWAYS, placements=(), lines=(flow.Line("first"),))
    assert step.title(False) == "Do this" and step.lines[0].text(True) == "First."
    assert words.unused() == []


def test_a_question_without_codes_takes_its_choices_from_the_words_in_order():
    import tomllib

    words = flow.Words(tomllib.loads(WORDS))
    assert words.question("q").codes == ("yes", "no")
    assert words.question("q").choices == words.question("q", ("yes", "no")).choices
    # the declared flow: every worded question's codes are its choices' keys in flow.toml
    from app.flow.wording import WORDS_FILE

    worded = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))["questions"]
    for question in flow.QUESTIONS:
        if not question.labels:
            assert question.codes == tuple(worded[question.id]["choices"]), question.id


@pytest.mark.parametrize("build, message", [
    (lambda w: w.question("q", ("yes", "maybe")), "flow.toml: no text for questions.q.choices.maybe"),
    (lambda w: flow.Words({"questions": {"r": {"title": "R?", "why": "Because."}}}).question("r"),
     "flow.toml: no choices for questions.r (add [questions.r.choices], or give its codes in questions.py)"),
    (lambda w: w.question("r", ("yes",)), "flow.toml: no text for questions.r.title"),
    (lambda w: w.step("s", guide="g", include_when=flow.ALWAYS, placements=(), lines=(flow.Line("second"),)),
     "flow.toml: no text for steps.s.lines.second"),
])
def test_missing_words_raise_naming_the_entry(build, message):
    import tomllib

    with pytest.raises(flow.FlowError) as raised:
        build(flow.Words(tomllib.loads(WORDS)))
    assert str(raised.value) == message


def test_words_no_rule_reads_are_refused():
    """A line dropped from a step must not leave its text behind for translators."""
    import tomllib

    words = flow.Words(tomllib.loads(WORDS + 'old = "Left behind."\n'))
    words.question("q", ("yes", "no"))
    words.step("s", guide="g", include_when=flow.ALWAYS, placements=(), lines=(flow.Line("first"),))
    assert words.unused() == ["steps.s.lines.old"]
    with pytest.raises(flow.FlowError, match="text that no question or step uses: steps.s.lines.old"):
        flow.check_graph((), (), words)


def test_a_question_declares_how_it_is_shown(app, directory):
    """No page or presenter asks for a question by its id to decide how to show it."""
    from app import presenter

    for question in flow.QUESTIONS:  # from its declaration alone, whatever its id
        wanted = question.control or ("checkboxes" if question.multiple else "radios")
        assert question.shown_as == wanted, question.id
    assert {q.shown_as for q in flow.QUESTIONS} == {"radios", "checkboxes", "select"}  # the flow uses each
    # Another question shown as a drop-down with the states' names renders like `state` does.
    danger_as_select = replace(flow.QUESTION_BY_ID["danger"], control="select")
    with app.test_request_context():
        data = presenter.question_data(danger_as_select, directory=directory)
        assert data["control"] == "select"
        assert presenter.question_ids(data, error=False)["error_anchor"] == "danger-select"
        state = presenter.question_data(flow.QUESTION_BY_ID["state"], directory=directory)
        assert state["choices"][0]["label"] == directory.states[state["choices"][0]["code"]].name
