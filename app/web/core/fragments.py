"""`{% once "name", key... %}...{% endonce %}`: a part of a template rendered once per place.

Some parts of a page are the same on every page of a language and place: the help strip, the
footer, a referral card. A template marks such a part with `once` and the keys its output
depends on besides the place (a card names its referral); the place (language, widget site,
mount prefix) is added to the key here, so a part is never shown where its links or words
would differ. The part is still the template's own output: the first request renders it,
later ones reuse those exact characters. Only content goes into a key, never an answer: a part
whose keys hold None is rendered every time. Where templates reload (`make dev`) nothing is
kept, so an edit shows on the next page load.
"""

from __future__ import annotations

from flask import g, request
from jinja2 import nodes
from jinja2.ext import Extension

MAX_PARTS = 4096  # every part of every page in every language and widget, many times over


def place() -> tuple:
    """What every part depends on besides its own keys: the page's language, widget and prefix
    (worked out once per request, kept in its WSGI environ, which dies with it)."""
    environ = request.environ
    found = environ.get("help.place")
    if found is None:
        found = environ["help.place"] = (g.get("lang"), g.get("embed_site"), request.script_root)
    return found


class OnceExtension(Extension):
    tags = {"once"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(once_parts={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        keys = [nodes.Const(parser.name), nodes.Const(lineno), parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endonce",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", [nodes.Tuple(keys, "load")]), [], [], body).set_lineno(lineno)

    def _render(self, keys: tuple, caller):
        environment = self.environment
        if environment.auto_reload or None in keys:
            return caller()
        key = (keys, place())
        parts = environment.once_parts
        found = parts.get(key)
        if found is None:
            found = caller()
            if len(parts) < MAX_PARTS:
                parts[key] = found
        return found
