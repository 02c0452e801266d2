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
