"""The removal kit's web layer (issue 25): the engine's routing on the no-JS pages, in the API and in
Spanish. Every rule is parametrised over the content data (operators, channels, hosts, results pages),
so adding an operator or a channel adds its cases here; nothing is hand-counted."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from babel.messages.pofile import read_po

from app import directory as directory_module
from app import removal_kit
from app.web.kit import wording
from tests.conftest import assert_page_invariants, find_all, parse, text_of
from tests.servers import ROOT

DIRECTORY = directory_module.load()
BOOK = DIRECTORY.kit
TODAY = dt.date.today()
SENDER = {"role": "self", "full_name": "Alex Example", "email": "alex@example.com"}
DESCRIPTION = "a photo of me in a kitchen"
CATALOG = {m.id: m.string for m in read_po((ROOT / "app/translations/es/LC_MESSAGES/messages.po").open("rb"))
           if isinstance(m.id, str)}
UNCONFIRMED_NOTE = "We could not check these details on the owner's own website. They may have changed."
LANGS = [("", "en"), ("?lang=es", "es")]


def es(msgid: str) -> str:
    return CATALOG[msgid]


def kit(client, places, lang="", age="adult", kind="real", taker="self", **depiction):
    body = {"sender": SENDER, "depiction": {"kind": kind, "age": age, "taker": taker, **depiction},
            "locations": list(places)}
    if age == "adult":
        body["depiction"].setdefault("description", DESCRIPTION)
    response = client.post(f"/api/v1/removal-kit{lang}", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["kit"]


def form(places, **extra) -> dict:
    data = {"full_name": "Alex Example", "email": "alex@example.com", "sender": "self", "description": DESCRIPTION,
            "kind": "real", "age": "adult", "taker": "self", "locations": "\n".join(places),
            "sent_on": TODAY.isoformat()}
    data.update(extra)
    return data


def name_of(operator_id: str) -> str:
    platform = DIRECTORY.get(operator_id)
    return platform.name if platform else BOOK.operators[operator_id].label


# A place on every host the kit knows, with the operator it belongs to (platform domains, kit
# operators' own domains, CDNs and short links), and a results page of every search engine.
HOSTS = sorted(BOOK.domains.items())
RESULTS = [(f"https://www.{host}{path}{'' if path.endswith('/') else '/'}?q=x", operator)
           for host, path, operator in BOOK.results]
OPERATORS = sorted(o for o in BOOK.operators if o != directory_module.HOSTING)
COVERED = sorted(o.id for o in BOOK.operators.values() if o.covered)


def place_of(operator_id: str) -> str:
    host = next(h for h, o in HOSTS if o == operator_id and not any(h == r for r, _, _ in BOOK.results))
    return f"https://{host}/p/1"


# -- Every code the engine has is worded -----------------------------------------------------

@pytest.mark.parametrize(("codes", "words"), [
    (removal_kit.REASONS, wording.REASONS), (removal_kit.CONDITIONS, wording.CONDITIONS),
    (directory_module.KIT_LOOK_FOR, wording.LOOK_FOR), (directory_module.KIT_FIELDS, wording.FIELDS),
    (removal_kit.DEADLINES, wording.DEADLINES), (removal_kit.COLUMNS, wording.COLUMN_NAMES),
    ((removal_kit.REMOVED, removal_kit.WAITING, removal_kit.OVERDUE, removal_kit.NO_DEADLINE_STATUS),
     wording.STATUSES),
    (("bad_date", "missing", "too_long", "too_many_rows", "unreadable", "out_of_range"), wording.ROW_ERRORS),
    (directory_module.KIT_PROVIDERS, wording.PROVIDERS),
])
def test_every_engine_code_has_words_in_both_languages(codes, words):
    assert set(codes) == set(words)
    assert all(CATALOG.get(msgid) for msgid in words.values())


# -- 1-2. Routing by operator and channel; hosts to their platform; registrable domains ----------

@pytest.mark.parametrize(("host", "operator"), HOSTS, ids=[h for h, _ in HOSTS])
def test_a_place_on_any_host_goes_to_its_operator_with_its_channels(client, host, operator):
    place = f"https://cdn.{host}/media/a.jpg"
    (request,) = kit(client, [place])["requests"]
    assert (request["kind"], request["operator"], request["locations"]) == ("platform", operator, [place])
    # A page of the operator (not its search results): its own ways in, else the kit's letter.
    wanted = [c for c in BOOK.operators[operator].channels
              if c.kind in (removal_kit.TIDA_FORM, removal_kit.NCII_FORM, removal_kit.IN_APP, removal_kit.EMAIL)]
    shown = [(s["kind"], s["url"], s["help_url"], s["email"]) for s in request["steps"]]
    for channel in wanted:  # an adult's real picture: every channel that takes it, and nothing guessed
        if "real" in channel.depictions and "adult" in channel.ages:
            assert (channel.kind, channel.url, channel.help_url, channel.email) in shown
    if not [c for c in wanted if "real" in c.depictions and "adult" in c.ages]:
        assert shown[0][0] == "tida_letter"
    assert request["letter"] and f"- {place}\n" in request["letter"]


@pytest.mark.parametrize(("place", "operator"), RESULTS, ids=[o for _, o in RESULTS])
@pytest.mark.parametrize("kind", ["real", "ai"])
def test_search_results_go_to_the_engines_form_with_what_to_paste(client, place, operator, kind):
    others = ["https://pbs.twimg.com/media/a.jpg", "https://unknown.example/post/1"]
    requests = kit(client, [place, *others], kind=kind)["requests"]
    search = next(r for r in requests if r["kind"] == "search")
    assert search["operator"] == operator and search["letter"] is None and search["respond_by"] is None
    assert search["deadline"] == removal_kit.NO_DEADLINE
    assert search["steps"] and {s["kind"] for s in search["steps"]} == {"search_form"}
    for step in search["steps"]:
        assert step["url"] or step["help_url"]
        for field in step["fields"]:
            expected = {"results_url": [place], "image_url": [others[0]], "page_url": [others[1]]}[field["field"]]
            assert field["paste"] == expected


def test_subdomains_of_one_registered_site_are_one_request(client):
    places = ["https://a.example.co.uk/1", "https://b.example.co.uk/2", "https://img.host.example/3",
              "https://host.example/4"]
    requests = kit(client, places)["requests"]
    assert [(r["site"], r["locations"]) for r in requests] == [("example.co.uk", places[:2]),
                                                               ("host.example", places[2:])]


@pytest.mark.parametrize("operator", OPERATORS)
@pytest.mark.parametrize("prefix,lang", [("", "en"), ("/es", "es")])
def test_the_page_shows_each_operators_channels(client, operator, prefix, lang):
    place = place_of(operator) if operator not in {o for _, _, o in BOOK.results} else RESULTS[
        [o for _, o in RESULTS].index(operator)][0]
    response = client.post(f"{prefix}/letters/kit", data=form([place]))
    tree = assert_page_invariants(response)
    text = text_of(tree)
    hrefs = {a.get("href") for a in find_all(tree, "a")}
    for step in kit(client, [place])["requests"][0]["steps"]:
        for url in (step["url"], step["help_url"]):
            assert url is None or url in hrefs
        if step["label"]:  # the operator's own words, quoted as they are, in English
            assert step["label"] in text
        if step["unconfirmed"]:
            assert (UNCONFIRMED_NOTE if lang == "en" else es(UNCONFIRMED_NOTE)) in text


def test_unknown_sites_get_the_letter_then_the_host_and_the_dmca_directory(client):
    (request,) = kit(client, ["https://unknown.example/p/1"])["requests"]
    kinds = [s["kind"] for s in request["steps"]]
    assert kinds[0] == "tida_letter" and "dmca_notice" in kinds and "host_abuse" in kinds
    hosting = {c.url or c.help_url for c in BOOK.hosting.channels}
    assert {s["url"] or s["help_url"] for s in request["steps"] if s["kind"] != "tida_letter"} <= hosting
    assert all("if_ignored" in s["conditions"] for s in request["steps"] if s["kind"] == "host_abuse")


@pytest.mark.parametrize(("kind", "taker", "age"), [("ai", "self", "adult"), ("real", "someone_else", "adult"),
                                                    ("real", "self", "under18"), ("altered", "self", "adult")])
def test_no_copyright_route_unless_a_real_picture_the_person_took_as_an_adult(client, kind, taker, age):
    for request in kit(client, ["https://unknown.example/1", place_of("x")], kind=kind, taker=taker,
                       age=age)["requests"]:
        assert "dmca_notice" not in [s["kind"] for s in request["steps"]]


# -- Minors: NCMEC first, no description, the operator's own words for minors ----------------------

@pytest.mark.parametrize("age", ["under18", "unsure"])
def test_minors_go_to_ncmec_first_and_no_letter_describes_them(client, age):
    places = [place_of(o) for o in OPERATORS if o not in {x for _, _, x in BOOK.results}]
    places += ["https://unknown.example/1", "@someone"]
    data = kit(client, places, age=age, description="SECRET-DESCRIPTION")
    assert data["steps"][0]["referral"] == "cybertipline"
    assert "stopncii" not in [s["referral"] for s in data["steps"]] or age == "unsure"
    for request in data["requests"]:
        if request["letter"]:
            assert "SECRET-DESCRIPTION" not in request["letter"] and "under 18" in request["letter"]
        if request["kind"] in ("site", "unclear"):
            assert request["steps"][0]["referral"] == "cybertipline"


@pytest.mark.parametrize("channel", [c for o in BOOK.operators.values() for c in o.channels if c.label_minor],
                         ids=lambda c: c.id)
def test_a_minors_request_uses_the_operators_own_words_for_minors(client, channel):
    place = "https://unknown.example/1" if channel.operator == directory_module.HOSTING else place_of(channel.operator)
    for age, label, other in (("under18", channel.label_minor, None), ("adult", channel.label, None),
                              ("unsure", channel.label, channel.label_minor)):
        steps = [s for r in kit(client, [place], age=age)["requests"] for s in r["steps"]]
        step = next(s for s in steps if s["help_url"] == channel.help_url and s["kind"] == channel.kind)
        assert (step["label"], step["label_if_under18"]) == (label, other)


@pytest.mark.parametrize("path", ["/letters/kit", "/letters/removal"])
def test_a_description_is_asked_only_for_an_adults_picture(client, path):
    single = path == "/letters/removal"
    for age, needed in (("adult", True), ("under18", False), ("unsure", False)):
        data = form(["https://x.com/a/1"], description="")
        if single:
            data.update(platform="x", kind="authentic", minor={"adult": "no", "under18": "yes"}.get(age, "unsure"))
            del data["age"]
        else:
            data["age"] = age
        response = client.post(path, data=data)
        assert (response.status_code == 400) is needed, age
    body = {"sender": SENDER, "depiction": {"kind": "real", "age": "adult"}, "locations": ["x.com/1"]}
    error = client.post("/api/v1/removal-kit?lang=es", json=body).get_json()["error"]
    assert error == {"field": "depiction.description", "message": es("Describe the picture or video briefly.")}


# -- 48 hours only where the data says so ------------------------------------------------------

@pytest.mark.parametrize("operator", OPERATORS)
def test_48_hours_are_the_laws_only_for_operators_whose_own_page_says_so(client, operator):
    covered = BOOK.operators[operator].covered
    search = operator in {o for _, _, o in BOOK.results}
    place = RESULTS[[o for _, o in RESULTS].index(operator)][0] if search else place_of(operator)
    (request,) = kit(client, [place])["requests"]
    assert request["deadline"] == ("act_48h" if covered else "none" if search else "if_covered")
    if request["letter"]:
        assert ("as the Act requires" in request["letter"]) is covered
        assert ("If you are a covered platform" in request["letter"]) is not covered
    assert (request["respond_by"] is None) is search
    text = text_of(parse(client.post("/letters/kit", data=form([place])).data))
    assert ("the law gives it 48 hours" in text) is covered


# -- Who sees what, before anything is typed; the Act's relevant information -------------------

@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_form_names_each_operator_and_what_it_sees_before_the_first_field(client, prefix):
    tree = assert_page_invariants(client.get(f"{prefix}/letters/kit"))
    html = client.get(f"{prefix}/letters/kit").get_data(as_text=True)
    assert html.index('id="who-sees"') < html.index('name="full_name"')
    text = text_of(next(d for d in find_all(tree, "div") if d.get("id") == "who-sees"))
    for operator in OPERATORS:
        platform = DIRECTORY.get(operator)
        name = CATALOG.get(platform.name, platform.name) if platform and prefix else name_of(operator)
        assert name in text, operator
    assert "DMCA" in text and "Cloudflare" in text


def test_relevant_information_goes_into_every_letter_when_given_and_is_never_required(client):
    note = "I never agreed to it being posted."
    for request in kit(client, ["https://x.com/a/1", "https://unknown.example/1"],
                       relevant_information=note)["requests"]:
        assert f"Relevant information: {note}" in request["letter"]
    for age in ("adult", "under18"):
        assert all("Relevant information" not in r["letter"] for r in kit(client, ["x.com/1"], age=age)["requests"])


# -- Choice groups: a hidden "No answer yet" first; the email rule is the schema's --------------

@pytest.mark.parametrize("path", ["/letters/kit", "/es/letters/kit", "/letters/removal", "/letters/kit/follow-up",
                                  "/es/letters/kit/follow-up"])
def test_every_choice_group_starts_with_no_answer_yet(client, path):
    tree = assert_page_invariants(client.get(path))
    groups = {}
    for field in find_all(tree, "input"):
        if field.get("type") == "radio":
            groups.setdefault(field.get("name"), []).append(field.get("value"))
    assert groups and all(values[0] == "" for values in groups.values()), groups


def test_the_email_the_schema_allows_is_accepted_everywhere(client):
    body = {"sender": {**SENDER, "email": "a@example.test"}, "depiction": {"kind": "ai", "age": "under18"},
            "locations": ["x.com/1"]}
    assert client.post("/api/v1/removal-kit", json=body).status_code == 200
    assert client.post("/letters/kit", data=form(["x.com/1"], email="a@example.test")).status_code == 200
    follow = {"sender": body["sender"], "places": ["x.com/1"], "sent_on": "2026-01-01"}
    assert client.post("/api/v1/removal-kit/follow-up", json=follow).status_code == 200


# -- Honest edges: every date gives a 4xx or a result ---------------------------------------------

DATES = ["0001-01-01", "1999-12-31", removal_kit.LAST_SENT_ON.isoformat(), "9999-12-30", "9999-12-31",
         "2026-02-30", "10000-01-01", "2026-1-1"]


@pytest.mark.parametrize("sent_on", DATES)
@pytest.mark.parametrize("path", ["/letters/kit", "/letters/kit/download", "/letters/kit/checklist",
                                  "/es/letters/kit", "/letters/kit/follow-up"])
def test_every_date_gives_a_4xx_or_a_result_on_the_pages(client, path, sent_on):
    data = form(["https://x.com/a/1", "https://unknown.example/1"], sent_on=sent_on)
    if path.endswith("follow-up"):
        data["checklist"] = "https://x.com/a/1"
    status = client.post(path, data=data).status_code
    assert status in (200, 400)
    assert (status == 200) is (sent_on in DATES[:3])


@pytest.mark.parametrize("sent_on", DATES)
def test_every_date_gives_a_4xx_or_a_result_in_the_api_in_the_asked_language(client, sent_on):
    body = {"sender": SENDER, "depiction": {"kind": "ai", "age": "under18"}, "locations": ["x.com/1"],
            "sent_on": sent_on}
    response = client.post("/api/v1/removal-kit?lang=es", json=body)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.get_json()["error"]["field"] == "sent_on"
        assert response.headers["Content-Language"] == "es"
    follow = {"sender": SENDER, "places": ["x.com/1"], "sent_on": sent_on}
    assert client.post("/api/v1/removal-kit/follow-up", json=follow).status_code in (200, 400)
    csv_text = f"Request,Site or app,Places,Where to send it,Sent on\r\n1,X,x.com/1,,{sent_on}\r\n"
    answer = client.post("/api/v1/removal-kit/follow-up?lang=es", json={"sender": SENDER, "checklist": csv_text})
    assert answer.status_code == 200
    data = answer.get_json()["follow_up"]
    assert bool(data["requests"]) is (sent_on in (*DATES[:3], "2026-1-1"))  # as spreadsheets may save it
    assert all(e.startswith("Fila ") for e in data["errors"])


# -- 3. Follow-up: the checklist back (either language), or the places again -------------------------

def _checklist(client, lang_prefix="", sent_on=None, places=None):
    data = form(places or ["https://x.com/a/1", "https://unknown.example/1", "https://www.google.com/search?q=a"],
                sent_on=(sent_on or TODAY - dt.timedelta(days=10)).isoformat())
    return client.post(f"{lang_prefix}/letters/kit/checklist", data=data).get_data(as_text=True)


@pytest.mark.parametrize("written", ["", "/es"])
@pytest.mark.parametrize("read", ["", "/es"])
def test_a_checklist_brought_back_gets_second_letters_and_what_to_tell_the_ftc(client, written, read):
    csv_text = _checklist(client, written)
    upload = {"full_name": "Alex Example", "email": "alex@example.com", "sender": "self",
              "checklist_file": (io.BytesIO(csv_text.encode("utf-8-sig")), "removal-checklist.csv")}
    response = client.post(f"{read}/letters/kit/follow-up", data=upload, content_type="multipart/form-data")
    tree = assert_page_invariants(response)
    letters = [t.text for t in find_all(tree, "textarea")]
    assert len(letters) == 2  # X (its form) and the unknown site (the letter); not the search engine
    assert all("Second request" in letter and "That time has passed" in letter for letter in letters)
    text = text_of(tree)
    ftc = "What to tell the FTC:" if not read else es("What to tell the FTC:")
    assert text.count(ftc) == 2 and DIRECTORY.facts["ftc_takeitdown_host"] in text


def test_follow_up_status_follows_the_dates(client):
    recent = _checklist(client, sent_on=TODAY)
    removed = _checklist(client, sent_on=TODAY - dt.timedelta(days=10)).replace(
        f",{(TODAY - dt.timedelta(days=8)).isoformat()},,", f",{(TODAY - dt.timedelta(days=8)).isoformat()},"
                                                             f"{TODAY.isoformat()},")
    for text, statuses in ((recent, {"waiting", "no_deadline"}), (removed, {"removed", "no_deadline"})):
        body = {"sender": SENDER, "checklist": text}
        answer = client.post("/api/v1/removal-kit/follow-up", json=body).get_json()["follow_up"]
        assert {r["status"] for r in answer["requests"]} == statuses
        assert all(r["letter"] is None for r in answer["requests"])


def test_places_pasted_again_need_the_day_they_were_sent(client):
    data = {"full_name": "Alex Example", "email": "alex@example.com", "sender": "self",
            "checklist": "https://x.com/a/1"}
    response = client.post("/es/letters/kit/follow-up", data=data)
    assert response.status_code == 400
    assert "Escribe el día en que enviaste las solicitudes" in text_of(parse(response.data))
    assert "https://x.com/a/1" in response.get_data(as_text=True)  # what was typed is kept
    ok = client.post("/letters/kit/follow-up", data={**data, "sent_on": "2026-01-01"})
    assert ok.status_code == 200 and "Second request" in ok.get_data(as_text=True)


def test_follow_up_for_a_minor_keeps_ncmec_first_and_gives_no_description(client):
    body = {"sender": SENDER, "depiction": {"age": "under18"}, "places": ["https://unknown.example/1"],
            "sent_on": "2026-01-01"}
    (request,) = client.post("/api/v1/removal-kit/follow-up", json=body).get_json()["follow_up"]["requests"]
    assert request["steps"][0]["referral"] == "cybertipline"
    assert "was under 18" in request["letter"] and "Description" not in request["letter"]


# -- 4. From the plan to the kit without retyping ---------------------------------------------------

@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_plan_carries_its_answers_to_the_kit_in_the_posted_form(client, prefix):
    answers = {"danger": "no", "for_whom": "self", "situation": "shared", "age": "under18", "kind": "real",
               "taker": "self", "where": "other_site", "copy": "no"}
    tree = parse(client.post(f"{prefix}/plan", data=answers).data)
    start = next(f for f in find_all(tree, "form") if f.get("action", "").endswith("/letters/kit/start"))
    assert "?" not in start.get("action") and start.get("method") == "post"
    carried = {i.get("name"): i.get("value") for i in find_all(start, "input") if i.get("type") == "hidden"}
    assert carried == {"age": "under18", "kind": "real", "taker": "self"}
    page = assert_page_invariants(client.post(start.get("action"), data=carried))
    checked = {i.get("name"): i.get("value") for i in find_all(page, "input") if i.get("checked") is not None}
    assert checked == carried
    assert not [d for d in find_all(page, "div") if "error-summary" in (d.get("class") or "")]


def test_the_kit_ignores_a_carried_answer_it_does_not_know(client):
    page = parse(client.post("/letters/kit/start", data={"age": "old", "kind": "<b>", "taker": "self"}).data)
    checked = {i.get("name"): i.get("value") for i in find_all(page, "input") if i.get("checked") is not None}
    assert checked == {"taker": "self"}


# -- Print: the kit's pages get their Print button from the script, and print styles ----------------

@pytest.mark.parametrize("path", ["/letters/kit", "/letters/removal"])
def test_no_print_button_in_the_html_only_the_place_the_script_puts_it(client, path):
    data = form(["https://x.com/a/1"])
    if path == "/letters/removal":
        data.update(platform="x", kind="authentic", minor="no")
    html = client.post(path, data=data).get_data(as_text=True)
    assert 'id="print"' not in html and 'id="keep"' in html and "data-print=" in html
    css = (ROOT / "static/site.css").read_text()
    assert ".kit-request{break-before:page}" in css
