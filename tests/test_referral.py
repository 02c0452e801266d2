"""The one referral model: every API referral is its `to_json()` and fits its schema,
and every part of the app that names a referral's fields takes them from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest

from app import presenter
from app.content import babel_extract
from app.directory import STATE_LAW, Referral
from app.web.api import openapi

ANSWER_SETS = [
    {},
    {"danger": "no", "situation": ["shared"], "where": ["social", "messaging"], "age": "adult"},
    {"danger": "yes", "situation": ["shared", "threatened"], "where": ["adult_site", "search"],
     "age": "under18", "for_whom": "someone_else", "kind": "ai"},
    {"danger": "no", "situation": ["taken"], "age": "unsure", "where": ["unknown", "other_site"]},
]


def _validate(value, schema: dict, where: str) -> None:
    """The JSON-schema keywords the Referral schema uses: type, required, properties, items, format."""
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        kinds = {"string": str, "boolean": bool, "array": list, "object": dict, "null": type(None)}
        assert any(isinstance(value, kinds[n]) for n in names), f"{where}: {value!r} is not {types}"
    if schema.get("format") == "date" and isinstance(value, str):
        assert dt.date.fromisoformat(value).isoformat() == value, f"{where}: {value!r} is not a date"
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            assert key in value, f"{where}: {key} is missing"
        props = schema.get("properties", {})
        for key, item in value.items():
            assert key in props, f"{where}: {key} is not in the schema"
            _validate(item, props[key], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _validate(item, schema["items"], f"{where}[{i}]")


def test_every_api_referral_fits_the_openapi_schema(client, directory):
    schema = client.get("/api/v1/openapi.json").json["components"]["schemas"]["Referral"]
    assert schema == Referral.json_schema()
    seen = set()
    for answers in ANSWER_SETS:
        for code in [None, *directory.states]:
            body = {"answers": {**answers, **({"state": code} if code else {})}}
            plan = client.post("/api/v1/plan", json=body).json["plan"]
            for ref_id, data in plan["referrals"].items():
                _validate(data, schema, ref_id)
                assert list(data) == list(Referral.API_FIELDS)
                seen.add(ref_id)
    # every kind of referral was met: a help line or service, a platform, one of the app's tools, a state's law
    met = [directory.entries[ref_id] for ref_id in seen if ref_id in directory.entries]
    assert STATE_LAW in seen and {"resource", "platform"} <= {e.kind for e in met} and any(e.internal for e in met)


def test_the_schema_comes_from_the_fields(app):
    schema = Referral.json_schema()
    assert list(schema["properties"]) == list(Referral.API_FIELDS) == schema["required"]
    assert schema["properties"]["url"] == {"type": ["string", "null"]}
    assert schema["properties"]["reviewed"] == {"type": "string", "format": "date"}
    assert openapi.spec(app)["components"]["schemas"]["Referral"] == schema


def test_to_json_is_the_api_shape(directory, app):
    entry = directory.get("crisis-988")
    data = entry.to_json()
    assert data["id"] == "crisis-988" and data["kind"] == "resource"
    assert data["reviewed"] == entry.reviewed.isoformat() and data["sources"] == list(entry.sources)
    assert "where" not in data and "domains" not in data and "secondary" not in data
    with app.test_request_context():
        assert presenter.referral(directory, "crisis-988", None) == data  # English: translation changes nothing


def test_state_law_is_an_ordinary_referral(directory):
    for state in directory.states.values():
        found = directory.referral(STATE_LAW, state.code)
        assert isinstance(found, Referral) and found.kind == "state"
        assert found.name == f"The law in {state.name}"
        assert found.url == (state.statute_url or state.url)
        assert found.sources == state.sources and found.reviewed == state.reviewed
        assert found.line().startswith(f"The law in {state.name} | https://")
    assert directory.referral(STATE_LAW, None) is None
    assert directory.referral("no-such-referral", "NY") is None


def test_the_extractor_reads_the_models_translatable_fields():
    # How to text (a keyword, a short code) is a fact per language, never a msgid.
    assert set(Referral.TRANSLATABLE) == {"name", "description", "audience", "hours", "how"}
    assert set(Referral.TRANSLATABLE) <= set(babel_extract.TRANSLATABLE)
    raw = b'[[resource]]\nid = "x"\nname = "N"\nphone = "911"\nhow = "H"\n'
    found = [(m[2], m[3]) for m in babel_extract.extract_toml(io.BytesIO(raw), (), (), {})]
    assert found == [("N", ["x.name"]), ("H", ["x.how"])]


@pytest.mark.parametrize("ref_id", ["crisis-988", "crisis-text-line", "meta", "removal-kit"])
def test_translation_touches_only_translatable_text(directory, ref_id):
    entry = directory.get(ref_id)
    shouted = entry.translated(str.upper)
    for name in Referral.TRANSLATABLE:
        value = getattr(entry, name)
        assert getattr(shouted, name) == (value.upper() if value else value)
    for fld in dataclasses.fields(Referral):
        if fld.name not in Referral.TRANSLATABLE:
            assert getattr(shouted, fld.name) == getattr(entry, fld.name)
