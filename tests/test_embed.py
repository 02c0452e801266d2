"""The embeddable widget: per-site framing headers, unknown sites, links that stay inside."""

import base64
import gzip
import hashlib
import re

import pytest

import config
from app import create_app
from tests.conftest import assert_page_invariants, assert_stays_under, find_all, parse

ORIGINS = ("https://uni.example", "https://help.shelter.example:8443")


@pytest.fixture(scope="module")
def embed_client():
    class EmbedConfig(config.TestConfig):
        EMBED_SITES = {"uni": ORIGINS, "other": ("https://other.example",)}

    return create_app(EmbedConfig).test_client()


def frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]+)", response.headers["Content-Security-Policy"]).group(1)


@pytest.mark.parametrize("method,path,data", [
    ("get", "/embed/uni/", None), ("get", "/embed/uni/guides/law", None), ("get", "/embed/uni/q", None),
    ("post", "/embed/uni/q", {"_q": "danger", "danger": "no"}), ("post", "/embed/uni/plan", {}),
    ("get", "/embed/uni/letters/removal", None),
])
def test_embed_pages_are_framable_by_exactly_the_sites_origins(embed_client, method, path, data):
    response = getattr(embed_client, method)(path, data=data) if data is not None else embed_client.get(path)
    assert response.status_code == 200
    assert frame_ancestors(response) == " ".join(ORIGINS)
    assert "X-Frame-Options" not in response.headers
    tree = assert_page_invariants(response)
    assert_stays_under(tree, "/embed/uni/")
    assert tree.get("data-origins") == " ".join(ORIGINS)
    assert not list(t for t in find_all(tree, "header"))  # compact: no site header


def test_unknown_site_is_404_and_not_framable(embed_client):
    response = embed_client.get("/embed/nobody/")
    assert response.status_code == 404
    assert frame_ancestors(response) == "'none'" and response.headers["X-Frame-Options"] == "DENY"
    assert_page_invariants(response)


def test_other_pages_keep_frame_ancestors_none(embed_client):
    for path in ("/", "/guides/", "/embed/help", "/api/v1/questions"):
        response = embed_client.get(path)
        assert frame_ancestors(response) == "'none'"


def test_embed_plan_links_internal_tools_inside_the_widget(embed_client):
    response = embed_client.post("/embed/uni/plan", data={"situation": "shared", "where": "social"})
    tree = parse(response.data)
    hrefs = [a.get("href") for a in find_all(tree, "a")]
    assert "/embed/uni/letters/removal" in hrefs


def test_help_page_and_loader(embed_client):
    page = embed_client.get("/embed/help")
    tree = assert_page_invariants(page)
    text = "".join(tree.itertext())
    # which organisations embed the guide is theirs to say: no site id on the page (issue 27)
    assert re.search(r"\buni\b", text) is None and 'data-site="uni"' not in text and 'data-site="other"' not in text
    assert '/embed.js" data-site="SITE-ID" data-lang="en" async></script>' in text
    assert "<iframe src=" in text and 'referrerpolicy="no-referrer"' in text and "/embed/SITE-ID/" in text
    assert "script-src … http://localhost" in text and "frame-src … http://localhost" in text  # the CSP additions
    assert "docs/embedding.md" in text
    assert any(f.get("src") == "/embed/preview/" for f in find_all(tree, "iframe"))
    preview = embed_client.get("/embed/preview/")
    assert frame_ancestors(preview) == "'self'"
    loader = embed_client.get("/embed.js")
    assert loader.status_code == 200 and loader.mimetype == "text/javascript"
    assert loader.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert loader.headers["Cache-Control"] == "public, max-age=3600"
    assert loader.data == embed_client.get("/embed.js").data  # the same bytes each time: a pinned copy's SRI holds
    assert loader.headers["Access-Control-Allow-Origin"] == "*"  # SRI on a cross-origin script needs CORS
    digest = base64.b64encode(hashlib.sha384(loader.data).digest()).decode()
    assert f'integrity="sha384-{digest}" crossorigin="anonymous"' in text


def test_the_loaders_refusal_names_911_and_988_from_the_content(embed_client, directory):
    code = embed_client.get("/embed.js").get_data(as_text=True)
    for entry in ("emergency", "crisis-988"):
        assert f'"tel:{directory.entries[entry].phone}"' in code
    assert "This guide cannot open here." in code and "Esta guía no se puede abrir aquí." in code


@pytest.mark.parametrize("site,known,origins", [
    ("uni", True, " ".join(ORIGINS)), ("nobody", False, ""), ("preview", True, "http://localhost")])
def test_the_check_page_may_be_framed_anywhere_and_says_only_what_is_known(embed_client, site, known, origins):
    response = embed_client.get(f"/embed-check/{site}")
    assert response.status_code == 200
    assert frame_ancestors(response) == "*" and "X-Frame-Options" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    tree = parse(response.data)
    assert ("data-known" in tree.attrib) == known and tree.get("data-origins") == origins
    assert "".join(tree.itertext()).strip() == "Help guide"  # nothing to read but its title


def test_loader_size_budget(embed_client):
    size = len(gzip.compress(embed_client.get("/embed.js").data, compresslevel=9))
    print(f"\nembed.js gzip: {size} bytes")
    # 5 KiB: it now also refuses in words, in both languages, and says why in the console (issue 27)
    assert size <= 5120


def test_loader_hygiene(app):
    """The loader reads nothing from the host page and never posts to '*'."""
    source = open(app.static_folder + "/embed.js").read()
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    for forbidden in ("document.cookie", "localStorage", "sessionStorage", "document.referrer",
                      "document.title", "location.href", "location.search", "location.pathname", "fetch(",
                      "XMLHttpRequest", "sendBeacon", "new Image", "WebSocket", 'postMessage(', "'*'", '"*"'):
        if forbidden == "postMessage(":
            assert all(", origin)" in line for line in code.splitlines() if "postMessage(" in line)
        else:
            assert forbidden not in code, forbidden
    # The page's origin is read for one thing: the console line that names it for the web team.
    assert code.count("location.origin") == 1 and "var page = location.origin;" in code
    site_js = open(app.static_folder + "/site.js").read()
    assert "postMessage(message, host)" in site_js and "'*'" not in site_js and '"*"' not in site_js
    check_js = open(app.static_folder + "/embed-check.js").read()
    assert "postMessage(" in check_js and "'*'" not in check_js and '"*"' not in check_js


@pytest.mark.parametrize("spec,error", [
    ("uni=*", "exact origin"), ("uni=https://a.example/path", "exact origin"), ("Uni=https://a.example", "site id"),
    ("uni=", "no origins"), ("uni=https:", "exact origin"),
])
def test_embed_site_config_is_validated(spec, error):
    with pytest.raises(RuntimeError, match=error):
        config.parse_embed_sites(spec)


def test_embed_site_config_parses():
    assert config.parse_embed_sites("a=https://a.example http://localhost:8000; b=https://b.example") == {
        "a": ("https://a.example", "http://localhost:8000"), "b": ("https://b.example",)}
