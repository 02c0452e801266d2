"""Friendly, neutral error pages (HTML) and JSON errors (API). Never a stack trace,
never the raw input echoed back."""

from __future__ import annotations

import logging

from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Something in the form could not be read", "Please go back and try again."),
    404: ("Page not found", "The page may have moved. You can start again, or read the guides."),
    405: ("That did not work", "This page cannot be opened that way. Please start again."),
    413: ("That was too much to send", "The form was larger than we accept. Please go back and try again."),
    415: ("That did not work", "The form was sent in a way we do not accept. Please go back and try again."),
    500: ("Sorry, something went wrong on our side", "Nothing you typed was kept. Please start again."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def handle_http(exc: HTTPException):
    status = exc.code or 500
    if _wants_json():
        from app.web.api import error_response

        return error_response(status, exc.name)
    title, body = MESSAGES.get(status, MESSAGES[400] if status < 500 else MESSAGES[500])
    return render_template("error.html", title=_(title), body=_(body), status=status), status


def handle_unexpected(exc: Exception):
    # Log the type only: the message or locals could hold what someone typed.
    log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url_rule)
    return handle_http(InternalServerError())


def init_app(app) -> None:
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
