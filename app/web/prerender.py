"""Pages rendered once with holes, filled per response (issue 15).

A question page or a plan page is mostly the same for everyone who sees it in that language
and place (the site, or a widget site): the page frame, the question's words, each step's words
and links. What differs per response is small: the hidden fields that carry the answers, which
choices are ticked, the CSP nonce. So those pages are rendered once by their templates with a
*hole* where each such value goes, split at the holes, and each response joins the parts with
its own values: the same bytes the template gives, without running the template per request.

The parts are built from content only, before requests read them (see `build_in`): a hole
marker is random per process, so no content can contain one, and no value from a request ever
goes into a part. A request's values go only into the response it fills.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable, Iterable, Mapping

from flask import current_app, g, request
from markupsafe import Markup, escape

from app.web import form_state, urls

_TOKEN = secrets.token_hex(12)
_HOLE = re.compile(rf"hole-{_TOKEN}-(\w+)-")

Parts = tuple  # literal str at even indices, hole names at odd ones (re.split with one group)


def hole(name: str) -> Markup:
    """The marker for a hole named `name` (letters, digits, underscores): safe in any HTML
    context, unchanged by escaping."""
    return Markup(f"hole-{_TOKEN}-{name}-")


class Fields:
    """Stands for a list of hidden fields while a page is rendered with holes."""

    def __init__(self, name: str):
        self.name = name


def _tag(name: str, value: str) -> str:
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">\n'


# The flow's own fields (answer codes, question ids), each tag written once: a question or plan
# page carries a dozen. Built from the flow's content, never from a request.
_TAGS = {pair: _tag(*pair) for pair in form_state.known_pairs()}


def hidden_inputs(pairs: Iterable[tuple[str, str]] | Fields) -> Markup:
    """Hidden inputs for (name, value) pairs: how every page writes the fields it carries (a
    template global), and how a response fills a hole left for them."""
    if isinstance(pairs, Fields):
        return hole(pairs.name)
    tags = _TAGS
    return Markup("".join([tags.get(pair) or _tag(*pair) for pair in pairs]))


def split(html: str) -> Parts:
    return tuple(_HOLE.split(html))


def fill(parts: Parts, values: Mapping[str, str]) -> str:
    out = list(parts)
    out[1::2] = [values[name] for name in parts[1::2]]
    return "".join(out)


def own_base_url(app) -> str:
    """The address the app renders its own parts under: its first trusted host."""
    return f"http://{(app.config.get('TRUSTED_HOSTS') or ['localhost'])[0].lstrip('.')}"


def in_fresh_thread(work: Callable[[], object]):
    """`work()`'s result, run in a thread of its own: no request or app context of the
    caller's leaks into what it renders."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(work()))
    worker.start()
    worker.join()
    if not result:
        raise RuntimeError("rendering the app's own parts failed (see the error above)")
    return result[0]


def build_in(app, path: str, render: Callable[[], object]):
    """Run `render` in a request context of its own for `path` (a POST with no body, the
    nonce a hole), in a fresh thread, and return what it returns. URL values (language,
    widget site) are read from `path` as for any request."""
    def run():
        with app.test_request_context(path, method="POST", base_url=own_base_url(app),
                                      environ_overrides={"help.csp_nonce": str(hole("nonce"))}):
            app.preprocess_request()
            return render()

    return in_fresh_thread(run)


def place() -> tuple[str, str | None]:
    """Where this request's page lives: its language and widget site (None: the site itself)."""
    return g.get("lang"), g.get("embed_site")


def places(app, key: str, endpoint: str, build_place: Callable[[], object]) -> dict:
    """`build_place()` for every place, keyed by `place()`: run in a request for each POST URL
    of `endpoint` (one per language and widget site, urls.paths_of), made once per process
    under `key`: as each worker starts (warm.py), or at the first request that needs it."""
    def build(app):
        return dict(build_in(app, path, lambda: (place(), build_place()))
                    for path in urls.paths_of(app, endpoint, "POST"))
    return cached(app, key, build)


def for_request(key: str, endpoint: str, build_place: Callable[[], object]):
    """This request's place's parts, or None where parts are not used: not a POST (a GET page
    links to itself in each language), or under a mount prefix (its URLs differ per request)."""
    if request.method != "POST" or request.script_root:
        return None
    return places(current_app._get_current_object(), key, endpoint, build_place).get(place())


_lock = threading.Lock()


def cached(app, key: str, build: Callable[[object], dict]) -> dict:
    """`build(app)`'s result, made once per process under `key` (safe from any thread)."""
    found = app.extensions.get(key)
    if found is None:
        with _lock:
            found = app.extensions.get(key)
            if found is None:
                found = app.extensions[key] = build(app)
    return found
