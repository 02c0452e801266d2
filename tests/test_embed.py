"""The embeddable widget: per-site framing headers, unknown sites, links that stay inside."""

import gzip
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
    assert '/embed.js" data-site="other" async></script>' in text  # the first site id, sorted
    assert "<iframe src=" in text and 'referrerpolicy="no-referrer"' in text
    assert any(f.get("src") == "/embed/preview/" for f in find_all(tree, "iframe"))
    preview = embed_client.get("/embed/preview/")
    assert frame_ancestors(preview) == "'self'"
    loader = embed_client.get("/embed.js")
    assert loader.status_code == 200 and loader.mimetype == "text/javascript"
    assert loader.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert loader.headers["Cache-Control"] == "public, max-age=3600"


def test_loader_size_budget(embed_client):
    size = len(gzip.compress(embed_client.get("/embed.js").data, compresslevel=9))
    print(f"\nembed.js gzip: {size} bytes")
    # 3 KiB: it now draws the dialog's own quick exit, traps focus and lays out for phones (issue 11)
    assert size <= 3072


def test_loader_hygiene(app):
    """The loader reads nothing from the host page and never posts to '*'."""
    source = open(app.static_folder + "/embed.js").read()
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    for forbidden in ("document.cookie", "localStorage", "sessionStorage", "document.referrer",
                      "document.title", "location.href", "location.search", 'postMessage(', "'*'", '"*"'):
        if forbidden == "postMessage(":
            assert all(", origin)" in line for line in code.splitlines() if "postMessage(" in line)
        else:
            assert forbidden not in code, forbidden
    site_js = open(app.static_folder + "/site.js").read()
    assert "postMessage(message, host)" in site_js and "'*'" not in site_js and '"*"' not in site_js


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
