"""Removal requests: every required element, for every combination; errors; escaping; privacy."""

import itertools
import logging
import re

import pytest
from werkzeug.datastructures import MultiDict

from tests.conftest import assert_page_invariants, find_all, text_of

CANARY = "CANARY-letter-5b1e"

PLATFORM_KINDS = {  # a verified request form, a reporting page, in-app only, another site
    "x": "request form", "meta": "reporting page", "reddit": "in-app only", "other": "another site"}


def removal_data(sender="self", kind="authentic", platform="x", minor="no", **extra):
    data = {"sender": sender, "full_name": "Alex Example", "email": "alex@example.com",
            "platform": platform, "locations": "https://example.com/p/1\nhttps://example.com/p/2",
            "description": "a photo of me in a kitchen, posted in May", "kind": kind, "minor": minor}
    if sender == "authorized":
        data.update(capacity="parent", person_name="Sam Example")
    if platform == "other":
        data["platform_other"] = "Example Pictures"
    data.update(extra)
    return data


def copyright_data(platform="x", **extra):
    data = {"full_name": "Alex Example", "postal_address": "1 Main St\nSpringfield", "email": "alex@example.com",
            "platform": platform, "work": "a selfie I took in 2024", "locations": "https://example.com/p/9"}
    if platform == "other":
        data["platform_other"] = "Example Pictures"
    data.update(extra)
    return data


def letter_text(client, kind, data) -> str:
    response = client.post(f"/letters/{kind}/download", data=data)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "text/plain"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response.headers["Cache-Control"]
    return response.data.decode()


@pytest.mark.parametrize("sender,kind,platform", list(itertools.product(
    ["self", "authorized"], ["authentic", "forgery", "unsure"], PLATFORM_KINDS)))
def test_removal_request_has_every_element_the_act_requires(client, sender, kind, platform):
    text = letter_text(client, "removal", removal_data(sender, kind, platform))
    # (1) signature
    assert "/s/ Alex Example (electronic signature)" in text
    # (2) identification of the depiction and information to locate it
    assert "Description: a photo of me in a kitchen, posted in May" in text
    assert "- https://example.com/p/1\n- https://example.com/p/2" in text
    # (3) a statement of good-faith belief that it is not consensual
    assert "good faith belief that this intimate visual depiction is not consensual" in text
    # (4) contact information
    assert "alex@example.com" in text
    # plus: known identical copies, the 48-hour deadline, the date
    assert "known identical copies" in text and "48 hours" in text
    assert re.search(r"^Date: [A-Z][a-z]+ \d{1,2}, \d{4}$", text, re.M)
    assert ("digital forgery" in text) == (kind in ("forgery", "unsure"))
    if sender == "authorized":
        assert "authorized to act on behalf of the identifiable individual, Sam Example, as their parent" in text
    else:
        assert "depiction of me" in text and "authorized to act" not in text
    expected_to = "Example Pictures" if platform == "other" else None
    if expected_to:
        assert "To: Example Pictures" in text


@pytest.mark.parametrize("platform", PLATFORM_KINDS)
def test_copyright_notice_has_all_six_elements(client, platform):
    text = letter_text(client, "copyright", copyright_data(platform))
    assert "/s/ Alex Example (electronic signature)" in text  # (i)
    assert "a selfie I took in 2024" in text and "owner of its copyright" in text  # (ii)
    assert "- https://example.com/p/9" in text  # (iii)
    assert "1 Main St" in text and "alex@example.com" in text  # (iv)
    assert "not authorized by the copyright owner, its agent, or the law" in text  # (v)
    assert "under penalty of perjury" in text and "authorized to act on behalf of the owner" in text  # (vi)


def test_result_page_says_where_to_send_what_to_keep_and_what_next(client):
    for platform, expected in [("x", "https://help.x.com/forms/safety-and-sensitive-content/take-it-down"),
                               ("reddit", "Use Report on the post"), ("other", "Look on the site")]:
        response = client.post("/letters/removal", data=removal_data(platform=platform))
        tree = assert_page_invariants(response)
        text = text_of(tree)
        assert expected in text
        assert "What to keep" in text and "case or ticket number" in text
        # A site that does not act in 48 hours is reported at the FTC's TAKE IT DOWN site.
        assert "takeitdown.ftc.gov" in text and "not legal advice" in text and "1-844-878-2274" in text
        assert any(a.get("href") == "https://takeitdown.ftc.gov/" for a in find_all(tree, "a"))
        assert "Never attach or send" not in text.split("The letter")[0]  # adult: no minor box on top


def test_minor_routes_to_ncmec_first(client):
    for page in (client.get("/letters/removal"), client.post("/letters/removal", data=removal_data(minor="yes"))):
        text = text_of(assert_page_invariants(page))
        first = text.index("Take It Down")
        assert first < text.index("The letter") if "The letter" in text else True
        assert "CyberTipline" in text and "Never attach or send the picture" in text


def test_copyright_warns_the_notice_reaches_the_uploader(client):
    """Sites forward a DMCA notice, name and email included, as soon as they act (audit W3)."""
    page = client.get("/letters/copyright")
    text = text_of(assert_page_invariants(page))
    assert "to the person who posted the picture as soon as they act" in text
    assert "enough for the site to reach you" in text
    assert text.index("as soon as they act") < text.index("Your full name")  # before anyone types
    assert "counter-notice" not in text.split("Your full name")[0]


@pytest.mark.parametrize("kind,data_fn,missing,message", [
    ("removal", removal_data, "full_name", "Enter your full name."),
    ("removal", removal_data, "locations", "Enter at least one web address"),
    ("removal", removal_data, "description", "Describe the picture or video briefly."),
    ("removal", removal_data, "kind", "Choose real, fake, or not sure."),
    ("removal", removal_data, "sender", "Choose who is sending the request."),
    ("removal", removal_data, "platform", "Choose the site or app."),
    ("copyright", copyright_data, "work", "Describe the picture or video you took."),
    ("copyright", copyright_data, "full_name", "Enter your full name."),
])
def test_missing_required_field_gives_an_error_not_a_letter(client, kind, data_fn, missing, message):
    data = data_fn()
    data.pop(missing)
    for path in (f"/letters/{kind}", f"/letters/{kind}/download"):
        response = client.post(path, data=data)
        assert response.status_code == 400
        tree = assert_page_invariants(response)
        assert message in text_of(tree) and "There is a problem" in text_of(tree)
        assert "/s/ Alex Example" not in response.data.decode()
        # what was typed is kept
        values = [i.get("value") for i in find_all(tree, "input")]
        assert ("Alex Example" in values) == (missing != "full_name")


def test_conditional_requirements(client):
    cases = [
        (removal_data(sender="authorized", capacity=""), "Say how you are authorized"),
        (removal_data(platform="other", platform_other=""), "Enter the name of the site or app."),
        (removal_data(email="", postal_address=""), "Enter an email address or a postal address"),
        (removal_data(email="not-an-email"), "Enter an email address like"),
        (removal_data(locations="\n".join(f"https://e.com/{i}" for i in range(21))), "20 places or fewer"),
        (removal_data(description="x" * 1001), "1000"),
    ]
    for data, message in cases:
        response = client.post("/letters/removal", data=data)
        assert response.status_code == 400, message
        assert message in text_of(assert_page_invariants(response))


PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea><svg onload=alert(1)>"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_payloads_in_every_field_come_back_escaped(client, payload):
    for kind, data in (("removal", removal_data(sender="authorized", platform="other")),
                       ("copyright", copyright_data(platform="other", phone="555"))):
        for key in list(data):
            if key in ("sender", "kind", "minor", "platform"):
                continue
            poisoned = dict(data, **{key: payload if key != "locations" else payload + "\nhttps://e.com"})
            for path in (f"/letters/{kind}",):
                response = client.post(path, data=poisoned)
                assert response.status_code in (200, 400)
                assert payload.encode() not in response.data, (kind, key)
                assert_page_invariants(response)


def test_canary_typed_into_the_form_is_in_no_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    data = removal_data(sender="authorized", platform="other", note=CANARY, description=CANARY,
                        full_name=CANARY, capacity=CANARY, person_name=CANARY, platform_other=CANARY,
                        locations=CANARY)
    assert CANARY in client.post("/letters/removal/download", data=data).data.decode()
    client.post("/letters/removal", data=dict(data, email=CANARY))
    client.post("/letters/copyright", data=copyright_data(work=CANARY, phone=CANARY))
    assert not any(CANARY in r.getMessage() for r in caplog.records)


def test_control_characters_are_dropped(client):
    response = client.post("/letters/removal", data=removal_data(full_name="Alex\x07 Example\x00"))
    assert response.status_code == 200
    assert_page_invariants(response)
    assert "/s/ Alex Example" in letter_text(client, "removal", removal_data(full_name="Alex\x07 Example"))


def test_download_form_carries_every_value(client):
    response = client.post("/letters/removal", data=removal_data(sender="authorized", note="line one\nline two"))
    tree = assert_page_invariants(response)
    form = next(f for f in find_all(tree, "form") if f.get("action") == "/letters/removal/download")
    fields = MultiDict([(i.get("name"), i.get("value")) for i in form.iter() if i.get("type") == "hidden"])
    again = client.post("/letters/removal/download", data=fields)
    assert again.status_code == 200 and "line one\nline two" in again.data.decode()


# --- The letter stays in English whatever the page's language; the page around it does not. ---

class Spanish:
    """The same test client asking for Spanish: every page under /es/, the API with ?lang=es."""

    def __init__(self, client):
        self.client = client

    @staticmethod
    def url(path: str) -> str:
        return f"{path}?lang=es" if path.startswith("/api/") else f"/es{path}"

    def get(self, path: str, **kwargs):
        return self.client.get(self.url(path), **kwargs)

    def post(self, path: str, **kwargs):
        return self.client.post(self.url(path), **kwargs)


@pytest.fixture
def es_client(client):
    from tests.test_catalog import compile_catalogs

    compile_catalogs()  # a run of pytest alone, without `make test-deps`, still sees the catalog
    return Spanish(client)


def _main_text(response) -> str:
    tree = assert_page_invariants(response)
    return text_of(next(find_all(tree, "main")))


def _letter_box(response) -> str:
    return next(el for el in find_all(assert_page_invariants(response), "textarea") if el.get("id") == "letter").text


@pytest.mark.parametrize("kind,data", [
    ("removal", removal_data()),
    ("removal", removal_data("authorized", "forgery", "meta")),
    ("removal", removal_data("authorized", "unsure", "other", person_name="")),
    ("copyright", copyright_data()),
    ("copyright", copyright_data("other")),
])
def test_the_letter_is_english_whatever_the_page_language(client, es_client, kind, data):
    english = letter_text(client, kind, data)
    assert letter_text(es_client, kind, data) == english  # the download, byte for byte
    page, es_page = client.post(f"/letters/{kind}", data=data), es_client.post(f"/letters/{kind}", data=data)
    assert _letter_box(es_page) == _letter_box(page) == english
    assert "/s/ Alex Example (electronic signature)" in english
    # ...while the page around it is Spanish, after the letter as well as before it
    heading = {"removal": "Tu solicitud de retiro está lista", "copyright": "Tu aviso de derechos de autor está listo"}
    text = _main_text(es_page)
    assert text.startswith(heading[kind]) and "Qué guardar" in text and "What to keep" not in text


def test_a_spanish_page_says_why_the_letter_is_english_and_what_it_says(client, es_client, directory):
    data = removal_data("authorized", "forgery", "meta")
    note = next(el for el in find_all(assert_page_invariants(es_client.post("/letters/removal", data=data)), "div")
                if el.get("id") == "letter-language")
    text = text_of(note)
    assert text.startswith("La carta está en inglés") and "revisan estas solicitudes en inglés" in text
    assert "Quién la envía: tú, en nombre de Sam Example, como su parent." in text  # who asks
    assert "de los 2 lugares que escribiste" in text  # which content, where
    assert "falsificación digital" in text
    assert f"la ley federal TAKE IT DOWN ({directory.facts['take_it_down_act_cite']})" in text  # the legal basis
    assert "48 horas" in text  # the deadline (Meta: only if it is a covered platform)
    for depiction, words in (("authentic", "la imagen es real y"), ("unsure", "real o falsa")):
        assert words in _main_text(es_client.post("/letters/removal", data=removal_data(kind=depiction)))
    assert "Quién la envía: tú, la persona que aparece." in _main_text(es_client.post("/letters/removal",
                                                                                   data=removal_data()))
    copyright_text = _main_text(es_client.post("/letters/copyright", data=copyright_data()))
    assert f"la DMCA ({directory.facts['dmca_cite']})" in copyright_text and "bajo pena de perjurio" in copyright_text
    assert "del lugar que escribiste" in copyright_text  # one place: the singular
    # in English the letter speaks for itself: no note, no summary
    english = assert_page_invariants(client.post("/letters/removal", data=data))
    assert not [el for el in english.iter() if el.get("id") == "letter-language"]


@pytest.mark.parametrize("path", ["/letters/removal", "/letters/copyright", "/letters/kit"])
def test_spanish_forms_say_the_letter_will_be_in_english(client, es_client, path):
    assert "Escribimos la carta en inglés" in _main_text(es_client.get(path))
    assert "We write the letter in English" not in _main_text(client.get(path))


def test_the_kit_letters_are_english_and_its_page_and_file_spanish(client, es_client):
    from tests.test_removal_kit import kit_form, kit_json

    data = kit_form(sender="authorized", capacity="parent", person_name="Sam Example")
    page, es_page = client.post("/letters/kit", data=data), es_client.post("/letters/kit", data=data)
    letters = [el.text for el in find_all(assert_page_invariants(page), "textarea")]
    assert [el.text for el in find_all(assert_page_invariants(es_page), "textarea")] == letters
    assert all(letter.startswith("Date: ") and "TAKE IT DOWN Act" in letter for letter in letters)
    text = _main_text(es_page)
    assert text.startswith("Tus solicitudes están listas") and "La carta está en inglés" in text
    assert "Qué pide cada carta" in text and "Lista de control" in text
    english_file = client.post("/letters/kit/download", data=data).data.decode()
    spanish_file = es_client.post("/letters/kit/download", data=data).data.decode()
    assert "Las cartas están en inglés" in spanish_file and "Lista de control" in spanish_file
    assert "Las cartas" not in english_file
    for letter in letters:
        assert letter in spanish_file and letter in english_file
    es_api = es_client.post("/api/v1/removal-kit", json=kit_json()).json["kit"]["requests"]
    assert [r["letter"] for r in es_api] == [r["letter"] for r in client.post(
        "/api/v1/removal-kit", json=kit_json()).json["kit"]["requests"]]
