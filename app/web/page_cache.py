"""Pages that are the same for every visitor, rendered once per process (issue 15).

The start page and the guides take no input: what they show depends only on the content,
the configuration, the language and the widget site in their path. So each worker renders
every such page once, the first time one is asked for (or when gunicorn starts the worker,
see gunicorn.conf.py), by requesting it from itself with no visitor involved; the result is
keyed by its path and holds nothing about anyone. The parts that differ per response are
rendered as markers that each response fills in: the CSP nonce (fresh for every response),
and the scheme and host of absolute links (the hreflang alternates), as the request names them.

A page is served from here only when the request is exactly the one that was rendered:
GET or HEAD, no query string, no mount prefix (behind a proxy's X-Forwarded-Prefix pages
are rendered for each request as before). Headers are set per response as for any page
(app/web/security.py). A path whose arguments this module cannot list in advance (see
`_candidates`) is simply never cached.
"""

from __future__ import annotations

import functools
import re
import secrets
import threading

from flask import current_app, request
from werkzeug.routing import AnyConverter

from app.web import embed
from app.web.security import csp_nonce

# Rendered in place of the nonce while building, and put in place of the build's own scheme and
# host (absolute links: hreflang alternates); random per process, so no content can contain them.
_MARKER = "nonce-marker-" + secrets.token_hex(16)
_HOST = "host-marker-" + secrets.token_hex(16)
_MARKER_B, _HOST_B = _MARKER.encode("ascii"), _HOST.encode("ascii")
# In the WSGI environ of the build's own requests (never settable by a client: HTTP
# headers arrive as HTTP_*): render the view, do not look the page up.
LIVE = "help.page_cache.live"
_KEY = "help.page_cache"
_lock = threading.Lock()


def static_page(view):
    """Mark a view whose page is the same for every visitor (its output may depend only on
    content, configuration and the values in its URL)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        parts = _lookup()
        if parts is None:
            return view(*args, **kwargs)
        fill = {_MARKER_B: csp_nonce().encode("ascii")}
        if _HOST_B in parts:  # what url_for(..., _external=True) starts with for this request
            fill[_HOST_B] = f"{request.scheme}://{request.host}".encode()
        return current_app.response_class(b"".join(fill.get(part, part) for part in parts), mimetype="text/html")

    wrapper.help_static_page = True
    return wrapper


def _lookup() -> tuple[bytes, ...] | None:
    environ = request.environ
    if environ.get(LIVE) or request.method not in ("GET", "HEAD") or request.script_root or request.query_string:
        return None
    pages = current_app.extensions.get(_KEY)
    if pages is None:
        pages = build(current_app._get_current_object())
    return pages.get(request.path)


def build(app) -> dict[str, tuple[bytes, ...]]:
    """Render every static page of `app` once (idempotent; safe from any thread)."""
    with _lock:
        pages = app.extensions.get(_KEY)
        if pages is None:
            # A fresh thread: no request or app context of the caller's leaks into the renders.
            result: dict = {}
            worker = threading.Thread(target=lambda: result.update(_render_all(app)))
            worker.start()
            worker.join()
            pages = app.extensions[_KEY] = result
    return pages


def _render_all(app) -> dict[str, tuple[bytes, ...]]:
    client = app.test_client()
    base_url = f"http://{_trusted_host(app)}"
    own = re.escape(base_url.encode("ascii") + b"/")
    pages = {}
    for path in _paths(app):
        response = client.get(path, base_url=base_url, environ_overrides={LIVE: True, "help.csp_nonce": _MARKER})
        if response.status_code == 200 and response.mimetype == "text/html":
            body = re.sub(own, _HOST.encode("ascii") + b"/", response.get_data())
            # Literal parts and the markers between them, bytes each.
            pages[path] = tuple(part for part in _SPLIT.split(body) if part)
    return pages


_SPLIT = re.compile(b"(" + _MARKER.encode("ascii") + b"|" + _HOST.encode("ascii") + b")")


def _trusted_host(app) -> str:
    hosts = app.config.get("TRUSTED_HOSTS") or ["localhost"]
    return hosts[0].lstrip(".")


def _candidates(app, rule, name: str) -> list[str] | None:
    """Every value a URL argument can take, or None when that cannot be known in advance."""
    converter = rule._converters.get(name)
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)
    if name == "site":
        return [*sorted(app.config["EMBED_SITES"]), embed.PREVIEW_SITE]
    if name == "slug":
        return sorted(app.extensions["directory"].guides)
    return None  # `lang` is an AnyConverter (app/web/urls.py): its values are listed above


def _paths(app) -> list[str]:
    static_endpoints = {name for name, view in app.view_functions.items() if getattr(view, "help_static_page", False)}
    paths = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in static_endpoints or "GET" not in rule.methods:
            continue
        combos: list[dict] = [dict(rule.defaults or {})]
        for name in sorted(rule.arguments - set(rule.defaults or {})):
            values = _candidates(app, rule, name)
            if values is None:
                combos = []
                break
            combos = [{**combo, name: value} for combo in combos for value in values]
        for combo in combos:
            built = rule.build(combo, append_unknown=False)
            if built is not None:
                paths.append(built[1])
    return paths
