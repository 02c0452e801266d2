"""gunicorn hooks that keep visitors out of its logs and error pages (see gunicorn.conf.py).

gunicorn's own messages carry the client's address and text: the access log hands
logging a dict of every header (printed whole if the write fails), "Invalid request
from ip=...: <request line>" warnings, and its raw 400 page echoes the bad line.
"""

from __future__ import annotations

import logging
import os
import sys
import time

from gunicorn import glogging, util

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})
# gunicorn messages that quote the request or the client (matched by their fixed start).
REQUEST_MESSAGES = ("Invalid request from", "Error handling request", "Failed to send error", "Ignoring")


class _QuietHandler(logging.StreamHandler):
    """A failed write (a full disk) costs one short line and never the record's data."""

    def handleError(self, record):  # noqa: N802 (logging's name)
        try:
            sys.stderr.write("help-guide: could not write a log line\n")
        except Exception:  # noqa: BLE001 - stderr itself is gone: stay silent, keep serving
            pass


class _QuietFileHandler(_QuietHandler, logging.FileHandler):
    pass


class PrivateLogger(glogging.Logger):
    """gunicorn's logger minus every request detail. Access lines are built here as plain
    strings: time, known method or '-', route pattern or '-', status, seconds."""

    def _set_handler(self, log, output, fmt, stream=None):
        super()._set_handler(log, output, fmt, stream)
        for i, handler in enumerate(log.handlers):
            if getattr(handler, "_gunicorn", False) and not isinstance(handler, _QuietHandler):
                if isinstance(handler, logging.FileHandler):
                    quiet = _QuietFileHandler(handler.baseFilename)
                    handler.close()
                else:
                    quiet = _QuietHandler(handler.stream)
                quiet.setFormatter(handler.formatter)
                quiet._gunicorn = True
                log.handlers[i] = quiet

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        method = environ.get("REQUEST_METHOD")
        status = str(resp.status).split(None, 1)[0] if resp.status else "-"
        method = method if method in METHODS else "-"
        route = environ.get("help.route", "-")  # set by the app; gunicorn's own errors have none
        seconds = f"{request_time.seconds}.{request_time.microseconds:06d}"
        line = f"{time.strftime('[%d/%b/%Y:%H:%M:%S %z]')} {method} {route} {status} {seconds}"
        self.access_log.info(line)  # a plain string: nothing else for logging to print on failure

    def _private(self, msg):
        if isinstance(msg, str) and msg.startswith(REQUEST_MESSAGES):
            return "request refused or failed (details withheld: they would be the visitor's)"
        return None

    def warning(self, msg, *args, **kwargs):
        quiet = self._private(msg)
        super().warning(*((quiet,) if quiet else (msg, *args)), **({} if quiet else kwargs))

    def exception(self, msg, *args, **kwargs):
        # A traceback can quote the request (locals, messages): the type is enough.
        if self._private(msg):
            exc = sys.exc_info()[1]
            self.error_log.error("request failed: %s", type(exc).__name__ if exc else "-")
        else:
            super().exception(msg, *args, **kwargs)

    def debug(self, msg, *args, **kwargs):
        if not self._private(msg):
            super().debug(msg, *args, **kwargs)


def pre_request(worker, req):
    """Replaces gunicorn's default, which logs the method and path at debug level.

    A body the app may refuse unread (too big for HELP_MAX_BODY_BYTES, or chunked,
    whose end is unknown) makes gunicorn close the connection after the response,
    so say "Connection: close" up front instead of a keep-alive it will not keep.
    """
    limit = int(os.environ.get("HELP_MAX_BODY_BYTES", 64 * 1024))
    for name, value in req.headers:  # one pass over the headers
        # gunicorn has checked that a Content-Length is all digits
        if name == "TRANSFER-ENCODING" or (name == "CONTENT-LENGTH" and int(value) > limit):
            req.force_close()
            return


ERROR_HEAD = (
    "HTTP/1.1 %d %s\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: %d\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\n"
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n\r\n"
)


def write_error(sock, status_int, reason, mesg):
    """gunicorn's raw error page, without its echo of the request (`mesg`)."""
    body = f"{status_int} {reason}. The request could not be read.\n".encode()
    util.write_nonblock(sock, (ERROR_HEAD % (status_int, reason, len(body))).encode("latin1") + body)


def install() -> None:
    util.write_error = write_error
