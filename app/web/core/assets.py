"""Versioned static URLs: a content hash in the query string, so static files
can be cached for a year and still change the moment a file changes.

A file's hash is read once per process, and its URL built once: a deployment replaces files
and restarts the app, so the running app never needs to look again (it used to stat the file
and build the URL with its query string for every link, three times a page). With the debugger or template auto-reload on, the file is checked on every
URL as before, so an edited stylesheet shows at once while developing.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, request, url_for


@lru_cache(maxsize=64)
def _digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def _current_digest(folder: str, filename: str) -> str:
    path = Path(folder) / filename
    return _digest(str(path), path.stat().st_mtime)


# Per process, keyed by (static folder, file name): each file's hash, and its URL at the site
# root. File names come from templates (`static_url('site.css')`), never from a request.
_digests: dict[tuple[str, str], str] = {}
_root_urls: dict[tuple[str, str], str] = {}


def static_url(filename: str) -> str:
    app = current_app._get_current_object()
    key = (app.static_folder, filename)
    if app.debug or app.jinja_env.auto_reload:
        return url_for("static", filename=filename, v=_current_digest(*key))
    if request.script_root:  # mounted under a proxy's prefix: built for it
        return url_for("static", filename=filename, v=_digest_of(key))
    url = _root_urls.get(key)
    if url is None:
        url = _root_urls[key] = url_for("static", filename=filename, v=_digest_of(key))
    return url


def _digest_of(key: tuple[str, str]) -> str:
    digest = _digests.get(key)
    if digest is None:
        digest = _digests[key] = _current_digest(*key)
    return digest


def init_app(app) -> None:
    app.jinja_env.globals["static_url"] = static_url
