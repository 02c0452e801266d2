"""The lock files hold what pyproject.toml asks for: every direct dependency (running, testing,
building) is pinned to a version its range allows, with hashes, and the run lock installs the same
versions as the test lock. A dependency added to pyproject.toml without `make lock` fails here."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(name: str) -> dict[str, str]:
    """{package: version} of a lock file; fails on a pin that carries no hash."""
    found, text = {}, (LOCKS / name).read_text()
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        if match := PIN.match(entry):
            assert "--hash=sha256:" in entry, f"{name}: {match.group(1)} has no hash"
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def direct(*groups: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    wanted = list(project["dependencies"]) + list(PYPROJECT["build-system"]["requires"])
    for group in groups:
        wanted += project["optional-dependencies"][group]
    return [Requirement(r) for r in wanted]


@pytest.mark.parametrize(("lock", "groups"), [("run.txt", ()), ("test.txt", ("test",))])
def test_every_direct_dependency_is_locked_within_its_range(lock, groups):
    locked = pins(lock)
    problems = []
    for requirement in direct(*groups):
        version = locked.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement} is not in requirements/{lock}")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement}: the lock has {version}")
    assert not problems, "run `make lock`:\n" + "\n".join(problems)


def test_running_and_testing_install_the_same_versions():
    run, test = pins("run.txt"), pins("test.txt")
    assert run, "the run lock is empty"
    assert {name: test.get(name) for name in run} == run


def test_the_build_requirements_are_the_locked_ones():
    listed = [line for line in (LOCKS / "build.in").read_text().splitlines() if line and not line.startswith("#")]
    assert sorted(listed) == sorted(PYPROJECT["build-system"]["requires"])


def test_the_check_sees_an_unlocked_dependency(tmp_path, monkeypatch):
    """Not blind: a lock without Flask, or with a Flask outside the range, is refused."""
    text = (LOCKS / "run.txt").read_text()
    flask = re.search(r"^flask==.*?(?=\n[a-z])", text, re.M | re.S).group(0)
    monkeypatch.setattr(sys.modules[__name__], "LOCKS", tmp_path)
    (tmp_path / "run.txt").write_text(text.replace(flask, ""))
    with pytest.raises(AssertionError, match="flask"):
        test_every_direct_dependency_is_locked_within_its_range("run.txt", ())
    (tmp_path / "run.txt").write_text(text.replace(flask, re.sub(r"==\S+", "==0.12 \\\\", flask, count=1)))
    with pytest.raises(AssertionError, match="the lock has 0.12"):
        test_every_direct_dependency_is_locked_within_its_range("run.txt", ())
