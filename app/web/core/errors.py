"""Friendly, neutral error pages (HTML) and JSON errors (API). Never a stack trace,
never the raw input echoed back."""

from __future__ import annotations

import logging

from flask import current_app, jsonify, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, SecurityError

from app.flow import N_

log = logging.getLogger(__name__)

# Marked for extraction (N_), translated when shown.
MESSAGES = {
    400: (N_("Something in the form could not be read"), N_("Please go back and try again.")),
    404: (N_("Page not found"), N_("The page may have moved. You can start again, or read the guides.")),
    405: (N_("That did not work"), N_("This page cannot be opened that way. Please start again.")),
    413: (N_("That was too much to send"), N_("The form was larger than we accept. Please go back and try again.")),
    415: (N_("That did not work"), N_("The form was sent in a way we do not accept. Please go back and try again.")),
    500: (N_("Sorry, something went wrong on our side"), N_("Nothing you typed was kept. Please start again.")),
}

# The JSON error for each status, in the request's language (`?lang=`, Accept-Language).
JSON_MESSAGES = {
    400: N_("The request could not be read."),
    404: N_("There is nothing at this address."),
    405: N_("This address does not take that method."),
    413: N_("The body is larger than we accept."),
    415: N_("The body is not in a type we accept."),
    500: N_("Something went wrong on our side. Nothing you sent was kept."),
}

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})

try:  # gunicorn's body reader raises these inside the app for broken chunked bodies
    from gunicorn.http.errors import ParseException as ClientBodyError
except ImportError:  # pragma: no cover - served by something else
    ClientBodyError = ()


def wants_json() -> bool:
    """JSON for a JSON client: a request under the API's path (its clients may send any
    Accept), or one that prefers JSON to HTML. People's browsers get the page."""
    req = request._get_current_object()
    if req.path.startswith("/api/"):
        return True
    accept = req.accept_mimetypes
    return accept.best_match(("text/html", "application/json")) == "application/json"  # a tie goes to the page


def error_response(status: int, message: str, **details):
    """The JSON error shape of every JSON answer: {"error": {"message": ..., ...details}}."""
    return jsonify({"error": {"message": message, **details}}), status


def _headers(exc: HTTPException) -> list[tuple[str, str]]:
    """The exception's own headers (405's Allow, RFC 9110 15.5.6), minus its Content-Type."""
    return [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]


def handle_http(exc: HTTPException):
    status = exc.code or 500
    if isinstance(exc, SecurityError) and request_ctx.url_adapter is None:
        # An untrusted Host: Flask built no URL adapter. Our pages link by path only,
        # so any bound name renders them; the client's Host is never used.
        request_ctx.url_adapter = current_app.url_map.bind("localhost")
    if wants_json():
        message = JSON_MESSAGES.get(status, JSON_MESSAGES[400] if status < 500 else JSON_MESSAGES[500])
        body, status = error_response(status, _(message))
        return body, status, _headers(exc)
    title, body = MESSAGES.get(status, MESSAGES[400] if status < 500 else MESSAGES[500])
    return render_template("error.html", title=_(title), body=_(body), status=status), status, _headers(exc)


def handle_client_body(exc: Exception):
    # A malformed chunked body is the client's fault: a 400, not a 500.
    return handle_http(BadRequest())


def handle_unexpected(exc: Exception):
    # Log the type only: the message or locals could hold what someone typed.
    method = request.method if request.method in KNOWN_METHODS else "-"
    log.error("unhandled %s on %s %s", type(exc).__name__, method, request.url_rule)
    return handle_http(InternalServerError())


def init_app(app) -> None:
    app.register_error_handler(HTTPException, handle_http)
    if ClientBodyError:
        app.register_error_handler(ClientBodyError, handle_client_body)
    app.register_error_handler(Exception, handle_unexpected)
