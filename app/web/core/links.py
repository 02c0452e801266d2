"""Links to the app's own pages, each built once per place.

A path depends only on its endpoint and values (from templates and content, never from a
request), the language and widget in the URL, and the mount prefix: so each is built by
`url_for` the first time and kept under exactly those. Templates' `url_for` is this one.
External URLs (scheme and host from the request) and the like are built every time."""

from __future__ import annotations

from flask import current_app, url_for

from app.web.core.fragments import place

KEY = "help.template_urls"
MAX_URLS = 4096  # every page's links in every language and widget, many times over


def url(endpoint: str, **values) -> str:
    """`url_for(endpoint, **values)`, kept for this place."""
    if any(name.startswith("_") for name in values):
        return url_for(endpoint, **values)
    key = (endpoint, tuple(values.items()), place())  # a call site names its values in one order
    store = current_app.extensions.setdefault(KEY, {})
    found = store.get(key)
    if found is None:
        found = url_for(endpoint, **values)
        if len(store) < MAX_URLS:
            store[key] = found
    return found


def init_app(app) -> None:
    app.jinja_env.globals["url_for"] = url
