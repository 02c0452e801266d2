"""Referral cards as HTML, rendered once per language (issue 15).

A plan page shows up to twenty referral cards, and each is the same for everyone who sees it in
that language: the `referral_card` macro (templates/macros.html) over a referral's translated API
object. So every card, for every referral and every state's law, is rendered once per catalog
with that macro (with the precomputed referrals, app/precompute.py) and kept as long as they
are; the plan page puts the card in place of rendering the macro again. Cards for the app's own
tools (`internal`) link into this app, so their link depends on the request (mount prefix,
widget): those are still rendered on each page.
"""

from __future__ import annotations

from flask import current_app
from markupsafe import Markup

from app import precompute, presenter


def card_html(ref: dict) -> Markup | None:
    """The card for one of the current language's precomputed referrals, or None (render it)."""
    return lookup()(ref)


def lookup():
    """This request's `card_html`, its language's cards found once (a plan page has ~20 cards)."""
    directory = current_app.extensions["directory"]
    tables = precompute.tables(directory, presenter.language())
    store: dict = directory.__dict__.setdefault("_card_html", {})
    rendered = store.get(tables)
    if rendered is None:
        rendered = store[tables] = _render_all(tables)

    def find(ref: dict) -> Markup | None:
        found = rendered.get(id(ref))
        # Keyed by the shared object itself (alive as long as `tables`): a copy is never matched.
        return found[1] if found is not None and found[0] is ref else None

    return find


def _render_all(tables: precompute.Tables) -> dict[int, tuple[dict, Markup]]:
    macro = current_app.jinja_env.get_template("macros.html").module.referral_card
    out = {}
    for ref in (*tables.referrals.values(), *tables.state_laws.values()):
        if not ref["internal"]:
            out[id(ref)] = (ref, Markup(macro(presenter.referral_card(ref, page_url=None))))
    return out
