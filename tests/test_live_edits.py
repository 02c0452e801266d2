"""`make dev` shows an edit on the next page load, with nobody restarting anything: a template
at once (the same process), the content data and a catalog through the reloader, which the
Makefile points at them and which compiles the catalog as it starts the app again.

Runs the Makefile's own `dev` command (read with `make -n`) on a copy of the tree, so the
edits never touch the checkout."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.server


def dev_command(tree: Path, port: int) -> list[str]:
    """The last command `make dev` runs (after setting up), as the Makefile writes it."""
    lines = subprocess.run(["make", "-s", "-n", "dev", f"BIN={BIN}", f"PORT={port}"], cwd=tree, text=True,
                           capture_output=True, check=True).stdout.strip().splitlines()
    command = shlex.split(lines[-1])
    assert Path(command[0]).name == "flask" and "--debug" in command, lines[-1]
    return command


@pytest.fixture
def tree(tmp_path):
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    copy = tmp_path / "tree"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def until(url: str, wanted: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
        except OSError:  # the reloader is starting the app again
            body = ""
        if wanted in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{wanted!r} not shown at {url} within {seconds} s")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    time.sleep(1.1)  # a later modification time than the file had, on any file system
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_show_on_the_next_page_load(tree):
    port = free_port()
    log = tree / "dev.log"
    env = {**os.environ, "PYTHONPATH": str(tree), "FLASK_RUN_FROM_CLI": "", "HELP_TRUSTED_HOSTS": "127.0.0.1"}
    with log.open("w") as out:
        server = subprocess.Popen(dev_command(tree, port), cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        until(base + "/", "<h1")
        # A template: shown at once, by the same process (no reload at all).
        edit(tree / "app/web/site/templates/site/start.html", "{% block main %}",
             '{% block main %}<p id="edited">Edited template</p>')
        until(base + "/", "Edited template", seconds=5)
        assert "Detected change" not in log.read_text()
        # Content data: a guide's title, on the guides page.
        guides = tree / "app/content/guides.toml"
        title = re.search(r'^title = "([^"]+)"', guides.read_text(encoding="utf-8"), re.M).group(1)
        edit(guides, f'title = "{title}"', 'title = "An edited guide title"')
        until(base + "/guides/", "An edited guide title")
        # A catalog: a Spanish translation, on a Spanish page.
        edit(tree / "app/translations/es/LC_MESSAGES/messages.po", 'msgid "Quick exit"\nmsgstr "Salida rápida"',
             'msgid "Quick exit"\nmsgstr "Salida rápida editada"')
        until(base + "/es/", "Salida rápida editada")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
