"""Removal requests people can send today: a TAKE IT DOWN Act request and a DMCA notice.

The letter is written in the response to the POST and exists nowhere else: nothing
is stored or logged. The text comes from templates/letters/*.txt (plain text, so it
is not HTML-escaped there; the HTML page escapes it like any other value).
"""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, Response, current_app, render_template, request

from app import presenter
from app.web import urls
from app.web.letter_forms import CopyrightNoticeForm, RemovalRequestForm

bp = Blueprint("letters", __name__, url_prefix="/letters")

KINDS = {
    "removal": (RemovalRequestForm, "letters/removal.txt", "removal-request.txt"),
    "copyright": (CopyrightNoticeForm, "letters/copyright.txt", "copyright-notice.txt"),
}


def _directory():
    return current_app.extensions["directory"]


def _form(kind: str, formdata=None):
    form_class = KINDS[kind][0]
    form = form_class(formdata=formdata)
    form.platform_choices(_directory().platforms)
    return form


FORGERY = {"forgery", "altered", "ai"}  # the single letter's code and the engine's (kit) codes
AUTHENTIC = {"authentic", "real"}


def _addressee(form):
    """The platform chosen on a single-letter form, and the name the letter is addressed to."""
    platform = _directory().get(form.platform.data) if form.platform.data != "other" else None
    return platform, platform.name if platform else form.platform_other.data.strip()


def letter_context(kind: str, form, addressee=None, locations=None, sent_on: dt.date | None = None) -> dict:
    """Everything a letter template needs, from a validated form. The removal kit passes each
    request's own addressee (platform entry or None, name) and locations."""
    platform, platform_name = addressee or _addressee(form)
    day = sent_on or dt.date.today()
    code = form.kind.data if "kind" in form else None
    note = form.note.data if "note" in form else None
    return {
        "kind": kind,
        "form": form,
        "date": f"{day:%B} {day.day}, {day.year}",
        "platform": platform,
        "platform_name": platform_name,
        "locations": form.location_lines() if locations is None else locations,
        "depiction": "forgery" if code in FORGERY else "authentic" if code in AUTHENTIC else "unsure",
        "note": (note or "").strip(),
        "contact_lines": [line for line in (
            *(form.postal_address.data or "").strip().splitlines(),
            (form.email.data or "").strip(),
            (getattr(form, "phone", None) and (form.phone.data or "").strip()) or "",
        ) if line.strip()],
    }


def render_letter(kind: str, context: dict) -> str:
    text = render_template(KINDS[kind][1], **context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _page(kind: str, form, status: int = 200):
    return render_template(f"letters/{kind}_form.html", form=form, kind=kind), status


@bp.get("/<any(removal, copyright):kind>")
def show(kind: str):
    return _page(kind, _form(kind))


@bp.post("/<any(removal, copyright):kind>")
def write(kind: str):
    form = _form(kind, request.form)
    if not form.validate():
        return _page(kind, form, 400)
    context = letter_context(kind, form)
    ftc = presenter.referral_card(presenter.referral(_directory(), "ftc-takeitdown", None), urls.page_url)
    return render_template("letters/result.html", letter=render_letter(kind, context), ftc=ftc,
                           under18=form.under18(), **context)


@bp.post("/<any(removal, copyright):kind>/download")
def download(kind: str):
    form = _form(kind, request.form)
    if not form.validate():
        return _page(kind, form, 400)
    response = Response(render_letter(kind, letter_context(kind, form)), mimetype="text/plain")
    response.headers["Content-Disposition"] = f'attachment; filename="{KINDS[kind][2]}"'
    return response
