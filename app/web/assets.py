"""Versioned static URLs: a content hash in the query string, so static files
can be cached for a year and still change the moment a file changes.

A file's hash is read once per process: a deployment replaces files and restarts the app,
so the running app never needs to look again (it used to stat the file on every URL, three
times a page). With the debugger or template auto-reload on, the file is checked on every
URL as before, so an edited stylesheet shows at once while developing.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, url_for


@lru_cache(maxsize=64)
def _digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def _current_digest(folder: str, filename: str) -> str:
    path = Path(folder) / filename
    return _digest(str(path), path.stat().st_mtime)


_settled: dict[tuple[str, str], str] = {}  # (static folder, file name) -> hash, for this process


def static_url(filename: str) -> str:
    app = current_app._get_current_object()
    folder = app.static_folder
    if app.debug or app.jinja_env.auto_reload:
        digest = _current_digest(folder, filename)
    else:
        digest = _settled.get((folder, filename))
        if digest is None:
            digest = _settled[(folder, filename)] = _current_digest(folder, filename)
    return url_for("static", filename=filename, v=digest)


def init_app(app) -> None:
    app.jinja_env.globals["static_url"] = static_url
