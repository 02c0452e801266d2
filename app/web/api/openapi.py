"""OpenAPI 3.1 description of the JSON API, built from the engine's questions."""

from app import flow
from app.directory import Referral
from app.web.core import lang, openapi_parts

GROUPS = list(flow.GROUPS)

# Every operation but this document's own speaks the language asked for (app/web/core/lang.py).
LANG_PARAMETERS = [
    {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": list(lang.LANGS)},
     "description": "The language of the text: en (English) or es (Spanish). Without it, the best match of "
                    "Accept-Language; English when nothing matches. Any other value is a 400."},
    {"name": "Accept-Language", "in": "header", "required": False, "schema": {"type": "string"},
     "description": "Used when lang is not given."},
]
CONTENT_LANGUAGE = {"Content-Language": {"description": "The language of the text in the body",
                                         "schema": {"type": "string", "enum": list(lang.LANGS)}}}


def _localize(operation: dict, error: dict) -> dict:
    """Add the language parameters, the Content-Language header and the 400 they can cause."""
    operation["parameters"] = [*operation.get("parameters", []), *LANG_PARAMETERS]
    operation["responses"].setdefault("400", {"description": "An unsupported lang", **error})
    for response in operation["responses"].values():
        response["headers"] = {**response.get("headers", {}), **CONTENT_LANGUAGE}
    return operation


def _answer_schema(question: flow.Question) -> dict:
    """What the API accepts, exactly: a skipped question is left out (never null, "" or [])."""
    if not question.multiple:
        return {"type": "string", "enum": list(question.codes)}

    def codes_list(codes: list[str], **extra) -> dict:
        return {"type": "array", "items": {"type": "string", "enum": codes}, "minItems": 1,
                "uniqueItems": True, **extra}

    exclusive = [c for c in question.codes if c in question.exclusive]
    if not exclusive:
        return codes_list(list(question.codes))
    # An exclusive code (like "none") stands alone.
    return {"oneOf": [codes_list([c for c in question.codes if c not in question.exclusive]),
                      codes_list(exclusive, maxItems=1)]}


def spec(app, server_url: str | None = None) -> dict:
    error = {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["message"], "properties": {
            "question": {"type": "string"}, "message": {"type": "string"}}}},
    }
    step = {
        "type": "object",
        "required": ["id", "group", "title", "text", "referrals"],
        "properties": {
            "id": {"type": "string", "enum": [s.id for s in flow.STEPS]},
            "group": {"type": "string", "enum": GROUPS},
            "title": {"type": "string"}, "text": {"type": "string"},
            "paragraphs": {"type": "array", "items": {"type": "string"}},
            "referrals": {"type": "array", "items": {"type": "string"}},
            "guide": {"type": "string"},
        },
    }
    answers = {
        "type": "object",
        "additionalProperties": False,
        "properties": {q.id: _answer_schema(q) for q in flow.QUESTIONS},
    }
    json_error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Help guide API",
            "version": "1.0.0",
            "description": "Maps answers to an ordered plan of steps and referrals. Nothing is stored.",
        },
        "servers": [{"url": server_url}] if server_url else [],
        "paths": {
            "/api/v1/questions": {"get": {
                "summary": "The questions, their answer codes and when each is asked",
                "responses": {"200": {"description": "The questions", "content": {
                    "application/json": {"schema": {"type": "object"}}}}},
            }},
            "/api/v1/plan": {"post": {
                "summary": "Build a plan from answers",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False,
                    "properties": {"answers": {"$ref": "#/components/schemas/Answers"}}}}}},
                "responses": {
                    "200": {"description": "The plan", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["plan"], "properties": {"plan": {
                            "type": "object", "required": ["steps", "referrals"], "properties": {
                                "steps": {"type": "array", "items": {"$ref": "#/components/schemas/Step"}},
                                "referrals": {"type": "object", "additionalProperties": {
                                    "$ref": "#/components/schemas/Referral"}}}}}}}}},
                    "400": {"description": "Unknown question, unknown code or wrong type", **json_error},
                    "413": {"description": "Body too large", **json_error},
                    "415": {"description": "Body is not JSON", **json_error},
                },
            }},
            **openapi_parts.paths(app),
            "/api/v1/openapi.json": {"get": {
                "summary": "This description",
                "responses": {"200": {"description": "OpenAPI document"}},
            }},
        },
        "components": {"schemas": {
            "Answers": answers, "Step": step, "Referral": Referral.json_schema(), "Error": error,
            **openapi_parts.schemas(app),
        }},
    }
    for path, operations in document["paths"].items():
        if path != "/api/v1/openapi.json":  # the document itself is in English only
            for operation in operations.values():
                _localize(operation, json_error)
    return document
