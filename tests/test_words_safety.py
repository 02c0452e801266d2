"""Words that keep people safe (issue 23), held on the pages as served, in English and Spanish:
what not to do comes before what to do, and a warning before the action it limits. Spanish
expectations are the catalog's translations of the English, so the order is checked in both."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from werkzeug.datastructures import MultiDict

from tests.conftest import parse, text_of

ROOT = Path(__file__).resolve().parents[1]
CATALOG = {m.id: m.string for m in read_po((ROOT / "app/translations/es/LC_MESSAGES/messages.po").open("rb"))
           if m.id and isinstance(m.id, str)}
LANGS = ["", "/es"]


def words(prefix: str, msgid: str, **params) -> str:
    text = CATALOG[msgid] if prefix else msgid
    return text % params if params else text


def page_text(client, prefix: str, path: str, data=None) -> str:
    response = client.post(prefix + path, data=MultiDict(data)) if data is not None else client.get(prefix + path)
    assert response.status_code == 200, path
    return " ".join(text_of(parse(response.data)).split())


def before(text: str, first: str, then: str) -> bool:
    assert first in text, first
    assert then in text, then
    return text.index(first) < text.index(then)


@pytest.mark.parametrize("prefix", LANGS)
def test_threats_guide_saves_first_warns_before_blocking_and_never_screenshots_the_picture(client, app, prefix):
    text = page_text(client, prefix, "/guides/threats")
    phone = app.extensions["directory"].facts["dv_hotline_phone"]
    save = words(prefix, "First, save the messages: take screenshots that show the username and the threats, and any "
                         "payment details they asked for. Never screenshot the picture itself.")
    warn = words(prefix, "Before you block: if this person knows you or where you live, blocking them may make them "
                         "angry. A domestic violence advocate can help you decide when and how: call %(phone)s.",
                 phone=phone)
    block = words(prefix, "Then stop replying and block the person. Do not delete your account, the chat or the app: "
                          "they help when you report.")
    assert before(text, save, warn) and before(text, warn, block)


@pytest.mark.parametrize("prefix", LANGS)
@pytest.mark.parametrize(("slug", "warning", "then"), [
    ("records", "Do not screenshot, save or forward the picture, or any page that shows it, not even to report it. "
                "Write down where it is instead. You can screenshot messages and usernames that do not show the picture.",
     "If the person was 18 or older in it, screenshots of the page and of messages help. Keep them somewhere private. "
     "Do not delete the messages or the account."),
    ("copyright", "If you were under 18 in the picture, do not use this: use Take It Down and the CyberTipline instead. "
                  "Do not screenshot, save or forward the picture.",
     "Write a notice now"),
    ("copyright", "The notice also says, “under penalty of perjury”, that it is true. That means knowingly lying in it "
                  "could be a crime.",
     "Write a notice now"),
])
def test_guides_say_what_not_to_do_before_what_to_do(client, prefix, slug, warning, then):
    text = page_text(client, prefix, f"/guides/{slug}")
    assert before(text, words(prefix, warning), words(prefix, then))


@pytest.mark.parametrize("prefix", LANGS)
def test_the_copyright_form_explains_the_consequences_before_its_button(client, prefix):
    text = page_text(client, prefix, "/letters/copyright")
    counter = words(prefix, "The person who posted it can object with a “counter-notice”. If they do, the site may "
                            "put the picture back up after 10 to 14 working days, unless you go to court.")
    assert before(text, words(prefix, "Email address (optional if you give a postal address)"),
                  words(prefix, "Postal address (only if you have no email address)"))
    assert before(text, counter, words(prefix, "Write my notice"))


@pytest.mark.parametrize("prefix", LANGS)
@pytest.mark.parametrize("path", ["/letters/removal", "/letters/kit"])
def test_request_forms_say_who_sees_what_before_the_first_field(client, prefix, path):
    response = client.get(prefix + path)
    html = response.get_data(as_text=True)
    assert html.index(words(prefix, "Who will see what you type")) < html.index("<input class=\"input\"")


@pytest.mark.parametrize("prefix", LANGS)
def test_a_guide_with_secondary_facts_says_so(client, app, prefix):
    guides = app.extensions["directory"].guides.values()
    note = words(prefix, "We could not check some details here on the owner's own website. They may have changed.")
    for guide in guides:
        assert (note in page_text(client, prefix, f"/guides/{guide.slug}")) == bool(guide.secondary), guide.slug


@pytest.mark.parametrize("prefix", LANGS)
def test_a_helpers_plan_speaks_of_the_person_helped(client, prefix):
    answers = [("for_whom", "someone_else"), ("danger", "yes"), ("situation", "threatened"), ("age", "under18")]
    text = page_text(client, prefix, "/plan", answers + [("_seen", q) for q, _ in answers])
    for title in ("Help them get safe first", "If someone is threatening them", "Report it, if they choose"):
        assert words(prefix, title) in text
    for title in ("Get safe first", "If someone is threatening you", "Report it, if you choose"):
        assert words(prefix, title) not in text


@pytest.mark.parametrize("prefix", LANGS)
def test_a_threat_with_nothing_shared_gets_a_plan_for_threats(client, prefix):
    answers = [("situation", "threatened"), ("taker", "self"), ("kind", "real"), ("age", "adult"), ("copy", "yes")]
    text = page_text(client, prefix, "/plan", answers + [("_seen", q) for q, _ in answers])
    assert words(prefix, "Use copyright to get it removed") not in text
    assert words(prefix, "Help stop it being posted") in text
    assert words(prefix, "StopNCII also works if someone is threatening to share it.") in text
    assert words(prefix, "Save the threats. Take screenshots of the messages and the username, never of the picture "
                         "itself. Keep a link to the profile, any payment details they asked for, like gift card or "
                         "wallet numbers, and any case numbers.") in text


@pytest.mark.parametrize("prefix", LANGS)
def test_police_is_the_persons_choice_first(client, prefix):
    answers = [("situation", "shared")]
    text = page_text(client, prefix, "/plan", answers + [("_seen", "situation")])
    assert words(prefix, "You choose if and when to report it to the police. If you do, bring your records.") in text
    assert words(prefix, "Report it, if you choose") in text
