#!/usr/bin/env bash
# Command injection before and after the command-injection codemod: Python subprocess / os.system and a
# Flask view (Debian python3-flask), Node child_process exec / execSync. Only harmless commands run
# (ls, cat, echo, cp, wc, touch) in a temp folder. The code under test is the codemod's output (fix-file.ts).
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/command"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
if ! "$PY" -c 'import flask' 2>/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then echo "behaviour: missing python3-flask; install it (apt-get install -y python3-flask) or run as root" >&2; exit 2; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-flask >/dev/null
fi

fix() { # fix <case>
  npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$HERE/cases/$1" command-injection unsafe >"$WORK/after/$1" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
  if cmp -s "$HERE/cases/$1" "$WORK/after/$1"; then echo "behaviour: the command-injection codemod changed nothing in $1" >&2; cat "$WORK/fix.log"; exit 1; fi
  echo "--- command-injection: $1 after the codemod"; diff -u "$HERE/cases/$1" "$WORK/after/$1" | tail -n +3 || true
}
fix tools.py
fix tools.js

"$PY" "$HERE/run_command.py" --before "$HERE/cases/tools.py" --after "$WORK/after/tools.py" --work "$WORK"
node "$HERE/run_command.js" "$HERE/cases/tools.js" "$WORK/after/tools.js" "$WORK"
