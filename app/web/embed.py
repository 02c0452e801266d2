"""The embeddable widget: per-site framing, the loader script and its help page.

Embedded pages are the ordinary pages served under /embed/<site>/. They carry no
extra state: the site id is in the path, so every link and form stays inside the
widget, and the response's CSP frame-ancestors lists exactly that site's origins.
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, abort, current_app, g, render_template, request

bp = Blueprint("embed", __name__)

PREVIEW_SITE = "preview"  # built in: framable by this app only, for the live preview on /embed/help


def allowed_origins(site: str) -> tuple[str, ...] | None:
    if site == PREVIEW_SITE:
        return ("'self'",)
    return current_app.config["EMBED_SITES"].get(site)


def _pull_site(endpoint, values):
    """Take <site> out of the URL values so the shared views need not know about it."""
    if values and "site" in values:
        site = values.pop("site")
        origins = allowed_origins(site)
        if origins is None:
            abort(404)
        g.embed_site, g.embed_origins = site, origins


def _prefix() -> dict:
    site = g.get("embed_site")
    return {"P": f"/embed/{site}" if site else "", "embed": bool(site),
            "embed_origins": [o for o in g.get("embed_origins", ()) if o != "'self'"]}


@bp.get("/embed.js")
def loader():
    # The quick exit in the loader's own bar works before the guide has even loaded.
    code = (Path(current_app.static_folder) / "embed.js").read_text(encoding="utf-8")
    code = code.replace('/*EXIT_URL*/""', json.dumps(current_app.config["EXIT_URL"]), 1)
    response = current_app.response_class(code, mimetype="text/javascript")
    # Host pages load it by this fixed URL, so it cannot be cached forever; an hour is a fair trade.
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@bp.get("/embed/help")
def help_page():
    return render_template("embed_help.html", host=request.host_url.rstrip("/"),
                           sites=sorted(current_app.config["EMBED_SITES"]), preview=PREVIEW_SITE)


def init_app(app) -> None:
    app.url_value_preprocessor(_pull_site)
    app.context_processor(_prefix)
