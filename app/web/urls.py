"""Links to the app's own pages that content data names by path (internal referrals).

A path is matched to its endpoint and built again with url_for, so it gets the mount
prefix (SCRIPT_NAME, set by ProxyFix from X-Forwarded-Prefix) and the widget's site.
"""

from __future__ import annotations

from flask import current_app, url_for


def page_url(path: str) -> str:
    endpoint, values = current_app.url_map.bind("localhost").match(path, method="GET")
    return url_for(endpoint, **values)
