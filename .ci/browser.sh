#!/usr/bin/env bash
# The dashboard in headless Chromium (Tests/Browser/dashboard_test.py) against the debug
# binary built by `swift build`. Installs Debian's chromium, chromium-driver and
# python3-selenium when missing (CI runs as root). Screenshots go to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! /usr/bin/python3 -c "import selenium" 2>/dev/null; then
  echo "installing chromium, chromium-driver, python3-selenium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q chromium chromium-driver python3-selenium >/dev/null
fi
binary="$(swift build --show-bin-path)/shoppyshop"
[ -x "$binary" ] || swift build --product shoppyshop
# Debian's python: its selenium is the one apt installed (a pyenv python would not see it).
exec /usr/bin/python3 Tests/Browser/dashboard_test.py "$binary"
