"""Application factory."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from jinja2 import StrictUndefined
from werkzeug.middleware.proxy_fix import ProxyFix

from app import directory, presenter
from app.i18n import babel
from app.web.orjson_provider import OrjsonProvider

HERE = Path(__file__).resolve().parent
# Pages and files: inside the package when installed from a wheel (pyproject.toml ships them as
# app/templates and app/static), beside it in a checkout.
FILES = HERE if (HERE / "templates").is_dir() else HERE.parent


def _site_context(app: Flask) -> dict:
    """What every page shows: the exit link and the help strip. The strip says 911 first, then
    the 988 Lifeline (calling and texting apart: each language's own way is a fact of its content
    entry, never a translated sentence) and the image abuse helpline. `lines[lang]` holds the
    988 facts in a language other than English: `text` ("Envía AYUDA al 988"), and `call` when
    the content gives one ("Llama al 988 y marca 2"), its number linked; each is None if absent."""
    cached = app.extensions.get("site_context")
    if cached is not None:
        return cached
    from markupsafe import Markup, escape
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
    context = {
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
    app.extensions["site_context"] = context  # the same for every page: built once
    return context


def create_app(config: object | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(FILES / "templates"),
        static_folder=str(FILES / "static"),
    )
    app.config.from_object(config or "config.Config")
    app.json = OrjsonProvider(app)  # Flask's JSON, written by orjson; keys in the engine's order
    app.jinja_env.undefined = StrictUndefined  # a misspelt name fails a test, never renders as nothing
    app.jinja_env.filters["tel"] = presenter.tel  # a tel: link for a number from the content
    logging.getLogger().setLevel(app.config["LOG_LEVEL"])
    # Content is validated once here; bad data stops start-up with a clear message.
    app.extensions["directory"] = directory.load(Path(app.config["CONTENT_DIR"]))

    from app.web import (
        api,
        assets,
        embed,
        errors,
        flow_views,
        kit,
        kit_api,
        lang,
        letters,
        pages,
        prerender,
        security,
        urls,
    )

    app.jinja_env.globals["hidden_inputs"] = prerender.hidden_inputs  # the one way pages write hidden fields

    babel.init_app(app, locale_selector=lang.locale)
    security.init_app(app)
    assets.init_app(app)
    # Also gives templates `facts`: phone numbers, addresses, keywords and citations that page
    # text names, from the content data in the page's language.
    lang.init_app(app)  # before the widget's hooks: its 404 for an unknown site is in the URL's language
    embed.init_app(app)
    # Pages say noindex unless their view says otherwise (app/web/pages.py).
    app.context_processor(lambda: {"site": _site_context(app), "index": False})
    errors.init_app(app)
    for bp in (pages.bp, flow_views.bp, letters.bp, kit.bp):
        # Each page in English and Spanish, and inside the embeddable widget (framable only by the
        # site's origins): one endpoint, a rule per prefix (app/web/urls.py).
        urls.mount(app, bp)
    app.register_blueprint(pages.found)  # robots.txt and sitemap.xml, at the root only
    app.register_blueprint(api.bp)
    app.register_blueprint(kit_api.bp)
    app.register_blueprint(embed.bp)
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    return app
