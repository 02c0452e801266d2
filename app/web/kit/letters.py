"""Removal requests people can send today: a TAKE IT DOWN Act request and a DMCA notice.

The letter is written in the response to the POST and exists nowhere else: nothing
is stored or logged. The text comes from app/web/kit/templates/kit/*.txt (plain text, so it
is not HTML-escaped there; the HTML page escapes it like any other value).

The letter is always in English, whatever the page's language: platforms' trust and
safety teams work in English. The page around it is translated, and in another language
it says so and sums up what the letter says (`letter_summary`, app/web/kit/templates/kit/_fields.html).
"""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import force_locale

from app import presenter, removal_kit
from app.i18n import t
from app.web.core import urls
from app.web.kit.forms import CopyrightNoticeForm, RemovalRequestForm

bp = Blueprint("letters", __name__, url_prefix="/letters", template_folder="templates")

KINDS = {
    "removal": (RemovalRequestForm, "kit/removal.txt", "removal-request.txt"),
    "copyright": (CopyrightNoticeForm, "kit/copyright.txt", "copyright-notice.txt"),
    "follow_up": (None, "kit/follow_up.txt", "second-request.txt"),  # the kit's follow-up (views.py)
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


def deadline_of(platform) -> str:
    """What binds the addressee to a time (app/removal_kit): the Act's 48 hours only where the
    operator's own page says it takes these requests; otherwise only if it is a covered platform."""
    operator = _directory().kit.operators.get(platform.id) if platform is not None else None
    return removal_kit.ACT_48H if operator is not None and operator.covered else removal_kit.IF_COVERED


def letter_context(kind: str, form, addressee=None, locations=None, sent_on: dt.date | None = None,
                   deadline: str | None = None) -> dict:
    """Everything a letter template needs, from a validated form. The removal kit passes each
    request's own addressee (platform entry or None, name), locations and deadline."""
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
        # Under 18 (or maybe): the letter says so, and never repeats a description of the picture.
        "age": form.age_code(),
        "note": (note or "").strip(),
        "deadline": deadline or deadline_of(platform),  # the single letter: its platform's
        "contact_lines": [line for line in (
            *(form.postal_address.data or "").strip().splitlines(),
            (form.email.data or "").strip(),
            (getattr(form, "phone", None) and (form.phone.data or "").strip()) or "",
        ) if line.strip()],
    }


def render_letter(kind: str, context: dict) -> str:
    """The letter itself: in English whatever the page's language (force_locale), so nothing
    it renders can come out translated."""
    with force_locale("en"):
        text = render_template(KINDS[kind][1], **context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def shown_name(context: dict) -> str:
    """The addressee's name as the page shows it: a directory platform's name translated (the
    letter keeps it in English), another site's name as typed."""
    return t(context["platform"].name) if context["platform"] else context["platform_name"]


def letter_in_english() -> bool:
    """Whether the page is in a language other than the letter's: then it says the letter is in
    English, and why, and sums up what the letter says."""
    return presenter.language() != "en"


def letter_summary(kind: str, context: dict, site: str | None = None, places: int | None = None) -> dict:
    """What the letter says, for the summary in the page's language. The kit passes no site
    (one letter per site) and the number of places in all its letters."""
    form = context["form"]
    authorized = "sender" in form and form.sender.data == "authorized"
    return {
        "kind": kind,
        "authorized": authorized,
        "person": (form.person_name.data or "").strip() if authorized else "",
        "capacity": (form.capacity.data or "").strip() if authorized else "",
        "site": shown_name(context) if site is None and places is None else site,
        "places": len(context["locations"]) if places is None else places,
        "depiction": context["depiction"],
        "age": context["age"],
        "deadline": context["deadline"],
    }


def letter_language() -> dict:
    """Templates' `letter_in_english`, for every page that writes letters (here and the kit)."""
    return {"letter_in_english": letter_in_english()}


bp.context_processor(letter_language)


def carried(form):
    """The form for a page's language control to re-post: what was typed, on a page reached by POST."""
    return form if request.method == "POST" else None


def _page(kind: str, form, status: int = 200):
    return render_template(f"kit/{kind}_form.html", form=form, kind=kind, carry_form=carried(form)), status


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
    return render_template("kit/result.html", letter=render_letter(kind, context), ftc=ftc,
                           under18=form.under18(), summary=letter_summary(kind, context), shown_name=shown_name(context),
                           carry_form=form, **context)


@bp.post("/<any(removal, copyright):kind>/download")
def download(kind: str):
    form = _form(kind, request.form)
    if not form.validate():
        return _page(kind, form, 400)
    response = Response(render_letter(kind, letter_context(kind, form)), mimetype="text/plain")
    response.headers["Content-Disposition"] = f'attachment; filename="{KINDS[kind][2]}"'
    return response
