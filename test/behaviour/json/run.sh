#!/usr/bin/env bash
# JSON file race: concurrent processes append to one file, before and after the
# json-file-race codemod (Python: filelock; JS: proper-lockfile + write-file-atomic).
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/json"
WORK="$1"
mkdir -p "$WORK"
cd "$ROOT"
fix() { # fix <src> <dest>
  npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$1" json-file-race unsafe >"$2" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
  if cmp -s "$1" "$2"; then echo "behaviour: the json-file-race codemod changed nothing in $1" >&2; cat "$WORK/fix.log"; exit 1; fi
  echo "--- json-file-race: $(basename "$1") after the codemod"; diff -u "$1" "$2" | tail -n +3 || true
}
fix "$HERE/cases/ledger.py" "$WORK/ledger.py"
/usr/bin/python3 "$HERE/run_json.py" --before "$HERE/cases/ledger.py" --after "$WORK/ledger.py" --dir "$WORK"
if [ -f "$HERE/cases/ledger.ts" ]; then
  fix "$HERE/cases/ledger.ts" "$WORK/ledger.ts"
  npx --no-install tsx "$HERE/run_json.ts" "$HERE/cases/ledger.ts" "$WORK/ledger.ts" "$WORK"
fi
