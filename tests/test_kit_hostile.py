"""Hostile and broken input on the removal kit's routes: never a 5xx, never raw input
echoed into HTML, and the API accepts every body its schema describes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app.web.kit import api as kit_api
from tests.conftest import assert_page_invariants

HTML_ROUTES = ["/letters/kit", "/letters/kit/download", "/letters/kit/checklist"]
FIELDS = ["full_name", "email", "postal_address", "sender", "capacity", "person_name", "description", "kind",
          "age", "locations", "sent_on", "platform", "note", "x"]
CODES = ["self", "authorized", "real", "altered", "ai", "unsure", "adult", "under18", "2026-11-25", "x.com/1"]
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea><svg onload=alert(1)>",
            "javascript:alert(1)", "{{7*7}}", "%(x)s", "\u202e", "\x00", "=cmd|' /C calc'!A0", "@SUM(1)"]
settings_ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

values = st.one_of(st.sampled_from(CODES + PAYLOADS), st.text(max_size=60))
form = st.lists(st.tuples(st.sampled_from(FIELDS) | st.text(max_size=10), values), max_size=30)


@settings_
@given(route=st.sampled_from(HTML_ROUTES), fields=form)
def test_any_form_gets_a_page_or_a_file_never_a_5xx(client, route, fields):
    response = client.post(route, data=MultiDict(fields))
    assert response.status_code in (200, 400, 413), response.status_code
    if response.mimetype == "text/html":
        assert_page_invariants(response)
        for payload in PAYLOADS[:3]:
            assert payload.encode() not in response.data
    else:
        assert response.status_code == 200 and response.mimetype in ("text/plain", "text/csv")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(CODES + PAYLOADS),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
shaped = st.fixed_dictionaries({}, optional={
    "sender": st.dictionaries(st.sampled_from(["role", "full_name", "email", "authority", "x"]), json_values),
    "depiction": st.dictionaries(st.sampled_from(["kind", "age", "description", "x"]), json_values),
    "locations": json_values, "sent_on": json_values, "x": json_values})


@settings_
@given(body=st.one_of(json_values.filter(lambda b: b is not None), shaped))
def test_any_json_gets_200_or_a_json_4xx_naming_the_field(client, body):
    response = client.post("/api/v1/removal-kit", json=body)
    assert response.status_code in (200, 400), response.status_code
    assert response.is_json
    if response.status_code == 400:
        error = response.json["error"]
        assert set(error) == {"field", "message"} and error["message"]
        assert error["field"] is None or len(error["field"]) <= 64


@settings_
@given(raw=st.binary(max_size=200), ctype=st.sampled_from(["application/json", "text/plain", ""]))
def test_any_bytes_are_a_json_4xx(client, raw, ctype):
    response = client.post("/api/v1/removal-kit", data=raw, content_type=ctype)
    assert response.status_code in (400, 415) and response.is_json


# Bodies the published schema's properties allow. The only 400s left are its cross-field
# rules (anyOf: an email or a postal address; if/then: `authority` when authorized).
SCHEMA_RULES = {"sender.email", "sender.authority"}
printable = st.characters(blacklist_categories=("Cc", "Cs"))


def text(limit, required=False):
    out = st.text(printable, max_size=limit)
    return out.filter(lambda s: s.strip()) if required else out


def from_schema(schema) -> st.SearchStrategy:
    props = schema["properties"]
    sender = props["sender"]["properties"]
    depiction = props["depiction"]["properties"]
    return st.fixed_dictionaries({
        "sender": st.fixed_dictionaries({
            "role": st.sampled_from(sender["role"]["enum"]),
            "full_name": text(sender["full_name"]["maxLength"], True),
        }, optional={
            "authority": text(sender["authority"]["maxLength"]),
            "email": st.sampled_from(["alex@example.com", "a.b+c@example.org"]),
            "postal_address": text(sender["postal_address"]["maxLength"]),
            "person_shown": text(sender["person_shown"]["maxLength"]),
        }),
        "depiction": st.fixed_dictionaries({
            "kind": st.sampled_from(depiction["kind"]["enum"]),
            "age": st.sampled_from(depiction["age"]["enum"]),
            "description": text(depiction["description"]["maxLength"], True),
        }),
        "locations": st.lists(st.one_of(text(500, True), st.sampled_from(["https://x.com/1", "@name", "a.example/b"])),
                              min_size=1, max_size=props["locations"]["maxItems"]),
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=from_schema(kit_api.REQUEST))
def test_the_api_accepts_what_its_schema_describes(client, body):
    kit_api.check(kit_api.REQUEST, body)  # the generator makes schema-valid bodies
    response = client.post("/api/v1/removal-kit", json=body)
    if response.status_code == 400:
        assert response.json["error"]["field"] in SCHEMA_RULES, response.json
    else:
        assert response.status_code == 200, response.status_code
        places = [p for r in response.json["kit"]["requests"] for p in r["locations"]]
        assert sorted(places) == sorted(dict.fromkeys(p.strip() for p in body["locations"]))
