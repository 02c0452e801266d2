"""The removal kit under real gunicorn, access log ON in the operator's format and debug
logging: a canary typed into every field (and as a location) appears in no log line,
no Set-Cookie and no Location header, and never in the URL."""

import json
from urllib.parse import urlencode

import pytest

from tests.servers import gunicorn
from tests.test_gunicorn_privacy import post

pytestmark = pytest.mark.server
CANARY = "CANARY-kit-8e51-77aa"
FORM = "application/x-www-form-urlencoded"


def test_canary_in_every_kit_field_never_reaches_logs_or_headers(tmp_path):
    log = tmp_path / "gunicorn.log"
    fields = {"full_name": CANARY, "email": "alex@example.com", "postal_address": CANARY, "sender": "authorized",
              "capacity": CANARY, "person_name": CANARY, "description": CANARY, "kind": "ai", "age": "under18",
              "locations": f"https://{CANARY.lower()}.example/{CANARY}\nhttps://x.com/{CANARY}\n{CANARY}"}
    body = {"sender": {"role": "authorized", "authority": CANARY, "full_name": CANARY, "email": "a@example.com"},
            "depiction": {"kind": "real", "age": "adult", "description": CANARY},
            "locations": [CANARY, f"https://x.com/{CANARY}"]}
    with gunicorn(env={"HELP_ACCESS_LOG": "-", "HELP_LOG_LEVEL": "debug"}, log_path=log) as base:
        responses = [post(base + path, urlencode(fields).encode(), FORM)
                     for path in ("/letters/kit", "/letters/kit/download", "/letters/kit/checklist",
                                  "/embed/preview/letters/kit")]
        responses.append(post(base + "/letters/kit", urlencode(dict(fields, email=CANARY, sent_on=CANARY)).encode(),
                              FORM))
        responses.append(post(base + "/api/v1/removal-kit", json.dumps(body).encode(), "application/json"))
        responses.append(post(base + "/api/v1/removal-kit", json.dumps({CANARY: CANARY}).encode(), "application/json"))
        responses.append(post(base + "/api/v1/removal-kit", CANARY.encode(), "text/plain"))
    text = log.read_text()
    assert "POST /letters/kit" in text, "the access log was on"
    assert CANARY not in text and CANARY.lower() not in text
    assert [r.status for r in responses] == [200, 200, 200, 200, 400, 200, 400, 415]
    for response in responses:
        assert "Set-Cookie" not in response.headers and "Location" not in response.headers
        assert CANARY not in str(response.headers)
