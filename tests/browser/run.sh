#!/usr/bin/env bash
# browser.inspector: flowhook listen --ui in Debian's chromium, driven by playwright-core
# (pinned by package-lock.json; `bash .ci/install-deps --tests` runs `npm ci` here). Every
# test is in inspector.test.mjs; each process it starts is stopped, and the whole run is
# bounded in time. FLOWHOOK is the binary under test (CTest sets it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export FLOWHOOK=${FLOWHOOK:-$here/../../build/default/flowhook}
[[ -x $FLOWHOOK ]] || { echo "FAIL: no flowhook binary at $FLOWHOOK" >&2; exit 1; }
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] ||
  { echo "FAIL: no chromium (bash .ci/install-deps --tests installs it)" >&2; exit 1; }
[[ -f $here/node_modules/playwright-core/package.json ]] ||
  { echo "FAIL: no playwright-core in tests/browser/node_modules (bash .ci/install-deps --tests runs npm ci)" >&2; exit 1; }
cd "$here"
# SIGTERM first, so the tests' own handlers stop flowhook and chromium; SIGKILL 10 s later.
exec timeout -k 10 240 node --test --test-reporter=spec inspector.test.mjs
