#!/usr/bin/env bash
# A small base image made from Debian's own packages, for machines with no container registry:
# Debian 12 (bookworm), its python3 (3.11, the project's Python), libstdc++6 (ada-url is C++)
# and the Essential set; no apt, no pip, no compiler, no docs. Written to build/base-<hash>.tar
# and imported into podman as localhost/help-guide-base:<hash>; the hash is this script's, so a changed recipe makes a new
# base and an unchanged one is reused from build/ (a fresh machine makes it once, ~1 minute).
# Prints the image name. Usage: scripts/base-image.sh [podman args before the subcommand...]
set -euo pipefail
cd "$(dirname "$0")/.."
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
hash=$(sha256sum "$0" | cut -c1-12)
name=localhost/help-guide-base:$hash
tar=build/base-$hash.tar
podman=(podman "$@")
if "${podman[@]}" image exists "$name"; then
  echo "$name"; exit 0
fi
mkdir -p build
if [ ! -s "$tar" ]; then
  rm -f build/base-*.tar  # an older recipe's tarball
  mmdebstrap --quiet --variant=essential --include=python3,libstdc++6 --format=tar \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
    bookworm "$tar.part" "$MIRROR" >&2
  mv "$tar.part" "$tar"
fi
"${podman[@]}" import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["python3"]' \
  "$tar" "$name" >/dev/null
echo "$name"
