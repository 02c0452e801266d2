"""The web layer's core: what every page and response shares, whatever feature made it.

Headers (security), errors, the language (lang), the widget a page is in (widget), asset URLs
(assets), the URL scheme (urls) and links kept per place (links), what every template gets
(page_context), parts of templates kept per place (fragments), JSON (json), and the cache of
pages that are the same for everyone (page_cache). No module here imports a feature
(tests/test_architecture.py): features are registered on the app by the app factory.
"""

from __future__ import annotations

from app.i18n import babel
from app.web.core import assets, errors, lang, links, page_context, security, widget
from app.web.core.fragments import OnceExtension
from app.web.core.json import OrjsonProvider


def init_app(app) -> None:
    app.jinja_env.add_extension(OnceExtension)  # `{% once %}`: parts the same on every page of a place
    app.json = OrjsonProvider(app)  # Flask's JSON, written by orjson; keys in the engine's order
    babel.init_app(app, locale_selector=lang.locale)
    security.init_app(app)
    assets.init_app(app)
    # Also gives templates `facts`: phone numbers, addresses, keywords and citations that page
    # text names, from the content data in the page's language.
    lang.init_app(app)  # before the widget's hooks: its 404 for an unknown site is in the URL's language
    widget.init_app(app)
    page_context.init_app(app)
    links.init_app(app)
    errors.init_app(app)
