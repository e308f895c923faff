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
source "$ROOT/test/behaviour/lib.sh"
need_debian flask=python3-flask

fix() { codemod "$1" command-injection; } # fix <case>
fix tools.py
fix tools.js

"$PY" "$HERE/run_command.py" --before "$HERE/cases/tools.py" --after "$WORK/after/tools.py" --work "$WORK"
node "$HERE/run_command.js" "$HERE/cases/tools.js" "$WORK/after/tools.js" "$WORK"
