"""The plan page: the plan's groups, steps, paragraphs and referral cards, in the plan's order,
as `guide/plan.html` shows them. The text comes from the language's tables (app/precompute.py:
translated once per language, read by every request); the page is the template's."""

from __future__ import annotations

from types import SimpleNamespace

from flask import current_app, render_template

from app import flow, precompute, presenter
from app.i18n import t
from app.web.core import urls


def sections(plan: flow.Plan, tables: precompute.Tables) -> list[SimpleNamespace]:
    """Each group with steps: its title and steps; each step's title, guide, paragraphs and
    cards (`again`: a card an earlier step showed, linked back to rather than repeated)."""
    out = []
    for group, steps in presenter.plan_sections(plan, lambda ref_id: tables.referral(ref_id, plan.state) is not None):
        out.append(SimpleNamespace(id=group, title=t(presenter.GROUP_TITLES[group]), steps=[SimpleNamespace(
            id=step.id, title=tables.title(step.title), guide=step.guide, paragraphs=tables.texts(step.lines),
            cards=[(presenter.referral_card(tables.referral(ref_id, plan.state), urls.page_url), again)
                   for ref_id, again in refs],
        ) for step, refs in steps]))
    return out


def render(plan: flow.Plan, hidden: list[tuple[str, str]]) -> str:
    tables = precompute.tables(current_app.extensions["directory"], presenter.language())
    return render_template("guide/plan.html", sections=sections(plan, tables), helper=plan.helper,
                           hidden=hidden, lang_post=("flow.plan", hidden),
                           kit_answers=[(name, value) for name, value in hidden if name in KIT_ANSWERS])


KIT_ANSWERS = ("age", "kind", "taker")  # what the removal kit asks again: carried to it (kit/from_plan.html)
