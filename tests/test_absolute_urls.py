"""Absolute links (hreflang alternates, the sitemap, robots.txt, the embed snippets, the API's
server) name the scheme and host of the request as the trusted proxy reports it, every time:
also for a page the page cache keeps (app/web/core/page_cache.py)."""

from __future__ import annotations

import pytest

from app import create_app
from config import TestConfig


class TwoHosts(TestConfig):
    TRUSTED_HOSTS = ["help.example.org", "help.example.net"]
    PROXY_HOPS = 1


HOSTS = [  # (what the proxy forwards, what the links must start with)
    ({"X-Forwarded-Host": "help.example.org", "X-Forwarded-Proto": "https"}, "https://help.example.org"),
    ({"X-Forwarded-Host": "help.example.net", "X-Forwarded-Proto": "http"}, "http://help.example.net"),
]


@pytest.fixture(scope="module")
def client():
    return create_app(TwoHosts).test_client()


def get(client, path: str, headers: dict) -> str:
    response = client.get(path, headers=headers, base_url="http://127.0.0.1")
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("rounds", [2])
def test_each_request_gets_links_to_its_own_host(client, rounds):
    for _ in range(rounds):  # the second round is served from the page cache
        for headers, origin in HOSTS:
            other = next(o for h, o in HOSTS if o != origin)
            for path in ("/", "/es/guides/", "/guides/safety"):
                page = get(client, path, headers)
                assert f'hreflang="x-default" href="{origin}/' in page and other not in page, path
            assert f"Sitemap: {origin}/sitemap.xml" in get(client, "/robots.txt", headers)
            sitemap = get(client, "/sitemap.xml", headers)
            assert f"<loc>{origin}/</loc>" in sitemap and other not in sitemap
            embed_help = get(client, "/embed/help", headers)
            assert f"{origin}/embed.js" in embed_help and other not in embed_help
            assert client.get("/api/v1/openapi.json", headers=headers).json["servers"] == [{"url": origin}]


def test_a_host_not_trusted_gets_no_page_naming_it(client):
    response = client.get("/", headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"},
                          base_url="http://127.0.0.1")
    assert response.status_code == 400 and b"evil.example" not in response.data
