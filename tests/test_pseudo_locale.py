"""Every visible word is marked for translation: served with a pseudo catalog in place of
Spanish (each msgstr is its msgid between ‹ and ›), no page or state shows text outside the
marks, apart from what never translates (numbers, addresses, names of services and laws)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from werkzeug.datastructures import MultiDict

from tests.conftest import NS, app_with_catalog, parse
from tests.page_states import states

ROOT = Path(__file__).resolve().parents[1]
OPEN, CLOSE = "‹", "›"

# What stays as it is in every language: numbers and phone numbers, web and email addresses,
# dates, and the proper names of services, sites, laws and places (as their owners write them).
NEVER_TRANSLATED = re.compile(r"""
      https?://\S+ | \b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b(?:/\S*)?     # web addresses (before numbers: 988lineadevida.org)
    | [\d\s().,:;/+#–—·|-]+                                 # numbers, phones, punctuation, separators
    | [\w.+-]+@[\w.-]+                                       # email
    | Help\ guide | Español | English                         # the site's name; each language's own name
    | \b(?:ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\b   # months in dates Babel formats for Spanish
""", re.X)
NAMES = {
    "StopNCII", "Take It Down", "CyberTipline", "TAKE IT DOWN Act", "FBI", "FTC", "CCRI", "NCMEC", "RAINN",
    "Google", "Bing", "Meta", "X", "TikTok", "Snapchat", "Reddit", "Discord", "Telegram", "IC3", "DMCA",
    "Alex Example", "@someone",  # the test's own answers, echoed back
}


@pytest.fixture(scope="module")
def pseudo_app(tmp_path_factory):
    """The app with a pseudo-translated "es" catalog built from a fresh extraction."""
    folder = tmp_path_factory.mktemp("pseudo")
    pot = folder / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "--no-wrap", "-k", "N_", "-k", "_l",
                    "-F", "babel.cfg", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        catalog = read_po(f, locale="es")
    # As many plural forms as the locale has in the Babel that is installed (Spanish has three
    # since CLDR 46: one, many, other): the first is the singular, every other the plural.
    for message in catalog:
        if message.id and message.pluralizable:
            singular, plural = (OPEN + i + CLOSE for i in message.id)
            message.string = (singular,) + (plural,) * (catalog.num_plurals - 1)
        elif message.id:
            message.string = OPEN + message.id + CLOSE
    yield from app_with_catalog(folder / "catalog", catalog)


def visible_text(tree) -> list[str]:
    """Text a person sees or hears, by element: skips scripts, styles, and parts marked as another
    language on purpose (a letter kept in English, the link to the English page)."""
    out: list[str] = []

    def walk(el, skip: bool) -> None:
        tag = el.tag.replace(NS, "") if isinstance(el.tag, str) else ""
        skip = skip or tag in ("script", "style", "template") or el.get("lang", "es") != "es" \
            or el.get("translate") == "no"
        if not skip:
            out.append(el.text or "")
            for attr in ("aria-label", "title", "placeholder", "alt"):
                if el.get(attr):
                    out.append(el.get(attr))
        for child in el:
            walk(child, skip)
            if not skip:
                out.append(child.tail or "")

    walk(tree, False)
    return [t for t in out if t.strip()]


def spanish_content(directory) -> list[str]:
    """Text the content data holds in Spanish already (a referral's `es` block): Spanish at
    the source, so it needs no msgid."""
    blocks = [ref.es for ref in directory.entries.values() if getattr(ref, "es", None)]
    texts = [t for b in blocks for t in (b.name, b.call, b.text, b.how) if t]
    return sorted(texts, key=len, reverse=True)


def unmarked(text: str, spanish: list[str] = ()) -> str:
    """What is left of a text once marked pieces, Spanish content and never-translated words
    are taken out."""
    for known in spanish:  # a fact in the data may hold a link: its words then span elements
        text = re.sub(r"\s+".join(map(re.escape, known.split())), " ", text)
    while (inner := re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", text)) != text:  # innermost first
        text = inner
    for name in sorted(NAMES, key=len, reverse=True):
        text = text.replace(name, " ")
    lines = (NEVER_TRANSLATED.sub(" ", line).strip(" \"'“”‘’?!…") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def test_every_page_and_state_shows_only_marked_text(pseudo_app):
    client = pseudo_app.test_client()
    directory = pseudo_app.extensions["directory"]
    spanish = spanish_content(directory)
    assert spanish, "the content's Spanish blocks were not found"
    problems = []
    for name, method, path, fields in states(directory.guides, lang="es"):
        response = client.get(path) if method == "GET" else client.post(path, data=MultiDict(fields))
        assert response.status_code < 500, name
        tree = parse(response.data)
        root = next(tree.iter(f"{NS}html"))
        assert root.get("lang") == "es", name
        # One string per page: a msgid holding markup spans several elements.
        text = "\n".join(visible_text(tree))
        if left := unmarked(text, spanish):
            problems += [f"{name}: {piece!r}" for piece in dict.fromkeys(p.strip() for p in left.split("\n") if p.strip())]
    assert not problems, f"{len(problems)} texts not marked for translation:\n" + "\n".join(problems[:80])


def test_the_check_finds_unmarked_text():
    """The check itself is not blind: unmarked words are found, marked ones and names are not."""
    assert unmarked("‹Get help› now") == "now"
    assert unmarked("‹Call› 1-800-843-5678 · takeitdown.ncmec.org") == ""
    assert unmarked("Call ‹it› 1-800-843-5678") == "Call"
    assert unmarked("‹Report it to› StopNCII.") == ""
    assert unmarked("‹Crisis Text Line: ‹Text HOME to 741741›, 24/7.› left") == "left"
