#!/usr/bin/env bash
# Scans for code scanning: writes SARIF (always, even when findings fail the
# run, so the upload step has a file) and exits with shipguard's status.
# Used by action.yml; runnable locally.
#   SHIPGUARD   the command (default: shipguard on PATH)
#   SARIF_FILE  where to write (default: shipguard.sarif)
#   FAIL_LEVEL  error|warning|info (default: warning)
#   Arguments: the paths to scan (default: .)
set -uo pipefail
SG="${SHIPGUARD:-shipguard}"
OUT="${SARIF_FILE:-shipguard.sarif}"
LEVEL="${FAIL_LEVEL:-warning}"
[ "$#" -gt 0 ] || set -- .
"$SG" scan "$@" --format sarif --output "$OUT" --fail-level "$LEVEL" --no-progress
rc=$?
# a text summary for the job log (the SARIF holds the same findings)
"$SG" scan "$@" --fail-level "$LEVEL" --no-progress >&2 || true
if [ "$rc" -eq 2 ] && [ ! -s "$OUT" ]; then
  echo "shipguard: no SARIF written (configuration or usage error above)" >&2
fi
exit "$rc"
