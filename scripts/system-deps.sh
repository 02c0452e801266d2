#!/usr/bin/env bash
# Installs the system packages the tests need, only where missing.
set -euo pipefail
need=()
if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  need+=(chromium)
fi
command -v java >/dev/null || need+=(default-jre-headless)
[ -n "${LYNX:-}" ] || command -v lynx >/dev/null || need+=(lynx)  # the text-browser walk
command -v wrk >/dev/null || need+=(wrk)  # the soak mix through nginx (tests/test_proxy_limits.py)
[ -n "${NGINX:-}" ] || [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx-light)
# The image test (scripts/image-test.sh): podman with runc (crun fails on these machines), and
# mmdebstrap to make a base image from Debian's packages, since no container registry is reachable.
command -v podman >/dev/null || need+=(podman)
[ -x /usr/sbin/runc ] || command -v runc >/dev/null || need+=(runc)
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
elif [[ " ${need[*]} " == *" chromium "* ]]; then
  echo "Chromium is missing and apt is not available as root; trying Playwright's own download." >&2
  .venv/bin/python -m playwright install chromium
fi
