"""The guided flow: one question per page, check answers, the plan.

Every page is a POSTed form; answers travel in its fields and nowhere else.
Routes stay thin: the engine decides, templates display.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _

from app import flow, presenter
from app.web.guide import form_state, plan_page, question_page

bp = Blueprint("flow", __name__, template_folder="templates")


SAFETY = "safety"  # the plan step that gets a person safe first


def _directory():
    return current_app.extensions["directory"]


def _safety_in(answers: dict) -> bool:
    return flow.includes_step(answers, SAFETY)


def _brought_safety(answers: dict, question: flow.Question) -> bool:
    """This answer puts "Get safe first" in the plan where another answer to the same question
    would not (the engine's rule, not a list of codes)."""
    if question.id not in answers or not _safety_in(answers):
        return False
    others = (([c] if question.multiple else c) for c in question.codes if c not in answers[question.id])
    return any(not _safety_in({**answers, question.id: other}) for other in others)


def render_help_now(answers: dict, seen, question: flow.Question, back_to_check: bool):
    """Right after an answer that says someone may be in danger: 911 and the domestic violence
    hotline first, then the choice to see the safety steps now or keep answering."""
    hidden = form_state.hidden_fields(answers, seen)
    return render_template(
        "guide/help_now.html", hidden=hidden, helper=_helper(answers), back_to_check=back_to_check,
        back_hidden=form_state.same_question(answers, seen, question.id, back_to_check, carried=hidden),
        lang_post=("flow.help_now", hidden + ([(form_state.RETURN, "check")] if back_to_check else [])))


def _helper(answers) -> bool:
    return flow.HELPER(flow.view(answers))


def _notice(state: form_state.FormState) -> str | None:
    if state.dropped:
        return _("We could not read one of your earlier answers, so we will ask it again. "
                 "Nothing else has changed.")
    return None


def render_question(question: flow.Question, answers: dict, seen, *, error: str | None = None,
                    chosen=None, back_to_check: bool = False, notice: str | None = None,
                    status: int = 200):
    html = question_page.render(question, answers, seen, error=error, chosen=chosen,
                                back_to_check=back_to_check, notice=notice)
    return html, status


def render_check(answers: dict, seen, notice: str | None = None):
    rows = []
    helper = _helper(answers)
    for question in flow.asked_questions(answers):
        rows.append({
            "id": question.id,
            "title": presenter.question_data(question, helper, _directory())["title"],
            "answer": presenter.answer_label(question, answers.get(question.id), _directory(), helper),
            "unanswered": answers.get(question.id) is None,
        })
    hidden = form_state.hidden_fields(answers, seen)
    return render_template("guide/check.html", rows=rows, notice=notice, hidden=hidden, lang_post=("flow.check", hidden))


def _error_message(question: flow.Question, reason: flow.AnswerErrorKind | None, helper: bool) -> str:
    if reason is flow.AnswerErrorKind.NOT_COMBINABLE:
        exclusive = question.choice(sorted(question.exclusive)[0]).label(helper)
        return _("Choose “%(answer)s” on its own, or choose the other answers without it.",
                 answer=presenter.t(exclusive))
    if reason:
        return _("Choose one of the answers shown, or choose “Skip this question”.")
    if question.multiple:
        return _("Choose at least one answer, or choose “Skip this question”.")
    return _("Choose an answer, or choose “Skip this question”.")


@bp.get("/q")
def first_question():
    """A plain link to the first question (no answers yet)."""
    return render_question(flow.QUESTIONS[0], {}, [])


@bp.post("/q")
def question():
    state = form_state.read(request.form)
    answers, seen = state.answers, list(state.seen)
    nav = request.form.get(form_state.NAV, "continue")
    back_to_check = request.form.get(form_state.RETURN) == "check"
    current = flow.QUESTION_BY_ID.get(state.current) if state.current else None
    notice = _notice(state)

    if current is not None and nav == form_state.BACK:
        previous = flow.previous_question(answers, current.id)
        if previous is None:
            return render_template("site/start.html", hidden=form_state.hidden_fields(answers, seen),
                                   lang_post=("flow.question", form_state.start_again_with(answers, seen)))
        return render_question(previous, answers, seen, notice=notice)

    if current is not None and nav == form_state.STAY:
        # The same question, in the language of this URL (the language switch posted here).
        if current in flow.asked_questions(answers):
            return render_question(current, answers, seen, back_to_check=back_to_check, notice=notice)
        current = None  # it no longer applies to these answers: on to the next question

    if current is not None and nav == "skip":
        answers.pop(current.id, None)
        if current.id not in seen:
            seen.append(current.id)
    elif current is not None:
        if state.current_error is not None or current.id not in answers:
            message = _error_message(current, state.current_error, _helper(answers))
            return render_question(current, answers, seen, error=message, chosen=state.current_raw,
                                   back_to_check=back_to_check, notice=notice, status=400)
        if current.id not in seen:
            seen.append(current.id)

    answers = flow.normalize(answers)
    if current is not None and _brought_safety(answers, current):  # a skipped question brings nothing
        return render_help_now(answers, seen, current, back_to_check)
    upcoming = flow.next_question(answers, seen)
    if upcoming is None:
        return render_check(answers, seen, notice)
    return render_question(upcoming, answers, seen, back_to_check=back_to_check, notice=notice)


@bp.post("/help-now")
def help_now():
    """The same page in the other language (the language switch posts here)."""
    state = form_state.read(request.form)
    answers = flow.normalize(state.answers)
    question = next((q for q in flow.asked_questions(answers) if _brought_safety(answers, q)), None)
    if question is None:  # these answers bring no safety step: on with the questions
        upcoming = flow.next_question(answers, state.seen)
        if upcoming is None:
            return render_check(answers, state.seen, _notice(state))
        return render_question(upcoming, answers, state.seen, notice=_notice(state))
    return render_help_now(answers, state.seen, question, request.form.get(form_state.RETURN) == "check")


@bp.post("/change")
def change():
    """From check answers: show one question again, then return to the summary."""
    state = form_state.read(request.form)
    question = flow.QUESTION_BY_ID.get(request.form.get(form_state.CHANGE, ""))
    answers = flow.normalize(state.answers)
    if question is None or question not in flow.asked_questions(answers):
        return render_check(answers, state.seen, _notice(state))
    return render_question(question, answers, state.seen, back_to_check=True, notice=_notice(state))


@bp.post("/check")
def check():
    state = form_state.read(request.form)
    answers = flow.normalize(state.answers)
    upcoming = flow.next_question(answers, state.seen)
    if upcoming is not None and state.dropped:
        return render_question(upcoming, answers, state.seen, notice=_notice(state))
    return render_check(answers, state.seen, _notice(state))


@bp.post("/plan")
def plan():
    # The check page's form posts here; its "Change" buttons say which answer to change.
    # (No formaction: text browsers such as lynx and w3m ignore it.)
    if request.form.get(form_state.CHANGE):
        return change()
    state = form_state.read(request.form)
    answers = flow.normalize(state.answers)
    if state.dropped:
        upcoming = flow.next_question(answers, state.seen)
        if upcoming is not None:
            return render_question(upcoming, answers, state.seen, notice=_notice(state))
    result = flow.build_plan(answers, _directory().platforms_by_where)
    return plan_page.render(result, form_state.hidden_fields(answers, state.seen))
