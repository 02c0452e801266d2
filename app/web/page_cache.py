"""Pages that are the same for every visitor, rendered once per process (issue 15).

The start page and the guides take no input: what they show depends only on the content,
the configuration, the language and the widget site in their path. So each worker renders
every such page once, the first time one is asked for (or when gunicorn starts the worker,
see gunicorn.conf.py), by requesting it from itself with no visitor involved; the result is
keyed by its path and holds nothing about anyone. The parts that differ per response are
rendered as holes (app/web/prerender.py) that each response fills in: the CSP nonce (fresh for
every response), and the scheme and host of absolute links (the hreflang alternates), as the
request names them.

A page is served from here only when the request is exactly the one that was rendered:
GET or HEAD, no query string, no mount prefix (behind a proxy's X-Forwarded-Prefix pages
are rendered for each request as before). Headers are set per response as for any page
(app/web/security.py). A path whose arguments cannot be listed in advance (see
`urls.paths_of`) is simply never cached.
"""

from __future__ import annotations

import functools

from flask import current_app, request

from app.web import prerender, urls
from app.web.security import csp_nonce

# In the WSGI environ of the build's own requests (never settable by a client: HTTP
# headers arrive as HTTP_*): render the view, do not look the page up.
LIVE = "help.page_cache.live"
_KEY = "help.page_cache"


def static_page(view):
    """Mark a view whose page is the same for every visitor (its output may depend only on
    content, configuration and the values in its URL)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        found = _lookup()
        if found is None:
            return view(*args, **kwargs)
        parts, links_to_itself = found
        values = {"nonce": csp_nonce()}
        if links_to_itself:  # what url_for(..., _external=True) starts with for this request
            values["host"] = f"{request.scheme}://{request.host}"
        return current_app.response_class(prerender.fill(parts, values), mimetype="text/html")

    wrapper.help_static_page = True
    return wrapper


def _lookup() -> tuple[prerender.Parts, bool] | None:
    environ = request.environ
    if environ.get(LIVE) or request.method not in ("GET", "HEAD") or request.script_root or request.query_string:
        return None
    return build(current_app._get_current_object()).get(request.path)


def build(app) -> dict[str, tuple[prerender.Parts, bool]]:
    """Every static page of `app`, rendered once (idempotent; safe from any thread)."""
    return prerender.cached(app, _KEY, lambda app: prerender.in_fresh_thread(lambda: _render_all(app)))


def _render_all(app) -> dict[str, tuple[prerender.Parts, bool]]:
    """Each page with a hole for the nonce and for its own scheme and host (the absolute
    links of the hreflang alternates), and whether it has the latter."""
    client = app.test_client()
    base_url = prerender.own_base_url(app)
    host = str(prerender.hole("host"))
    pages = {}
    for path in _paths(app):
        response = client.get(path, base_url=base_url,
                              environ_overrides={LIVE: True, "help.csp_nonce": str(prerender.hole("nonce"))})
        if response.status_code == 200 and response.mimetype == "text/html":
            body = response.get_data(as_text=True).replace(base_url + "/", host + "/")
            pages[path] = (prerender.split(body), host in body)
    return pages


def _paths(app) -> list[str]:
    static_endpoints = sorted(name for name, view in app.view_functions.items() if getattr(view, "help_static_page", False))
    return [path for endpoint in static_endpoints for path in urls.paths_of(app, endpoint, "GET")]
