"""Start page and guide pages: plain GETs that need no answers.

These are the only pages search engines may list (see `_found`); every other page,
and every embedded copy, says noindex. robots.txt and sitemap.xml live on the
`found` blueprint, at the site root only."""

from flask import Blueprint, Response, abort, current_app, g, render_template, url_for
from flask_babel import gettext as _

from app.web.core import lang
from app.web.core.page_cache import static_page

bp = Blueprint("pages", __name__, template_folder="templates")
found = Blueprint("found", __name__)


def _indexing() -> bool:
    return bool(current_app.config["INDEXING"])


def _found(description: str) -> dict:
    """Template values that let search engines list this page, with its description.

    Embedded copies (/embed/<site>/...) stay noindex: the guide's own URL is the one to find."""
    if not _indexing() or g.get("embed_site"):
        return {}
    return {"index": True, "description": description}


def _guides():
    return current_app.extensions["directory"].guides


@bp.get("/")
@static_page  # the same for every visitor: rendered once (app/web/page_cache.py)
def start():
    return render_template("site/start.html", hidden=[], **_found(_(
        "Private pictures shared, threatened or faked without your consent? Answer a few short "
        "questions and get a free, private plan: what to do now and who can help.")))


@bp.get("/healthz")
def healthz():
    """For load balancers: no body data, nothing logged."""
    return "", 204


@bp.get("/guides/")
@static_page  # the same for every visitor: rendered once (app/web/page_cache.py)
def guides():
    return render_template("site/guides/index.html", guides=_guides(), **_found(_(
        "Plain guides for when private pictures are shared, threatened or faked: getting safe, "
        "getting them taken down, the law, and support.")))


@bp.get("/guides/<slug>")
@static_page  # the same for every visitor: rendered once (app/web/page_cache.py)
def guide(slug: str):
    entry = _guides().get(slug)
    if entry is None:
        abort(404)
    directory = current_app.extensions["directory"]
    # Each source named in words, with the trusted organisation behind it when it is not the
    # owner's or an official page.
    sources = [(src, directory.source_titles[src], directory.source_policy.trusted_name(src)) for src in entry.sources]
    return render_template(f"site/guides/{slug}.html", guide=entry, sources=sources, **_found(_(entry.description)))


@found.get("/robots.txt")
def robots():
    if not _indexing():
        return Response("User-agent: *\nDisallow: /\n", mimetype="text/plain")
    sitemap = url_for("found.sitemap", _external=True)
    return Response(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", mimetype="text/plain")


@found.get("/sitemap.xml")
def sitemap():
    """The pages that may be found: the start page and the guides, each in every language,
    each naming its copies in the other languages (hreflang alternates)."""
    if not _indexing():
        abort(404)
    pages = [("pages.start", {}), ("pages.guides", {})] + [("pages.guide", {"slug": slug}) for slug in _guides()]
    entries = []
    for endpoint, values in pages:
        copies = {code: url_for(endpoint, **values, lang=code, _external=True) for code in lang.LANGS}
        alternates = [*copies.items(), ("x-default", copies[lang.DEFAULT])]
        entries += [(url, alternates) for url in copies.values()]
    return Response(render_template("site/sitemap.xml", entries=entries), mimetype="application/xml")
