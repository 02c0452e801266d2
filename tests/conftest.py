"""Shared fixtures. Every HTML response fetched through `page()` is checked for the
invariants every page must keep (see `assert_page_invariants`)."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest
from werkzeug.datastructures import MultiDict

from app import create_app
from config import TestConfig

ROOT = Path(__file__).resolve().parents[1]
# Where pages come from: the shared layout and error pages, and each feature's own folder.
TEMPLATE_FOLDERS = (ROOT / "templates", *sorted((ROOT / "app" / "web").glob("*/templates")))


def template_files(pattern: str = "*.*") -> list[Path]:
    """Every template file matching `pattern`, in every template folder."""
    return sorted(path for folder in TEMPLATE_FOLDERS for path in folder.rglob(pattern))

NS = "{http://www.w3.org/1999/xhtml}"
SITE = "Help guide"
TOPIC_WORDS = re.compile(r"revenge|porn|nude|sextort|deepfake|intimate|abuse", re.I)


def app_with_catalog(folder, catalog, **settings):
    """An app whose Spanish catalog is `catalog` (a Babel Catalog, or {msgid: Spanish}),
    written to `folder` as a compiled .mo; `settings` are extra config. A generator for
    fixtures: Flask-Babel keeps loaded catalogs on the one Babel object every app of the
    process shares, so it starts from none and leaves none of its own behind."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from app.i18n import babel

    if not isinstance(catalog, Catalog):
        messages, catalog = catalog, Catalog(locale="es")
        for msgid, text in messages.items():
            catalog.add(msgid, text)
    (folder / "es" / "LC_MESSAGES").mkdir(parents=True)
    with open(folder / "es" / "LC_MESSAGES" / "messages.mo", "wb") as out:
        write_mo(out, catalog)
    config = type("CatalogConfig", (TestConfig,), {"BABEL_TRANSLATION_DIRECTORIES": str(folder), **settings})
    app = create_app(config)
    with app.app_context():
        cache = babel.domain_instance.cache
    cache.clear()
    yield app
    cache.clear()


@pytest.fixture(scope="session")
def app():
    return create_app(TestConfig)


@pytest.fixture(scope="session")
def directory(app):
    return app.extensions["directory"]


def parse(html: bytes):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(html)


def find_all(tree, tag: str):
    return tree.iter(f"{NS}{tag}")


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


def assert_stays_under(tree: ElementTree.Element, prefix: str) -> None:
    """Every form and every link to this app stays under `prefix` (the widget's, for one)."""
    for form in find_all(tree, "form"):
        assert form.get("action").startswith(prefix), form.get("action")
    for link in find_all(tree, "a"):
        href = link.get("href")
        assert not href.startswith("/") or href.startswith(prefix), href


def assert_page_invariants(response) -> ElementTree.Element:
    """What every HTML page must do, whatever its state."""
    assert response.mimetype == "text/html"
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    tree = parse(response.data)  # strict: raises on any HTML parse error
    h1s = list(find_all(tree, "h1"))
    assert len(h1s) == 1, f"expected one <h1>, found {len(h1s)}"
    title = text_of(next(find_all(tree, "title")))
    assert title.endswith(f"– {SITE}"), title
    assert not TOPIC_WORDS.search(title), title
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]
    for script in find_all(tree, "script"):
        assert script.get("src", "").startswith("/static/"), "no inline or third-party script"
    for form in find_all(tree, "form"):
        assert form.get("method") == "post", "answers only travel in POST bodies"
    for link in find_all(tree, "a"):
        href = link.get("href", "")
        if href.startswith("http"):
            assert "noreferrer" in link.get("rel", ""), href
    for el in tree.iter():
        for attr in ("src",):
            value = el.get(attr)
            if value:
                assert value.startswith("/") or value.startswith("data:"), f"third-party {attr}: {value}"
    for link in find_all(tree, "link"):
        if link.get("rel") == "alternate":  # hreflang alternates: absolute, as search engines want
            assert link.get("hreflang") in ("en", "es", "x-default"), link.get("hreflang")
            assert link.get("href", "").startswith(("http://", "https://")), link.get("href")
            continue
        assert link.get("href", "").startswith(("/", "data:")), "no third-party stylesheet or font"
    exit_link = next(el for el in find_all(tree, "a") if el.get("id") == "quick-exit")
    assert exit_link.get("target") == "_top" and "noreferrer" in exit_link.get("rel")
    return tree


@pytest.fixture
def page(client):
    """GET or POST a page and check its invariants; returns (response, tree)."""

    def fetch(path: str, data=None, status: int = 200):
        if isinstance(data, list):
            data = MultiDict(data)
        response = client.post(path, data=data) if data is not None else client.get(path)
        assert response.status_code == status, response.data[:500]
        return response, assert_page_invariants(response)

    return fetch


def form_fields(tree, action: str | None = None, button: tuple[str, str] | None = None) -> list[tuple[str, str]]:
    """The hidden fields a browser sends with the form posting to `action` that holds `button`
    (name, value). Without `button`: the page's own form, not the Back link's (which carries
    the answer being changed, so adding a new one to it would send two)."""
    for form in find_all(tree, "form"):
        if action is not None and form.get("action") != action:
            continue
        buttons = {(b.get("name"), b.get("value")) for b in form.iter(f"{NS}button")}
        if (button not in buttons) if button else buttons == {("_nav", "back")}:
            continue
        return [(i.get("name"), i.get("value")) for i in form.iter(f"{NS}input")
                if i.get("type") == "hidden"]
    raise AssertionError(f"no form posting to {action} with {button or 'a button other than Back'}")
