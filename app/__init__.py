"""Application factory."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from jinja2 import StrictUndefined
from werkzeug.middleware.proxy_fix import ProxyFix

from app import directory, i18n, presenter

HERE = Path(__file__).resolve().parent
# Pages and files: inside the package when installed from a wheel (pyproject.toml ships them as
# app/templates and app/static), beside it in a checkout.
FILES = HERE if (HERE / "templates").is_dir() else HERE.parent


def create_app(config: object | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(FILES / "templates"),
        static_folder=str(FILES / "static"),
    )
    app.config.from_object(config or "config.Config")
    app.jinja_env.undefined = StrictUndefined  # a misspelt name fails a test, never renders as nothing
    app.jinja_env.filters["tel"] = presenter.tel  # a tel: link for a number from the content
    logging.getLogger().setLevel(app.config["LOG_LEVEL"])
    if app.debug:  # `make dev`: an edited catalog is compiled as the reloader starts the app again
        i18n.compile_stale(HERE / "translations")
    # Content is validated once here; bad data stops start-up with a clear message.
    app.extensions["directory"] = directory.load(Path(app.config["CONTENT_DIR"]))

    from app.web import api, core, guide, kit, site

    core.init_app(app)
    # Each feature's pages in English and Spanish, and inside the embeddable widget (framable
    # only by the site's origins): one endpoint, a rule per prefix (app/web/core/urls.py).
    for feature in (site, guide, kit, api):
        feature.register(app)
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    return app
