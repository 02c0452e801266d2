"""Being found: search engines may list the start page and the guides, nothing else,
and one setting (HELP_INDEXING=0) turns that off. No analytics, ever."""

import re

import pytest
from werkzeug.datastructures import MultiDict

import config
from app import create_app
from tests.conftest import find_all, parse
from tests.page_states import states

INDEXABLE = {"start", "guides"}  # and every guide-<slug>


@pytest.fixture(scope="module")
def guide_slugs(directory):
    return sorted(directory.guides)


def robots_meta(tree) -> tuple[str | None, str | None]:
    metas = {m.get("name"): m.get("content") for m in find_all(tree, "meta") if m.get("name")}
    return metas.get("robots"), metas.get("description")


def fetch(client, method, path, fields):
    return client.post(path, data=MultiDict(fields)) if method == "POST" else client.get(path)


def test_only_the_start_page_and_guides_may_be_listed(client, guide_slugs):
    for name, method, path, fields in states(guide_slugs):
        robots, description = robots_meta(parse(fetch(client, method, path, fields).data))
        if name in INDEXABLE or name.startswith("guide-"):
            assert robots is None, name
            # a plain description for the search result: a sentence or two, not a keyword list
            assert description and 50 <= len(description) <= 170, (name, description)
        else:  # questions, check, plan, letters, errors
            assert robots == "noindex" and description is None, name


def test_every_guide_has_its_own_description(client, guide_slugs):
    descriptions = [robots_meta(parse(client.get(f"/guides/{slug}").data))[1] for slug in guide_slugs]
    assert len(set(descriptions)) == len(guide_slugs)


@pytest.fixture(scope="module")
def embed_client():
    class EmbedConfig(config.TestConfig):
        EMBED_SITES = {"uni": ("https://uni.example",)}

    return create_app(EmbedConfig).test_client()


@pytest.mark.parametrize("path", ["/embed/uni/", "/embed/uni/guides/", "/embed/uni/guides/law"])
def test_embedded_copies_are_never_listed(embed_client, path):
    assert robots_meta(parse(embed_client.get(path).data)) == ("noindex", None)


def test_robots_txt_and_sitemap_list_the_guides(client, guide_slugs):
    robots = client.get("/robots.txt")
    assert robots.mimetype == "text/plain" and "Set-Cookie" not in robots.headers
    assert "Disallow: /\n" not in robots.get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in robots.get_data(as_text=True)
    sitemap = client.get("/sitemap.xml")
    assert sitemap.mimetype == "application/xml"
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap.get_data(as_text=True))
    english = [u for u in urls if not u.startswith("http://localhost/es/")]
    assert english[:2] == ["http://localhost/", "http://localhost/guides/"]
    assert sorted(english[2:]) == [f"http://localhost/guides/{slug}" for slug in guide_slugs]
    # each in Spanish too (tests/test_lang_routing.py checks the alternates)
    assert sorted(set(urls) - set(english)) == sorted(u.replace("localhost/", "localhost/es/", 1) for u in english)
    for url in urls:  # every listed page exists and may be listed
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200 and robots_meta(parse(response.data))[0] is None
    # only at the root, not inside the widget
    assert client.get("/embed/uni/robots.txt").status_code == 404


def test_one_setting_turns_indexing_off(monkeypatch, guide_slugs):
    monkeypatch.setenv("HELP_INDEXING", "0")
    import importlib

    fresh = importlib.reload(config)
    try:
        assert fresh.Config.INDEXING is False
        client = create_app(fresh.TestConfig).test_client()
        assert client.get("/robots.txt").get_data(as_text=True) == "User-agent: *\nDisallow: /\n"
        assert client.get("/sitemap.xml").status_code == 404
        for name, method, path, fields in states(guide_slugs):
            assert robots_meta(parse(fetch(client, method, path, fields).data)) == ("noindex", None), name
    finally:
        monkeypatch.delenv("HELP_INDEXING")
        importlib.reload(config)


def test_no_analytics_or_third_party_scripts(client, guide_slugs):
    for name, method, path, fields in states(guide_slugs):
        html = fetch(client, method, path, fields).get_data(as_text=True)
        for src in re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", html):
            assert src.startswith("/static/"), (name, src)
        assert not re.search(r"google-analytics|googletagmanager|gtag\(|plausible|matomo|_paq|fbq\(", html), name
