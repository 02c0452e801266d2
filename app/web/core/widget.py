"""Which widget a request is in: the <site> of /embed/<site>/..., pulled from the URL values
and pushed back into url_for, so a page's links and forms stay inside the widget without its
view or template knowing about it (as app/web/core/lang.py does for the language).

An embedded page is an ordinary page served under /embed/<site>/: it carries no extra state,
and its CSP frame-ancestors lists exactly that site's origins (app/web/core/security.py).
"""

from __future__ import annotations

import logging

from flask import abort, current_app, g

from app import directory, local_contacts

PREVIEW_SITE = "preview"  # built in: framable by this app only, for the live preview on /embed/help


def allowed_origins(site: str) -> tuple[str, ...] | None:
    if site == PREVIEW_SITE:
        return ("'self'",)
    return current_app.config["EMBED_SITES"].get(site)


def _pull_site(endpoint, values):
    """Take <site> out of the URL values so the shared views need not know about it."""
    g.pop("embed_site", None)  # where one app context serves several requests (the test client)
    g.pop("embed_origins", None)
    if values and "site" in values:
        site = values.pop("site")
        origins = allowed_origins(site)
        if origins is None:
            abort(404)
        g.embed_site, g.embed_origins = site, origins


def _push_site(endpoint, values):
    """Keep links inside the widget: url_for gets the current site unless it names one."""
    site = g.get("embed_site")
    if site and "site" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "site"):
        values["site"] = site


def _widget() -> dict:
    return {"embed": bool(g.get("embed_site")),
            "embed_origins": [o for o in g.get("embed_origins", ()) if o != "'self'"]}


def init_app(app) -> None:
    # The organisations' own contacts, validated now: a bad file stops start-up, as bad content does.
    contacts = local_contacts.load(app.config.get("LOCAL_CONTACTS"), app.config["EMBED_SITES"], directory.LANGUAGES)
    for warning in contacts.warnings:
        logging.getLogger(__name__).warning("HELP_LOCAL_CONTACTS: %s", warning)
    app.extensions[local_contacts.KEY] = contacts
    app.url_value_preprocessor(_pull_site)
    app.url_defaults(_push_site)
    app.context_processor(_widget)
