"""Facts are data per language, never words to translate. A keyword to text, a phone number, a
web or email address in a msgid would be translated (that is how the Spanish guide came to say
"Envía HOME al 741741"): none may be one. And a page in one language never shows a fact whose
value belongs to another language's entry (the English keyword on a Spanish page, say)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from werkzeug.datastructures import MultiDict

from app.directory import PER_LANGUAGE
from tests.page_states import states

ROOT = Path(__file__).resolve().parents[1]
# Addresses reserved for examples (RFC 2606, RFC 6761) show a format, not a fact.
EXAMPLE = re.compile(r"(?:https?://)?\b[\w.-]*\bexample(?:\.(?:com|org|net))?\b|\b[\w-]+\.test\b|\b[\w.+-]+@example\.com\b")
PHONE = re.compile(r"\b\d{1,3}[-. ]\d{3}[-. ]\d{3,4}\b|\b\d{3}-[A-Z]{4,}\b|(?<![\d/.,-])\b(?:\d{5,6}|911|988)\b(?![\d/])")
URL = re.compile(r"https?://|\bwww\.|\b[a-z0-9-]+\.(?:org|gov|com|net|edu|us|io|co)\b", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# "Text HOME", "send AYUDA", "envía START": a word in capitals sent as a message.
MENU = re.compile(r"\b(?i:press|marca|marque|oprime|pulsa)\s+\d\b")  # a phone menu's step
SENT_WORD = re.compile(r"\b(?i:text|send|envía|envia|manda|escribe)\s+([A-Z]{2,})\b")


def keywords(directory) -> set[str]:
    """Every texting keyword the content holds, in any language ("HOME", "AYUDA", "START")."""
    texts = [e.text for e in directory.entries.values() if e.text]
    texts += [e.es.text for e in directory.entries.values() if e.es and e.es.text]
    instructions = [e.es.how for e in directory.entries.values() if e.es and e.es.how]
    instructions += [e.how for e in directory.entries.values() if e.how]
    return {w for t in texts for w in re.findall(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b", t)} | \
        {m.group(1) for t in instructions for m in SENT_WORD.finditer(t)}


def facts_in(text: str, directory) -> list[str]:
    text = EXAMPLE.sub(" ", text)
    found = [f"phone {m.group(0)!r}" for m in PHONE.finditer(text)]
    found += [f"address {m.group(0)!r}" for m in URL.finditer(text)]
    found += [f"email {m.group(0)!r}" for m in EMAIL.finditer(text)]
    found += [f"menu {m.group(0)!r}" for m in MENU.finditer(text)]
    found += [f"keyword {m.group(1)!r}" for m in SENT_WORD.finditer(text)]
    found += [f"keyword {w!r}" for w in keywords(directory) if re.search(rf"\b{w}\b", text)]
    return found


@pytest.fixture(scope="module")
def msgids(tmp_path_factory):
    pot = tmp_path_factory.mktemp("facts") / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "-q", "extract", "--no-wrap", "-k", "N_", "-k",
                    "_l", "-F", "babel.cfg", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    catalog = read_po(pot.open("rb"))
    return [(i, m.locations) for m in catalog if m.id for i in ([m.id] if isinstance(m.id, str) else m.id)]


def test_no_msgid_holds_a_fact(msgids, app):
    directory = app.extensions["directory"]
    problems = [f"{', '.join(facts_in(msgid, directory))} in {msgid[:90]!r} ({locations[0][0]})"
                for msgid, locations in msgids if facts_in(msgid, directory)]
    assert not problems, ("facts in msgids (name them as facts from app/content instead, per language where "
                          "they differ):\n" + "\n".join(problems))


@pytest.mark.parametrize("language", ["es"])
def test_no_translation_adds_a_fact(app, language):
    """A translation carries its msgid's placeholders, never a fact of its own ("para español,
    marca 2" written into a Spanish string is how the call and text rules got mixed up)."""
    directory = app.extensions["directory"]
    catalog = read_po((ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb"))
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        allowed = {f for i in ids for f in facts_in(i, directory)}
        for string in strings:
            added = [f for f in facts_in(string, directory) if f not in allowed]
            if added:
                problems.append(f"{', '.join(added)} in {string[:100]!r}")
    assert not problems, f"{language} translations that add facts (put them in the content data):\n" + \
        "\n".join(problems)


def test_the_check_finds_facts(app):
    directory = app.extensions["directory"]
    for text in ("Text HOME to 741741", "call 1-800-799-7233", "Call or text 988 now", "see stopncii.org",
                 "write to abuse@telegram.org", "Para español, envía AYUDA", "https://www.ftc.gov/x", "Call 911",
                 "para español, marca 2", "press 1 for veterans"):
        assert facts_in(text, directory), text
    for text in ("Enter an email address like name@example.com.", "like example.com/@name", "Call %(phone)s",
                 "for 48 hours", "the FBI and the FTC", "18 or older", "TAKE IT DOWN Act"):
        assert not facts_in(text, directory), text


def test_a_texting_keyword_differs_by_language_in_the_data(app):
    """Every service with a texting instruction and help in another language gives that language's own."""
    directory = app.extensions["directory"]
    with_text = [e for e in directory.entries.values() if e.text and e.es and e.es.language != "en"]
    assert with_text, "no service texts in another language: the check would be blind"
    for entry in with_text:
        assert entry.es.text and entry.es.text != entry.text, entry.id


def differing_facts(directory, lang: str) -> dict[str, tuple[str, str]]:
    """{fact: (this language's value, the other's)} for facts whose value differs by language."""
    english, other = directory.facts_in("en"), directory.facts_in(lang)
    return {k: (other[k], english[k]) for k in other if k in english and other[k] != english[k]
            and k.rsplit("_", 1)[-1] in (*PER_LANGUAGE, "host")}


def shown(text: str, value: str) -> bool:
    return re.search(rf"(?<![\w.-]){re.escape(value)}(?![\w-])", text) is not None


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pages_show_only_their_own_languages_facts(app, lang):
    directory = app.extensions["directory"]
    differing = differing_facts(directory, "es")
    assert differing, "no fact differs by language: the check would be blind"
    # The value a page of this language must never show: the other language's.
    foreign = {k: (en if lang == "es" else es) for k, (es, en) in differing.items()}
    client = app.test_client()
    problems = []
    for name, method, path, fields in states(directory.guides, lang=lang):
        response = client.get(path) if method == "GET" else client.post(path, data=MultiDict(fields))
        # Where a guide's facts were checked (its sources) may be another language's pages.
        page = re.sub(r'<ul class="sources">.*?</ul>', " ", response.get_data(as_text=True), flags=re.S)
        visible = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)
        hrefs = set(re.findall(r'href="([^"]+)"', page))
        for key, value in foreign.items():
            if key.endswith("_url") and value in hrefs or not key.endswith("_url") and shown(visible, value):
                problems.append(f"{name}: {key} = {value!r}")
    assert not problems, f"{lang} pages show another language's facts:\n" + "\n".join(sorted(set(problems)))
