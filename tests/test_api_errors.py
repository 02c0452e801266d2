"""Every JSON error speaks the language asked for, whatever raised it (an address or a method
the API does not take too), and the error handlers choose JSON from the request."""

from __future__ import annotations

import pytest

from app.i18n import gettext
from app.web.core import errors


@pytest.mark.parametrize("method, path, status", [("get", "/api/v1/plan", 405), ("post", "/api/v1/questions", 405),
                                                  ("get", "/api/v1/nothing-here", 404)])
def test_http_errors_of_the_api_speak_the_language_asked_for(app, client, method, path, status):
    english = getattr(client, method)(path)
    spanish = getattr(client, method)(path + "?lang=es")
    by_header = getattr(client, method)(path, headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert english.status_code == spanish.status_code == by_header.status_code == status
    assert english.json["error"]["message"] == errors.JSON_MESSAGES[status]
    with app.test_request_context("/es/"):
        app.preprocess_request()
        translated = gettext(errors.JSON_MESSAGES[status])
    assert translated != errors.JSON_MESSAGES[status]
    assert spanish.json["error"]["message"] == by_header.json["error"]["message"] == translated
    assert spanish.headers["Content-Language"] == "es"


def test_a_json_client_gets_json_and_a_browser_a_page(client):
    json_error = client.get("/no-such-page", headers={"Accept": "application/json"})
    page = client.get("/no-such-page", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert json_error.status_code == page.status_code == 404
    assert json_error.mimetype == "application/json" and "message" in json_error.json["error"]
    assert page.mimetype == "text/html"
    assert client.get("/no-such-page").mimetype == "text/html"  # no Accept at all: a person's page
