"""`make audit` (scripts/audit.py) fails on a known vulnerability and when no advisory data can be
reached, and passes only when every locked package was checked. pip-audit and PyPI are stood in
for here (a script printing pip-audit's JSON report, a local server answering as PyPI's project
JSON does); `make test` runs the real audit against the real lock."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, static_host

LOCK = "flask==3.1.3 \\\n    --hash=sha256:00\norjson==3.13.0 \\\n    --hash=sha256:11\n"


def audit(tmp_path: Path, report: list[dict], pypi: str) -> subprocess.CompletedProcess:
    fake = tmp_path / "pip-audit"
    fake.write_text(f"#!{sys.executable}\nprint({json.dumps(json.dumps({'dependencies': report}))})\n")
    fake.chmod(0o755)
    (tmp_path / "lock.txt").write_text(LOCK)
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "audit.py"), str(fake), str(tmp_path / "lock.txt")],
                          capture_output=True, text=True, env={"AUDIT_PYPI": pypi, "PATH": "/usr/bin:/bin"})


def skipped(name: str, version: str) -> dict:
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} ({version})"}


@pytest.fixture
def pypi(tmp_path):
    """Writes project JSON pages: {name: (latest version, [advisory ids])}; yields the base URL."""
    folder = tmp_path / "pypi"

    def publish(projects: dict) -> None:
        for name, (latest, ids) in projects.items():
            (folder / name).mkdir(parents=True, exist_ok=True)
            vulns = [{"id": i, "fixed_in": [], "withdrawn": None} for i in ids]
            (folder / name / "json").write_text(json.dumps({"info": {"version": latest}, "vulnerabilities": vulns}))

    folder.mkdir()
    with static_host(folder) as base:
        yield base, publish


def test_a_clean_per_release_report_passes(tmp_path):
    report = [{"name": "flask", "version": "3.1.3", "vulns": []}, {"name": "orjson", "version": "3.13.0", "vulns": []}]
    result = audit(tmp_path, report, f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 0, result.stdout
    assert "2 checked against PyPI's advisories for their exact release" in result.stdout


def test_a_vulnerability_pip_audit_finds_fails(tmp_path):
    report = [{"name": "flask", "version": "3.1.3", "vulns": [{"id": "GHSA-test", "fix_versions": ["3.1.4"]}]},
              {"name": "orjson", "version": "3.13.0", "vulns": []}]
    result = audit(tmp_path, report, f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 1 and "GHSA-test" in result.stdout and "3.1.4" in result.stdout


def test_without_per_release_data_the_latest_release_advisories_are_read(tmp_path, pypi):
    base, publish = pypi
    publish({"flask": ("3.1.3", ["PYSEC-open"]), "orjson": ("3.14.0", [])})
    result = audit(tmp_path, [skipped("flask", "3.1.3"), skipped("orjson", "3.13.0")], base)
    assert result.returncode == 1 and "PYSEC-open" in result.stdout
    assert "orjson 3.13.0 (latest 3.14.0)" in result.stdout  # said plainly: only partly checked


def test_clean_latest_release_data_passes(tmp_path, pypi):
    base, publish = pypi
    publish({"flask": ("3.1.3", []), "orjson": ("3.13.0", [])})
    result = audit(tmp_path, [skipped("flask", "3.1.3"), skipped("orjson", "3.13.0")], base)
    assert result.returncode == 0, result.stdout
    assert "no known vulnerability" in result.stdout


def test_no_advisory_data_at_all_fails_plainly(tmp_path):
    result = audit(tmp_path, [skipped("flask", "3.1.3"), skipped("orjson", "3.13.0")], f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 2
    assert "could not be reached for 2 packages" in result.stdout
