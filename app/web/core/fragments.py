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
    """Compiles `{% once "name", key... %}body{% endonce %}` to: look the part up; if it is not
    kept, render the body and keep it (a plain if/else in the template's own code, so a kept
    part costs one lookup). The place comes from the template's context (`once_place`, given
    once per render by core/page_context.py), else from the request."""

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
        key = nodes.Tuple(keys, "load")
        found, fresh = f"once_found_{lineno}", f"once_fresh_{lineno}"
        keep = self.call_method("_keep", [key, nodes.ContextReference(), nodes.Name(fresh, "load")])
        return [
            nodes.Assign(nodes.Name(found, "store"),
                         self.call_method("_kept", [key, nodes.ContextReference()])).set_lineno(lineno),
            nodes.If(nodes.Test(nodes.Name(found, "load"), "none", [], [], None, None),
                     [nodes.AssignBlock(nodes.Name(fresh, "store"), None, body), nodes.Output([keep])],
                     [], [nodes.Output([nodes.Name(found, "load")])]).set_lineno(lineno),
        ]

    def _kept(self, keys: tuple, context):
        """The part kept under these keys in this place, or None."""
        environment = self.environment
        if environment.auto_reload or None in keys:
            return None
        return environment.once_parts.get((keys, context.get("once_place") or place()))

    def _keep(self, keys: tuple, context, part):
        environment = self.environment
        parts = environment.once_parts
        if not environment.auto_reload and None not in keys and len(parts) < MAX_PARTS:
            parts[keys, context.get("once_place") or place()] = part
        return part
