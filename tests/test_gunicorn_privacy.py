"""Privacy under real gunicorn, access log ON in the operator's format: a canary typed
into every field appears in no log line, no Set-Cookie and no Location header."""

import json
import urllib.request
from urllib.parse import urlencode

import pytest

from app import flow
from tests.servers import gunicorn

pytestmark = pytest.mark.server
CANARY = "CANARY-7f3a-91c2"


def post(url, body: bytes, ctype: str):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": ctype}, method="POST")
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as err:
        response = err
    response.read()
    return response


def test_canary_in_every_field_never_reaches_logs_or_headers(tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn(env={"HELP_ACCESS_LOG": "-", "HELP_LOG_LEVEL": "debug"}, log_path=log) as base:
        valid = {"danger": "no", "for_whom": "self", "situation": "shared", "where": "social",
                 "age": "adult", "kind": "real", "taker": "self", "copy": "yes", "state": "CA"}
        responses = []
        # A whole walk with valid answers plus the canary in every hidden and free field
        for qid in [q.id for q in flow.QUESTIONS]:
            fields = [(k, v) for k, v in valid.items()] + [("_q", qid), ("_seen", CANARY),
                                                           ("_return", CANARY), ("free", CANARY)]
            responses.append(post(base + "/q", urlencode(fields).encode(), "application/x-www-form-urlencoded"))
        for route in ("/q", "/check", "/change", "/plan"):
            fields = [(name, CANARY) for name in [q.id for q in flow.QUESTIONS] + ["_q", "_nav", "_change", "_seen"]]
            responses.append(post(base + route, urlencode(fields).encode(), "application/x-www-form-urlencoded"))
        responses.append(post(base + "/api/v1/plan", json.dumps({"answers": {"danger": CANARY}}).encode(),
                              "application/json"))
        responses.append(post(base + "/api/v1/plan", json.dumps({"answers": {CANARY: "x"}}).encode(),
                              "application/json"))
        responses.append(post(base + "/api/v1/plan", CANARY.encode(), "text/plain"))
    text = log.read_text()
    assert "POST /q" in text, "the access log was on"  # the operator's format: method and path
    assert CANARY not in text
    for response in responses:
        assert response.status < 500
        assert "Set-Cookie" not in response.headers
        assert "Location" not in response.headers
        assert CANARY not in str(response.headers)
