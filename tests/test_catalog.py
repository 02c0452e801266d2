"""The translation catalogs are complete and sound: every msgid extracted today has a translation
in every language, none is fuzzy, each keeps its msgid's placeholders and markup, and each
catalog compiles. `make messages` brings a catalog up to date; this test says what is left."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "app" / "translations"
LANGUAGES = ("es",)
# The same extraction as `make messages` (Makefile).
EXTRACT = ["extract", "--no-wrap", "-k", "N_", "-k", "_l", "-F", "babel.cfg"]

# What a translation must carry over exactly: %(name)s and %%, {name} (str.format), and markup
# (<a href="%(url)s">, <span class="vh">): a translator may move them, never drop or change one.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%|\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+(?:\s[^>]*)?>")
COUNT = "%(num)s"  # a plural's singular form may leave out the count ("the place you listed")


def signature(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text)) | set(TAG.findall(text))


def _pybabel() -> str:
    return str(Path(sys.executable).with_name("pybabel"))


def _po(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def compile_catalogs() -> None:
    """Compile any catalog whose .mo is missing or older than its .po (what `make deps` does), so
    tests run by pytest alone see the current translations."""
    for language in LANGUAGES:
        po, mo = _po(language), _po(language).with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run([_pybabel(), "-q", "compile", "-d", str(TRANSLATIONS), "-l", language],
                           check=True, cwd=ROOT)


@pytest.fixture(scope="module")
def pot(tmp_path_factory):
    out = tmp_path_factory.mktemp("catalog") / "messages.pot"
    subprocess.run([_pybabel(), "-q", *EXTRACT, "-o", str(out), "."], cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return read_po(out.open("rb"))


def _key(message):
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _show(key) -> str:
    return repr(key if isinstance(key, str) else key[0])


def _where(message) -> str:
    return ", ".join(f"{path}:{line}" if line else path for path, line in message.locations[:2])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_has_a_translation(pot, language):
    catalog = read_po(_po(language).open("rb"))
    translated = {_key(m) for m in catalog if m.id and m.string and all(m.string if isinstance(m.string, tuple)
                                                                      else [m.string])}
    missing = [m for m in pot if m.id and _key(m) not in translated]
    if missing:
        pytest.fail(f"{len(missing)} msgids have no {language} translation (run `make messages`, then translate "
                    f"them in {_po(language).relative_to(ROOT)}):\n"
                    + "\n".join(f"  {_show(_key(m))}  ({_where(m)})" for m in missing), pytrace=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_stale_or_fuzzy(pot, language):
    catalog = read_po(_po(language).open("rb"))
    assert not catalog.fuzzy, "the catalog's header is marked fuzzy"
    fuzzy = [_show(_key(m)) for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy entries (a guess, never shown): {fuzzy}"
    current = {_key(m) for m in pot if m.id}
    stale = [_show(_key(m)) for m in catalog if m.id and _key(m) not in current]
    assert not stale, f"entries for msgids no longer in the code (run `make messages`): {stale}"


def signature_problem(ids: list[str], string: str) -> str | None:
    """Why `string` cannot stand for `ids` (a msgid, or a msgid and its plural), or None."""
    wanted = set().union(*(signature(i) for i in ids))
    required = wanted - {COUNT} if len(ids) > 1 else wanted
    found = signature(string)
    if not required <= found <= wanted:
        return f"wants {sorted(wanted)}, has {sorted(found)}"
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders_and_markup(language):
    catalog = read_po(_po(language).open("rb"))
    broken = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for string in filter(None, strings):
            problem = signature_problem(ids, string)
            if problem:
                broken.append(f"{_show(_key(message))}: {problem}")
    assert not broken, "\n".join(broken)


def test_the_placeholder_check_catches_what_goes_wrong():
    call = ['Call <a href="%(tel)s">%(phone)s</a>']
    assert signature_problem(call, 'Llama al <a href="%(tel)s">%(phone)s</a>') is None
    assert signature_problem(call, "Llama al %(phone)s")  # the link lost
    assert signature_problem(call, 'Llama al <a href="%(tel)s">%(telefono)s</a>')  # a renamed placeholder
    assert signature_problem(["Due %(date)s"], "Fecha: %(date)s %(extra)s")  # one the code never passes
    plural = ["There is %(num)s request.", "There are %(num)s requests."]
    assert signature_problem(plural, "Hay una solicitud.") is None  # the singular may leave out the count
    assert signature_problem(plural, "Hay solicitudes.") is None
    assert signature_problem(["%(site)s: the place", "%(site)s: %(num)s places"], "los %(num)s lugares")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_compiles(tmp_path, language):
    catalog = read_po(_po(language).open("rb"))
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems, problems
    with (tmp_path / "messages.mo").open("wb") as mo:
        write_mo(mo, catalog)
    result = subprocess.run([_pybabel(), "compile", "-i", str(_po(language)), "-o", str(tmp_path / "cli.mo"),
                             "-l", language], capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stderr.lower(), result.stderr
    from babel.support import Translations

    with (tmp_path / "cli.mo").open("rb") as mo:
        loaded = Translations(mo)
    assert loaded.gettext("Skip this question") != "Skip this question"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_are_the_installed_locale_data(language):
    """The header's plural rule is the one the locked Babel's CLDR data gives the language, and every
    plural entry has that many forms: a Babel upgrade that changes the rule fails here, not on a page."""
    catalog = read_po(_po(language).open("rb"))
    wanted = get_plural(language)
    assert (catalog.num_plurals, catalog.plural_expr) == (wanted.num_plurals, wanted.plural_expr), \
        f"{language}: the header says {catalog.plural_forms!r}; this Babel says {str(wanted)!r}"
    short = [_show(_key(m)) for m in catalog if m.id and m.pluralizable
             and (len(m.string) != wanted.num_plurals or not all(m.string))]
    assert not short, f"plural entries without all {wanted.num_plurals} forms: {short}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("count", [0, 1, 2, 5, 1_000_000])
def test_no_plural_message_falls_back_to_english(tmp_path, language, count):
    from babel.support import Translations

    catalog = read_po(_po(language).open("rb"))
    with (tmp_path / "messages.mo").open("wb") as mo:
        write_mo(mo, catalog)
    with (tmp_path / "messages.mo").open("rb") as mo:
        loaded = Translations(mo)
    plurals = [m.id for m in catalog if m.id and m.pluralizable]
    assert plurals, "the catalog has no plural message to check"
    english = [singular for singular, plural in plurals
               if loaded.ngettext(singular, plural, count) in (singular, plural)]
    assert not english, f"{count}: shown in English: {english}"
