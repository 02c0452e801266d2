"""Translation set-up. Language will live in the URL, never in a cookie."""

from flask_babel import Babel, gettext

babel = Babel()


def t(msgid: str | None, **params) -> str:
    """Translate a msgid declared elsewhere (engine or content data)."""
    if not msgid:
        return ""
    return gettext(msgid, **params)
