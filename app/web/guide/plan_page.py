"""The plan page: the plan's groups, steps, paragraphs and referral cards, in the plan's order,
as `guide/plan.html` shows them. The text comes from the language's tables (app/precompute.py:
translated once per language, read by every request); the page is the template's."""

from __future__ import annotations

from types import SimpleNamespace

from flask import current_app, render_template

from app import flow, precompute, presenter
from app.directory import STATE_LAW
from app.i18n import t


def sections(plan: flow.Plan, tables: precompute.Tables) -> list[SimpleNamespace]:
    """Each group with steps: its title and steps; each step's title, guide, paragraphs and
    cards. A card is (ref_id, referral, again): `referral` the language's shared data (the
    template makes it a card with `referral_card`), `again` for one an earlier step showed
    (linked back to, not repeated), and `ref_id` what its words and links depend on besides the
    page's place, for `{% once %}`: None for a state's law, whose state is an answer."""
    out = []
    for group, steps in presenter.plan_sections(plan, lambda ref_id: tables.referral(ref_id, plan.state) is not None):
        out.append(SimpleNamespace(id=group, title=t(presenter.GROUP_TITLES[group]), steps=[SimpleNamespace(
            id=step.id, title=tables.title(step.title), guide=step.guide, paragraphs=tables.texts(step.lines),
            cards=[(None if ref_id == STATE_LAW else ref_id, tables.referral(ref_id, plan.state), again)
                   for ref_id, again in refs],
        ) for step, refs in steps]))
    return out


def render(plan: flow.Plan, hidden: list[tuple[str, str]]) -> str:
    tables = precompute.tables(current_app.extensions["directory"], presenter.language())
    return render_template("guide/plan.html", sections=sections(plan, tables), helper=plan.helper,
                           hidden=hidden, lang_post=("flow.plan", hidden),
                           kit_answers=[(name, value) for name, value in hidden if name in KIT_ANSWERS])


KIT_ANSWERS = ("age", "kind", "taker")  # what the removal kit asks again: carried to it (guide/to_kit.html)
