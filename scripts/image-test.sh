#!/usr/bin/env bash
# `make image-test` (run by `make test`): build the OCI image the way an operator would, here
# where no container registry is reachable, and run tests/test_container_image.py against it.
#   1. a base from Debian's packages (scripts/base-image.sh; cached in build/ between runs);
#   2. the wheelhouse from the lock (scripts/wheelhouse.sh: hash-checked, plus the project's wheel);
#   3. podman build of Containerfile with that base, no network;
#   4. the image started read-only as non-root: a walk in English and Spanish, headers, SIGTERM.
# podman as it works on these machines (shared tooling notes): runc, cgroupfs, no default ulimits,
# in a containers.conf named by CONTAINERS_CONF (build/containers.conf unless one is given).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
mkdir -p build
if [ -z "${CONTAINERS_CONF:-}" ]; then
  cat > build/containers.conf <<'CONF'
[containers]
default_ulimits = []

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
CONF
  export CONTAINERS_CONF=$PWD/build/containers.conf
fi
start=$SECONDS
base=$(scripts/base-image.sh)
echo "base image: $base ($((SECONDS - start)) s)"
# The wheels are built for this Python; the image's Python must be the same minor version.
host_py=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
image_py=$(podman run --rm --network none "$base" python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$host_py" != "$image_py" ]; then
  echo "the base image has Python $image_py, this machine $host_py: the wheelhouse would not fit" >&2
  exit 1
fi
scripts/wheelhouse.sh "$PY" > build/wheelhouse.log 2>&1 || { cat build/wheelhouse.log >&2; exit 1; }
image=localhost/help-guide:test
podman build --quiet --network none --pull=never --build-arg "BASE_IMAGE=$base" -t "$image" -f Containerfile . >/dev/null
podman image prune -f >/dev/null  # the build stage's layers
echo "built $image: Python $image_py, $(podman image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}') ($((SECONDS - start)) s)"
HELP_IMAGE=$image "$PY" -m pytest -q -rs -s tests/test_container_image.py "$@"
echo "image-test: $((SECONDS - start)) s"
