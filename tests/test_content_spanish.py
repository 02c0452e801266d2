"""Spanish-speaking help in the content data (issue 14): each referral's `es` block is
sourced, dated and validated at load; in Spanish a referral carries its Spanish address,
keyword and instructions, or says honestly that the service is in English ("en")."""

from __future__ import annotations

import io
import re
import shutil
from urllib.parse import urlsplit

import pytest
from flask_babel import force_locale

from app import content_checks, presenter
from app import directory as directory_module
from app.content import babel_extract
from app.directory import STATE_LAW, Referral

# Services with no Spanish help found (shared/spanish-help.md: [X]): shown as English.
NO_SPANISH = ("ccri-helpline", "ccri-safety-center", "bing", "fbi", "ftc-takeitdown", "cybertipline")
SPANISH = ("crisis-988", "crisis-text-line", "dv-hotline", "rainn", "stopncii", "take-it-down", "ftc-report")


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(directory_module.CONTENT_DIR, target)
    return target


def _edit(content, old: str, new: str, file: str = "resources.toml") -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CRISIS_988_SOURCES = 'sources = [\n  "https://988lifeline.org/get-help/what-to-expect",\n  "https://www.vibrant.org'


@pytest.mark.parametrize("old,new,expected", [
    # No sources, empty sources, no review date, a review date that is not a date.
    (CRISIS_988_SOURCES, 'not_sources = [\n  "https://988lifeline.org/get-help/what-to-expect",\n  "https://www.vibrant.org',
     "entry 'crisis-988.es', field 'sources': is missing"),
    ('sources = ["https://cybercivilrights.org/ccri-safety-center"]\nreviewed = 2026-11-25\n\n',
     'sources = []\nreviewed = 2026-11-25\n\n', "entry 'ccri-safety-center.es', field 'sources': is missing"),
    ('sources = [\n  "https://crisistextline.org/blog', 'sources = [\n  "a phone call",\n  "https://crisistextline.org/blog',
     "entry 'crisis-text-line.es', field 'sources': not an address"),
    ('https://cybercivilrights.org/faqs",\n]\nreviewed = 2026-11-25\n', 'https://cybercivilrights.org/faqs",\n]\n',
     "entry 'ccri-helpline.es', field 'reviewed': is missing"),
    ('https://cybercivilrights.org/faqs",\n]\nreviewed = 2026-11-25\n',
     'https://cybercivilrights.org/faqs",\n]\nreviewed = "2026"\n',
     "entry 'ccri-helpline.es', field 'reviewed': must be a date"),
    # Help that was not found cannot be Spanish; secondary facts say which; no unknown fields.
    ('language = "en"\nverified = "not-found"\nhow = "No encontramos que',
     'language = "es"\nverified = "not-found"\nhow = "No encontramos que',
     "entry 'ccri-helpline.es', field 'language'"),
    ('secondary = "What staff never ask', 'not_said = "What staff never ask', "entry 'rainn.es', field 'not_said'"),
    ('verified = "owner"\ntext = "Envía AYUDA al 741741"', 'verified = "checked"\ntext = "Envía AYUDA al 741741"',
     "entry 'crisis-text-line.es', field 'verified'"),
    ('url = "https://988lineadevida.org/"', 'url = "http://988lineadevida.org/"',
     "entry 'crisis-988.es', field 'url': must be an https:// address"),
    ('[resource.es]\nlanguage = "en"\nverified = "not-found"\nhow = "El formulario de Microsoft',
     '[resource.not_es]\nlanguage = "en"\nverified = "not-found"\nhow = "El formulario de Microsoft',
     "entry 'bing', field 'not_es': is not a known field"),
    ('url = "https://reportefraude.ftc.gov/"', 'url = "https://reportefraude.ftc.gov/"\nphone = "1-800-555-0100"',
     "entry 'ftc-report.es', field 'phone': is not a known field"),
])
def test_spanish_blocks_are_validated_at_load(content, old, new, expected):
    _edit(content, old, new)
    with pytest.raises(directory_module.ContentError) as err:
        directory_module.load(content)
    assert expected in str(err.value)


def test_a_resource_without_a_spanish_block_is_english_and_flow_check_says_so(content):
    path = content / "resources.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[resource.es]", text.index('id = "bing"'))
    end = text.index("[[resource]]", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    loaded = directory_module.load(content)
    assert loaded.get("bing").es is None and loaded.referral("bing", None, lang="es").language == "en"
    findings = [f for f in content_checks.check(content) if f.where == "entry bing"]
    assert len(findings) == 1 and findings[0].level == "warning" and "no `es` block" in findings[0].message


def test_the_real_content_has_a_sourced_spanish_block_for_every_outside_resource(directory):
    for entry in directory.entries.values():
        if entry.kind == "resource" and not entry.internal:
            assert entry.es is not None, entry.id
            assert entry.es.sources and entry.es.reviewed and entry.es.id == f"{entry.id}.es"
            assert (entry.es.verified == "secondary") == bool(entry.es.secondary), entry.id
    blocks = [r for r in directory.all_records() if isinstance(r, directory_module.LanguageHelp)]
    # every block is an entry's own, each checked above; the ones named in this file are among them
    assert sorted(b.id for b in blocks) == sorted(f"{e.id}.es" for e in directory.entries.values() if e.es)
    assert {f"{ref_id}.es" for ref_id in SPANISH + NO_SPANISH} <= {b.id for b in blocks}


def test_988_in_spanish_carries_ayuda_press_2_and_its_spanish_site(directory):
    english = directory.get("crisis-988")
    spanish = directory.referral("crisis-988", None, lang="es")
    assert spanish.language == "es"
    assert spanish.url == "https://988lineadevida.org/"  # the address 988's administrator gives (vibrant.org)
    assert spanish.text == "Envía AYUDA al 988"  # not Crisis Text Line's 741741
    # Each channel its own rule: pressing 2 is for calls, AYUDA for texts.
    assert "marca 2" in spanish.call and "AYUDA" not in spanish.call and "marca" not in spanish.text
    assert spanish.phone == english.phone == "988"
    # Its own sources are added beside the entry's, and the older review date is kept.
    assert spanish.sources[:len(english.sources)] == english.sources
    assert "https://988lifeline.org/get-help/what-to-expect" in english.es.sources
    assert spanish.reviewed == min(english.reviewed, english.es.reviewed)
    data = spanish.to_json()
    assert data["language"] == "es" and list(data) == list(Referral.API_FIELDS)


def test_crisis_text_line_in_spanish_is_ayuda_and_whatsapp(directory):
    spanish = directory.referral("crisis-text-line", None, lang="es")
    assert spanish.language == "es" and spanish.text == "Envía AYUDA al 741741"
    assert "WhatsApp" in spanish.how and "442-AYUDAME" in spanish.how
    assert any("crisistextline.org/blog/2021/10/15" in s for s in spanish.sources)


@pytest.mark.parametrize("ref_id", NO_SPANISH)
def test_services_without_spanish_say_they_are_in_english(directory, ref_id):
    spanish = directory.referral(ref_id, None, lang="es")
    assert spanish.language == "en"
    assert spanish.how and ("inglés" in spanish.how or "en español" in spanish.how)
    assert spanish.url == directory.get(ref_id).url  # the English page, not hidden


def test_ccri_in_spanish_says_it_is_in_english(directory):
    helpline = directory.referral("ccri-helpline", None, lang="es")
    assert helpline.language == "en" and "inglés" in helpline.how
    assert helpline.phone == "1-844-878-2274"  # still listed: the FTC sends Spanish readers to it
    center = directory.referral("ccri-safety-center", None, lang="es").to_json()
    assert center["language"] == "en" and "inglés" in center["how"]


def test_the_fbi_in_spanish_links_its_spanish_sextortion_page(directory):
    fbi = directory.referral("fbi", None, lang="es")
    assert fbi.language == "en" and fbi.url == "https://tips.fbi.gov/"
    assert fbi.info_url == "https://www.fbi.gov/news/espanol/ponle-paro-a-la-sextorsion-121819"
    assert directory.facts_in("es")["fbi_info_url"] == fbi.info_url


@pytest.mark.parametrize("ref_id", SPANISH)
def test_services_with_spanish_help_are_spanish(directory, ref_id):
    spanish = directory.referral(ref_id, None, lang="es")
    assert spanish.language == "es" and (spanish.url != directory.get(ref_id).url or spanish.text or spanish.how)


def test_platforms_and_state_laws_without_a_block_are_english_and_our_tools_spanish(directory):
    assert directory.referral("meta", None, lang="es").language == "en"
    assert directory.referral(STATE_LAW, "NM", lang="es").language == "en"
    assert directory.referral("removal-kit", None, lang="es").language == "es"


def test_no_spanish_link_leads_outside_the_us(directory):
    for entry in directory.entries.values():
        for url in (entry.es.url, entry.es.info_url) if entry.es else ():
            if url:
                host = urlsplit(url).hostname
                assert host.endswith((".org", ".gov", ".com")), f"{entry.id}: {url}"


def test_english_is_unchanged(directory, app):
    for entry in directory.entries.values():
        assert directory.referral(entry.id, None) == entry == entry.in_language("en")
        data = entry.to_json()
        assert data["language"] == "en" and data["info_url"] is None
        with app.test_request_context():
            assert presenter.referral(directory, entry.id, None) == data
    assert directory.facts_in("en") is directory.facts
    assert directory.facts["ftc_report_host"] == "reportfraud.ftc.gov"


def test_spanish_facts_use_the_spanish_addresses(directory):
    facts = directory.facts_in("es")
    assert facts["ftc_report_host"] == "reportefraude.ftc.gov"
    assert facts["crisis_988_text"] == "Envía AYUDA al 988" and facts["crisis_988_phone"] == "988"
    assert facts["ccri_helpline_phone"] == directory.facts["ccri_helpline_phone"]


def test_the_presenter_shows_the_spanish_help_on_a_spanish_request(app, directory):
    with app.test_request_context(), force_locale("es"):
        assert presenter.language() == "es"
        data = presenter.referral(directory, "crisis-988", None)
        assert data["language"] == "es" and data["text"] == "Envía AYUDA al 988"
        assert presenter.referral(directory, "bing", None)["language"] == "en"
    with app.test_request_context():
        assert presenter.language() == "en"


def test_state_names_are_extracted_and_translated_when_shown(directory):
    raw = b'[[state]]\ncode = "NM"\nname = "New Mexico"\nlaw = true\n'
    found = [(m[2], m[3]) for m in babel_extract.extract_toml(io.BytesIO(raw), (), (), {})]
    assert found == [("New Mexico", ["NM.name"])]
    with open(directory_module.CONTENT_DIR / "states.toml", "rb") as fh:
        names = {m[2] for m in babel_extract.extract_toml(fh, (), (), {})}
    assert {s.name for s in directory.states.values()} <= names
    spanish = {"New Mexico": "Nuevo México"}

    def gettext(msgid, **params):
        text = spanish.get(msgid, msgid)
        return text % params if params else text

    law = directory.referral(STATE_LAW, "NM", gettext, lang="es")
    assert law.name == "The law in Nuevo México" and "Nuevo México" in law.description


def test_flow_check_follows_the_spanish_blocks(directory):
    urls = dict(content_checks.user_facing_urls(directory))
    assert urls["crisis-988.es.url"] == "https://988lineadevida.org/"
    assert urls["fbi.es.info_url"].startswith("https://www.fbi.gov/news/espanol/")
    assert "https://rainn.org/news-category/about-rainn?page=3" in content_checks.all_urls(directory)
    findings = content_checks.check()
    assert not [f for f in findings if f.level == "error"]
    assert any(f.where == "rainn.es" and "secondary" in f.message for f in findings)


def test_the_api_schema_names_the_two_languages():
    schema = Referral.json_schema()
    assert schema["properties"]["language"] == {"type": "string", "enum": ["en", "es"]}
    assert schema["properties"]["info_url"] == {"type": ["string", "null"]}
    assert "es" not in schema["properties"]  # the content's block is not sent; what it yields is


def test_the_state_list_is_alphabetical_in_each_language(client):
    """A Spanish reader looks for Nuevo México under N: the drop-down follows the page's language
    (accents aside), states and DC first, then the territories."""
    import re

    from app import flow

    def options(path):
        page = client.post(path, data={"_change": "state"}).get_data(as_text=True)
        return re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]+)</option>', page)

    english, spanish = options("/change"), options("/es/change")
    assert [code for code, _ in english] == list(flow.STATE_CODES)  # the engine's order is English's
    names = [name for _, name in spanish]
    assert names.index("Nuevo México") < names.index("Ohio") < names.index("Wyoming") < names.index("Guam")
    assert names.index("Carolina del Norte") == names.index("California") + 1
    assert {code for code, _ in english} == {code for code, _ in spanish}  # the same places, reordered


def test_spanish_state_law_cards_have_no_english_notes(client, directory):
    """Words beside a citation ("you can sue", "for fakes", "and following") are per-language data:
    a Spanish card shows the Spanish citation, with none of the English words left in it."""
    worded = [s for s in directory.states.values() if s.statute and re.search(r"\b[a-z]{2,}\b", s.statute)]
    assert worded, "no citation holds words: the check would be blind"
    for state in worded:
        answer = client.post("/api/v1/plan?lang=es", json={"answers": {"state": state.code}}).get_json()
        card = answer["plan"]["referrals"]["state-law"]["description"]
        english = set(re.findall(r"\b[a-z]{2,}\b", state.statute)) - set(re.findall(r"\b[a-záéíóúñ]{2,}\b", state.statute_es))
        assert state.statute_es in card, state.code
        assert not [w for w in english if re.search(rf"\b{w}\b", card)], (state.code, card)
