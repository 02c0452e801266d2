"""Security and privacy headers on every response.

A small module of our own rather than flask-talisman: Talisman's maintained fork
has been quiet since 2023, it redirects to HTTPS and styles session cookies
(we set none), and it does not set Cache-Control. What we need is a dozen
lines, and tests pin every header so nothing weakens silently.
"""

from __future__ import annotations

from flask import abort, current_app, g, request

PERMISSIONS = ", ".join(f"{f}=()" for f in (
    "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation",
    "gyroscope", "hid", "interest-cohort", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-get", "serial", "usb", "xr-spatial-tracking",
))


def limit_form_fields():
    """Werkzeug caps multipart parts only; cap url-encoded fields too (friendly 413)."""
    req = request._get_current_object()
    if req.method == "POST" and req.mimetype == "application/x-www-form-urlencoded":
        if sum(map(len, req.form.listvalues())) > current_app.config["MAX_FORM_PARTS"]:
            abort(413)


def content_security_policy(frame_ancestors: str = "'none'") -> str:
    return _CSP_HEAD + frame_ancestors


# The policy before its one variable part, joined once (it is sent with every response).
# Scripts: this origin's files only (the pages have no inline script, so no nonce or hash).
_CSP_HEAD = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors ",
))


# Sent with every response, whatever it is.
_ALWAYS = (
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Permissions-Policy", PERMISSIONS),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def set_headers(response):
    headers = response.headers
    req = request._get_current_object()  # one context lookup, not one per read
    # For the access log (app/serving.py): the route pattern, never the path a person typed.
    req.environ["help.route"] = req.url_rule.rule if req.url_rule else "-"
    present = {name.lower() for name, _ in headers}
    if "location" in present:
        location = headers["Location"]
        if location.startswith(req.host_url):
            # Werkzeug's slash redirects are absolute; a path is enough and names no host.
            headers["Location"] = "/" + location.removeprefix(req.host_url)
    ours = []
    origins = g.get("embed_origins")
    if origins and response.status_code != 404:
        # Embedded pages: framable by exactly the site's origins. No X-Frame-Options,
        # which cannot list origins and would override frame-ancestors in old browsers.
        ours.append(("Content-Security-Policy", content_security_policy(" ".join(origins))))
    else:
        ours += [("Content-Security-Policy", content_security_policy()), ("X-Frame-Options", "DENY")]
    ours += _ALWAYS
    if "cross-origin-resource-policy" not in present:  # the widget's loader sets its own
        ours.append(("Cross-Origin-Resource-Policy", "same-origin"))
    if req.is_secure:
        ours.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    endpoint = req.endpoint
    if endpoint == "static" and response.status_code in (200, 304):
        # Static files are public and versioned by a content hash in the URL.
        ours.append(("Cache-Control", "public, max-age=31536000, immutable"))
    elif endpoint != "embed.loader":  # the loader sets its own short public cache
        ours += [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
    _put(headers, ours, present)
    if "set-cookie" in present:  # belt and braces: nothing here ever sets a cookie
        headers.remove("Set-Cookie")
    return response


def _put(headers, pairs, present: set[str]) -> None:
    """`headers[name] = value` for each pair: replaced where the view set one (`present`: the
    names it set, lower-case), else added (most responses have none of them yet, and adding
    does not search the list for each)."""
    added = []
    for name, value in pairs:
        if name.lower() in present:
            headers[name] = value
        else:
            added.append((name, value))
    headers.extend(added)


def init_app(app) -> None:
    app.before_request(limit_form_fields)
    app.after_request(set_headers)
