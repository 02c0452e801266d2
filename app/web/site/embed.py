"""The embeddable widget's loader script, its check page, and its help page for organisations.

The embedded pages themselves are the ordinary pages under /embed/<site>/ (app/web/core/widget.py).
docs/embedding.md is the guide for the host site's web team; every message the loader and the
framed pages exchange is listed there.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

from flask import Blueprint, current_app, g, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.local_contacts import BUTTON_COLOURS
from app.web.core import lang
from app.web.core.page_context import site_context
from app.web.core.widget import PREVIEW_SITE, allowed_origins

bp = Blueprint("embed", __name__, template_folder="templates")

LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>')


def pieces(sentence: str, bold: str = "") -> list[list]:
    """A sentence of the help strip (its number linked: `<a href="tel:911">911</a>`) as the
    loader builds it without HTML: [text, link, bold] pieces, `bold` first when given."""
    out: list[list] = [[bold, "", 1], [" ", "", 0]] if bold else []
    at = 0
    for match in LINK.finditer(sentence):
        out.append([html.unescape(sentence[at:match.start()]), "", 0])
        out.append([html.unescape(match.group(2)), html.unescape(match.group(1)), 0])
        at = match.end()
    out.append([html.unescape(sentence[at:]), "", 0])
    return [piece for piece in out if piece[0]]


def _now(code: str) -> list[list[list]]:
    """911 and 988 as the help strip says them in this language (base.html), for the refusal."""
    site = site_context(current_app)
    line = site["lines"][code]
    danger = _('Call <a href="%(tel)s">%(phone)s</a>', tel=site["emergency_call"], phone=site["emergency"].phone) + "."
    if line["text"]:
        call = str(line["call"] or _('Call <a href="%(tel)s">%(phone)s</a>', tel=site["lifeline_call"],
                                     phone=site["lifeline"].phone))
        talk = f"{call}. {html.escape(line['text'])}."
    else:
        talk = _('Call or text <a href="%(tel)s">%(phone)s</a> (24/7).', tel=site["lifeline_call"],
                 phone=site["lifeline"].phone)
    return [pieces(str(danger), _("In danger now?")), pieces(str(talk), _("Need to talk now?"))]


def _loader_labels() -> dict[str, dict]:
    """The loader's own words, in every language, from the catalog and the content (data-lang picks one)."""
    labels = {}
    for code in lang.LANGS:
        with force_locale(code):
            labels[code] = {"open": _("Get help"), "close": _("Close"), "exit": _("Quick exit"),
                            "exitLabel": _("Quick exit (leave this site now)"), "title": _("Help guide"),
                            "opening": _("Opening the guide…"), "refused": _("This guide cannot open here."),
                            "newTab": _("Open the guide in a new tab"), "now": _now(code)}
    return labels


BLOCK_COMMENT = re.compile(r"/\*(?!EXIT_URL\*/|LABELS\*/|COLOURS\*/).*?\*/", re.S)
LINE_COMMENT = re.compile(r"^[ ]*//.*\n|^[ ]+", re.M)  # whole-line comments and indentation


def loader_code() -> str:
    """static/embed.js as hosts get it: comments and indentation left out (it stays readable in
    the source), then this app's exit address, labels and colours put in. The same bytes every
    time for the same app and content, so a pinned copy's SRI hash holds (docs/embedding.md)."""
    app = current_app._get_current_object()
    code = app.extensions.get("help.loader")
    if code is None or app.debug:
        source = (Path(app.static_folder) / "embed.js").read_text(encoding="utf-8")
        code = LINE_COMMENT.sub("", BLOCK_COMMENT.sub("", source)).strip() + "\n"
        compact = {"ensure_ascii": False, "separators": (",", ":")}
        code = code.replace('/*EXIT_URL*/""', json.dumps(app.config["EXIT_URL"]), 1)
        code = code.replace("/*LABELS*/{}", json.dumps(_loader_labels(), **compact), 1)
        code = app.extensions["help.loader"] = code.replace("/*COLOURS*/{}", json.dumps(BUTTON_COLOURS, **compact), 1)
    return code


@bp.get("/embed.js")
def loader():
    # The quick exit in the loader's own bar works before the guide has even loaded.
    response = current_app.response_class(loader_code(), mimetype="text/javascript")
    # Host pages load it by this fixed URL, so it cannot be cached forever; an hour is a fair
    # trade (docs/embedding.md: how updates reach hosts, and a pinned copy with SRI).
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    # A public file with nothing of a visitor in it: readable cross-origin, so a host may pin
    # it with integrity="..." crossorigin="anonymous" (Subresource Integrity needs CORS).
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def integrity() -> str:
    """The loader's Subresource Integrity value as served now (it changes with each update)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(loader_code().encode()).digest()).decode()


@bp.get("/embed-check/<site_id>")
def check(site_id: str):
    """When the guide's frame did not open, the loader frames this page to learn why: whether
    the site id exists, and whether the framing page's origin is one of its own. Any page may
    frame it; it shows nothing, and answers by postMessage to the page that asked, which alone
    knows its origin (the request carries no Referer and names no page). Nothing here is
    private: /embed/<site>/ already answers 404 for an unknown id, and its pages carry their
    origins (data-origins)."""
    origins = allowed_origins(site_id)
    own = request.host_url.rstrip("/")  # the preview's 'self'
    g.embed_origins = ("*",)  # app/web/core/security.py: frame-ancestors *, no X-Frame-Options
    return render_template("site/embed_check.html", known=origins is not None,
                           origins=[own if o == "'self'" else o for o in origins or ()])


@bp.get("/embed/help")
@bp.get(f"/<{lang.CONVERTER}:lang>/embed/help")
def help_page():
    # Which organisations embed the guide is theirs to say: the snippets name no site id.
    # They name this app's public address, mount prefix included (ProxyFix).
    root = url_for("pages.start", lang="en", _external=True)  # ends in /
    return render_template("site/embed_help.html", preview=PREVIEW_SITE, colours=list(BUTTON_COLOURS), integrity=integrity(),
                           loader_url=url_for("embed.loader", _external=True), app_origin=request.host_url.rstrip("/"),
                           frame_url=f"{root}embed/SITE-ID/", frame_url_es=f"{root}embed/SITE-ID/es/")
