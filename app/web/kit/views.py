"""The removal kit: one TAKE IT DOWN Act request per operator, for every place at once.

`/letters/kit` (HTML, no JavaScript needed, also under /embed/<site>/) and
`POST /api/v1/removal-kit` (JSON, schema in app/web/kit_api.py). The kit is made in
the response from what was POSTed and exists nowhere else: nothing is stored or
logged, and the locations are text, never fetched or turned into links.
Grouping and dates: app/removal_kit.py. Each letter: app/web/letters.py.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _

from app import presenter, removal_kit
from app.i18n import t
from app.web.core import urls
from app.web.kit.forms import RemovalKitForm
from app.web.kit.letters import carried, letter_context, letter_language, letter_summary, render_letter

bp = Blueprint("kit", __name__, url_prefix="/letters", template_folder="templates")

UNDER_18_FIRST = ("cybertipline", "take-it-down")
IF_NO_ACTION = ("ftc-takeitdown", "ccri-helpline")


def _directory():
    return current_app.extensions["directory"]


def _send_to(platform, group: removal_kit.Group, under18: bool = False) -> dict:
    """Where a request goes: the platform's form or page, or what to look for on another site."""
    if platform is not None:
        return {"url": platform.removal_request or platform.url, "email": platform.email,
                "how": t(platform.how) or None}
    if group.kind == removal_kit.SITE:
        how = _("Look on %(site)s for a link named \"Report\", \"TAKE IT DOWN Act\", \"Copyright\" or "
                "\"Contact\", often at the bottom of the page. If there is none, search the web for who "
                "hosts %(site)s. The hosting company has an abuse contact: send the request there too.",
                site=group.shown)
        if group.lookalike:
            how = _("Careful: %(site)s is written with letters that look like %(known)s, but it is a different "
                    "site. Send this request to it, not to %(known)s.", site=group.shown, known=group.lookalike) \
                + " " + how
        elif group.mixed_scripts:
            how = _("Careful: %(site)s mixes letters from different alphabets, so it may be made to look like "
                    "another site.", site=group.shown) + " " + how
        if under18:  # the guide's rule: NCMEC first for pictures of someone under 18
            how = _("First report this place to the CyberTipline (above): it works with sites and hosting "
                    "companies to remove pictures of people under 18.") + " " + how
    else:
        how = _("We could not tell which site these places are on. If you know, write the site's address "
                "first, like example.com/@name, and make the kit again. Or send this request through the "
                "Report option of the site or app.")
    return {"url": None, "email": None, "how": how}


def build(form: RemovalKitForm) -> dict:
    """The whole kit from a validated form: the same data for the page, the files and the API."""
    directory = _directory()
    sent_on = form.sent_date()
    due = removal_kit.respond_by(sent_on)
    requests = []
    for number, group in enumerate(removal_kit.group_locations(form.location_lines(),
                                                               directory.platform_domains), 1):
        platform = directory.get(group.key) if group.kind == removal_kit.PLATFORM else None
        addressee = (platform, platform.name if platform else group.shown)
        site = t(platform.name) if platform else group.shown
        context = letter_context("removal", form, addressee, group.locations, sent_on)
        requests.append({
            "number": number,
            "operator": platform.id if platform else None,
            "kind": group.kind,
            "site": site,
            "title": site or _("Place not clear"),  # for the page, the text file and the checklist
            "platform": platform,
            "host": group.key if group.kind == removal_kit.SITE else None,
            "locations": group.locations,
            "send_to": _send_to(platform, group, form.under18()),
            "letter": render_letter("removal", context),
            "respond_by": due,
        })
    under18 = form.under18()
    return {
        "sent_on": sent_on,
        "respond_by": due,
        "under18": under18,
        "requests": requests,
        "first": [presenter.referral(directory, r, None) for r in UNDER_18_FIRST] if under18 else [],
        "if_no_action": [presenter.referral(directory, r, None) for r in IF_NO_ACTION],
    }


bp.context_processor(letter_language)


def long_date(day: dt.date) -> str:
    return format_date(day, "full")


def short_date(day: dt.date) -> str:
    return format_date(day, "medium")


def checklist_csv(kit: dict) -> str:
    header = [_("Request"), _("Site or app"), _("Places"), _("Where to send it"), _("Sent on"),
              _("Respond by"), _("Removed on"), _("Case or ticket number")]
    rows = [[str(r["number"]), r["title"], "\n".join(r["locations"]),
             r["send_to"]["url"] or r["send_to"]["email"] or r["send_to"]["how"] or "",
             kit["sent_on"].isoformat(), r["respond_by"].isoformat(), "", ""] for r in kit["requests"]]
    return removal_kit.to_csv(header, rows)


def _form(formdata=None) -> RemovalKitForm:
    form = RemovalKitForm(formdata=formdata)
    if formdata is None:
        form.sent_on.data = dt.date.today().isoformat()
    return form


def _page(form, status: int = 200):
    return render_template("kit/kit_form.html", form=form, carry_form=carried(form)), status


def _attachment(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/kit")
def show():
    return _page(_form())


@bp.post("/kit")
def write():
    form = _form(request.form)
    if not form.validate():
        return _page(form, 400)
    kit = build(form)
    places = sum(len(r["locations"]) for r in kit["requests"])
    summary = letter_summary("removal", letter_context("removal", form, (None, ""), []), site="", places=places)
    return render_template("kit/kit_result.html", form=form, kit=kit, long_date=long_date, short_date=short_date,
                           summary=summary, carry_form=form,
                           if_no_action=[presenter.referral_card(r, urls.page_url) for r in kit["if_no_action"]])


@bp.post("/kit/download")
def download():
    form = _form(request.form)
    if not form.validate():
        return _page(form, 400)
    text = render_template("kit/kit.txt", kit=build(form), long_date=long_date, today=dt.date.today())
    return _attachment(text, "text/plain", "removal-requests.txt")


@bp.post("/kit/checklist")
def checklist():
    form = _form(request.form)
    if not form.validate():
        return _page(form, 400)
    return _attachment(checklist_csv(build(form)), "text/csv", "removal-checklist.csv")
