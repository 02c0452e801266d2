"""Logs keep nothing of a visitor, even when they fail: gunicorn's access log on a full
disk, its access line for unknown paths, and nginx's error log."""

import re
import urllib.request

import pytest

from tests.rawhttp import raw, status_of
from tests.servers import gunicorn, nginx

pytestmark = pytest.mark.server
CANARY = "CANARY-l0g-3c9d"


def visit(base: str, path: str):
    req = urllib.request.Request(base + path, headers={
        "User-Agent": f"ua-{CANARY}", "Referer": f"http://ref.example/{CANARY}", "Cookie": f"c={CANARY}",
        "X-Anything": CANARY})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def log_text(path) -> str:
    """gunicorn's output minus its start-up line naming the address it listens on."""
    return "\n".join(line for line in path.read_text().splitlines() if "Listening at:" not in line)


def test_access_log_on_a_full_disk_spills_nothing_and_serving_goes_on(tmp_path):
    log = tmp_path / "stderr.log"
    with gunicorn(env={"HELP_ACCESS_LOG": "/dev/full", "HELP_LOG_LEVEL": "info"}, log_path=log) as base:
        statuses = [visit(base, f"/guides/?{CANARY}=1") for _ in range(20)]
        statuses += [visit(base, f"/{CANARY}/x?q={CANARY}")]
    assert statuses == [200] * 20 + [404]
    text = log_text(log)
    assert "could not write a log line" in text  # the failure is seen...
    assert CANARY not in text and "127.0.0.1" not in text  # ...and nothing of the visitor
    assert "Traceback" not in text and "Arguments" not in text
    failures = [line for line in text.splitlines() if "log line" in line]
    assert all(len(line) < 80 for line in failures)


def test_access_log_names_routes_never_typed_paths(tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn(env={"HELP_ACCESS_LOG": "-"}, log_path=log) as base:
        assert visit(base, "/guides/threats") == 200
        assert visit(base, f"/{CANARY}-typed-path") == 404
        assert visit(base, f"/guides/{CANARY}") == 404
        assert status_of(raw(base, f"{CANARY} / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())) in (400, 405)
    text = log_text(log)
    assert re.search(r"\] GET /guides/<slug> 200 \d+\.\d{6}$", text, re.M), text
    assert len(re.findall(r"\] GET - 404 ", text)) == 1, text  # unknown path
    assert re.search(r"\] GET /guides/<slug> 404 ", text), text  # a route, a slug that is not ours
    assert CANARY not in text and "127.0.0.1" not in text


def test_nginx_logs_neither_typed_paths_nor_request_details(tmp_path):
    with gunicorn(env={"HELP_PROXY_HOPS": "1", "HELP_TRUSTED_HOSTS": "help.test 127.0.0.1"}) as app:
        # The test nginx's own error log is at info: only the site's "crit" keeps these out.
        with nginx([app], tmp_path) as (base, access_log):
            assert visit(base, f"/{CANARY}?q={CANARY}") == 404
            assert visit(base, f"/guides/?{CANARY}") == 200
            raw(base, f"G\x01T /{CANARY} HTTP/1.1\r\nHost: help.test\r\n\r\n".encode())
            raw(base, f"GET /?{CANARY} HTTP/1.1\r\nHost: help.test\r\nContent-Length: 5\r\n\r\nab".encode(),
                timeout=1)  # a body that never comes: nginx times it out later
            raw(base, f"POST /q?{CANARY} HTTP/1.1\r\nHost: {CANARY}.example\r\n\r\n".encode())
            raw(base, f"GET /?{CANARY} HTTP/1.1\r\nHost: help.test\r\nReferer: {CANARY}\r\n"
                      f"Cookie: {'a' * 9000}\r\n\r\n".encode())
            for _ in range(50):  # nginx writes the line just after it answers
                if "/guides/" in access_log.read_text():
                    break
    logs = {p.name: p.read_text(errors="replace") for p in tmp_path.glob("*.log")}
    assert re.search(r" GET - 404 ", logs["help-guide.access.log"]), logs["help-guide.access.log"]
    for name, text in logs.items():
        assert CANARY not in text, name
        assert "client: " not in text and "127.0.0.1" not in text, (name, text[-500:])
