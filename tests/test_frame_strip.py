"""The help strip on every page: 911 first, then the 988 Lifeline with calling and texting
said apart (each language's own way from the content data), then the image abuse helpline.
The numbers and keywords come from the content, never from the catalog."""

from __future__ import annotations

import dataclasses
import re

import pytest

from app import create_app
from app.web.core.page_context import site_context
from config import TestConfig
from tests.conftest import find_all, parse, text_of

PAGES = [("get", "/", None), ("post", "/q", {"_q": "danger"}), ("post", "/plan", {}), ("get", "/guides/", None),
         ("get", "/nope", None), ("get", "/embed/preview/", None), ("post", "/embed/preview/q", {"_q": "danger"})]


def strip_of(client, method, path, data):
    response = getattr(client, method)(path, data=data) if data is not None else client.get(path)
    tree = parse(response.data)
    strips = [a for a in find_all(tree, "aside") if a.get("class") == "strip"]
    assert len(strips) == 1, path
    return strips[0]


def links(strip) -> list[str]:
    return [a.get("href") for a in strip.iter("{http://www.w3.org/1999/xhtml}a")]


@pytest.mark.parametrize("method,path,data", PAGES)
def test_911_comes_first_on_every_page_in_english(client, directory, method, path, data):
    strip = strip_of(client, method, path, data)
    text = text_of(strip)
    emergency = directory.entries["emergency"].phone
    assert links(strip)[0] == f"tel:{emergency}"
    assert text.startswith(f"In danger now? Call {emergency}.")
    assert "Call or text 988 (24/7)." in text
    assert links(strip) == ["tel:911", "tel:988", "tel:18448782274"]


@pytest.mark.parametrize("method,path,data", PAGES)
def test_spanish_strip_says_call_and_text_apart_from_the_data(client, directory, method, path, data):
    path = path.replace("/embed/preview/", "/embed/preview/es/") if "embed" in path else "/es" + path
    strip = strip_of(client, method, path, data)
    text = text_of(strip)
    block = directory.entries["crisis-988"].help_in("es")
    assert links(strip)[0] == "tel:911"
    assert text.startswith("¿En peligro ahora? Llama al 911.")
    assert block.text and f"{block.text}." in text  # "Envía AYUDA al 988": the Spanish entry's own fact
    # never the old mix: "press 2" is for calls, and no line says to call *or* text with it
    assert "manda un texto" not in text and "marca 2)" not in text
    assert links(strip)[:2] == ["tel:911", "tel:988"]


def test_no_strip_msgid_holds_a_fact():
    """The strip's words are in the catalog; its numbers and keywords are not (they are data)."""
    from pathlib import Path

    base = (Path(__file__).resolve().parents[1] / "templates" / "base.html").read_text()
    strip = base[base.index('<aside class="strip"'):base.index("</aside>")]
    msgids = re.findall(r"_\(['\"](.*?)['\"][,)]", strip)
    assert msgids, "the strip's msgids were not found"
    for msgid in msgids:
        assert not re.search(r"\d{3}|https?:|@|\b[A-Z]{3,}\b", msgid), msgid


@pytest.fixture
def fresh_app():
    return create_app(TestConfig)


def test_a_language_call_instruction_from_the_data_is_shown_with_its_number_linked(fresh_app):
    """When the content gives the Spanish way to call (`call = "Llama al 988 y marca 2"` in the
    entry's `[resource.es]`), the strip shows it, its number a link, instead of a plain "Llama al 988"."""
    app = fresh_app
    entries = app.extensions["directory"].entries
    lifeline = entries["crisis-988"]

    class WithCall:
        def __init__(self, block):
            self.text, self.call = block.text, "Llama al 988 y marca 2 <b>"

    entries["crisis-988"] = dataclasses.replace(lifeline, es=WithCall(lifeline.es))
    app.extensions.pop("site_context", None)
    try:
        site = site_context(app)
        assert str(site["lines"]["es"]["call"]) == 'Llama al <a href="tel:988">988</a> y marca 2 &lt;b&gt;'
        strip = strip_of(app.test_client(), "get", "/es/", None)
        assert "Llama al 988 y marca 2 <b>. Envía AYUDA al 988." in text_of(strip)
        assert site["lines"]["en"] == {"call": None, "text": None}
    finally:
        entries["crisis-988"] = lifeline
        app.extensions.pop("site_context", None)
