"""`POST /api/v1/removal-kit`: the removal kit as JSON (contract: shared/flow-contract.md v1.1).

The request schema below is published in the OpenAPI document AND is what checks the
body, so the API accepts exactly what it describes: no extra fields, the right types,
the stated limits. Rules a schema cannot state plainly (an email or a postal address;
how the sender is authorized; a real email address and date) are checked by the same
form as the HTML kit, and named by field in the same error shape.
"""

from __future__ import annotations

import re

from flask import Blueprint, jsonify, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from app import flow, removal_kit
from app.flow.model import N_
from app.i18n import gettext as _
from app.web.kit import views as kit
from app.web.kit.forms import RemovalKitForm, is_email

bp = Blueprint("kit_api", __name__, url_prefix="/api/v1")

_TEXT = {"type": "string", "pattern": r"\S"}  # required text: not empty, not only spaces


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
            "required": ["kind", "age", "description"],
            "properties": {
                "kind": {"type": "string", "enum": list(flow.QUESTION_BY_ID["kind"].codes)},
                "age": {"type": "string", "enum": list(flow.QUESTION_BY_ID["age"].codes)},
                "description": {**_text(1000, True), "description": "Enough to find it, without explicit detail."},
            },
        },
        "locations": {
            "type": "array", "minItems": 1, "maxItems": removal_kit.MAX_LOCATIONS,
            "description": "URLs, usernames or post numbers, as text: never fetched. Repeats count once; "
                           "a line break inside one counts as a space.",
            "items": {**_TEXT, "maxLength": 500},
        },
        "sent_on": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                    "description": "The day the requests are sent (default today)."},
    },
}

# API field -> kit form field (the same validation as the HTML form).
FORM_FIELDS = {
    "sender.role": "sender", "sender.authority": "capacity", "sender.full_name": "full_name",
    "sender.email": "email", "sender.postal_address": "postal_address", "sender.person_shown": "person_name",
    "depiction.kind": "kind", "depiction.age": "age", "depiction.description": "description",
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
            raise KitError(400, where, _("Must not be empty.") if schema["pattern"] == r"\S"
                           else _("Is not in the expected form."))


def _formdata(body: dict) -> MultiDict:
    data = MultiDict()
    for path, name in FORM_FIELDS.items():
        head, _, tail = path.partition(".")
        value = body.get(head) if not tail else body.get(head, {}).get(tail)
        if isinstance(value, list):  # one location per item, whatever line breaks it holds
            value = "\n".join(" ".join(item.splitlines()) for item in value)
        if value is not None:
            data.add(name, value)
    return data


def _json(kit_data: dict) -> dict:
    return {
        "sent_on": kit_data["sent_on"].isoformat(),
        "respond_by": kit_data["respond_by"].isoformat(),
        "requests": [{
            "operator": r["operator"], "kind": r["kind"], "site": r["site"], "locations": r["locations"],
            "send_to": r["send_to"], "letter": r["letter"], "respond_by": r["respond_by"].isoformat(),
        } for r in kit_data["requests"]],
        "first": kit_data["first"],
        "if_no_action": kit_data["if_no_action"],
    }


@bp.post("/removal-kit")
def removal_kit_api():
    if not request.is_json:
        raise KitError(415, None, _("Send the kit as JSON (Content-Type: application/json)."))
    try:
        body = request.get_json(silent=True)
    except RequestEntityTooLarge:
        raise KitError(413, None, _("The body is too large.")) from None
    if body is None:
        raise KitError(400, None, _("The body is not valid JSON."))
    check(REQUEST, body)
    form = RemovalKitForm(formdata=_formdata(body))
    if not form.validate():
        api_field = {name: path for path, name in FORM_FIELDS.items()}
        name = next(f.name for f in form if f.errors)
        raise KitError(400, api_field[name], str(form[name].errors[0]))
    return jsonify({"kit": _json(kit.build(form))})


def openapi_paths() -> dict:
    """The path, for app/web/openapi.py."""
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/KitError"}}}}
    return {"/api/v1/removal-kit": {"post": {
        "summary": "One TAKE IT DOWN Act request per operator, for every place at once. Nothing is stored.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/KitRequest"}}}},
        "responses": {
            "200": {"description": "The kit", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Kit"}}}},
            "400": {"description": "Not valid JSON, not the schema, or a rule of a field broken", **error},
            "413": {"description": "Body too large", **error},
            "415": {"description": "Body is not JSON", **error},
        },
    }}}


def openapi_schemas() -> dict:
    """Component schemas, for app/web/openapi.py. `Referral` is the plan's."""
    date = {"type": "string", "format": "date"}
    nullable = {"type": ["string", "null"]}
    request_ = {
        "type": "object", "additionalProperties": False,
        "required": ["operator", "kind", "site", "locations", "send_to", "letter", "respond_by"],
        "properties": {
            "operator": {**nullable, "description": "A platform id of the directory, or null."},
            "kind": {"type": "string", "enum": [removal_kit.PLATFORM, removal_kit.SITE, removal_kit.UNCLEAR]},
            "site": {"type": "string", "description": "The platform's name, the host name, or \"\" when the "
                                                      "places name no site."},
            "locations": {"type": "array", "items": {"type": "string"}},
            "send_to": {"type": "object", "additionalProperties": False, "required": ["url", "email", "how"],
                        "properties": {"url": nullable, "email": nullable, "how": nullable}},
            "letter": {"type": "string"},
            "respond_by": date,
        },
    }
    referrals = {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}}
    return {
        "KitRequest": REQUEST,
        "Kit": {"type": "object", "additionalProperties": False, "required": ["kit"], "properties": {"kit": {
            "type": "object", "additionalProperties": False,
            "required": ["sent_on", "respond_by", "requests", "first", "if_no_action"],
            "properties": {
                "sent_on": date, "respond_by": date,
                "requests": {"type": "array", "items": request_},
                "first": {**referrals, "description": "Under 18 or not sure: report here first."},
                "if_no_action": {**referrals, "description": "If a site has not acted by its date."},
            }}}},
        "KitError": {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {
            "error": {"type": "object", "required": ["field", "message"], "additionalProperties": False,
                      "properties": {"field": nullable, "message": {"type": "string"}}}}},
    }
