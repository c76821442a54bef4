#!/usr/bin/env bash
# The whole test suite: type-check, lint, unit and integration tests (Vitest, real OS keychain), then the
# Playwright tests against the browser harness in Debian's Chromium. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bash scripts/install-system-deps.sh || exit 1
mkdir -p .test-output
rm -f .test-output/*.json

status=0
checks_failed=0
npm run --silent typecheck || { echo "typecheck: FAILED" >&2; checks_failed=$((checks_failed + 1)); status=1; }
npm run --silent lint || { echo "lint: FAILED" >&2; checks_failed=$((checks_failed + 1)); status=1; }
npm run --silent check:electron || { echo "electronegativity: FAILED" >&2; checks_failed=$((checks_failed + 1)); status=1; }
npm run --silent build:renderer || exit 1
# Both runners inside one private D-Bus session with an unlocked GNOME Keyring.
scripts/with-keyring.sh bash -c '
  s=0
  npx vitest run --reporter=default --reporter=json --outputFile.json=.test-output/vitest.json || s=1
  npx playwright test || s=1
  exit $s
' 2> >(grep -v "Failed to set fd limit\|org.a11y.Bus" >&2) || status=1
node scripts/test-summary.mjs "$checks_failed" || status=1
exit $status
