"""The embeddable widget's loader script and its help page for organisations.

The embedded pages themselves are the ordinary pages under /embed/<site>/ (app/web/core/widget.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.web.core import lang
from app.web.core.widget import PREVIEW_SITE

bp = Blueprint("embed", __name__, template_folder="templates")

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
    return render_template("site/embed_help.html", sites=sites, preview=PREVIEW_SITE, example_site=example,
                           loader_url=url_for("embed.loader", _external=True),
                           frame_url=url_for("pages.start", site=example, lang="en", _external=True),
                           frame_url_es=url_for("pages.start", site=example, lang="es", _external=True))
