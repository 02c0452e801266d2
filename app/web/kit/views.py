"""The removal kit: one TAKE IT DOWN Act request per operator, for every place at once.

`/letters/kit` (HTML, no JavaScript needed, also under /embed/<site>/) and
`POST /api/v1/removal-kit` (JSON, schema in app/web/kit_api.py). The kit is made in
the response from what was POSTed and exists nowhere else: nothing is stored or
logged, and the locations are text, never fetched or turned into links.
Grouping and dates: app/removal_kit.py. Each letter: app/web/letters.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from werkzeug.datastructures import CombinedMultiDict

from app import presenter, removal_kit
from app.i18n import t
from app.web.core import urls
from app.web.core.lang import LANGS
from app.web.kit import wording
from app.web.kit.forms import FollowUpForm, RemovalKitForm
from app.web.kit.letters import carried, letter_context, letter_language, letter_summary, render_letter

bp = Blueprint("kit", __name__, url_prefix="/letters", template_folder="templates")

IF_NO_ACTION = ("ftc-takeitdown", "ccri-helpline")
# A place whose path ends like this is the picture or video itself (a search form's image field).
MEDIA = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|heic|bmp|mp4|m4v|mov|webm)$", re.I)


def _directory():
    return current_app.extensions["directory"]


def operator_name(operator_id: str | None) -> str:
    """A platform's name (translated), or a kit operator's proper name (never translated)."""
    directory = _directory()
    platform = directory.get(operator_id) if operator_id else None
    if platform is not None:
        return t(platform.name)
    operator = directory.kit.operators.get(operator_id or "")
    return operator.label if operator is not None and operator.label else ""


def _paste(groups: list[removal_kit.Group], own: removal_kit.Group) -> dict[str, list[str]]:
    """What goes into each field of a search engine's form: its own results pages, and the
    other places in the list (the picture or video itself, or the page it is on)."""
    pages, media = [], []
    for group in groups:
        if group.kind in (removal_kit.SEARCH, removal_kit.UNCLEAR):
            continue
        for line in group.locations:
            parts = removal_kit.location_parts(line)
            (media if parts and MEDIA.search(parts[1]) else pages).append(line)
    return {"page_url": pages, "image_url": media, "results_url": list(own.locations)}


def route_data(route: removal_kit.Route, name: str, situation: removal_kit.Situation,
               paste: dict[str, list[str]] | None = None) -> dict:
    """One route as the page and the API show it: the engine's codes, and their words."""
    channel = route.channel
    label = channel.label if channel is not None else None
    label_minor = channel.label_minor if channel is not None else None
    if situation.minor and label_minor:  # the operator's own words for pictures of someone under 18
        label, label_minor = label_minor, None
    elif situation.minor is False:
        label_minor = None
    email = channel.email if channel is not None else None
    look_for = channel.look_for if channel is not None else None
    fields = [{"field": code, "label": t(wording.FIELDS[code]), "paste": (paste or {}).get(code, [])}
              for code in (channel.fields if channel is not None else ())]
    card = presenter.referral(_directory(), route.referral, None) if route.referral else None
    return {
        "kind": route.kind,
        "reason": route.reason,
        "text": " ".join(x for x in (wording.reason(route.reason, name=name, email=email or ""),
                                     t(wording.PROVIDERS.get(getattr(channel, "provider", None) or "", ""))) if x),
        "conditions": list(route.conditions),
        "when": wording.conditions(route.conditions),
        "url": channel.url if channel is not None else None,
        "help_url": channel.help_url if channel is not None else None,
        "email": email,
        "look_for": look_for,
        "look_text": t(wording.LOOK_FOR[look_for]) if look_for else "",
        "label": label,
        "label_if_under18": label_minor,
        "referral": route.referral,
        "card": presenter.referral_card(card, urls.page_url) if card else None,
        "fields": fields,
        "one_per_item": bool(channel is not None and channel.one_per_item),
        "unconfirmed": bool(channel is not None and channel.unconfirmed),
    }


def deadline_text(deadline: str, name: str, due: dt.date | None) -> str:
    return t(wording.DEADLINES[deadline], name=name, date=long_date(due) if due else "")


def _send_to(routes: list[dict], warning: str = "") -> dict:
    """The first place to send it, for the API's `send_to` (kept from v1.1): a look-alike's
    warning, NCMEC first for a minor, then the first channel and what to look for there."""
    first = next((r for r in routes if r["kind"] != removal_kit.REFERRAL), routes[0] if routes else None)
    if first is None:
        return {"url": None, "email": None, "how": warning or None}
    how = " ".join(x for x in (warning, *(r["text"] for r in routes if r["kind"] == removal_kit.REFERRAL),
                               first["text"], first["look_text"]) if x)
    return {"url": first["url"] or first["help_url"], "email": first["email"], "how": how or None}


def _site_warning(group: removal_kit.Group) -> str:
    if group.lookalike:
        return _("Careful: %(site)s is written with letters that look like %(known)s, but it is a different "
                 "site. Send this request to it, not to %(known)s.", site=group.shown, known=group.lookalike)
    if group.mixed_scripts:
        return _("Careful: %(site)s mixes letters from different alphabets, so it may be made to look like "
                 "another site.", site=group.shown)
    return ""


def build(form: RemovalKitForm) -> dict:
    """The whole kit from a validated form: the same data for the page, the files and the API."""
    directory = _directory()
    book = directory.kit
    sent_on = form.sent_date()
    situation = form.situation()
    groups = removal_kit.group_locations(form.location_lines(), book.domains, book.results)
    requests = []
    for number, request_ in enumerate(removal_kit.route(groups, situation, book), 1):
        group = request_.group
        name = operator_name(request_.operator)
        site = name or (group.shown if group.kind == removal_kit.SITE else "")
        paste = _paste(groups, group) if group.kind == removal_kit.SEARCH else None
        routes = [route_data(r, name or site, situation, paste) for r in request_.routes]
        due = removal_kit.respond_by(sent_on) if request_.deadline != removal_kit.NO_DEADLINE else None
        platform = directory.get(request_.operator) if request_.operator else None
        letter = None
        if group.kind != removal_kit.SEARCH:  # a search engine takes its own form, not a letter
            addressee = (platform, platform.name if platform else site)
            context = letter_context("removal", form, addressee, group.locations, sent_on, request_.deadline)
            letter = render_letter("removal", context)
        promise = request_.promise_hours if request_.deadline != removal_kit.ACT_48H else None
        warning = _site_warning(group) if group.kind == removal_kit.SITE else ""
        requests.append({
            "number": number,
            "operator": request_.operator,
            "kind": group.kind,
            "site": site,
            "title": site or _("Place not clear"),  # for the page, the text file and the checklist
            "host": group.key if group.kind == removal_kit.SITE else None,
            "warning": warning,
            "locations": group.locations,
            "routes": routes,
            "send_to": _send_to(routes, warning),
            "letter": letter,
            "deadline": request_.deadline,
            "deadline_text": deadline_text(request_.deadline, site or _("This site"), due),
            "promise_hours": request_.promise_hours,
            "promise_text": t(wording.PROMISE, name=site, hours=promise) if promise else "",
            "respond_by": due,
        })
    steps = [route_data(r, "", situation) for r in removal_kit.kit_steps(situation)]
    for step in steps:  # said of every place, not of one
        if step["reason"] in wording.KIT_LEVEL:
            step["text"] = t(wording.KIT_LEVEL[step["reason"]])
    return {
        "sent_on": sent_on,
        "respond_by": removal_kit.respond_by(sent_on),
        "under18": form.under18(),
        "situation": situation,
        "requests": requests,
        "steps": steps,
        # v1.1's "first": what to do before any request for someone under 18 (or maybe)
        "first": [presenter.referral(directory, s["referral"], None)
                  for s in steps if s["reason"] in ("minor_ncmec_first", "minor_hash")],
        "if_no_action": [presenter.referral(directory, r, None) for r in IF_NO_ACTION],
    }


bp.context_processor(letter_language)


def long_date(day: dt.date) -> str:
    return format_date(day, "full")


def short_date(day: dt.date) -> str:
    return format_date(day, "medium")


def checklist_csv(kit: dict) -> str:
    header = [t(wording.COLUMN_NAMES[code]) for code in removal_kit.COLUMNS]
    rows = [[str(r["number"]), r["title"], "\n".join(r["locations"]),
             r["send_to"]["url"] or r["send_to"]["email"] or r["send_to"]["how"] or "",
             kit["sent_on"].isoformat(), r["respond_by"].isoformat() if r["respond_by"] else "", "", ""]
            for r in kit["requests"]]
    return removal_kit.to_csv(header, rows)


def _form(formdata=None) -> RemovalKitForm:
    form = RemovalKitForm(formdata=formdata)
    if formdata is None:
        form.sent_on.data = dt.date.today().isoformat()
    return form


def who_sees() -> dict:
    """The operators the kit knows, by what they get from the person (the form's warning)."""
    book = _directory().kit
    platforms, search = [], []
    for operator in book.operators.values():
        kinds = {c.kind for c in operator.channels}
        if kinds & {removal_kit.TIDA_FORM, removal_kit.NCII_FORM, removal_kit.IN_APP, removal_kit.EMAIL}:
            platforms.append(operator_name(operator.id))
        elif removal_kit.SEARCH_FORM in kinds:
            search.append(operator_name(operator.id))
    return {"platforms": ", ".join(platforms), "search": ", ".join(search)}


def _page(form, status: int = 200):
    return render_template("kit/kit_form.html", form=form, carry_form=carried(form), who=who_sees()), status


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


# -- Plan to kit: the guide's answers, carried in the POSTed form (never the URL) ----------------

FROM_PLAN = ("age", "kind", "taker")  # the plan's answers the kit asks again


@bp.post("/kit/start")
def start():
    """The kit's form with the plan's answers already chosen: nothing is checked or refused yet."""
    form = _form()
    for name in FROM_PLAN:
        value = request.form.get(name, "")
        field = form[name]
        if value in {choice.value for choice in field.choices}:
            field.data = value
    return _page(form)


# -- Follow-up: the checklist brought back, or the places pasted again ------------------------

def column_names() -> dict[str, str]:
    """The checklist's header words in every language the kit writes, lower-case -> column code."""
    names = {}
    for lang in LANGS:
        with force_locale(lang):
            names.update({t(word).lower(): code for code, word in wording.COLUMN_NAMES.items()})
    return names


def _is_checklist(text: str, names: dict[str, str]) -> bool:
    first = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
    try:
        cells = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    if any(removal_kit.unsafe_cell(c).strip().lower() in names for c in cells):
        return True
    index = removal_kit.COLUMNS.index("sent_on")
    return len(cells) > index and removal_kit.parse_date(cells[index]) is not None


def read_follow_up(form: FollowUpForm, mode: str | None = None) -> removal_kit.Checklist | None:
    """The rows to follow up, or None with the error on the form's fields. `mode`: "checklist" or
    "places" when the caller says which it is (the API), else told apart by the text (the page).
    The API's checklist answers even with no row read: its `errors` name them."""
    text = form.checklist_text()
    if text is None:
        form.checklist_file.errors.append(t(wording.ROW_ERRORS["unreadable"]))
        return None
    if not text.strip():
        form.checklist.errors.append(_("Choose your checklist file, or paste the list of places."))
        return None
    names = column_names()
    if mode == "checklist":
        return removal_kit.parse_checklist(text, names)
    if mode != "places" and _is_checklist(text, names):
        found = removal_kit.parse_checklist(text, names)
    else:
        lines = removal_kit.unique_lines(text)
        if len(lines) > removal_kit.MAX_LOCATIONS:
            form.checklist.errors.append(_("Enter %(n)s places or fewer. You can send another request for the "
                                           "rest.", n=removal_kit.MAX_LOCATIONS))
            return None
        if not (form.sent_on.data or "").strip():
            form.sent_on.errors.append(_("Enter the day you sent the requests, like %(date)s.",
                                         date=dt.date.today().isoformat()))
            return None
        sent = dt.date.fromisoformat(form.sent_on.data.strip())
        found = removal_kit.Checklist((removal_kit.ChecklistRow(1, "", tuple(lines), sent),), ())
    if not found.rows:
        form.checklist.errors.append(row_error(found.errors[0]) if found.errors
                                     else _("Choose your checklist file, or paste the list of places."))
        return None
    return found


def row_error(error: removal_kit.RowError) -> str:
    column = t(wording.COLUMN_NAMES[error.column]) if error.column in wording.COLUMN_NAMES else ""
    return t(wording.ROW_ERRORS[error.code], row=error.row, column=column)


def follow_up_data(form: FollowUpForm, checklist: removal_kit.Checklist, today: dt.date) -> dict:
    """Each request of the checklist, per operator: where it stands and what to do next."""
    directory = _directory()
    book = directory.kit
    situation = form.situation()
    items = []
    for number, item in enumerate(removal_kit.follow_up(list(checklist.rows), today, book, situation), 1):
        group = item.request.group
        name = operator_name(item.request.operator)
        site = name or (group.shown if group.kind == removal_kit.SITE else item.row.site)
        steps = [route_data(r, name or site, situation) for r in item.steps]
        letter = None
        if any(s["kind"] == removal_kit.FOLLOW_UP_LETTER for s in steps):
            platform = directory.get(item.request.operator) if item.request.operator else None
            context = letter_context("removal", form, (platform, platform.name if platform else site),
                                     group.locations, today, item.request.deadline)
            context.update(first_sent=item.row.sent_on, case=item.row.case)
            letter = render_letter("follow_up", context)
        status_date = item.row.removed_on if item.status == removal_kit.REMOVED else item.respond_by
        ftc = any(s["referral"] == "ftc-takeitdown" for s in steps)
        items.append({
            "number": number,
            "row": item.row.row,
            "operator": item.request.operator,
            "kind": group.kind,
            "site": site,
            "title": site or _("Place not clear"),
            "locations": group.locations,
            "sent_on": item.row.sent_on,
            "respond_by": item.respond_by,
            "case": item.row.case,
            "status": item.status,
            "status_text": t(wording.STATUSES[item.status], date=long_date(status_date) if status_date else ""),
            "steps": steps,
            "letter": letter,
            "tell_ftc": [
                _("The site or app: %(site)s", site=site or _("Place not clear")),
                _("Where it is: %(places)s", places=", ".join(group.locations)),
                _("The day you sent your request: %(date)s", date=long_date(item.row.sent_on)),
                *([_("Its date to act by: %(date)s", date=long_date(item.respond_by))] if item.respond_by else []),
                *([_("Your case or ticket number: %(case)s", case=item.row.case)] if item.row.case else []),
                _("That it has not removed it."),
            ] if ftc else [],
        })
    cards = {s["referral"]: s["card"] for item in items for s in item["steps"] if s["card"]}  # each once
    return {"today": today, "requests": items, "errors": [row_error(e) for e in checklist.errors],
            "cards": list(cards.values())}


def _follow_up_form(formdata=None) -> FollowUpForm:
    return FollowUpForm(formdata=formdata)


def _follow_up_page(form, status: int = 200):
    return render_template("kit/follow_up_form.html", form=form, carry_form=carried(form)), status


@bp.get("/kit/follow-up")
def follow_up():
    return _follow_up_page(_follow_up_form())


@bp.post("/kit/follow-up")
def follow_up_write():
    form = _follow_up_form(CombinedMultiDict((request.files, request.form)))
    valid = form.validate()
    checklist = read_follow_up(form) if valid else None
    if checklist is None:
        return _follow_up_page(form, 400)
    data = follow_up_data(form, checklist, dt.date.today())
    return render_template("kit/follow_up_result.html", form=form, data=data, long_date=long_date,
                           carry_form=None)
