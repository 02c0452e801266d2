"""Settings, read from environment variables (documented in the README).

The app keeps no state and signs nothing, so it needs no secret key.
"""

import os
import re
from pathlib import Path


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError as exc:
        raise RuntimeError(f"{name} must be a whole number") from exc


def parse_embed_sites(spec: str) -> dict[str, tuple[str, ...]]:
    """HELP_EMBED_SITES="uni=https://uni.example https://www.uni.example;shelter=https://shelter.example"

    Each site id maps to the exact origins allowed to frame the guide. No wildcards,
    no paths, no scheme-only sources: CSP frame-ancestors gets exactly these.
    """
    sites: dict[str, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        site, _, origins = part.partition("=")
        site = site.strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", site):
            raise RuntimeError(f"HELP_EMBED_SITES: bad site id {site!r} (lower-case letters, digits, dashes)")
        allowed = tuple(origins.split())
        if not allowed:
            raise RuntimeError(f"HELP_EMBED_SITES: site {site!r} lists no origins")
        for origin in allowed:
            if not re.fullmatch(r"https?://[a-z0-9.-]+(:\d{1,5})?", origin):
                raise RuntimeError(f"HELP_EMBED_SITES: {origin!r} for {site!r} must be an exact origin "
                                   "like https://example.org (no path, no wildcard)")
        sites[site] = allowed
    return sites


class Config:
    # Where the quick-exit control sends people: a neutral, non-personalised page.
    EXIT_URL = os.environ.get("HELP_EXIT_URL", "https://www.weather.gov/")
    # Reverse proxies in front of the app whose X-Forwarded-* headers we trust.
    PROXY_HOPS = _int("HELP_PROXY_HOPS", 0)
    # Host names this app answers to (HELP_TRUSTED_HOSTS="help.example.org www.help.example.org";
    # a leading dot allows subdomains). Any other Host gets a 400, so no page, redirect or
    # snippet ever names a host an attacker chose. The default suits one machine.
    TRUSTED_HOSTS = os.environ.get("HELP_TRUSTED_HOSTS", "localhost 127.0.0.1").replace(",", " ").split()
    LOG_LEVEL = os.environ.get("HELP_LOG_LEVEL", "WARNING").upper()
    # Bodies are small: a whole walk is a few hundred bytes. 64 KiB leaves room
    # for the letter forms and still turns away floods with a friendly 413.
    MAX_CONTENT_LENGTH = _int("HELP_MAX_BODY_BYTES", 64 * 1024)
    MAX_FORM_PARTS = _int("HELP_MAX_FORM_FIELDS", 200)
    MAX_FORM_MEMORY_SIZE = MAX_CONTENT_LENGTH
    # Flask-WTF's CSRF token lives in the session cookie; we set no cookies at
    # all, and nothing here changes server state, so CSRF protection has nothing
    # to protect. If a form ever changes state, use a signed hidden token plus
    # Origin / Sec-Fetch-Site checks instead (see docs/architecture.md).
    WTF_CSRF_ENABLED = False
    BABEL_DEFAULT_LOCALE = "en"
    SITE_NAME = "Help guide"
    # Search engines may list the start page and the guides (never questions, plans,
    # letters or embedded pages). HELP_INDEXING=0 turns it off (staging, private deployments).
    INDEXING = os.environ.get("HELP_INDEXING", "1").strip().lower() not in ("0", "false", "no", "off")
    # Sites allowed to embed the guide, and the origins each may frame it from.
    EMBED_SITES = parse_embed_sites(os.environ.get("HELP_EMBED_SITES", ""))
    # The embedding organisations' own contacts (app/local_contacts.py, docs/embedding.md): a TOML
    # file the operator keeps, validated at start-up. Unset: the widget shows the national lines only.
    LOCAL_CONTACTS = os.environ.get("HELP_LOCAL_CONTACTS") or None
    # The content files (resources, platforms, states, guides, laws: docs/content.md), validated
    # at start-up. Another directory serves a reviewed copy (staging, tests).
    CONTENT_DIR = Path(os.environ.get("HELP_CONTENT_DIR") or Path(__file__).resolve().parent / "app" / "content")


class TestConfig(Config):
    TESTING = True
