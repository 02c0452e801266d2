"""Privacy and safety rules that hold on every route."""

import logging

import pytest

from tests.conftest import TOPIC_WORDS, assert_page_invariants, find_all, parse

CANARY = "CANARY-7f3a"


def all_get_pages(app):
    pages = ["/", "/q", "/guides/"] + [f"/guides/{slug}" for slug in app.extensions["directory"].guides]
    return pages


def test_every_url_path_is_neutral(app):
    for rule in app.url_map.iter_rules():
        assert not TOPIC_WORDS.search(rule.rule), rule.rule
    for slug in app.extensions["directory"].guides:
        assert not TOPIC_WORDS.search(slug)


def test_every_get_page_keeps_the_invariants(app, client):
    for path in all_get_pages(app):
        assert_page_invariants(client.get(path))


def test_start_h1_is_neutral(client):
    tree = parse(client.get("/").data)
    assert not TOPIC_WORDS.search("".join(next(find_all(tree, "h1")).itertext()))


@pytest.mark.parametrize("method,path,status", [
    ("get", "/nope", 404), ("put", "/q", 405), ("get", "/plan", 405), ("post", "/guides/", 405),
])
def test_error_pages_are_friendly(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    tree = assert_page_invariants(response)
    text = "".join(tree.itertext())
    assert "Traceback" not in text and "Start again" in text
    assert "Quick exit" in text and "Need to talk now?" in text


def test_oversize_form_is_friendly_413(client):
    response = client.post("/q", data={"danger": "x" * 200_000})
    assert response.status_code == 413
    assert_page_invariants(response)


def test_too_many_fields_is_413_not_500(client):
    response = client.post("/q", data={f"f{i}": "x" for i in range(500)})
    assert response.status_code == 413


def test_unexpected_error_is_a_calm_500_without_details(caplog):
    from app import create_app
    from config import TestConfig

    class NoPropagate(TestConfig):
        TESTING = False  # let the error handler run, as in production

    app = create_app(NoPropagate)

    @app.get("/__boom")
    def boom():
        raise RuntimeError(CANARY)

    response = app.test_client().get("/__boom")
    assert response.status_code == 500
    assert CANARY.encode() not in response.data
    assert_page_invariants(response)
    assert not any(CANARY in r.getMessage() for r in caplog.records)


def test_scripts_are_this_origins_files_only(client):
    """No inline script anywhere, so the policy needs no nonce or hash: script-src is 'self' alone."""
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "nonce-" not in csp


def test_static_and_api_headers(client):
    css = client.get("/static/site.css")
    assert css.status_code == 200 and "immutable" in css.headers["Cache-Control"]
    assert css.headers["Referrer-Policy"] == "no-referrer"
    api = client.post("/api/v1/plan", json={"answers": {}})
    assert api.headers["Cache-Control"] == "no-store"
    assert api.headers["Referrer-Policy"] == "no-referrer"


def test_canary_never_in_logs_urls_or_cookies(client, caplog):
    caplog.set_level(logging.DEBUG)
    responses = [
        client.post("/q", data={"danger": CANARY, "_q": "for_whom", "for_whom": CANARY, "_seen": CANARY}),
        client.post("/check", data={"situation": CANARY}),
        client.post("/change", data={"_change": CANARY}),
        client.post("/plan", data={"state": CANARY}),
        client.post("/api/v1/plan", json={"answers": {"danger": CANARY}}),
        client.post("/api/v1/plan", json={"answers": {CANARY: "x"}}),
    ]
    for response in responses:
        assert response.status_code < 500
        assert "Set-Cookie" not in response.headers and "Location" not in response.headers
    assert not any(CANARY in r.getMessage() for r in caplog.records)


def test_unknown_question_id_in_api_is_not_echoed_unbounded(client):
    response = client.post("/api/v1/plan", json={"answers": {"<script>" + "x" * 500: "y"}})
    assert response.status_code == 400
    assert len(response.json["error"]["question"]) <= 64
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("method,path,kwargs,status", [
    ("get", "/", {}, 200),
    ("get", "/guides/law", {}, 200),
    ("post", "/plan", {"data": {}}, 200),
    ("get", "/api/v1/questions", {}, 200),
    ("post", "/api/v1/plan", {"data": "x"}, 415),
    ("get", "/static/site.css", {}, 200),
    ("get", "/static/nope.css", {}, 404),
    ("get", "/nope", {}, 404),
    ("delete", "/", {}, 405),
    ("post", "/q", {"data": {"x": "y" * 70_000}}, 413),
])
def test_security_headers_on_every_kind_of_response(client, method, path, kwargs, status):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    h = response.headers
    csp = h["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
                      "frame-ancestors 'none'"):
        assert directive in csp
    assert "script-src 'self';" in csp
    assert "unsafe" not in csp
    assert h["Referrer-Policy"] == "no-referrer"
    assert h["X-Content-Type-Options"] == "nosniff"
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in h["Permissions-Policy"]
    assert h["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in h  # plain http here; https adds it (test_behind_proxy)
    assert "Set-Cookie" not in h
    if not (path.startswith("/static/") and status == 200):
        assert "no-store" in h["Cache-Control"]
