"""The package as an organisation installs it: `pip install` of the built wheel (not editable) into
a clean virtualenv, from the lock, then gunicorn run from another directory serves every kind of
page in both languages, its static files and its compiled catalogs, all from the installed copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from babel.messages.pofile import read_po

from tests.servers import ROOT, gunicorn

pytestmark = pytest.mark.server


def run(*args: str, cwd=ROOT) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A virtualenv holding the run lock and the wheel, and an empty folder to run it from."""
    folder = tmp_path_factory.mktemp("wheel")
    # Built from the files a clone would have (tracked, or new and not ignored): never from the
    # checkout's own build/ folder or compiled catalogs, which could hide a missing piece.
    source = folder / "source"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(folder / "dist"),
        str(source))
    (wheel,) = (folder / "dist").glob("help_guide-*.whl")
    venv = folder / "venv"
    run(sys.executable, "-m", "venv", str(venv))
    run(str(venv / "bin" / "pip"), "install", "-q", "--require-hashes", "-r", str(ROOT / "requirements" / "run.txt"))
    run(str(venv / "bin" / "pip"), "install", "-q", "--no-deps", str(wheel))
    elsewhere = folder / "site"
    elsewhere.mkdir()
    shutil.copy(ROOT / "gunicorn.conf.py", elsewhere)  # the operator's copy of the settings
    return venv, elsewhere


@pytest.fixture(scope="module")
def served(installed):
    venv, elsewhere = installed
    with gunicorn(venv=venv, cwd=elsewhere) as base:
        yield base


def fetch(base: str, path: str, form: dict | None = None) -> str:
    data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
    with urllib.request.urlopen(base + path, data=data, timeout=10) as response:
        assert response.status == 200, path
        return response.read().decode()


def heading(page: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1).strip()


def test_the_code_served_is_the_installed_copy(installed):
    venv, elsewhere = installed
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import app; print(app.__file__)"], cwd=elsewhere,
                           capture_output=True, text=True, env={"PATH": os.environ["PATH"]}).stdout.strip()
    assert where.startswith(str(venv)), where
    mo = list((venv / "lib").glob("python3*/site-packages/app/translations/es/LC_MESSAGES/messages.mo"))
    assert mo, "the wheel has no compiled Spanish catalog"


def test_every_kind_of_page_in_both_languages(served):
    spanish = {m.id: m.string for m in read_po((ROOT / "app/translations/es/LC_MESSAGES/messages.po").open("rb"))
               if m.id}
    for lang in ("", "/es"):
        start = fetch(served, f"{lang}/")
        assert f'lang="{lang.strip("/") or "en"}"' in start
        assert fetch(served, f"{lang}/guides/")
    first = {"danger": "no", "_seen": "danger"}
    english, translated = heading(fetch(served, "/q", first)), heading(fetch(served, "/es/q", first))
    assert spanish[english] == translated, "the Spanish question is not the catalog's translation"
    assert heading(fetch(served, "/plan", first)) != heading(fetch(served, "/es/plan", first))


def test_static_files(served):
    """Every file the start page links (stylesheet, script, icon) and the widget's loader."""
    files = re.findall(r'(?:href|src)="(/static/[^"]+)"', fetch(served, "/"))
    assert {f.split("?")[0].rsplit(".", 1)[1] for f in files} >= {"css", "js", "svg"}, files
    for path in files:
        assert fetch(served, path)
    assert "postMessage" in fetch(served, "/embed.js")
