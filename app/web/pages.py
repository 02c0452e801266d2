"""Start page and guide pages: plain GETs that need no answers."""

from flask import Blueprint, abort, current_app, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def start():
    return render_template("start.html", hidden=[])


@bp.get("/healthz")
def healthz():
    """For load balancers: no body data, nothing logged."""
    return "", 204


@bp.get("/guides/")
def guides():
    return render_template("guides/index.html", guides=current_app.extensions["directory"].guides)


@bp.get("/guides/<slug>")
def guide(slug: str):
    entry = current_app.extensions["directory"].guides.get(slug)
    if entry is None:
        abort(404)
    return render_template(f"guides/{slug}.html", guide=entry)
