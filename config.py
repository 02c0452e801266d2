"""Settings, read from environment variables (documented in the README).

The app keeps no state and signs nothing, so it needs no secret key.
"""

import os


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError as exc:
        raise RuntimeError(f"{name} must be a whole number") from exc


class Config:
    # Where the quick-exit control sends people: a neutral, non-personalised page.
    EXIT_URL = os.environ.get("HELP_EXIT_URL", "https://www.weather.gov/")
    # Reverse proxies in front of the app whose X-Forwarded-* headers we trust.
    PROXY_HOPS = _int("HELP_PROXY_HOPS", 0)
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
    BABEL_TRANSLATION_DIRECTORIES = "../translations"
    JSON_SORT_KEYS = False
    SITE_NAME = "Help guide"


class TestConfig(Config):
    TESTING = True
