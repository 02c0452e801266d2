"""A question page: rendered by `question.html`, once per question, voice and place (issue 15).

`render` is what every view that shows a question calls. A page with nothing unusual on it
(no error, no notice, reached by POST, no mount prefix) is filled from parts rendered once
(app/web/prerender.py): the template ran with a hole for each of its three lists of hidden
fields and with every choice ticked, and each tick became a hole too. Any other page runs the
template as before; tests/test_fast.py holds the two ways to the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app, render_template

from app import flow, presenter
from app.web import form_state, prerender
from app.web.security import csp_nonce

KEY = "help.question_pages"
ENDPOINT = "flow.question"  # rendered in its requests (any POST route shows the same page)
_TICK = re.compile(r'(value="([^"]*)")( checked| selected)')


class _Everything:
    """Every choice chosen: the template ticks each, and each tick becomes a hole."""

    def __contains__(self, item) -> bool:
        return True


@dataclass(frozen=True)
class Page:
    parts: prerender.Parts
    ticks: tuple[tuple[str, str, str], ...]  # (hole, choice code, " checked" or " selected")


def context(question: flow.Question, helper: bool, *, hidden, back_hidden, switch, chosen, error=None,
            notice=None, back_to_check=False) -> dict:
    data = presenter.question_data(question, helper, current_app.extensions["directory"])
    return {
        "question": data, "ids": presenter.question_ids(data, error is not None),
        "hidden": hidden, "back_hidden": back_hidden, "chosen": chosen, "error": error, "notice": notice,
        "back_to_check": back_to_check, "lang_post": ("flow.question", switch),
    }


def render(question: flow.Question, answers: dict, seen, *, error: str | None = None, chosen=None,
           back_to_check: bool = False, notice: str | None = None) -> str:
    value = answers.get(question.id)
    if chosen is None:
        chosen = [] if value is None else ([value] if isinstance(value, str) else sorted(value))
    helper = flow.HELPER(flow.view(answers))
    back_hidden = form_state.hidden_fields(answers, seen)
    hidden = [pair for pair in back_hidden if pair[0] != question.id]  # its own answer is in the visible control
    switch = form_state.same_question(answers, seen, question.id, back_to_check, carried=back_hidden)
    page = None
    if error is None and notice is None:
        page = _prerendered(question.id, helper, back_to_check)
    if page is None:
        return render_template("question.html", **context(
            question, helper, hidden=hidden, back_hidden=back_hidden, switch=switch, chosen=chosen,
            error=error, notice=notice, back_to_check=back_to_check))
    values = {"nonce": csp_nonce(), "hidden": prerender.hidden_inputs(hidden),
              "back": prerender.hidden_inputs(back_hidden), "switch": prerender.hidden_inputs(switch)}
    for name, code, attribute in page.ticks:
        values[name] = attribute if code in chosen else ""
    return prerender.fill(page.parts, values)


def _prerendered(question_id: str, helper: bool, back_to_check: bool) -> Page | None:
    pages = prerender.for_request(KEY, ENDPOINT, _render_all)
    return None if pages is None else pages.get((question_id, helper, back_to_check))


def build(app) -> dict:
    """Every question page with holes, for every place a page lives (prerender.places)."""
    return prerender.places(app, KEY, ENDPOINT, _render_all)


def _render_all() -> dict:
    pages = {}
    for question in flow.QUESTIONS:
        for helper in (False, True):
            for back_to_check in (False, True):
                html = render_template("question.html", **context(
                    question, helper, hidden=prerender.Fields("hidden"), back_hidden=prerender.Fields("back"),
                    switch=prerender.Fields("switch"), chosen=_Everything(), back_to_check=back_to_check))
                ticks = []

                def tick(match, ticks=ticks):
                    name = f"tick{len(ticks)}"
                    ticks.append((name, match.group(2), match.group(3)))
                    return match.group(1) + str(prerender.hole(name))

                parts = prerender.split(_TICK.sub(tick, str(html)))
                pages[question.id, helper, back_to_check] = Page(parts, tuple(ticks))
    return pages
