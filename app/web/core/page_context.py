"""What every page's template gets, named explicitly: the site's name, its quick exit and its
help strip (`site`), whether search engines may list the page (`index`), and how a page writes
the hidden fields it carries (`hidden_inputs`)."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

from flask import g
from markupsafe import Markup, escape

from app import directory, local_contacts, presenter
from app.web.core import fragments, urls

KEY = "help.site_context"


def site_context(app) -> dict:
    """The exit link and the help strip. The strip says 911 first, then the 988 Lifeline (calling
    and texting apart: each language's own way is a fact of its content entry, never a translated
    sentence) and the image abuse helpline. `lines[lang]` holds the 988 facts in each language:
    `text` ("Envía AYUDA al 988"), and `call` when the content gives one ("Llama al 988 y marca 2"),
    its number linked; each is None if absent. The same for every page: built once."""
    cached = app.extensions.get(KEY)
    if cached is not None:
        return cached
    entries = app.extensions["directory"].entries
    emergency, lifeline, helpline = entries["emergency"], entries["crisis-988"], entries["ccri-helpline"]
    lifeline_call = presenter.tel(lifeline.phone)

    def linked(sentence: str | None) -> Markup | None:
        # The number in a sentence from the data, as a link that dials it (the sentence escaped).
        if not sentence:
            return None
        number = escape(lifeline.phone)
        return escape(sentence).replace(number, Markup('<a href="{}">{}</a>').format(lifeline_call, number), 1)

    lines = {}
    for code in directory.LANGUAGES:
        block = lifeline.help_in(code)
        lines[code] = {"call": linked(getattr(block, "call", None)), "text": block.text if block else None}
    context = app.extensions[KEY] = {
        "name": app.config["SITE_NAME"],
        "exit_url": app.config["EXIT_URL"],
        "emergency": emergency,
        "emergency_call": presenter.tel(emergency.phone),
        "lifeline": lifeline,
        "lifeline_call": lifeline_call,
        "lines": lines,
        "helpline": helpline,
        "helpline_call": presenter.tel(helpline.phone),
    }
    return context


def local_help(app) -> local_contacts.LocalHelp | None:
    """The embedding organisation's own contacts for this page (app/local_contacts.py): only
    inside the widget of a site that has some, in the page's language or else in English. The
    help strip and the plan's "Talk to someone" step show them after the national lines."""
    return app.extensions[local_contacts.KEY].for_page(g.get("embed_site"), g.get("lang", "en"))


def in_lang(text: str, help: local_contacts.LocalHelp, lang: str) -> Markup:
    """An organisation's own words, marked with their language where the page is in another
    (a Spanish page showing a site's English contacts), so a screen reader reads them right."""
    if help.language == lang:
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(help.language, text)


def _tag(name: str, value: str) -> str:
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">\n'


# Tags written once: the fields a feature's pages carry on every page (the guide's answers,
# question ids and navigation values), given by the feature as it is registered. Built from
# content only, never added to by a request.
_TAGS: dict[tuple[str, str], str] = {}


def write_once(pairs: Iterable[tuple[str, str]]) -> None:
    """Keep the tags of these (name, value) pairs written, for `hidden_inputs`."""
    _TAGS.update({pair: _tag(*pair) for pair in pairs})


def hidden_inputs(pairs: Iterable[tuple[str, str]]) -> Markup:
    """Hidden inputs for (name, value) pairs: how every page writes the fields it carries."""
    tags = _TAGS
    out = [tags.get(pair) or _tag(*pair) for pair in pairs]
    return Markup("".join(out))


def card(data: dict) -> SimpleNamespace:
    """A referral's data as the `referral_card` macro shows it (links for this page's place)."""
    return presenter.referral_card(data, urls.page_url)


def init_app(app) -> None:
    app.jinja_env.globals["hidden_inputs"] = hidden_inputs
    app.jinja_env.globals["card"] = card
    app.jinja_env.filters["in_lang"] = in_lang
    # What base.html reads on every page, unless the view gives its own: noindex (the site's
    # pages say otherwise, app/web/site/views.py); no answers for the language control to carry
    # (`lang_post`: endpoint and hidden fields); no typed form to carry (`carry_form`); not an
    # error page (`status`).
    app.context_processor(lambda: {"site": site_context(app), "local_help": local_help(app), "index": False,
                                   "lang_post": None, "carry_form": None, "status": None,
                                   "once_place": fragments.place()})
