"""The embeddable widget: per-site framing, the loader script and its help page.

Embedded pages are the ordinary pages served under /embed/<site>/. They carry no
extra state: the site id is in the path, so every link and form stays inside the
widget, and the response's CSP frame-ancestors lists exactly that site's origins.

Each page has one endpoint with a rule per prefix (app/web/urls.py): /x, /es/x,
/embed/<site>/x and /embed/<site>/es/x. url_for picks the rule with <site> when a site
is given, and `_push_site` gives the current one, so templates write url_for("flow.plan")
and stay inside the widget without knowing it; the language is carried the same way
(app/web/lang.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, abort, current_app, g, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.web import lang

bp = Blueprint("embed", __name__)

PREVIEW_SITE = "preview"  # built in: framable by this app only, for the live preview on /embed/help


def sites(app) -> list[str]:
    """Every widget site a page can live under: the configured ones, then the preview."""
    return [*sorted(app.config["EMBED_SITES"]), PREVIEW_SITE]


def allowed_origins(site: str) -> tuple[str, ...] | None:
    if site == PREVIEW_SITE:
        return ("'self'",)
    return current_app.config["EMBED_SITES"].get(site)


def _pull_site(endpoint, values):
    """Take <site> out of the URL values so the shared views need not know about it."""
    g.pop("embed_site", None)  # where one app context serves several requests (the test client)
    g.pop("embed_origins", None)
    if values and "site" in values:
        site = values.pop("site")
        origins = allowed_origins(site)
        if origins is None:
            abort(404)
        g.embed_site, g.embed_origins = site, origins


def _push_site(endpoint, values):
    """Keep links inside the widget: url_for gets the current site unless it names one."""
    site = g.get("embed_site")
    if site and "site" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "site"):
        values["site"] = site


def _widget() -> dict:
    return {"embed": bool(g.get("embed_site")),
            "embed_origins": [o for o in g.get("embed_origins", ()) if o != "'self'"]}


def _loader_labels() -> dict[str, dict[str, str]]:
    """The loader's own words, in every language, from the catalog (data-lang picks one)."""
    labels = {}
    for code in lang.LANGS:
        with force_locale(code):
            labels[code] = {"open": _("Get help"), "close": _("Close"), "exit": _("Quick exit"),
                            "exitLabel": _("Quick exit (leave this site now)"), "title": _("Help guide")}
    return labels


@bp.get("/embed.js")
def loader():
    # The quick exit in the loader's own bar works before the guide has even loaded.
    code = (Path(current_app.static_folder) / "embed.js").read_text(encoding="utf-8")
    code = code.replace('/*EXIT_URL*/""', json.dumps(current_app.config["EXIT_URL"]), 1)
    code = code.replace("/*LABELS*/{}", json.dumps(_loader_labels(), ensure_ascii=False, separators=(",", ":")), 1)
    response = current_app.response_class(code, mimetype="text/javascript")
    # Host pages load it by this fixed URL, so it cannot be cached forever; an hour is a fair trade.
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@bp.get("/embed/help")
@bp.get(f"/<{lang.CONVERTER}:lang>/embed/help")
def help_page():
    sites = sorted(current_app.config["EMBED_SITES"])
    example = sites[0] if sites else "SITE-ID"
    # The snippets name this app's public address, mount prefix included (ProxyFix).
    return render_template("embed_help.html", sites=sites, preview=PREVIEW_SITE, example_site=example,
                           loader_url=url_for("embed.loader", _external=True),
                           frame_url=url_for("pages.start", site=example, lang="en", _external=True),
                           frame_url_es=url_for("pages.start", site=example, lang="es", _external=True))


def init_app(app) -> None:
    app.url_value_preprocessor(_pull_site)
    app.url_defaults(_push_site)
    app.context_processor(_widget)
