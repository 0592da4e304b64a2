#!/usr/bin/env bash
# Browser tests of the web console in a real headless Chromium (selenium + pytest).
# Installs chromium, chromium-driver (apt) and selenium/pytest (pip) when missing, then runs the tests against the
# already-built binary (.build/debug/invoice-relay, or $INVOICE_RELAY_BIN): this script builds nothing.
# Exit status: pytest's, except that "no tests collected" (5) is a failure too.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
if ! python3 -c "import selenium, pytest" 2>/dev/null; then
    python3 -m pip install --quiet "selenium>=4,<5" pytest || python3 -m pip install --quiet --break-system-packages "selenium>=4,<5" pytest
fi

binary="${INVOICE_RELAY_BIN:-.build/debug/invoice-relay}"
if [ ! -x "$binary" ]; then
    echo "browser tests: $binary is missing; run 'swift build' first" >&2
    exit 1
fi

mkdir -p .build/browser-screenshots
started=$(date +%s)
set +e
python3 -m pytest -p no:cacheprovider -q Tests/Browser "$@"
status=$?
set -e
echo "browser tests: $(( $(date +%s) - started )) s, screenshots in .build/browser-screenshots/"
if [ "$status" -eq 5 ]; then
    echo "browser tests: pytest collected no tests; treating that as a failure" >&2
    exit 1
fi
exit "$status"
