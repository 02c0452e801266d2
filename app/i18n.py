"""Translation set-up. Language lives in the URL, never in a cookie.

Flask-Babel decides the locale (its locale selector, `force_locale`) and loads and caches one
catalog per locale for the life of the process. But each of its `gettext` calls walks
`g` several times to find the domain, the locale and that catalog again: a page has 25 to 200
translated strings, and those walks were most of a page's cost (issue 15). Here the request's
catalog is resolved once, by Flask-Babel, and kept in Flask-Babel's own per-request namespace
(`babel_translations`, which `force_locale` and `refresh` reset); every later string in the
request is a dictionary lookup. Nothing but the catalog is kept, and it dies with the request.
Templates get the same: `_`, `gettext` and `{% trans %}` use the request's catalog.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations
from flask.globals import _cv_app  # the app context, without a proxy lookup per string
from flask_babel import Babel
from flask_babel import get_translations as _babel_translations
from flask_babel import refresh as _babel_refresh
from jinja2 import pass_eval_context
from markupsafe import Markup

_NO_CONTEXT = NullTranslations()  # what Flask-Babel gives outside an app context, once


def translations() -> NullTranslations:
    """The catalog for this request's locale, as Flask-Babel chooses it, resolved once per request
    (and again after `force_locale` or `refresh`). Outside an app context, no translation."""
    app_ctx = _cv_app.get(None)
    if app_ctx is None:
        return _NO_CONTEXT
    ns = getattr(app_ctx.g, "_flask_babel", None)
    found = getattr(ns, "babel_translations", None)
    if found is None:
        found = _babel_translations()  # Flask-Babel: locale selector, then its per-locale cache
        app_ctx.g._flask_babel.babel_translations = found
    return found


# What Flask-Babel works out once per request (and `force_locale` sets), in its namespace.
_WORKED_OUT = frozenset({"babel_locale", "babel_tzinfo", "babel_translations", "forced_babel_locale"})


def refresh() -> None:
    """Flask-Babel's `refresh()`: forget this request's locale and catalog. A request that has
    worked out neither yet (every request's first call) has nothing to forget."""
    app_ctx = _cv_app.get(None)
    ns = getattr(app_ctx.g, "_flask_babel", None) if app_ctx is not None else None
    if ns is not None and not _WORKED_OUT.isdisjoint(vars(ns)):
        _babel_refresh()


def gettext(msgid: str, **params) -> str:
    """Flask-Babel's `gettext`, through the request's resolved catalog."""
    text = translations().ugettext(msgid)
    return text % params if params else text


def t(msgid: str | None, **params) -> str:
    """Translate a msgid declared elsewhere (engine or content data)."""
    if not msgid:
        return ""
    return gettext(msgid, **params)


@pass_eval_context
def _template_gettext(eval_ctx, msgid: str, **params) -> str:
    """Jinja's new-style gettext (jinja2.ext._make_new_gettext), reading the request's catalog
    directly: marked safe where the template autoescapes, and always a format string."""
    text = translations().ugettext(msgid)
    if not params and "%" not in text:  # nothing to format: what `text % {}` would give
        return Markup(text) if eval_ctx.autoescape else text
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % params


def install_jinja(env) -> None:
    """Templates' `_`, `gettext` and `{% trans %}` through the request's catalog (after Flask-Babel
    installed its own callables, which look the catalog up again for every string)."""
    env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
    # jinja2.ext's `_` resolves `gettext` and calls it through the template context each time.
    env.globals["gettext"] = env.globals["_"] = _template_gettext


def compile_stale(folder: Path) -> list[Path]:
    """Compile each catalog whose .po is newer than its .mo, as `pybabel compile` would (fuzzy
    entries left out). The development server calls it as it starts, and its reloader restarts
    when a catalog changes (`make dev`), so an edited translation shows on the next page load."""
    written = []
    for po in sorted(folder.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        with mo.open("wb") as target:
            write_mo(target, catalog)
        written.append(mo)
    return written


class _Babel(Babel):
    def init_app(self, app, *args, **kwargs):
        super().init_app(app, *args, **kwargs)
        if self._configure_jinja:
            install_jinja(app.jinja_env)


babel = _Babel()
