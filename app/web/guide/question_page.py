"""A question page: what `guide/question.html` needs to show one question, and its rendering."""

from __future__ import annotations

from flask import current_app, render_template

from app import flow, presenter
from app.web.guide import form_state

ORDER = {q.id: i for i, q in enumerate(flow.QUESTIONS)}  # a question's place in the flow


def render(question: flow.Question, answers: dict, seen, *, error: str | None = None, chosen=None,
           back_to_check: bool = False, notice: str | None = None) -> str:
    value = answers.get(question.id)
    if chosen is None:
        chosen = [] if value is None else ([value] if isinstance(value, str) else sorted(value))
    helper = flow.HELPER(flow.view(answers))
    back_hidden = form_state.hidden_fields(answers, seen)
    hidden = [pair for pair in back_hidden if pair[0] != question.id]  # its own answer is in the visible control
    switch = form_state.same_question(answers, seen, question.id, back_to_check, carried=back_hidden)
    data = presenter.question_data(question, helper, current_app.extensions["directory"])
    # Where this question stands among those these answers ask ("Question 3 of 8"): the total
    # counts unanswered questions as skipped, so it may grow as answers come in.
    path = [q.id for q in flow.asked_questions(answers) if q.id != question.id]
    at = ORDER[question.id]
    progress = {"number": sum(ORDER[qid] < at for qid in path) + 1, "total": len(path) + 1}
    return render_template(
        "guide/question.html", question=data, helper=helper, ids=presenter.question_ids(data, error is not None),
        hidden=hidden, back_hidden=back_hidden, chosen=chosen, error=error, notice=notice,
        back_to_check=back_to_check, progress=progress, lang_post=("flow.question", switch))
