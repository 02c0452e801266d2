"""The removal kit: grouping by operator, one letter per operator holding only its own
places and every element the Act requires, dates, the checklist files, the no-JS pages,
the widget, the API and its schema, and bad input."""

import csv
import datetime as dt
import io
import json
import logging
import re

import pytest
from werkzeug.datastructures import MultiDict

import config
from app import create_app, removal_kit
from app.web.kit import api as kit_api
from scripts.removal_kit_example import PLACES as SEVEN  # the example of docs/removal-kit-example.txt
from tests.conftest import assert_page_invariants, assert_stays_under, find_all, text_of

SENT = dt.date.today()
DUE = SENT + dt.timedelta(days=2)
CANARY = "CANARY-kit-40d2"



def kit_form(**extra) -> dict:
    data = {"full_name": "Alex Example", "email": "alex@example.com", "sender": "self",
            "description": "a photo of me in a kitchen, posted in May", "kind": "real", "age": "adult",
            "locations": "\n".join(SEVEN), "sent_on": SENT.isoformat()}
    data.update(extra)
    return data


def kit_json(**extra) -> dict:
    body = {"sender": {"role": "self", "full_name": "Alex Example", "email": "alex@example.com"},
            "depiction": {"kind": "real", "age": "adult", "description": "a photo of me in a kitchen"},
            "locations": list(SEVEN)}
    body.update(extra)
    return body


def groups(lines, directory):
    return [(g.kind, g.key, g.locations) for g in removal_kit.group_locations(lines, directory.platform_domains)]


def kit_groups(lines, directory):
    """As the kit groups them: platforms, their picture hosts, and search engines' results pages."""
    return [(g.kind, g.key, g.locations)
            for g in removal_kit.group_locations(lines, directory.kit.domains, directory.kit.results)]


# -- Grouping (plain Python) ----------------------------------------------------------

def test_every_platform_is_found_by_each_of_its_domains_in_every_spelling(directory):
    for platform in directory.platforms:
        for domain in platform.domains:
            lines = [f"https://{domain}/a", f"{domain.upper()}/b", f"www.{domain}/c", f"https://m.{domain}:8443/d?x=1",
                     f"HTTP://WWW.{domain.upper()}./e#f", f"{domain}"]
            assert groups(lines, directory) == [("platform", platform.id, lines)], domain


def test_lookalike_hosts_are_not_the_platform(directory):
    for platform in directory.platforms:
        for domain in platform.domains:
            fake = f"https://{domain}.evil.example/x"
            prefixed = f"https://not{domain}/x"
            # Grouped by who registered it (the Public Suffix List), never as the platform.
            assert groups([fake], directory) == [("site", "evil.example", [fake])]
            assert groups([prefixed], directory) == [("site", removal_kit.registrable_domain(f"not{domain}"), [prefixed])]


@pytest.mark.parametrize("line,host", [
    ("https://imagehost.example/view/1", "imagehost.example"),
    ("IMAGEHOST.EXAMPLE/view/1", "imagehost.example"),
    ("www.imagehost.example:8080/a", "imagehost.example"),
    ("http://user@imagehost.example/a", "imagehost.example"),
    ("ftp://files.example.org/x", "files.example.org"),
    ("http://203.0.113.7/x", "203.0.113.7"),
    ("  https://imagehost.example  ", "imagehost.example"),
    ("@someone", None), ("post 12345", None), ("12345", None), ("someone on a chat app", None),
    ("javascript:alert(1)", None), ("http://[::1", None), ("https://localhost/x", None),
    ("name@imagehost.example", None), ("imagehost.example:abc/x", None), ("<script>", None),
])
def test_location_host(line, host):
    assert removal_kit.location_host(line) == host


def test_a_mixed_list_groups_by_operator_keeps_order_and_drops_repeats(directory):
    lines = ["https://twitter.com/a/status/1", "@someone", "https://imagehost.example/1",
             "https://www.instagram.com/p/1", "https://x.com/a/status/1", "https://twitter.com/a/status/1",
             "  https://IMAGEHOST.example:443/2 ", "post 12345", "https://facebook.com/p/3", "https://t.me/chan/4"]
    assert groups(lines, directory) == [
        ("platform", "x", ["https://twitter.com/a/status/1", "https://x.com/a/status/1"]),
        ("site", "imagehost.example", ["https://imagehost.example/1", "https://IMAGEHOST.example:443/2"]),
        ("platform", "meta", ["https://www.instagram.com/p/1", "https://facebook.com/p/3"]),
        ("platform", "telegram", ["https://t.me/chan/4"]),
        ("unclear", "", ["@someone", "post 12345"]),  # always last
    ]


def test_a_username_written_with_its_site_is_placed(directory):
    assert groups(["x.com/@name", "instagram.com/name"], directory) == [
        ("platform", "x", ["x.com/@name"]), ("platform", "meta", ["instagram.com/name"])]


@pytest.mark.parametrize("sent,due", [("2026-11-25", "2026-11-27"), ("2026-12-31", "2027-01-02"),
                                      ("2028-02-28", "2028-03-01"), ("2027-02-27", "2027-03-01")])
def test_respond_by_is_48_hours_later(sent, due):
    assert removal_kit.respond_by(dt.date.fromisoformat(sent)) == dt.date.fromisoformat(due)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"x\")"])
def test_csv_cells_that_look_like_formulas_are_defused(value):
    rows = list(csv.reader(io.StringIO(removal_kit.to_csv(["h"], [[value]]))))
    assert rows[1][0] == "'" + value
    assert removal_kit.safe_cell("plain") == "plain" and removal_kit.safe_cell("a=b") == "a=b"


# -- Letters: each holds only its own places and every element of the Act --------------

LISTS = {
    "seven": SEVEN,
    "one-platform-every-domain": ["https://facebook.com/1", "https://instagram.com/2", "https://threads.net/3",
                                  "https://m.me/4", "https://fb.watch/5"],
    "unknown-only": ["https://a.example/1", "https://b.example/2", "https://a.example/3"],
    "usernames-only": ["@one", "@two", "post 99"],
    "case-www-port-path": ["HTTPS://WWW.X.COM:443/a/b/c?d=e", "https://www.reddit.com/r/x/comments/1/",
                           "reddit.com/user/someone", "https://redd.it/abc"],
}


def assert_statutory_elements(letter: str, places: list[str]):
    assert "/s/ Alex Example (electronic signature)" in letter  # (1) signature
    assert "Description: a photo of me in a kitchen" in letter  # (2) identification ...
    assert "It can be found at:\n" + "".join(f"- {p}\n" for p in places) in letter  # ... and location
    assert "good faith belief that this intimate visual depiction is not consensual" in letter  # (3)
    assert "alex@example.com" in letter  # (4) contact
    assert "48 hours" in letter and "known identical copies" in letter
    assert f"Date: {SENT:%B} {SENT.day}, {SENT.year}" in letter


@pytest.mark.parametrize("name", LISTS)
def test_each_request_holds_only_its_own_places(client, directory, name):
    lines = LISTS[name]
    kit = client.post("/api/v1/removal-kit", json=kit_json(locations=lines)).json["kit"]
    expected = kit_groups(lines, directory)
    assert [(r["kind"], r["operator"], r["locations"]) for r in kit["requests"]] == \
        [(kind, key if kind in ("platform", "search") else None, places) for kind, key, places in expected]
    for request in kit["requests"]:
        if request["kind"] == "search":  # a search engine takes its own form, not a letter
            assert request["letter"] is None and request["respond_by"] is None
            continue
        assert_statutory_elements(request["letter"], request["locations"])
        others = {p for r in kit["requests"] if r is not request for p in r["locations"]}
        assert not [p for p in others if f"- {p}\n" in request["letter"]], "a place from another request"
        assert request["respond_by"] == (None if request["deadline"] == "none" else DUE.isoformat())
        if request["kind"] == "site":
            assert [s["kind"] for s in request["steps"]][:1] == ["tida_letter"]
            assert "host_abuse" in [s["kind"] for s in request["steps"]]
            assert f"To: {request['site']}\n" in request["letter"]


@pytest.mark.parametrize("kind,forgery", [("real", False), ("altered", True), ("ai", True), ("unsure", None)])
@pytest.mark.parametrize("role", ["self", "authorized"])
def test_forgery_paragraph_and_authorized_statement(client, kind, forgery, role):
    sender = {"role": role, "full_name": "Alex Example", "email": "alex@example.com"}
    if role == "authorized":
        sender.update(authority="parent", person_shown="Sam Example")
    body = kit_json(sender=sender, depiction={"kind": kind, "age": "adult", "description": "a photo of me in a kitchen"})
    for request in client.post("/api/v1/removal-kit", json=body).json["kit"]["requests"]:
        letter = request["letter"]
        assert_statutory_elements(letter, request["locations"])
        assert ("This depiction is a digital forgery" in letter) is bool(forgery)
        assert ("either authentic or a digital forgery" in letter) is (forgery is None)
        assert ("This depiction is authentic." in letter) is (forgery is False)
        authorized = "authorized to act on behalf of the identifiable individual, Sam Example, as their parent"
        assert (authorized in letter) is (role == "authorized")
        assert ("depiction of me " in letter) is (role == "self")


# -- The pages (no JavaScript) ----------------------------------------------------------

def test_form_page(client):
    tree = assert_page_invariants(client.get("/letters/kit"))
    text = text_of(tree)
    assert "Nothing you type is stored" in text and "Never attach or send" in text
    inputs = {i.get("name"): i.get("value") for i in find_all(tree, "input")}
    assert inputs["sent_on"] == SENT.isoformat()
    assert next(find_all(tree, "form")).get("action") == "/letters/kit"


def test_result_page_has_a_request_per_operator_a_checklist_and_next_steps(client, directory):
    response = client.post("/letters/kit", data=kit_form())
    assert response.status_code == 200
    tree = assert_page_invariants(response)
    text = text_of(tree)
    letters = [t.text for t in find_all(tree, "textarea")]
    assert len(letters) == 5 == len(groups(SEVEN, directory))
    checklist = next(find_all(tree, "dl"))
    rows = [[text_of(cell) for cell in row] for row in checklist]
    assert [r[0] for r in rows] == ["Request 1: X (Twitter)", "Request 2: Facebook, Instagram, Threads and Messenger (Meta)",
                                    "Request 3: imagehost.example", "Request 4: example.net",
                                    "Request 5: Place not clear"]
    short = "{d:%b} {d.day}, {d.year}"
    assert all(r[1] == f"Sent: {short.format(d=SENT)}Respond by: {short.format(d=DUE)}" for r in rows[:-1]), rows
    assert rows[-1][1] == f"Sent: {short.format(d=SENT)}No date we know of"  # a place not clear: no deadline
    assert all(r[2] == "Removed on: ________" for r in rows)
    assert f"{DUE:%B} {DUE.day}, {DUE.year}" in text
    assert directory.entries["x"].removal_request in text and "company that hosts the site" in text
    assert "We could not tell which site" in text
    assert directory.facts["ftc_takeitdown_host"] in text and directory.facts["ccri_helpline_phone"] in text
    assert "CyberTipline" not in text  # an adult: not the under-18 box
    # places are text: never a link, and nothing but the directory's own pages is linked
    for link in find_all(tree, "a"):
        href = link.get("href", "")
        assert not any(p.split("//")[-1].split("/")[0] in href for p in SEVEN if "example" in p), href
    actions = [f.get("action") for f in find_all(tree, "form") if f.get("class") != "lang"]  # not the language switch
    assert actions == ["/letters/kit/download", "/letters/kit/checklist"]
    assert "/letters/kit/follow-up" in [a.get("href") for a in find_all(tree, "a")]


def test_under_18_puts_the_cybertipline_and_take_it_down_first(client, directory):
    for age in ("under18", "unsure"):
        text = text_of(assert_page_invariants(client.post("/letters/kit", data=kit_form(age=age))))
        assert text.index("CyberTipline") < text.index("Checklist")
        assert text.index("Never attach or send the picture") < text.index("Request 1:")
        download = client.post("/letters/kit/download", data=kit_form(age=age)).data.decode()
        assert download.index(directory.facts["cybertipline_phone"]) < download.index("Checklist")
        assert "Never attach or send the picture" in download
        api = client.post("/api/v1/removal-kit", json=kit_json(
            depiction={"kind": "real", "age": age, "description": "d"})).json["kit"]
        assert [r["id"] for r in api["first"]] == ["cybertipline", "take-it-down"]
    assert client.post("/api/v1/removal-kit", json=kit_json()).json["kit"]["first"] == []


def test_download_carries_every_value_and_holds_the_whole_kit(client):
    response = client.post("/letters/kit", data=kit_form(sender="authorized", capacity="parent",
                                                         person_name="Sam Example", postal_address="1 Main St\nTown"))
    tree = assert_page_invariants(response)
    form = next(f for f in find_all(tree, "form") if f.get("action") == "/letters/kit/download")
    fields = MultiDict([(i.get("name"), i.get("value")) for i in form.iter() if i.get("type") == "hidden"])
    download = client.post("/letters/kit/download", data=fields)
    assert download.status_code == 200 and download.mimetype == "text/plain"
    assert download.headers["Content-Disposition"] == 'attachment; filename="removal-requests.txt"'
    assert "no-store" in download.headers["Cache-Control"] and "Set-Cookie" not in download.headers
    text = download.data.decode()
    assert text.count("----- The letter -----") == 5 and text.count("[ ] Request") == 5
    assert "1 Main St\nTown" in text and "as their parent" in text
    assert "If a site does not act by its date" in text and "takeitdown.ftc.gov" in text


def test_checklist_csv(client):
    data = kit_form(locations="=HYPERLINK(\"http://evil.example\")\n@name\nhttps://x.com/1\n-1+1")
    response = client.post("/letters/kit/checklist", data=data)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="removal-checklist.csv"'
    rows = list(csv.reader(io.StringIO(response.data.decode())))
    assert rows[0] == ["Request", "Site or app", "Places", "Where to send it", "Sent on", "Respond by",
                       "Removed on", "Case or ticket number"]
    assert [r[1] for r in rows[1:]] == ["X (Twitter)", "Place not clear"]
    assert rows[2][2].startswith("'=HYPERLINK")  # a formula is text in a spreadsheet
    assert rows[1][4:6] == [SENT.isoformat(), DUE.isoformat()]
    for row in rows:
        assert not any(cell[:1] in "=+-@" and cell for cell in row), row


@pytest.mark.parametrize("change,field,message", [
    ({"locations": ""}, "locations", "Enter at least one web address"),
    ({"locations": "\n".join(f"https://e.example/{i}" for i in range(51))}, "locations", "50 places or fewer"),
    ({"locations": "https://e.example/" + "x" * 500}, "locations", "500 characters or fewer"),
    ({"full_name": " "}, "full_name", "Enter your full name."),
    ({"email": "", "postal_address": ""}, "email", "Enter an email address or a postal address"),
    ({"email": "not-an-email"}, "email", "Enter an email address like"),
    ({"sent_on": "25/11/2026"}, "sent_on", "year-month-day"),
    ({"sent_on": "2026-02-30"}, "sent_on", "Enter a real date"),
    ({"sender": "authorized"}, "capacity", "Say how you are authorized"),
    ({"kind": "forgery"}, "kind", "Not a valid choice"),
    ({"kind": ""}, "kind", "Choose real, edited"),
    ({"age": ""}, "age", "Choose whether the person was under 18"),
    ({"description": ""}, "description", "Describe the picture or video briefly."),
])
def test_bad_input_gets_a_message_by_the_field_and_keeps_what_was_typed(client, change, field, message):
    data = kit_form(**change)
    for path in ("/letters/kit", "/letters/kit/download", "/letters/kit/checklist"):
        response = client.post(path, data=data)
        assert response.status_code == 400
        tree = assert_page_invariants(response)
        error = next(el for el in tree.iter() if el.get("id") == f"{field}-error")
        assert message in text_of(error)
        assert "There is a problem" in text_of(tree) and "/s/ Alex Example" not in response.data.decode()
        kept = {i.get("name"): i.get("value") for i in find_all(tree, "input") if i.get("type") != "radio"}
        checked = {i.get("name"): i.get("value") for i in find_all(tree, "input") if i.get("checked") is not None}
        if field != "full_name":
            assert kept["full_name"] == "Alex Example"
        if field != "locations":
            assert next(t for t in find_all(tree, "textarea") if t.get("name") == "locations").text.strip() == \
                "\n".join(SEVEN)
        assert checked.get("sender") == data["sender"]


# -- Inside the widget ----------------------------------------------------------------

@pytest.fixture(scope="module")
def embed_client():
    class EmbedConfig(config.TestConfig):
        EMBED_SITES = {"uni": ("https://uni.example",)}

    return create_app(EmbedConfig).test_client()


def test_the_kit_works_inside_the_widget(embed_client):
    for response in (embed_client.get("/embed/uni/letters/kit"),
                     embed_client.post("/embed/uni/letters/kit", data=kit_form()),
                     embed_client.post("/embed/uni/letters/kit", data=kit_form(email="bad"))):
        assert response.status_code in (200, 400)
        assert "frame-ancestors https://uni.example" in response.headers["Content-Security-Policy"]
        assert "X-Frame-Options" not in response.headers
        tree = assert_page_invariants(response)
        assert_stays_under(tree, "/embed/uni/")
        assert all(form.get("action").startswith(("/embed/uni/letters/kit", "/embed/uni/es/letters/kit"))
                   for form in find_all(tree, "form"))
    download = embed_client.post("/embed/uni/letters/kit/download", data=kit_form())
    assert download.status_code == 200 and "----- The letter -----" in download.data.decode()
    assert embed_client.get("/embed/nobody/letters/kit").status_code == 404


def test_the_guide_and_the_plan_link_the_kit(client, embed_client):
    tree = assert_page_invariants(client.get("/guides/removal"))
    assert "/letters/kit" in [a.get("href") for a in find_all(tree, "a")]
    plan = embed_client.post("/embed/uni/plan", data={"situation": "shared", "where": "social"})
    assert b'href="/embed/uni/letters/kit"' in plan.data


# -- The API ----------------------------------------------------------------------------

def conforms(schema, value, components) -> bool:
    """A small JSON Schema check for the response schemas ($ref, type lists, enum, required,
    additionalProperties: false, items)."""
    if "$ref" in schema:
        return conforms(components[schema["$ref"].split("/")[-1]], value, components)
    types = schema.get("type")
    types = types if isinstance(types, list) else [types] if types else []
    python = {"object": dict, "array": list, "string": str, "null": type(None), "boolean": bool, "integer": int}
    if types and not any(isinstance(value, python[t]) for t in types):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, dict) and "properties" in schema:
        if not set(schema.get("required", ())) <= set(value):
            return False
        if schema.get("additionalProperties") is False and set(value) - set(schema["properties"]):
            return False
        return all(conforms(schema["properties"][k], v, components) for k, v in value.items()
                   if k in schema["properties"])
    if isinstance(value, list) and "items" in schema:
        return all(conforms(schema["items"], v, components) for v in value)
    return True


def test_openapi_describes_the_kit_and_the_answer_conforms(client):
    spec = client.get("/api/v1/openapi.json").json
    path = spec["paths"]["/api/v1/removal-kit"]["post"]
    assert {"200", "400", "413", "415"} <= set(path["responses"])
    components = spec["components"]["schemas"]
    assert components["KitRequest"] == json.loads(json.dumps(kit_api.REQUEST))  # the schema that checks bodies
    for body in (kit_json(), kit_json(sent_on="2026-11-20", locations=["@a"]),
                 kit_json(depiction={"kind": "ai", "age": "under18", "description": "d"})):
        assert conforms(components["KitRequest"], body, components)
        response = client.post("/api/v1/removal-kit", json=body)
        assert response.status_code == 200 and conforms(components["Kit"], response.json, components)
    bad = client.post("/api/v1/removal-kit", json={})
    assert conforms(components["KitError"], bad.json, components)
    assert not conforms(components["Kit"], {"kit": {}}, components)  # the check can fail


def test_sent_on_sets_every_date(client):
    kit = client.post("/api/v1/removal-kit", json=kit_json(sent_on="2026-11-20")).json["kit"]
    assert kit["sent_on"] == "2026-11-20" and kit["respond_by"] == "2026-11-22"
    assert {r["respond_by"] for r in kit["requests"]} == {"2026-11-22", None}  # None: no deadline known
    assert all(r["respond_by"] is None for r in kit["requests"] if r["deadline"] == "none")
    assert all("Date: November 20, 2026" in r["letter"] for r in kit["requests"] if r["letter"])


def _without(body, *path):
    body = json.loads(json.dumps(body))
    target = body
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return body


def _sender(**change):
    return {**kit_json()["sender"], **change}


def _depiction(**change):
    return {**kit_json()["depiction"], **change}


@pytest.mark.parametrize("body,field", [
    (_without(kit_json(), "sender"), "sender"),
    (_without(kit_json(), "locations"), "locations"),
    (_without(kit_json(), "sender", "full_name"), "sender.full_name"),
    (_without(kit_json(), "depiction", "kind"), "depiction.kind"),
    (kit_json(extra=1), "extra"),
    (kit_json(sender=_sender(phone="555")), "sender.phone"),
    (kit_json(depiction=_depiction(note="x")), "depiction.note"),
    (kit_json(locations="https://x.com/1"), "locations"),
    (kit_json(locations=[1]), "locations[0]"),
    (kit_json(locations=["ok", None]), "locations[1]"),
    (kit_json(locations=[]), "locations"),
    (kit_json(locations=[f"https://e.example/{i}" for i in range(51)]), "locations"),
    (kit_json(locations=["\n"]), "locations[0]"),
    (kit_json(locations=["   "]), "locations[0]"),
    (kit_json(locations=["x" * 501]), "locations[0]"),
    (kit_json(sender="Alex"), "sender"),
    (kit_json(sender=_sender(role="friend")), "sender.role"),
    (kit_json(sender=_sender(full_name=5)), "sender.full_name"),
    (kit_json(sender=_sender(full_name="  ")), "sender.full_name"),
    (kit_json(sender=_sender(email=None)), "sender.email"),
    (kit_json(sender=_sender(email="nope")), "sender.email"),
    (kit_json(sender=_sender(email="")), "sender.email"),  # and no postal address
    (kit_json(sender=_sender(role="authorized")), "sender.authority"),
    (kit_json(depiction=_depiction(kind="fake")), "depiction.kind"),
    (kit_json(depiction=_depiction(age=True)), "depiction.age"),
    (kit_json(depiction=_depiction(description="x" * 1001)), "depiction.description"),
    (kit_json(sent_on="2026-02-30"), "sent_on"),
    (kit_json(sent_on="20261125"), "sent_on"),
    (kit_json(sent_on=20261125), "sent_on"),
    (kit_json(sent_on="1999-02-30"), "sent_on"),
    ([], None), ("text", None), (None, None),
])
def test_bad_bodies_are_400_naming_the_field(client, body, field):
    response = client.post("/api/v1/removal-kit", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.json
    assert response.json["error"]["field"] == field and response.json["error"]["message"]
    assert set(response.json["error"]) == {"field", "message"}


def test_not_json_too_large_and_wrong_method(client):
    assert client.post("/api/v1/removal-kit", data="locations=x").status_code == 415
    bad = client.post("/api/v1/removal-kit", data="{", content_type="application/json")
    assert bad.status_code == 400 and bad.json["error"] == {"field": None, "message": "The body is not valid JSON."}
    big = client.post("/api/v1/removal-kit", data=json.dumps(kit_json(locations=["x" * 500] * 200)),
                      content_type="application/json")
    assert big.status_code == 413 and big.json["error"]["message"]
    assert client.get("/api/v1/removal-kit").status_code == 405


def test_postal_address_alone_is_enough(client):
    sender = {"role": "self", "full_name": "Alex Example", "postal_address": "1 Main St\nTown"}
    response = client.post("/api/v1/removal-kit", json=kit_json(sender=sender))
    assert response.status_code == 200
    assert "1 Main St\nTown" in response.json["kit"]["requests"][0]["letter"]


# -- Privacy ----------------------------------------------------------------------------

def test_canary_typed_anywhere_is_in_no_log_header_or_cookie(client, caplog):
    caplog.set_level(logging.DEBUG)
    data = kit_form(full_name=CANARY, description=CANARY, capacity=CANARY, person_name=CANARY, sender="authorized",
                    postal_address=CANARY, locations=f"https://{CANARY.lower()}.example/{CANARY}\n{CANARY}")
    responses = [client.post(path, data=data) for path in
                 ("/letters/kit", "/letters/kit/download", "/letters/kit/checklist")]
    assert all(CANARY in r.data.decode() for r in responses)
    responses += [client.post("/letters/kit", data=dict(data, email=CANARY, sent_on=CANARY)),
                  client.post("/api/v1/removal-kit", json=kit_json(locations=[CANARY], sender=_sender(full_name=CANARY))),
                  client.post("/api/v1/removal-kit", json=kit_json(sender=_sender(email=CANARY))),
                  client.post("/api/v1/removal-kit", json=kit_json(**{CANARY: CANARY}))]
    for response in responses:
        assert response.status_code < 500
        assert "Set-Cookie" not in response.headers and "Location" not in response.headers
        assert CANARY not in str(response.headers)
    assert not any(CANARY in r.getMessage() for r in caplog.records)


def test_letters_and_pages_escape_what_was_typed(client):
    payload = "</textarea><script>alert(1)</script>"
    data = kit_form(full_name=payload, description=payload, locations=f"https://e.example/{payload}\n{payload}")
    response = client.post("/letters/kit", data=data)
    assert response.status_code == 200 and payload.encode() not in response.data
    assert_page_invariants(response)
    assert re.search(r"<script>alert", client.post("/letters/kit/download", data=data).data.decode())  # plain text


def test_an_empty_sent_date_means_today(client):
    text = client.post("/letters/kit/download", data=kit_form(sent_on="")).data.decode()
    assert f"Respond by: {DUE.isoformat()}" in text
    assert client.post("/api/v1/removal-kit", json=kit_json()).json["kit"]["sent_on"] == SENT.isoformat()


def test_the_kit_pages_are_plain_language(client):
    """Grade 8 or easier, like every guide (the letters themselves are legal English, left out)."""
    import textstat

    from tests.conftest import NS

    for response in (client.get("/letters/kit"), client.post("/letters/kit", data=kit_form())):
        main = next(find_all(assert_page_invariants(response), "main"))
        for parent in list(main.iter()):
            for child in [c for c in parent if c.tag in (f"{NS}textarea", f"{NS}pre")]:
                parent.remove(child)
        text = re.sub(r"https?://\S+", "", text_of(main))
        assert textstat.flesch_kincaid_grade(text) <= 8.0


def test_an_oversize_form_is_a_friendly_413(client):
    response = client.post("/letters/kit", data=kit_form(locations="x" * 100_000))
    assert response.status_code == 413
    assert "too much to send" in text_of(assert_page_invariants(response))


def test_the_package_keeps_the_names_the_web_layer_uses():
    """app/removal_kit became a package (places, channels, checklist, followup): the names the
    web layer imports stay where they were."""
    for name in ("MAX_LOCATIONS", "RESPOND_DAYS", "PLATFORM", "SITE", "UNCLEAR", "Group", "group_locations",
                 "location_host", "registrable_domain", "respond_by", "safe_cell", "to_csv", "lookalike_of",
                 "mixed_scripts", "unicode_host", "unique_lines"):
        assert hasattr(removal_kit, name), name
    assert set(removal_kit.__all__) <= set(dir(removal_kit))
