#!/usr/bin/env bash
# The README's first command: build, scan the example workspace, then show one fix as a diff.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
echo
echo "== shipguard scan examples"
node bin/shipguard.js scan examples
status=$?
if [ "$status" -ge 2 ]; then echo "scan failed (exit $status)"; exit "$status"; fi
echo
echo "== shipguard fix examples/express-store --rule request-without-timeout --diff   (writes nothing)"
node bin/shipguard.js fix examples/express-store --rule request-without-timeout --diff
fstatus=$?
if [ "$fstatus" -ge 2 ]; then echo "fix failed (exit $fstatus)"; exit "$fstatus"; fi
exit 0
