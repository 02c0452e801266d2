"""Hostile and broken input: never a 5xx, never raw input echoed, never lost answers."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app import flow
from tests.conftest import assert_page_invariants, find_all, parse, text_of

POST_ROUTES = ["/q", "/check", "/change", "/plan"]
FIELD_NAMES = [q.id for q in flow.QUESTIONS] + ["_q", "_nav", "_seen", "_change", "_return", "x"]
CODES = sorted({c for q in flow.QUESTIONS for c in q.codes}) + ["back", "skip", "continue", "check"]
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
            "</textarea><svg onload=alert(1)>", "{{7*7}}", "%(x)s", "\u202e", "\x00"]

values = st.one_of(st.sampled_from(CODES + FIELD_NAMES + PAYLOADS), st.text(max_size=40))
form = st.lists(st.tuples(st.sampled_from(FIELD_NAMES) | st.text(max_size=10), values), max_size=30)
settings_ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings_
@given(route=st.sampled_from(POST_ROUTES), fields=form)
def test_any_form_payload_gets_a_page_not_a_5xx(client, route, fields):
    response = client.post(route, data=MultiDict(fields))
    assert response.status_code in (200, 400, 413), response.status_code
    assert_page_invariants(response)
    for payload in PAYLOADS[:4]:
        assert payload.encode() not in response.data


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(CODES),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
answer_dicts = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), json_values, max_size=8)


@settings_
@given(body=st.one_of(json_values.filter(lambda b: b is not None), st.fixed_dictionaries({"answers": answer_dicts}), answer_dicts))
def test_any_json_gets_200_or_a_json_4xx(client, body):
    response = client.post("/api/v1/plan", json=body)
    assert response.status_code in (200, 400), response.status_code
    assert response.is_json
    if response.status_code == 400:
        assert response.json["error"]["message"]


@settings_
@given(raw=st.binary(max_size=200), ctype=st.sampled_from(["application/json", "text/plain", "application/xml", ""]))
def test_any_bytes_to_the_api_is_a_4xx_or_200(client, raw, ctype):
    response = client.post("/api/v1/plan", data=raw, content_type=ctype)
    assert response.status_code in (200, 400, 415)
    assert response.is_json


def test_script_payloads_in_every_field_come_back_escaped(client):
    for route in POST_ROUTES:
        for payload in PAYLOADS:
            data = MultiDict([(name, payload) for name in FIELD_NAMES])
            response = client.post(route, data=data)
            assert response.status_code < 500
            assert b"<script>alert" not in response.data and b"onerror=alert" not in response.data
            assert b"<svg onload" not in response.data


@settings_
@given(question=st.sampled_from([flow.QUESTION_BY_ID[q] for q in ("danger", "for_whom", "situation", "age", "kind")]),
       junk=st.text(min_size=1, max_size=30).filter(
    lambda s: s.strip(string.whitespace)))
def test_a_tampered_hidden_answer_lands_on_a_valid_question(client, question, junk):
    """Every earlier answer valid but one tampered: a calm notice and a real question."""
    if junk in question.codes:
        return
    answers = {"danger": "no", "for_whom": "self", "situation": "shared", "age": "adult", "kind": "real"}
    data = MultiDict(list(answers.items()))
    data.setlist(question.id, [junk])
    for qid in ("danger", "for_whom", "situation", "age", "kind"):
        data.add("_seen", qid)
    data.add("_q", "taker")
    data.add("taker", "self")
    data.add("_nav", "continue")
    response = client.post("/q", data=data)
    assert response.status_code == 200
    tree = parse(response.data)
    assert "could not read one of your earlier answers" in text_of(tree)
    assert text_of(next(find_all(tree, "h1"))) == question.title.you  # asked again
    assert ("taker", "self") in [(i.get("name"), i.get("value")) for i in find_all(tree, "input")]
