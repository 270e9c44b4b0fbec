#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright; no browser is ever downloaded
# from elsewhere. Install it from Debian's packages when it is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "chromium is missing: install Debian's 'chromium' package as root" >&2; exit 1; }
  sudo="sudo"
fi
echo "installing Debian's chromium for the browser tests"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
