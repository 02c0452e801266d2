"""Organisations' own contacts (app/local_contacts.py): validated at start-up, shown only in
their own site's widget, marked as theirs, after 911, 988 and the national lines."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import config
from app import create_app, directory, local_contacts
from tests.conftest import assert_page_invariants, find_all, parse, text_of

TODAY = dt.date(2026, 12, 8)
SITES = {"uni": ("https://uni.example",), "shelter": ("https://shelter.example",)}
CONTACT = """
[uni.en]
organisation = "Example University"
[[uni.en.contact]]
name = "Counselling Service"
phone = "555-010-0100"
text = "555-010-0199"
hours = "Monday to Friday, 9 am to 5 pm"
url = "https://www.uni.example/counselling"
sources = ["https://www.uni.example/counselling"]
reviewed = {reviewed}
"""


def load(tmp_path, text: str, today: dt.date = TODAY):
    path = tmp_path / "contacts.toml"
    path.write_text(text)
    return local_contacts.load(path, SITES, directory.LANGUAGES, today=today)


def test_no_file_is_no_contacts():
    assert local_contacts.load(None, SITES, directory.LANGUAGES).for_page("uni", "en") is None


def test_a_valid_file_loads(tmp_path):
    contacts = load(tmp_path, CONTACT.format(reviewed="2026-12-01"))
    shown = contacts.for_page("uni", "en")
    assert shown.organisation == "Example University" and shown.language == "en"
    contact = shown.contacts[0]
    assert contact.phone_tel == "tel:5550100100" and contact.text_sms == "sms:5550100199"
    assert contact.site == "uni.example"
    # a language without its own block shows the English one, marked as English
    assert contacts.for_page("uni", "es").language == "en"
    assert contacts.for_page("shelter", "en") is None and contacts.for_page(None, "en") is None
    assert contacts.warnings == ()


BAD = [
    ('[nobody.en]\norganisation = "X"', "not a site in HELP_EMBED_SITES"),
    ('[uni.fr]\norganisation = "X"', "not one of the guide's languages"),
    ('[uni.en]\norganisation = "X"', "needs at least one"),
    ('[uni.en]\n[[uni.en.contact]]\nname = "A"', "organisation"),
    (CONTACT.format(reviewed="2026-12-01").replace('phone = "555-010-0100"', 'phon = "555-010-0100"'), "unknown field"),
    (CONTACT.format(reviewed="2026-12-01").replace("555-010-0100", "call us"), "'phone'"),
    (CONTACT.format(reviewed="2026-12-01").replace("https://www.uni.example/counselling\"\nsources",
                                                   "http://www.uni.example/counselling\"\nsources"), "'url'"),
    (CONTACT.format(reviewed="2026-12-01").replace('sources = ["https://www.uni.example/counselling"]', "sources = []"),
     "'sources'"),
    (CONTACT.format(reviewed='"last week"'), "'reviewed'"),
    (CONTACT.format(reviewed="2027-01-01"), "in the future"),
    (CONTACT.format(reviewed="2026-12-01").replace('name = "Counselling Service"', 'name = "' + "x" * 81 + '"'),
     "at most"),
    ('[uni.en]\norganisation = "X"\n[[uni.en.contact]]\nname = "A"\nsources = ["https://a.example"]\n'
     "reviewed = 2026-12-01", "at least one way to reach it"),
    ("[uni.en", "cannot be read"),
]


@pytest.mark.parametrize("text,error", BAD)
def test_an_invalid_file_stops_start_up_with_a_clear_message(tmp_path, text, error):
    with pytest.raises(local_contacts.LocalContactsError, match=re.escape(error)):
        load(tmp_path, text)


def test_at_most_a_few_per_site_and_language(tmp_path):
    one = CONTACT.format(reviewed="2026-12-01").split("[[uni.en.contact]]")[1]
    many = '[uni.en]\norganisation = "Example University"\n' + "".join(
        "[[uni.en.contact]]" + one for _ in range(local_contacts.MAX_CONTACTS + 1))
    with pytest.raises(local_contacts.LocalContactsError, match="at most"):
        load(tmp_path, many)


def test_an_old_review_warns_and_a_very_old_one_is_left_out(tmp_path):
    half = TODAY - dt.timedelta(days=local_contacts.REVIEW_WARN_DAYS + 1)
    contacts = load(tmp_path, CONTACT.format(reviewed=half.isoformat()))
    assert contacts.for_page("uni", "en") and "review it before" in contacts.warnings[0]
    old = TODAY - dt.timedelta(days=local_contacts.REVIEW_DROP_DAYS + 1)
    contacts = load(tmp_path, CONTACT.format(reviewed=old.isoformat()))
    assert contacts.for_page("uni", "en") is None and "not shown" in contacts.warnings[0]


def test_button_colours_have_white_text_at_aa_and_stand_out_on_a_white_page():
    assert list(local_contacts.BUTTON_COLOURS)[0] == "blue"
    for name, colour in local_contacts.BUTTON_COLOURS.items():
        assert local_contacts.contrast("#ffffff", colour) >= 4.5, name
        assert local_contacts.contrast(colour, "#ffffff") >= 3, name  # WCAG 1.4.11 against a white page
    assert round(local_contacts.contrast("#000000", "#ffffff"), 1) == 21.0  # the formula itself


@pytest.fixture(scope="module")
def uni_client(tmp_path_factory):
    path = tmp_path_factory.mktemp("contacts") / "contacts.toml"
    path.write_text(CONTACT.format(reviewed=(dt.date.today() - dt.timedelta(days=3)).isoformat()))

    class Config(config.TestConfig):
        EMBED_SITES = SITES
        LOCAL_CONTACTS = str(path)

    return create_app(Config).test_client()


def strip(response):
    tree = assert_page_invariants(response)
    return next(a for a in find_all(tree, "aside") if a.get("class") == "strip")


def hrefs(tree) -> list[str]:
    return [a.get("href") for a in tree.iter("{http://www.w3.org/1999/xhtml}a")]


@pytest.mark.parametrize("path", ["/embed/uni/", "/embed/uni/es/", "/embed/uni/guides/"])
def test_the_widgets_strip_shows_them_after_the_national_lines(uni_client, path, directory):
    aside = strip(uni_client.get(path))
    links = hrefs(aside)
    assert links[0] == f"tel:{directory.entries['emergency'].phone}"  # 911 first, still
    lifeline = f"tel:{directory.entries['crisis-988'].phone}"
    helpline = f"tel:{directory.entries['ccri-helpline'].phone.replace('-', '')}"
    assert links.index("tel:5550100100") > max(links.index(lifeline), links.index(helpline))
    text = text_of(aside)
    assert ("From Example University:" in text) or ("De Example University:" in text)
    if "/es/" in path:  # the English block, said to be in English, its words marked lang="en"
        assert "(en inglés)" in text
        assert any(s.get("lang") == "en" and "Counselling Service" in text_of(s)
                   for s in aside.iter("{http://www.w3.org/1999/xhtml}span"))


@pytest.mark.parametrize("path", ["/", "/es/", "/embed/shelter/", "/embed/preview/"])
def test_nobody_elses_pages_show_them(uni_client, path):
    assert "Example University" not in text_of(strip(uni_client.get(path)))


def test_the_plans_support_step_starts_with_them(uni_client, directory):
    tree = parse(uni_client.post("/embed/uni/plan", data={}).data)
    support = next(s for s in find_all(tree, "section") if s.get("aria-labelledby") == "s-support")
    children = [c for c in support if isinstance(c.tag, str)]
    assert children[1].get("class") == "local-help"  # right under the step's heading
    block = text_of(children[1])
    assert "From Example University, whose website shows this guide:" in block
    assert "Counselling Service" in block and "Monday to Friday" in block
    assert "tel:5550100100" in hrefs(children[1]) and "sms:5550100199" in hrefs(children[1])
    # the national lines are all still there, after it
    cards = [c.get("id") for c in find_all(support, "div") if (c.get("id") or "").startswith("ref-")]
    assert "ref-crisis-988" in cards and "ref-ccri-helpline" in cards
    plain = parse(uni_client.post("/plan", data={}).data)
    assert "Example University" not in text_of(plain)
