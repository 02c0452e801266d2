"""The app as deployed: gunicorn instances behind Debian's nginx with deploy/'s config."""

import gzip
import re
import time
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.conftest import assert_page_invariants, form_fields, parse
from tests.servers import gunicorn, nginx

pytestmark = pytest.mark.server


class Response:
    def __init__(self, raw):
        self.status_code = raw.status
        self.headers = raw.headers
        body = raw.read()
        self.data = gzip.decompress(body) if raw.headers.get("Content-Encoding") == "gzip" else body
        self.mimetype = (raw.headers.get("Content-Type") or "").split(";")[0]


def fetch(url, data=None, headers=None, method=None):
    body = urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        return Response(urllib.request.urlopen(request, timeout=10))
    except urllib.error.HTTPError as err:
        return Response(err)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    env = {"HELP_PROXY_HOPS": "1", "HELP_TRUSTED_HOSTS": "help.test 127.0.0.1"}
    with gunicorn(env=env) as one, gunicorn(env=env) as two:
        with nginx([one, two], tmp_path_factory.mktemp("nginx")) as (base, access_log):
            yield base, access_log, (one, two)


def test_pages_static_api_and_headers_through_nginx(stack):
    base, access_log, _ = stack
    page = fetch(base + "/", headers={"Host": "help.test"})
    assert page.status_code == 200
    assert_page_invariants(page)
    css_path = re.search(rb'href="(/static/site\.css\?v=[0-9a-f]+)"', page.data).group(1).decode()
    css = fetch(base + css_path, headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200 and css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"] and css.headers["Referrer-Policy"] == "no-referrer"
    api = fetch(base + "/api/v1/questions", headers={"Accept-Encoding": "gzip"})
    assert api.status_code == 200 and api.headers["Content-Encoding"] == "gzip"
    assert api.headers["Cache-Control"] == "no-store"


def test_proxyfix_sees_the_public_host(stack):
    base, _, (one, _) = stack
    through_proxy = fetch(base + "/api/v1/openapi.json", headers={"Host": "help.test"})
    assert b'"url":"http://help.test"' in through_proxy.data.replace(b" ", b"")
    # Behind one trusted hop, the app believes the proxy's scheme: https means HSTS.
    direct = fetch(one + "/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "help.test"})
    assert "max-age" in direct.headers["Strict-Transport-Security"]


def test_two_instances_answer_one_walk_interchangeably(stack):
    _, _, (one, two) = stack
    page = fetch(one + "/q", data={})
    data = form_fields(parse(page.data), "/q") + [("danger", "no"), ("_nav", "continue")]
    page = fetch(two + "/q", data=data)  # the next step, on the other instance
    assert b"helping someone else" in page.data
    data = form_fields(parse(page.data), "/q") + [("for_whom", "self"), ("_nav", "continue")]
    page = fetch(one + "/q", data=data)
    assert b"What is happening?" in page.data
    plan = fetch(two + "/plan", data=form_fields(parse(page.data), "/q"))
    assert plan.status_code == 200 and b"Your next steps" in plan.data


def test_nginx_access_log_has_no_ips_or_queries(stack):
    base, access_log, _ = stack
    fetch(base + "/guides/?secret-query=CANARY-q1")
    for _ in range(50):  # nginx writes the line just after it answers
        text = access_log.read_text()
        if "/guides/" in text:
            break
        time.sleep(0.1)
    assert "/guides/" in text
    assert "127.0.0.1" not in text and "CANARY-q1" not in text


def test_oversize_body_refused_by_nginx_friendly_by_app(stack):
    base, _, (one, _) = stack
    big = {"danger": "x" * 70_000}
    assert fetch(base + "/q", data=big).status_code == 413
    direct = fetch(one + "/q", data=big)
    assert direct.status_code == 413 and b"too much to send" in direct.data
