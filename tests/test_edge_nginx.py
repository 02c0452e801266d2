"""The edge in front of the app (issue 26, item 5): what an outside attack on deploy/'s nginx
found, fixed and kept fixed. Debian's nginx with the shipped config, on loopback.

- A worker that dies mid-request: nginx's own bare "502 Bad Gateway" became our page, in
  English and Spanish, with our headers (JSON under /api/); 503 and 504 get the same.
- The access log kept typed path segments when the app answered with a slash redirect
  (/embed/typed-secret, 308): now a path is logged only for 2xx (and 304).
- Static files and /healthz lacked HSTS; static files lacked CSP and Permissions-Policy; a
  missing static file's 404 was cached for a year.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.servers import ROOT, free_port, gunicorn, nginx

pytestmark = pytest.mark.server

HSTS = "max-age=31536000; includeSubDomains"
SPANISH_START = '<a href="/es/">'


class Response:
    def __init__(self, raw):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read().decode("utf-8", "replace")


def fetch(url, data=None, headers=None):
    body = urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Host": "help.test", **(headers or {})})
    try:
        return Response(urllib.request.urlopen(request, timeout=10))
    except urllib.error.HTTPError as err:
        return Response(err)


@contextlib.contextmanager
def dying_app():
    """An upstream whose worker dies on every request: it reads the request and closes the
    connection without a word (what nginx saw when a gunicorn worker was killed mid-POST).
    Only /healthz answers, so nginx's start-up check passes."""
    server = socket.create_server(("127.0.0.1", free_port()))
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                data = b""
                with contextlib.suppress(OSError):
                    while b"\r\n\r\n" not in data and (chunk := conn.recv(65536)):
                        data += chunk
                if data.startswith(b"GET /healthz "):
                    conn.sendall(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        server.close()


@pytest.fixture(scope="module")
def dead_stack(tmp_path_factory):
    with dying_app() as upstream, nginx([upstream], tmp_path_factory.mktemp("nginx-dead")) as (base, _):
        yield base


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with gunicorn(env={"HELP_PROXY_HOPS": "1", "HELP_TRUSTED_HOSTS": "help.test 127.0.0.1"}) as app:
        with nginx([app], tmp_path_factory.mktemp("nginx")) as (base, access_log):
            yield base, access_log, app


def assert_our_headers(response):
    headers = response.headers
    assert headers["Cache-Control"] == "no-store"
    assert headers["Strict-Transport-Security"] == HSTS
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "nginx" not in response.body.lower() and "nginx" not in headers.get("Server", "").split("/")[1:]


def test_a_dying_worker_gives_our_page_in_both_languages(dead_stack):
    for request in (dict(url=dead_stack + "/q", data={"danger": "no", "_seen": "danger"}),
                    dict(url=dead_stack + "/es/plan", data={"danger": "no"}),
                    dict(url=dead_stack + "/")):
        response = fetch(**request)
        assert response.status == 502, request  # the status stays: a client may try again
        assert "Bad Gateway" not in response.body
        assert "Sorry, something went wrong on our side" in response.body
        assert SPANISH_START in response.body and "Lo sentimos" in response.body
        assert response.headers["Content-Type"].startswith("text/html")
        assert_our_headers(response)


def test_a_dying_worker_under_api_gives_json(dead_stack):
    response = fetch(dead_stack + "/api/v1/questions")
    assert response.status == 502 and response.headers["Content-Type"].startswith("application/json")
    assert json.loads(response.body) == {"error": {"message": "The service could not answer. Please try again."}}


def test_every_5xx_nginx_can_send_has_our_page_and_the_readme_says_which():
    """502, 503 and 504 cannot all be made on demand here (504 waits 30 s): the config names
    them, and the README's list of the 5xx a visitor can see is the config's."""
    conf = (ROOT / "deploy" / "nginx-errors.conf").read_text()
    pages = {}
    for codes, page in re.findall(r"^error_page ([\d ]+?) (?:=\d+ )?/_errors/([a-z0-9]+);", conf, re.M):
        for code in codes.split():
            pages[int(code)] = page
    assert {pages[c] for c in (502, 503, 504)} == {"unavailable"}
    assert (ROOT / "deploy" / "_errors" / "unavailable.html").exists()
    readme = (ROOT / "README.md").read_text()
    sentence = re.search(r"\*\*The only 5xx\*\*.*?\n\n", readme, re.S).group(0)
    named = {int(c) for c in re.findall(r"`(5\d\d)`", sentence)}
    assert named >= {code for code in pages if code >= 500}, sentence


def wait_for_line(access_log, marker: str, count: int) -> list[str]:
    for _ in range(50):  # nginx writes the line just after it answers
        lines = access_log.read_text().splitlines()
        if len(lines) >= count:
            return lines
        time.sleep(0.1)
    raise AssertionError(f"no access log line for {marker}")


def test_the_access_log_keeps_no_path_the_app_did_not_recognise(stack):
    base, access_log, _ = stack
    before = len(access_log.read_text().splitlines()) if access_log.exists() else 0
    redirect = urllib.request.Request(base + "/embed/typed-secret", headers={"Host": "help.test"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect).open(redirect, timeout=10)
    assert answer.value.code == 308
    assert fetch(base + "/static/typed-secret-2.css").status == 404
    assert fetch(base + "/guides/").status == 200  # a page that exists: its path is kept
    lines = wait_for_line(access_log, "/guides/", before + 3)[before:]
    assert "typed-secret" not in "\n".join(lines), lines
    assert re.search(r" GET - 308 ", lines[0]) and re.search(r" GET - 404 ", lines[1]), lines
    assert " GET /guides/ 200 " in lines[2], lines


def static_path(base) -> str:
    page = fetch(base + "/").body
    return re.search(r'href="(/static/site\.css\?v=[0-9a-f]+)"', page).group(1)


def test_static_files_through_nginx_have_the_apps_headers(stack):
    base, _, app = stack
    path = static_path(base)
    through_nginx = fetch(base + path).headers
    from_app = fetch(app + path, headers={"X-Forwarded-Proto": "https"}).headers  # the app's own, over https

    def security(headers):
        names = ("Strict-Transport-Security", "Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                 "Referrer-Policy", "X-Content-Type-Options", "Cross-Origin-Opener-Policy",
                 "Cross-Origin-Resource-Policy", "Cache-Control")
        out = {name: headers[name] for name in names}
        return out

    assert security(through_nginx) == security(from_app)
    assert "immutable" in through_nginx["Cache-Control"]


def test_a_missing_static_file_is_not_cached(stack):
    base, _, _ = stack
    missing = fetch(base + "/static/not-there.css?v=0123")
    assert missing.status == 404
    assert "immutable" not in missing.headers["Cache-Control"] and "max-age" not in missing.headers["Cache-Control"]
    assert "Page not found" in missing.body and SPANISH_START in missing.body
    assert_our_headers(missing)


def test_healthz_through_nginx_has_hsts(stack):
    base, _, _ = stack
    health = fetch(base + "/healthz")
    assert health.status == 204 and health.headers["Strict-Transport-Security"] == HSTS
