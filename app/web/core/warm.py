"""Each language's display tables (app/precompute.py), built as a gunicorn worker starts
(gunicorn.conf.py, `post_worker_init`) rather than while its first visitor waits. Without it
(the development server, tests) each is built the first time a request needs it."""

from __future__ import annotations

from flask_babel import force_locale, get_babel

from app import precompute, presenter
from app.web.core import lang


def locales(app) -> list[str]:
    """Every language a request can be in: the default, the URL's, and every catalog's."""
    with app.app_context():
        found = {str(locale) for locale in get_babel().instance.list_translations()}
    return sorted({app.config.get("BABEL_DEFAULT_LOCALE", "en"), *lang.LANGS, *found})


def warm(app) -> None:
    directory = app.extensions["directory"]
    for locale in locales(app):
        with app.app_context(), force_locale(locale):
            precompute.tables(directory, presenter.language())
