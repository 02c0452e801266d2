"""The app's URL scheme in one place, and links to its own pages that content data names by path.

Every page is one endpoint with a rule under each prefix: English at the root (/q),
Spanish under /es (/es/q), and both again inside the widget (/embed/<site>/q,
/embed/<site>/es/q). `lang` (core/lang.py) and `site` (core/widget.py) are pulled
out of the URL values and pushed back by url_defaults, so url_for("flow.plan") stays in
the page's language and widget. A mount prefix (SCRIPT_NAME, set by ProxyFix from
X-Forwarded-Prefix) comes before all of them.
"""

from __future__ import annotations

from flask import current_app, url_for

from app.web.core import lang

LANG = f"/<{lang.CONVERTER}:lang>"
# The prefixes every page is also served under; the plain rule is the English page.
PREFIXES = (LANG, "/embed/<site>", f"/embed/<site>{LANG}")


def mount(app, bp) -> None:
    """Register `bp`, and serve each of its pages under every prefix, with the same endpoint."""
    app.register_blueprint(bp)
    for rule in [r for r in app.url_map.iter_rules() if r.endpoint.startswith(f"{bp.name}.")]:
        for prefix in PREFIXES:
            # OPTIONS and HEAD left out: Flask and Werkzeug add them as for the plain rule.
            app.add_url_rule(f"{prefix}{rule.rule}", rule.endpoint, methods=rule.methods - {"OPTIONS", "HEAD"},
                             strict_slashes=rule.strict_slashes, defaults=rule.defaults)


def page_url(path: str) -> str:
    """The URL of a page content names by path (like /letters/kit), in this page's language
    and widget, under the mount prefix."""
    endpoint, values = current_app.url_map.bind("localhost").match(path, method="GET")
    return url_for(endpoint, **values)

