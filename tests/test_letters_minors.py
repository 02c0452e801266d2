"""A request about a picture of someone who was under 18 (or may have been) says so, and never
repeats a description of the picture; an unknown site is sent to the CyberTipline first, as the
guide's routing rules say (issue 25, the minors' part of item 1)."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from tests.conftest import find_all, parse
from tests.servers import ROOT

DESCRIPTION = "a photo from the school trip"
BODY = {"sender": {"role": "self", "full_name": "Alex Example", "email": "alex@example.com"},
        "depiction": {"kind": "real", "description": DESCRIPTION},
        "locations": ["https://x.com/a/status/1", "https://imagehost.example/1"]}
CYBERTIPLINE_FIRST = ("First report this place to the CyberTipline: it works with sites and hosting companies "
                      "to remove pictures of people under 18.")


@pytest.mark.parametrize(("age", "said"), [("under18", "was under 18"), ("unsure", "may have been under 18"),
                                            ("adult", None)])
def test_kit_letters_say_the_age_and_hold_no_description_for_a_minor(client, age, said):
    body = {**BODY, "depiction": {**BODY["depiction"], "age": age}}
    requests = client.post("/api/v1/removal-kit", json=body).get_json()["kit"]["requests"]
    assert requests
    for request in requests:
        if said:
            assert said in request["letter"] and DESCRIPTION not in request["letter"]
        else:
            assert DESCRIPTION in request["letter"] and "under 18" not in request["letter"]
    site = next(r for r in requests if r["operator"] is None)
    assert site["send_to"]["how"].startswith(CYBERTIPLINE_FIRST) == (said is not None)


def test_unknown_sites_go_to_the_cybertipline_first_in_spanish_too(client):
    catalog = {m.id: m.string for m in read_po((ROOT / "app/translations/es/LC_MESSAGES/messages.po").open("rb"))
               if isinstance(m.id, str)}
    body = {**BODY, "depiction": {**BODY["depiction"], "age": "under18"}}
    requests = client.post("/api/v1/removal-kit?lang=es", json=body).get_json()["kit"]["requests"]
    site = next(r for r in requests if r["operator"] is None)
    assert site["send_to"]["how"].startswith(catalog[CYBERTIPLINE_FIRST])


@pytest.mark.parametrize("minor", ["yes", "unsure"])
def test_the_single_request_holds_no_description_for_a_minor(client, minor):
    data = {"sender": "self", "full_name": "Alex Example", "email": "alex@example.com", "platform": "x",
            "locations": "https://x.com/a/status/1", "description": DESCRIPTION, "kind": "authentic", "minor": minor}
    tree = parse(client.post("/letters/removal", data=data).data)
    letter = next(t for t in find_all(tree, "textarea")).text
    assert DESCRIPTION not in letter and "under 18" in letter
