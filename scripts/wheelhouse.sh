#!/usr/bin/env bash
# Fills build/wheelhouse/ for the image build (Containerfile), which reaches no registry:
# every locked release, downloaded hash-checked from the lock (requirements/run.txt), the
# project's own wheel (templates, static files, compiled catalogs) built from the files a
# clone has, and pip's wheel as it comes with Python, to install them with.
# The wheels are for this machine's Python; the image's must be the same minor version
# (3.11: Debian 12's python3, and the default base's), which the build checks.
# Usage: scripts/wheelhouse.sh [python]   (default: .venv/bin/python, made by `make deps` if missing;
# building the project's wheel needs the lock's setuptools and Babel, which it has)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${1:-}" ] && [ ! -x .venv/bin/python ]; then
  make --no-print-directory deps
fi
PY=${1:-.venv/bin/python}
out=build/wheelhouse
"$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), "the image runs Python 3.11; build its wheels with 3.11, not " + sys.version'
rm -rf "$out" build/wheel-source
mkdir -p "$out" build/wheel-source
"$PY" -m pip download -q --require-hashes --no-deps --only-binary=:all: -r requirements/run.txt -d "$out"
# The project from tracked files (and new ones not ignored), never from build output lying around.
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  if [ -f "$f" ]; then install -D -m 0644 "$f" "build/wheel-source/$f"; fi
done
"$PY" -m pip wheel -q --no-deps --no-build-isolation -w "$out" build/wheel-source
rm -rf build/wheel-source
# pip itself, as Python ships it (ensurepip's bundled wheel; Debian keeps it in /usr/share/python-wheels).
pip_wheel=$("$PY" -c 'import ensurepip, glob, os, sys
d = os.path.join(os.path.dirname(ensurepip.__file__), "_bundled")
found = sorted(glob.glob(os.path.join(d, "pip-*.whl")) + glob.glob("/usr/share/python-wheels/pip-*.whl"))
sys.exit("no pip wheel comes with this Python") if not found else print(found[-1])')
cp "$pip_wheel" "$out/"
ls "$out"
