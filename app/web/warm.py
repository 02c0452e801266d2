"""Everything the app renders once per process, built before the first visitor arrives.

gunicorn calls `warm` as each worker starts (gunicorn.conf.py, `post_worker_init`). Without it
(the development server, tests) each table is built the first time a request needs it, from
the same content and with the same result: nothing in any of them comes from a request.
"""

from __future__ import annotations

from flask_babel import force_locale, get_babel

from app import precompute, presenter
from app.web import lang, page_cache, plan_page, question_page


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
    page_cache.build(app)
    question_page.build(app)
    plan_page.build(app)
