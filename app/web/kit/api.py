"""`POST /api/v1/removal-kit`: the removal kit as JSON (contract: shared/flow-contract.md v1.1).

The request schema below is published in the OpenAPI document AND is what checks the
body, so the API accepts exactly what it describes: no extra fields, the right types,
the stated limits. Rules a schema cannot state plainly (an email or a postal address;
how the sender is authorized; a real email address and date) are checked by the same
form as the HTML kit, and named by field in the same error shape.
"""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, jsonify, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from app import flow, removal_kit
from app.flow.model import N_
from app.i18n import gettext as _
from app.web.kit import views as kit
from app.web.kit.forms import FollowUpForm, RemovalKitForm, is_email

bp = Blueprint("kit_api", __name__, url_prefix="/api/v1")

# Required text: something visible. Not empty, not only spaces, and not only control characters or
# noncharacters, which the forms drop (forms.CONTROL) before they check a field is filled in.
VISIBLE = r"[^\s\u0000-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]"
_TEXT = {"type": "string", "pattern": VISIBLE}


def _text(limit: int, required: bool = False) -> dict:
    return {**(_TEXT if required else {"type": "string"}), "maxLength": limit}


REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sender", "depiction", "locations"],
    "properties": {
        "sender": {
            "type": "object",
            "additionalProperties": False,
            "required": ["role", "full_name"],
            "description": "Give `email` or `postal_address` (or both). `authority` is required when "
                           "`role` is `authorized`.",
            "anyOf": [{"required": [name], "properties": {name: _TEXT}} for name in ("email", "postal_address")],
            "if": {"properties": {"role": {"const": "authorized"}}},
            "then": {"required": ["authority"], "properties": {"authority": _TEXT}},
            "properties": {
                "role": {"type": "string", "enum": ["self", "authorized"]},
                "authority": {**_text(120), "description": "How the sender may act for the person shown, "
                                                          "e.g. parent, legal guardian, lawyer."},
                "full_name": {**_text(120, True), "description": "The electronic signature."},
                "email": {**_text(254), "format": "email"},
                "postal_address": _text(500),
                "person_shown": _text(120),
            },
        },
        "depiction": {
            "type": "object",
            "additionalProperties": False,
            "required": ["kind", "age"],
            "description": "`description` is required when `age` is `adult`; for someone under 18 (or maybe) "
                           "it is never asked for, and the letters give none.",
            "if": {"properties": {"age": {"const": "adult"}}},
            "then": {"required": ["description"], "properties": {"description": _TEXT}},
            "properties": {
                "kind": {"type": "string", "enum": list(flow.QUESTION_BY_ID["kind"].codes)},
                "age": {"type": "string", "enum": list(flow.QUESTION_BY_ID["age"].codes)},
                "taker": {"type": "string", "enum": list(flow.QUESTION_BY_ID["taker"].codes),
                          "description": "Who took the original: a copyright notice is offered only for a real "
                                         "picture the person took, 18 or over in it."},
                "description": {**_text(1000), "description": "Enough to find it, without explicit detail."},
                "relevant_information": {**_text(2000), "description": "The Act's relevant information: why the "
                                         "site can tell it was published without consent. Optional."},
            },
        },
        "locations": {
            "type": "array", "minItems": 1, "maxItems": removal_kit.MAX_LOCATIONS,
            "description": "URLs, usernames or post numbers, as text: never fetched. Repeats count once; "
                           "a line break inside one counts as a space.",
            "items": {**_TEXT, "maxLength": 500},
        },
        # Up to removal_kit.LAST_SENT_ON (9999-12-29): a later day has no respond-by date.
        "sent_on": {"type": "string", "format": "date", "pattern": r"^(?!9999-12-3[01])\d{4}-\d{2}-\d{2}$",
                    "description": "The day the requests are sent (default today)."},
    },
}

# API field -> kit form field (the same validation as the HTML form).
FORM_FIELDS = {
    "sender.role": "sender", "sender.authority": "capacity", "sender.full_name": "full_name",
    "sender.email": "email", "sender.postal_address": "postal_address", "sender.person_shown": "person_name",
    "depiction.kind": "kind", "depiction.age": "age", "depiction.taker": "taker",
    "depiction.description": "description", "depiction.relevant_information": "note",
    "locations": "locations", "sent_on": "sent_on",
}
TYPES = {"object": dict, "array": list, "string": str}

MUST_BE = {"object": N_("Must be an object."), "array": N_("Must be an array."), "string": N_("Must be a string.")}


class KitError(Exception):
    def __init__(self, status: int, field: str | None, message: str):
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


@bp.errorhandler(KitError)
def _error(exc: KitError):
    return jsonify({"error": {"field": exc.field, "message": exc.message}}), exc.status


def check(schema: dict, value, path: str = "") -> None:
    """Raise KitError(400) naming the first place `value` breaks `schema` (the subset used above)."""
    where = path or None
    kind = schema["type"]
    if not isinstance(value, TYPES[kind]):
        raise KitError(400, where, _(MUST_BE[kind]))
    if kind == "object":
        for name in value:
            if name not in schema["properties"]:
                raise KitError(400, (f"{path}.{name}" if path else name)[:64], _("Not a known field."))
        for name in schema.get("required", ()):
            if name not in value:
                raise KitError(400, f"{path}.{name}" if path else name, _("This field is required."))
        for name, item in value.items():
            check(schema["properties"][name], item, f"{path}.{name}" if path else name)
    elif kind == "array":
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            raise KitError(400, where, _("Give %(least)s to %(most)s items.", least=schema["minItems"],
                                         most=schema["maxItems"]))
        for index, item in enumerate(value):
            check(schema["items"], item, f"{path}[{index}]")
    else:
        if "enum" in schema and value not in schema["enum"]:
            raise KitError(400, where, _("Must be one of: %(codes)s.", codes=", ".join(schema["enum"])))
        if len(value) > schema.get("maxLength", len(value)):
            raise KitError(400, where, _("Must be %(num)s characters or fewer.", num=schema["maxLength"]))
        if schema.get("format") == "email" and not is_email(value):
            raise KitError(400, where, _("Is not an email address. Leave the field out to give none."))
        if "pattern" in schema and not re.search(schema["pattern"], value):
            if schema.get("format") == "date":
                raise KitError(400, where, _("Enter a real date as year-month-day, no later than %(date)s.",
                                             date=removal_kit.LAST_SENT_ON.isoformat()))
            raise KitError(400, where, _("Must not be empty.") if schema["pattern"] == VISIBLE
                           else _("Is not in the expected form."))


def _formdata(body: dict, fields: dict[str, str] = FORM_FIELDS) -> MultiDict:
    data = MultiDict()
    for path, name in fields.items():
        head, _, tail = path.partition(".")
        value = body.get(head) if not tail else body.get(head, {}).get(tail)
        if isinstance(value, list):  # one location per item, whatever line breaks it holds
            value = "\n".join(" ".join(item.splitlines()) for item in value)
        if value is not None:
            data.add(name, value)
    return data


ROUTE_KEYS = ("kind", "reason", "text", "conditions", "when", "url", "help_url", "email", "look_for", "look_text",
              "label", "label_if_under18", "referral", "fields", "one_per_item", "unconfirmed")


def _route(route: dict) -> dict:
    return {key: route[key] for key in ROUTE_KEYS}


def _date(day) -> str | None:
    return day.isoformat() if day else None


def _json(kit_data: dict) -> dict:
    return {
        "sent_on": kit_data["sent_on"].isoformat(),
        "respond_by": kit_data["respond_by"].isoformat(),
        "requests": [{
            "operator": r["operator"], "kind": r["kind"], "site": r["site"], "locations": r["locations"],
            "send_to": r["send_to"], "steps": [_route(x) for x in r["routes"]], "letter": r["letter"],
            "deadline": r["deadline"], "deadline_text": r["deadline_text"], "promise_hours": r["promise_hours"],
            "respond_by": _date(r["respond_by"]), "warning": r["warning"] or None,
        } for r in kit_data["requests"]],
        "steps": [_route(x) for x in kit_data["steps"]],
        "first": kit_data["first"],
        "if_no_action": kit_data["if_no_action"],
    }


def _body():
    if not request.is_json:
        raise KitError(415, None, _("Send the kit as JSON (Content-Type: application/json)."))
    try:
        body = request.get_json(silent=True)
    except RequestEntityTooLarge:
        raise KitError(413, None, _("The body is too large.")) from None
    if body is None:
        raise KitError(400, None, _("The body is not valid JSON."))
    return body


@bp.post("/removal-kit")
def removal_kit_api():
    body = _body()
    check(REQUEST, body)
    form = RemovalKitForm(formdata=_formdata(body))
    if not form.validate():
        api_field = {name: path for path, name in FORM_FIELDS.items()}
        name = next(f.name for f in form if f.errors)
        raise KitError(400, api_field[name], str(form[name].errors[0]))
    return jsonify({"kit": _json(kit.build(form))})


FOLLOW_UP = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sender"],
    "description": "Give `checklist` (the CSV the kit wrote, as text) or `places` with `sent_on`.",
    "oneOf": [{"required": ["checklist"], "not": {"required": ["places"]}},
              {"required": ["places", "sent_on"], "not": {"required": ["checklist"]}}],
    "properties": {
        "sender": REQUEST["properties"]["sender"],
        "depiction": {
            "type": "object", "additionalProperties": False,
            "properties": {name: REQUEST["properties"]["depiction"]["properties"][name]
                           for name in ("kind", "age", "taker")},
        },
        "checklist": {**_text(60000, True), "description": "The checklist CSV the kit wrote (header in English or "
                                                     "Spanish), as text. Rows it cannot read are named in `errors`."},
        "places": {**REQUEST["properties"]["locations"], "description": "The places again, as text."},
        "sent_on": {**REQUEST["properties"]["sent_on"], "description": "The day the requests were sent."},
    },
}
FOLLOW_UP_FIELDS = {
    "sender.role": "sender", "sender.authority": "capacity", "sender.full_name": "full_name",
    "sender.email": "email", "sender.postal_address": "postal_address", "sender.person_shown": "person_name",
    "depiction.kind": "kind", "depiction.age": "age", "depiction.taker": "taker",
    "checklist": "checklist", "places": "checklist", "sent_on": "sent_on",
}


@bp.post("/removal-kit/follow-up")
def follow_up_api():
    body = _body()
    check(FOLLOW_UP, body)
    if "checklist" in body and "places" in body:
        raise KitError(400, "places", _("Give the checklist or the places, not both."))
    form = FollowUpForm(formdata=_formdata(body, FOLLOW_UP_FIELDS))
    api_field = {name: path for path, name in FOLLOW_UP_FIELDS.items()}
    api_field["checklist"] = "places" if "places" in body else "checklist"
    api_field["checklist_file"] = "checklist"
    mode = "places" if "places" in body else "checklist"
    checklist = kit.read_follow_up(form, mode) if form.validate() else None
    if checklist is None:
        name = next(f.name for f in form if f.errors)
        raise KitError(400, api_field[name], str(form[name].errors[0]))
    data = kit.follow_up_data(form, checklist, dt.date.today())
    return jsonify({"follow_up": {
        "today": data["today"].isoformat(),
        "requests": [{
            "row": r["row"], "operator": r["operator"], "kind": r["kind"], "site": r["site"],
            "locations": r["locations"], "sent_on": r["sent_on"].isoformat(), "respond_by": _date(r["respond_by"]),
            "case": r["case"], "status": r["status"], "status_text": r["status_text"],
            "steps": [_route(x) for x in r["steps"]], "letter": r["letter"], "tell_ftc": r["tell_ftc"],
        } for r in data["requests"]],
        "errors": data["errors"],
    }})


def openapi_paths() -> dict:
    """The paths, for app/web/api/openapi.py."""
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/KitError"}}}}

    def post(summary: str, request_schema: str, answer: str, answer_schema: str) -> dict:
        return {"post": {
            "summary": summary,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "$ref": f"#/components/schemas/{request_schema}"}}}},
            "responses": {
                "200": {"description": answer, "content": {"application/json": {"schema": {
                    "$ref": f"#/components/schemas/{answer_schema}"}}}},
                "400": {"description": "Not valid JSON, not the schema, or a rule of a field broken", **error},
                "413": {"description": "Body too large", **error},
                "415": {"description": "Body is not JSON", **error},
            },
        }}

    return {
        "/api/v1/removal-kit": post("One TAKE IT DOWN Act request per operator, for every place at once, each "
                                    "with where and how to send it. Nothing is stored.", "KitRequest", "The kit",
                                    "Kit"),
        "/api/v1/removal-kit/follow-up": post("For each request of a checklist whose respond-by date has passed: "
                                              "a second letter, and what to tell the FTC. Nothing is stored.",
                                              "KitFollowUpRequest", "Where each request stands", "KitFollowUp"),
    }


def openapi_schemas() -> dict:
    """Component schemas, for app/web/api/openapi.py. `Referral` is the plan's."""
    date = {"type": "string", "format": "date"}
    nullable = {"type": ["string", "null"]}
    strings = {"type": "array", "items": {"type": "string"}}
    route = {
        "type": "object", "additionalProperties": False, "required": list(ROUTE_KEYS),
        "description": "One step: a channel of the operator, a service of the directory, or the kit's own. "
                       "`label` is the operator's own words for the option, in English, never translated.",
        "properties": {
            "kind": {"type": "string", "enum": list(removal_kit.ROUTE_KINDS)},
            "reason": {"type": "string", "enum": list(removal_kit.REASONS)},
            "text": {"type": "string"},
            "conditions": {"type": "array", "items": {"type": "string", "enum": list(removal_kit.CONDITIONS)}},
            "when": {"type": "string", "description": "The conditions in words, or \"\"."},
            "url": nullable, "help_url": nullable, "email": nullable, "look_for": nullable,
            "look_text": {"type": "string"}, "label": nullable, "label_if_under18": nullable,
            "referral": {**nullable, "description": "A referral id of the directory."},
            "fields": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["field", "label", "paste"],
                "properties": {"field": {"type": "string", "enum": ["page_url", "image_url", "results_url"]},
                               "label": {"type": "string"}, "paste": strings}}},
            "one_per_item": {"type": "boolean"},
            "unconfirmed": {"type": "boolean", "description": "Not checked on the owner's own site."},
        },
    }
    request_ = {
        "type": "object", "additionalProperties": False,
        "required": ["operator", "kind", "site", "locations", "send_to", "steps", "letter", "deadline",
                     "deadline_text", "promise_hours", "respond_by", "warning"],
        "properties": {
            "operator": {**nullable, "description": "An operator id (a platform of the directory, or a search "
                                                    "engine), or null."},
            "kind": {"type": "string", "enum": [removal_kit.PLATFORM, removal_kit.SEARCH, removal_kit.SITE,
                                                removal_kit.UNCLEAR]},
            "site": {"type": "string", "description": "The operator's name, the site's registrable domain, or "
                                                      "\"\" when the places name no site."},
            "locations": strings,
            "send_to": {"type": "object", "additionalProperties": False, "required": ["url", "email", "how"],
                        "properties": {"url": nullable, "email": nullable, "how": nullable},
                        "description": "The first step, in short (v1.1); `steps` has them all."},
            "steps": {"type": "array", "items": {"$ref": "#/components/schemas/KitRoute"}},
            "letter": {**nullable, "description": "The TAKE IT DOWN Act letter; null for a search engine, "
                                                  "which takes its own form."},
            "deadline": {"type": "string", "enum": list(removal_kit.DEADLINES)},
            "deadline_text": {"type": "string"},
            "promise_hours": {"type": ["integer", "null"], "description": "What the operator's own page "
                                                                          "promises, if anything."},
            "respond_by": {"type": ["string", "null"], "format": "date",
                           "description": "null when we know of no deadline."},
            "warning": {**nullable, "description": "A look-alike or mixed-alphabet site name."},
        },
    }
    referrals = {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}}
    follow = {
        "type": "object", "additionalProperties": False,
        "required": ["row", "operator", "kind", "site", "locations", "sent_on", "respond_by", "case", "status",
                     "status_text", "steps", "letter", "tell_ftc"],
        "properties": {
            "row": {"type": "integer"}, "operator": nullable, "kind": request_["properties"]["kind"],
            "site": {"type": "string"}, "locations": strings, "sent_on": date,
            "respond_by": {"type": ["string", "null"], "format": "date"}, "case": {"type": "string"},
            "status": {"type": "string", "enum": [removal_kit.REMOVED, removal_kit.WAITING, removal_kit.OVERDUE,
                                                  removal_kit.NO_DEADLINE_STATUS]},
            "status_text": {"type": "string"},
            "steps": {"type": "array", "items": {"$ref": "#/components/schemas/KitRoute"}},
            "letter": {**nullable, "description": "The second letter, when its date has passed."},
            "tell_ftc": {**strings, "description": "What to tell the FTC, when the Act may apply."},
        },
    }
    return {
        "KitRequest": REQUEST,
        "KitRoute": route,
        "Kit": {"type": "object", "additionalProperties": False, "required": ["kit"], "properties": {"kit": {
            "type": "object", "additionalProperties": False,
            "required": ["sent_on", "respond_by", "requests", "steps", "first", "if_no_action"],
            "properties": {
                "sent_on": date, "respond_by": date,
                "requests": {"type": "array", "items": request_},
                "steps": {"type": "array", "items": {"$ref": "#/components/schemas/KitRoute"},
                          "description": "Before or beside every request: NCMEC for someone under 18, hashing."},
                "first": {**referrals, "description": "Under 18 or not sure: report here first."},
                "if_no_action": {**referrals, "description": "If a site has not acted by its date."},
            }}}},
        "KitFollowUpRequest": FOLLOW_UP,
        "KitFollowUp": {"type": "object", "additionalProperties": False, "required": ["follow_up"],
                        "properties": {"follow_up": {
                            "type": "object", "additionalProperties": False,
                            "required": ["today", "requests", "errors"],
                            "properties": {"today": date, "requests": {"type": "array", "items": follow},
                                           "errors": {**strings, "description": "Rows that could not be read."}},
                        }}},
        "KitError": {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {
            "error": {"type": "object", "required": ["field", "message"], "additionalProperties": False,
                      "properties": {"field": nullable, "message": {"type": "string"}}}}},
    }
