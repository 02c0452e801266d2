"""Hostile HTTP spoken over raw sockets to gunicorn as deployed and to the test nginx in
front of it: malformed chunking, deep JSON, huge and many headers, bad request lines,
invalid UTF-8 and percent-encoding, NULs, conflicting framing, absolute URIs, foreign
Hosts. No 5xx but 501/505 for framing nobody may use, no traceback, no echo, no log."""

import contextlib
import http.server
import json
import re
import threading

import pytest

from tests.rawhttp import head_of, raw, status_of
from tests.servers import gunicorn, nginx

pytestmark = pytest.mark.server
CANARY = "CANARY-h0st1le"
C = CANARY.encode()
POST_ROUTES = ["/q", "/check", "/change", "/plan", "/letters/removal", "/letters/removal/download",
               "/api/v1/plan"]
# Deeper than any parser here goes (Python's json stops near 1,000 levels, orjson at 1,024).
DEEP = b"[" * 1500 + b"]" * 1500


def request(method=b"GET", path=b"/", headers=(), body=b"", host=b"help.test", version=b"HTTP/1.1"):
    lines = [method + b" " + path + b" " + version, b"Host: " + host, b"Connection: close", *headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def chunked(path: bytes, chunks: bytes, ctype=b"application/x-www-form-urlencoded"):
    return request(b"POST", path, [b"Content-Type: " + ctype, b"Transfer-Encoding: chunked"], chunks)


BAD_CHUNKS = {
    "bad size": b"zz\r\n" + C + b"\r\n0\r\n\r\n",
    "bad extension": b"9;a\x01\r\n" + C[:9] + b"\r\n0\r\n\r\n",
    "forbidden trailer": b"3\r\na=b\r\n0\r\nHost: " + C + b"\r\n\r\n",
    "no terminator": b"3\r\na=bXX0\r\n\r\n",
}

HOSTILE = [
    request(b"GET", b"/?" + C + b"=%ff%fe%00%zz"),
    request(b"GET", b"/guides/%ff%fe" + C),
    request(b"GET", b"/" + C + b"\x00"),
    request(b"GET", b"/" + C + b"/\xff\xfe"),
    request(b"GET", b"http://evil.example/" + C),
    request(b"GET", b"//evil.example/" + C),
    request(b"BREW", b"/" + C),
    request(b"G\x01T", b"/" + C),
    request(b"GET", b"/" + C, version=b"HTTP/9.9"),
    request(b"GET", b"/" + b"a" * 20000 + C),
    request(b"GET", b"/", [b"X-" + C + b": " + b"v" * 9000]),
    request(b"GET", b"/", [b"X-%d: %s" % (i, C) for i in range(150)]),
    request(b"GET", b"/", [b"Referer: http://x/" + C + b"\x00"]),
    request(b"GET", b"/", [b"Cookie: a=" + C + b"\xff"]),
    request(b"POST", b"/q", [b"Content-Length: 5", b"Content-Length: 6"], b"a=" + C),
    request(b"POST", b"/q", [b"Content-Length: 5", b"Transfer-Encoding: chunked"], b"0\r\n\r\n"),
    request(b"POST", b"/q", [b"Transfer-Encoding: gzip, chunked"], b"0\r\n\r\n"),
    request(b"POST", b"/q", [b"Transfer-Encoding: " + C], b""),
    request(b"POST", b"/q", [b"Content-Length: -1"], b""),
    request(b"POST", b"/q", [b"Content-Type: application/x-www-form-urlencoded", b"Content-Length: 20"],
            b"danger=%ff%fe%zz&" + C[:3]),
    request(b"POST", b"/api/v1/plan", [b"Content-Type: application/json", b"Content-Length: %d" % len(DEEP)], DEEP),
    request(b"POST", b"/api/v1/plan", [b"Content-Type: application/json", b"Content-Length: 30"],
            b'{"answers": {"' + C + b'\xff": 1}}   '),
    request(b"POST", b"/api/v1/plan", [b"Expect: 100-continue", b"Content-Type: application/json",
                                       b"Content-Length: 2"], b"{}"),
    *[chunked(path.encode(), body) for path in POST_ROUTES for body in BAD_CHUNKS.values()],
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    env = {"HELP_PROXY_HOPS": "1", "HELP_TRUSTED_HOSTS": "help.test 127.0.0.1",
           "HELP_ACCESS_LOG": "-", "HELP_LOG_LEVEL": "info"}
    with gunicorn(env=env, log_path=logs / "gunicorn.log") as app:
        with nginx([app], logs / "nginx") as (proxy, _):
            yield app, proxy, logs


def all_logs(logs) -> str:
    return "\n".join(p.read_text(errors="replace") for p in logs.rglob("*.log"))


def assert_refused_well(reply: bytes, label):
    status = status_of(reply)
    assert status is None or status < 500 or status in (501, 505), (label, head_of(reply))
    assert C not in reply, (label, "echoed", reply[:300])
    assert b"Traceback" not in reply and b"Invalid" not in reply.partition(b"\r\n\r\n")[2], label


@pytest.mark.parametrize("through", ["gunicorn", "nginx"])
def test_hostile_requests_get_a_4xx_and_leave_no_trace(stack, through):
    app, proxy, logs = stack
    base = app if through == "gunicorn" else proxy
    for data in HOSTILE:
        assert_refused_well(raw(base, data), data[:60])
    text = all_logs(logs)
    assert CANARY not in text and "Traceback" not in text
    assert "ip=" not in text and "127.0.0.1" not in text.replace("127.0.0.1:", "")  # no client address


@pytest.mark.parametrize("route", POST_ROUTES)
@pytest.mark.parametrize("kind", BAD_CHUNKS)
def test_malformed_chunked_bodies_are_400_and_close(stack, route, kind):
    app, _, _ = stack
    ctype = b"application/json" if route.startswith("/api/") else b"application/x-www-form-urlencoded"
    reply = raw(app, chunked(route.encode(), BAD_CHUNKS[kind], ctype))
    assert status_of(reply) == 400, head_of(reply)
    assert re.search(r"(?im)^connection: close", head_of(reply))  # the rest of the stream is unknown
    if route.startswith("/api/"):
        assert json.loads(reply.split(b"\r\n\r\n", 1)[1])["error"]["message"]


@pytest.mark.parametrize("through", ["gunicorn", "nginx"])
def test_deeply_nested_json_is_a_json_400(stack, through):
    app, proxy, _ = stack
    reply = raw(app if through == "gunicorn" else proxy, HOSTILE[20])
    assert status_of(reply) == 400
    assert json.loads(reply.split(b"\r\n\r\n", 1)[1]) == {"error": {"message": "The body is not valid JSON."}}


def test_a_foreign_host_is_never_named_back(stack):
    app, proxy, _ = stack
    for path in (b"/guides", b"/api/v1/openapi.json", b"/embed/help", b"/"):
        direct = raw(app, request(b"GET", path, host=b"evil.example"))
        assert status_of(direct) == 400 and b"evil" not in direct, head_of(direct)
        assert raw(proxy, request(b"GET", path, host=b"evil.example")) == b""  # nginx: 444, closed
    absolute = raw(proxy, request(b"GET", b"http://evil.example/guides", host=b"help.test"))
    assert absolute == b"", head_of(absolute)  # nginx: 444, closed, like any other host
    redirect = raw(proxy, request(b"GET", b"/guides"))
    assert re.search(r"(?im)^location: /guides/\r?$", head_of(redirect)), head_of(redirect)


def test_forwarded_scheme_only_from_a_configured_hop(tmp_path):
    forged = [b"X-Forwarded-Proto: https", b"X-Forwarded-Ssl: on", b"Forwarded: proto=https"]
    with gunicorn(env={"HELP_PROXY_HOPS": "0"}) as app:
        reply = raw(app, request(b"GET", b"/", forged, host=b"127.0.0.1"))
        assert status_of(reply) == 200, head_of(reply)
        assert "strict-transport-security" not in head_of(reply).lower()
        contradictory = raw(app, request(b"GET", b"/", [b"X-Forwarded-Proto: http", b"X-Forwarded-Ssl: on"],
                                         host=b"127.0.0.1"))
        assert status_of(contradictory) == 200, head_of(contradictory)


@contextlib.contextmanager
def echo_upstream():
    """An upstream that answers with the request headers it was given."""

    class Echo(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (http.server's name)
            body = str(self.headers).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_nginx_passes_only_its_own_forwarding_headers(tmp_path):
    forged = [b"X-Forwarded-Ssl: on", b"Forwarded: proto=https", b"X-Forwarded-Host: evil.example",
              b"X-Forwarded-Proto: https", b"X-Forwarded-Port: 443", b"X-Url-Scheme: https"]
    with echo_upstream() as upstream, nginx([upstream], tmp_path) as (proxy, _):
        seen = raw(proxy, request(b"GET", b"/", forged)).split(b"\r\n\r\n", 1)[1].decode().lower()
    assert "x-forwarded-proto: http\n" in seen and "x-forwarded-host: help.test\n" in seen
    for name in ("x-forwarded-ssl", "forwarded:", "x-forwarded-port", "x-url-scheme", "evil"):
        assert name not in seen, seen


def test_nginx_drops_the_clients_forwarding_headers(stack):
    _, proxy, _ = stack
    reply = raw(proxy, request(b"GET", b"/", [b"X-Forwarded-Proto: http", b"X-Forwarded-Ssl: on",
                                              b"X-Forwarded-Host: evil.example", b"Forwarded: proto=https"]))
    assert status_of(reply) == 200, head_of(reply)
    assert b"evil" not in reply and "strict-transport-security" not in head_of(reply).lower()


ERROR_PAGES = {  # what nginx itself refuses, and with which status
    400: request(b"G\x01T", b"/x"),
    413: request(b"POST", b"/x", [b"Content-Length: 200000"]),
    414: request(b"GET", b"/" + b"a" * 20000),
    431: request(b"GET", b"/x", [b"Cookie: " + b"a" * 9000]),
    501: request(b"GET", b"/x", [b"Transfer-Encoding: gzip"]),
    505: request(b"GET", b"/x", version=b"HTTP/2.5"),
}


# For 400, 414 and 505 the request line itself is unreadable: no path tells an API call.
@pytest.mark.parametrize("status, api", [(status, False) for status in ERROR_PAGES] +
                         [(status, True) for status in (413, 431, 501)])
def test_nginx_refusals_are_our_pages_with_our_headers(stack, status, api):
    _, proxy, _ = stack
    data = ERROR_PAGES[status].replace(b" /x", b" /api/v1/x") if api else ERROR_PAGES[status]
    reply = raw(proxy, data)
    head, body = head_of(reply).lower(), reply.split(b"\r\n\r\n", 1)[1]
    assert status_of(reply) == status, head
    assert "cache-control: no-store" in head and "referrer-policy: no-referrer" in head
    assert "content-security-policy: default-src 'none'" in head and "x-content-type-options: nosniff" in head
    assert b"nginx" not in body
    if api:
        assert "content-type: application/json" in head and json.loads(body)["error"]["message"]
    else:
        assert "content-type: text/html" in head and "– Help guide</title>".encode() in body


def test_a_body_over_the_apps_limit_gets_the_apps_own_413(stack):
    app, proxy, _ = stack
    body = b"danger=" + b"x" * 70000
    form = request(b"POST", b"/q", [b"Content-Type: application/x-www-form-urlencoded",
                                    b"Content-Length: %d" % len(body)], body)
    for base in (proxy, app):
        reply = raw(base, form)
        assert status_of(reply) == 413 and b"too much to send" in reply
        assert "frame-ancestors 'none'" in head_of(reply)
    api = raw(proxy, form.replace(b"/q", b"/api/v1/plan").replace(b"x-www-form-urlencoded", b"json"))
    assert status_of(api) == 413 and json.loads(api.split(b"\r\n\r\n", 1)[1])["error"]
    # gunicorn will not read that body to keep the connection, so it must not promise to.
    keep = request(b"POST", b"/q", [b"Content-Type: application/x-www-form-urlencoded",
                                    b"Content-Length: %d" % len(body)], body).replace(b"Connection: close\r\n", b"")
    assert re.search(r"(?im)^connection: close", head_of(raw(app, keep)))
