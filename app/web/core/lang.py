"""The language of a request: in the URL for pages, `?lang=` or Accept-Language for the API.

English lives at the root (/q), Spanish under /es (/es/q), in the widget too
(/embed/<site>/es/q). Every page has one endpoint; `app.web.urls.mount` gives it a rule
under each prefix, the language one matching `<any(es):lang>`. `_pull` takes <lang> out of
the URL values into g.lang and `_push` gives it back to url_for, so templates write
url_for("flow.plan") and stay in their language, as they stay inside the widget (embed.py).
English URLs carry no language value at all: url_for(..., lang="en") builds the plain rule.
Never a cookie, never a session: the URL (or the API request) is the only place it lives.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale
from flask import current_app, g, has_app_context, has_request_context, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from app.i18n import refresh
from app.web.core import links

LANGS = ("en", "es")  # the first is the default, served at the root
DEFAULT = LANGS[0]
PREFIXED = LANGS[1:]
CONVERTER = f"any({', '.join(PREFIXED)})"  # the <lang> part of a page's URL: /<any(es):lang>/q
# Each language's own name (an autonym), shown as is on the switch, never translated.
NAMES = {"en": "English", "es": "Español"}
_LOCALES = {code: Locale.parse(code) for code in LANGS}  # parsed once, not per request
API = "/api/"


def of_path(path: str) -> str:
    """The language a path names: /es/..., /embed/<site>/es/...; English otherwise.
    Used where no route matched (a 404 under /es/ is a Spanish page)."""
    parts = path.split("/")
    at = 3 if len(parts) > 3 and parts[1] == "embed" else 1
    return parts[at] if len(parts) > at and parts[at] in PREFIXED else DEFAULT


def locale() -> Locale:
    """Flask-Babel's locale selector: the request's language (as a Locale, which Flask-Babel
    takes as it is)."""
    lang = g.get("lang")
    if lang is None and has_request_context() and not request.path.startswith(API):
        lang = of_path(request.path)  # an error raised before routing (a bad Host, say)
    return _LOCALES[lang or DEFAULT]


def _pull(endpoint, values):
    # Nothing may answer from a locale worked out before the URL was read (or, where an app
    # context outlives one request, as under the test client, for an earlier request).
    refresh()
    if values is not None and "lang" in values:
        g.lang = values.pop("lang")
    elif values is None and not request.path.startswith(API):
        g.lang = of_path(request.path)  # no route matched: the error page speaks the URL's language
    else:
        g.lang = DEFAULT  # an English page (the API sets its own in _api_lang)


def _push(endpoint, values):
    """url_for gets the current language unless it names one; English builds the plain rule."""
    if not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return
    lang = values.pop("lang", None) or g.get("lang", DEFAULT)
    if lang != DEFAULT:
        values["lang"] = lang


def _localized_api() -> bool:
    """Every answer under /api/ speaks the language asked for (an error for an address or a
    method it does not take too), except the OpenAPI document, which is English."""
    req = request._get_current_object()
    return req.path.startswith(API) and req.endpoint != "api.openapi_spec"


def _accepted() -> str:
    """The first language of Accept-Language, by quality, that we speak: "en-GB,es;q=0.9" is
    English, "es-MX" Spanish. (Werkzeug's best_match prefers any exact match to a better
    regional one, so it would answer "es" there.)"""
    for value, quality in request.accept_languages:  # highest quality first
        primary = value.replace("_", "-").split("-")[0].lower()
        if quality > 0 and primary in LANGS:
            return primary
    return DEFAULT


def _api_lang():
    """The API's language: ?lang=es, or the best match of Accept-Language; English by default."""
    if not _localized_api():
        return None
    asked = request.args.getlist("lang")
    if asked:
        if len(asked) > 1 or asked[0] not in LANGS:
            error = {"message": f"The lang parameter must be one of: {', '.join(LANGS)}."}
            if request.blueprint == "kit_api":
                error = {"field": None, **error}  # the kit's error shape (KitError in the OpenAPI document)
            return jsonify({"error": error}), 400
        g.lang = asked[0]
    else:
        g.lang = _accepted()
    refresh()
    return None


def _api_headers(response):
    req = request._get_current_object()
    if req.path.startswith(API):
        added = [("Content-Language", g.get("lang", DEFAULT))]
        if req.endpoint != "api.openapi_spec":  # _localized_api()
            vary = response.headers.get("Vary")  # what response.vary.add does, without parsing the header
            if not vary:
                added.append(("Vary", "Accept-Language"))
            elif "accept-language" not in vary.lower():
                response.headers["Vary"] = f"{vary}, Accept-Language"
        response.headers.extend(added)  # no view sets Content-Language
    return response


def _other() -> str:
    return LANGS[1] if g.get("lang", DEFAULT) == DEFAULT else DEFAULT


def page_in(lang: str, external: bool = False) -> str:
    """This GET page in `lang`: same endpoint and values, other language."""
    endpoint = request.endpoint
    if endpoint is None or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        endpoint, values = "pages.start", {}
    elif request.method in ("GET", "HEAD"):
        values = dict(request.view_args or {})
    else:  # a page reached by POST: the page its URL shows on a GET (a letter's blank form), or the start
        try:
            endpoint, values = current_app.url_map.bind("localhost").match(request.path, method="GET")
        except HTTPException:
            endpoint, values = "pages.start", {}
        values.pop("lang", None)
        values.pop("site", None)  # url_defaults gives back the current site
    return url_for(endpoint, **values, lang=lang, _external=external)


def alternates() -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of this GET page in every language, and x-default."""
    if request.method not in ("GET", "HEAD") or request.url_rule is None or \
            not current_app.url_map.is_endpoint_expecting(request.endpoint, "lang"):
        return []
    urls = [(lang, page_in(lang, external=True)) for lang in LANGS]
    return [*urls, ("x-default", urls[0][1])]


def switch(post: tuple[str | None, list[tuple[str, str]]] | None = None, error: bool = False) -> dict:
    """The language control: a link to this page in the other language, or, on a page that
    holds answers, a form that POSTs them (`post`: endpoint, None for this page's own, and
    hidden fields) to the same page in the other language. Answers never go into a URL.
    An error page links to the start page in the other language (the same error there
    would help nobody)."""
    lang = _other()
    control = {"lang": lang, "name": NAMES[lang], "fields": None}
    if post is not None:
        endpoint, fields = post
        values = {} if endpoint else dict(request.view_args or {})
        control.update(href=links.url(endpoint or request.endpoint, **values, lang=lang), fields=fields)
    elif error:
        control["href"] = links.url("pages.start", lang=lang)
    else:
        # A page reached by POST with nothing to carry: the page its URL shows on a GET, or the start.
        control["href"] = page_in(lang)
    return control


class PageFacts(Mapping):
    """`facts` in templates: the content's named facts in the page's language
    (`Directory.facts_in`). A keyword, a phone menu or a Spanish page's address is data per
    language, so a template names the fact and never translates it."""

    def __init__(self, directory) -> None:
        self._directory = directory

    def _here(self) -> dict[str, str]:
        return self._directory.facts_in(g.get("lang", DEFAULT) if has_app_context() else DEFAULT)

    def __getitem__(self, key: str) -> str:
        return self._here()[key]

    def __getattr__(self, key: str) -> str:  # `facts.fbi_phone` in a template
        try:
            return self._here()[key]
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self):
        return iter(self._here())

    def __len__(self) -> int:
        return len(self._here())


def init_app(app) -> None:
    # Before the widget's: a 404 for an unknown site under /es/ is still a Spanish page.
    app.url_value_preprocessor(_pull)
    app.url_defaults(_push)
    app.before_request(_api_lang)
    app.after_request(_api_headers)
    app.jinja_env.globals["facts"] = PageFacts(app.extensions["directory"])
    app.context_processor(lambda: {"lang": g.get("lang", DEFAULT), "alternates": alternates,
                                   "lang_switch": switch})
