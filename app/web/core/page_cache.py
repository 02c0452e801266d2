"""Pages that are the same for every visitor, kept whole once rendered.

The start page and the guides take no input: what they show depends only on the content,
the configuration and the request's address: its path (language, widget site, guide), its
mount prefix, and its scheme and host (the absolute hreflang links). So the first response
for an address is kept whole under a key of exactly those, and later requests for it get the
same bytes; headers are set per response as for any page (core/security.py). Nothing a
visitor sends besides the address is read, and only GET and HEAD without a query string are
kept. The store is bounded: a host list with a leading dot allows many host names.

Where templates reload (`make dev`, or TEMPLATES_AUTO_RELOAD) nothing is kept, so an edit
shows on the next request.
"""

from __future__ import annotations

import functools

from flask import current_app, request

KEY = "help.page_cache"
MAX_PAGES = 512  # a few hundred addresses: every page in every language and widget, and then some


def static_page(view):
    """Mark a view whose page is the same for every visitor (its output may depend only on
    content, configuration and the request's address)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        app = current_app._get_current_object()
        req = request._get_current_object()
        if app.jinja_env.auto_reload or req.method not in ("GET", "HEAD") or req.query_string:
            return view(*args, **kwargs)
        store = app.extensions.setdefault(KEY, {})
        key = (req.path, req.script_root, req.scheme, req.host)
        found = store.get(key)
        if found is not None:
            return app.response_class(found, mimetype="text/html")
        response = app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and response.mimetype == "text/html" and len(store) < MAX_PAGES:
            store[key] = response.get_data()
        return response

    return wrapper
