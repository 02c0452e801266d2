"""Honest edges of the letter and kit forms (issue 25's item 5, the part that is a crash or a
silent wrong answer): a sending date late in the calendar is a 400, never a 500; and no choice is
sent that the person did not make (a text browser ticks the first radio of a group)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import find_all, parse

KIT = {"full_name": "Alex Example", "email": "alex@example.com", "sender": "self", "kind": "ai", "age": "adult",
       "description": "a photo", "locations": "https://x.com/a/status/1"}
API = {"sender": {"role": "self", "full_name": "Alex Example", "email": "alex@example.com"},
       "depiction": {"kind": "ai", "age": "adult", "description": "a photo"}, "locations": ["https://x.com/a/status/1"]}
LAST_DAYS = [(dt.date.max - dt.timedelta(days=n)).isoformat() for n in range(4)]


@pytest.mark.parametrize("sent_on", LAST_DAYS)
def test_every_date_gives_a_result_or_a_4xx(client, sent_on):
    form = client.post("/letters/kit", data={**KIT, "sent_on": sent_on})
    answer = client.post("/api/v1/removal-kit", json={**API, "sent_on": sent_on})
    for response in (form, answer):
        assert response.status_code in (200, 400), (sent_on, response.status_code)
    if answer.status_code == 400:
        assert answer.get_json()["error"]["field"] == "sent_on"
        assert form.status_code == 400 and "Alex Example" in form.get_data(as_text=True)  # what was typed stays
    else:
        assert dt.date.fromisoformat(answer.get_json()["kit"]["respond_by"]) > dt.date.fromisoformat(sent_on)


@pytest.mark.parametrize("path", ["/letters/removal", "/letters/kit", "/es/letters/removal", "/es/letters/kit"])
def test_every_choice_group_starts_with_not_chosen_yet(client, path):
    tree = parse(client.get(path).data)
    groups: dict[str, list] = {}
    for radio in (i for i in find_all(tree, "input") if i.get("type") == "radio"):
        groups.setdefault(radio.get("name"), []).append(radio)
    assert groups, "no choice group on the page"
    for name, radios in groups.items():
        assert radios[0].get("value") == "" and radios[0].get("checked") is None, name
        assert not any(r.get("checked") is not None for r in radios), name  # nothing chosen for the person


@pytest.mark.parametrize(("path", "data", "groups"), [
    ("/letters/removal", {**KIT, "platform": "x"}, ("sender", "kind", "minor")),
    ("/letters/kit", KIT, ("sender", "kind", "age")),
])
def test_an_untouched_group_is_refused_with_everything_else_kept(client, path, data, groups):
    for group in groups:
        response = client.post(path, data={**data, group: ""})  # what lynx sends for "not chosen yet"
        page = response.get_data(as_text=True)
        assert response.status_code == 400, group
        assert "Alex Example" in page and "https://x.com/a/status/1" in page, group


BAD_BODIES = [
    ("/api/v1/removal-kit", {"sender": {"role": "self"}}),
    ("/api/v1/removal-kit", {"nope": 1}),
    ("/api/v1/removal-kit", []),
    ("/api/v1/removal-kit", {**API, "sender": {**API["sender"], "email": "nope"}}),
    ("/api/v1/plan", {"answers": {"nope": "x"}}),
    ("/api/v1/plan", {"answers": {"danger": "maybe"}}),
    ("/api/v1/plan", {"answers": {"situation": "shared"}}),
    ("/api/v1/plan", []),
]


@pytest.mark.parametrize(("path", "body"), BAD_BODIES)
def test_api_errors_come_in_the_requested_language(client, path, body):
    """The same refusal, asked in English and in Spanish: the Spanish message is the catalog's
    translation of the English one, never the English left as it is."""
    from babel.messages.pofile import read_po

    from tests.servers import ROOT

    catalog = {m.id: m.string for m in read_po((ROOT / "app/translations/es/LC_MESSAGES/messages.po").open("rb"))
               if isinstance(m.id, str)}
    english = client.post(path, json=body).get_json()["error"]["message"]
    spanish = client.post(path + "?lang=es", json=body).get_json()["error"]["message"]
    assert english != spanish
    assert spanish in catalog.values()  # the catalog's translation
    assert client.post(path, json=body, headers={"Accept-Language": "es"}).get_json()["error"]["message"] == spanish


def test_the_email_rule_is_the_schemas(client):
    """`format: email` in the OpenAPI document and the forms' rule agree: a reserved test domain is
    a well-formed address (schemathesis sends them)."""
    assert client.post("/api/v1/removal-kit", json={**API, "sender": {**API["sender"], "email": "a@example.test"}}
                       ).status_code == 200
    form = client.post("/letters/kit", data={**KIT, "email": "a@example.test"})
    assert form.status_code == 200
