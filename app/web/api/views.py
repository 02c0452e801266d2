"""The JSON API (v1): the same engine as the HTML flow."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import BadRequest

from app import flow, presenter
from app.flow.model import N_
from app.i18n import gettext as _
from app.web.api import openapi
from app.web.core.errors import error_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# The JSON message for each kind of invalid answer (part of the API: keep them as they are),
# in the request's language like every other answer (`?lang=es`, Accept-Language).
ANSWER_ERROR_MESSAGES: dict[flow.AnswerErrorKind, str] = {
    flow.AnswerErrorKind.UNKNOWN_QUESTION: N_("Unknown question."),
    flow.AnswerErrorKind.UNKNOWN_CODE: N_("Unknown answer code."),
    flow.AnswerErrorKind.ONE_ONLY: N_("Only one answer allowed."),
    flow.AnswerErrorKind.NOT_COMBINABLE: N_("This answer cannot be combined with others."),
}


class ApiError(Exception):
    def __init__(self, status: int, message: str, question: str | None = None):
        super().__init__(message)
        self.status, self.message, self.question = status, message, question


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return error_response(exc.status, exc.message, **({} if exc.question is None else {"question": exc.question}))


def _when(question: flow.Question) -> str:
    return question.asked_when.text


@bp.get("/questions")
def questions():
    items = []
    for question in flow.QUESTIONS:
        data = presenter.question_data(question, directory=current_app.extensions["directory"])
        items.append({
            "id": question.id,
            "title": data["title"],
            "why": data["why"],
            "multiple": question.multiple,
            "asked_when": _when(question),
            "skipped_means": sorted(question.skipped_means),
            "exclusive": sorted(question.exclusive),
            "choices": [{"code": c["code"], "label": c["label"]} for c in data["choices"]],
        })
    return jsonify({"questions": items})


def parse_api_answers(payload) -> dict:
    if not isinstance(payload, dict) or set(payload) - {"answers"}:
        raise ApiError(400, _("The body must be an object with one key, \"answers\"."))
    raw = payload.get("answers", {})
    if not isinstance(raw, dict):
        raise ApiError(400, _("\"answers\" must be an object of question id to answer."))
    answers = {}
    for qid, value in raw.items():
        question = flow.QUESTION_BY_ID.get(qid)
        if question is None:
            raise ApiError(400, _(ANSWER_ERROR_MESSAGES[flow.AnswerErrorKind.UNKNOWN_QUESTION]), str(qid)[:64])
        # Exactly what the OpenAPI schema says: a skipped question is absent, never
        # null, "" or []; a list holds each code once.
        if question.multiple:
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
                raise ApiError(400, _("This question takes a list of answer codes."), qid)
            if len(set(value)) != len(value):
                raise ApiError(400, _("Each answer code may appear once."), qid)
            values = value
        else:
            if not isinstance(value, str) or not value:
                raise ApiError(400, _("This question takes one answer code as a string."), qid)
            values = [value]
        try:
            parsed = flow.parse_answer(qid, values)
        except flow.AnswerError as exc:
            raise ApiError(400, _(ANSWER_ERROR_MESSAGES[exc.kind]), qid) from None
        if parsed is not None:
            answers[qid] = parsed
    return answers


def read_json():
    """The body as JSON, or a JSON 400: invalid, or nested too deep for the parser."""
    try:
        return request.get_json()
    except (BadRequest, RecursionError):
        # RecursionError: "[[[[...]]]]" deeper than Python's parser goes (2 KB does it).
        raise ApiError(400, _("The body is not valid JSON.")) from None


@bp.post("/plan")
def plan():
    if not request.is_json:
        raise ApiError(415, _("Send the answers as JSON (Content-Type: application/json)."))
    payload = read_json()
    answers = parse_api_answers(payload)
    directory = current_app.extensions["directory"]
    result = flow.build_plan(answers, directory.platforms_by_where)
    return jsonify({"plan": presenter.plan_data(result, directory)})


@bp.get("/openapi.json")
def openapi_spec():
    # The server URL shows the scheme, host and mount prefix as seen through any proxy (ProxyFix).
    return jsonify(openapi.spec(current_app, request.url_root.rstrip("/")))
