"""Every user-facing string is marked for translation."""

import os
import re
import subprocess
import sys
from pathlib import Path

from app import flow
from tests.conftest import template_files

ROOT = Path(__file__).resolve().parents[1]


def test_babel_extracts_engine_and_template_strings(tmp_path):
    out = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "--no-wrap", "-k", "N_", "-F", "babel.cfg",
                    "-o", str(out), "."], cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    pot = out.read_text()
    msgids = set(re.findall(r'^msgid "(.*)"$', pot, re.M))
    texts = [v for q in flow.QUESTIONS for v in (q.title, q.why, q.hint)]
    texts += [v for q in flow.QUESTIONS if not q.labels for c in q.choices for v in (c.label, c.hint)]
    texts += [v for s in flow.STEPS for v in (s.title, *(line.text for line in s.lines))]
    for text in texts:
        for msgid in text.msgids:  # both voices of every question, choice and step line
            assert msgid.replace('"', '\\"') in msgids
    assert "Skip this question" in msgids and "Quick exit" in msgids
    from app import directory

    content = directory.load()
    for entry in content.entries.values():
        # A name a language block gives ("Emergencias (911)") is that language's fact, not a msgid.
        assert (entry.name in msgids) != bool(entry.es and entry.es.name), entry.id
        assert entry.description in msgids
    for guide in content.guides.values():
        assert guide.title in msgids


def test_templates_have_no_bare_text():
    """Text between tags in templates must sit inside _() or {% trans %}."""
    for path in template_files("*.html"):
        source = path.read_text()
        source = re.sub(r"{%\s*trans\b.*?%}.*?{%\s*endtrans\s*%}", "", source, flags=re.S)
        source = re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", "", source, flags=re.S)
        # code samples and letters (textareas) are not prose to translate
        source = re.sub(r"<script.*?</script>|<style.*?</style>|<textarea.*?</textarea>", "", source, flags=re.S)
        for text in re.findall(r">([^<>]+)<", source):
            words = re.sub(r"[\s·:().,–-]+", "", text)
            assert not words, f"{path.name}: untranslated text {text.strip()!r}"
