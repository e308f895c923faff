#!/usr/bin/env bash
# Path traversal before and after the path-traversal codemod: a Flask upload / download app (Debian
# python3-flask, Flask's test client) and an Express one over HTTP on loopback (express from the shared
# install, or installed into the work dir with npm when it has none, as test/behaviour/errors does).
# The code under test is the codemod's output (fix-file.ts), never a hand-written copy.
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/paths"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian flask=python3-flask

fix() { codemod "$1" path-traversal; } # fix <case>
fix flask_files.py
fix express_files.js

"$PY" "$HERE/run_paths.py" --before "$HERE/cases/flask_files.py" --after "$WORK/after/flask_files.py" --work "$WORK"

if [ -d "$ROOT/node_modules/express" ]; then
  EXPRESS_PATH="$ROOT/node_modules"
else
  echo "behaviour: installing express into $WORK/npm"
  npm install --no-save --no-audit --no-fund --silent --prefix "$WORK/npm" express >/dev/null
  EXPRESS_PATH="$WORK/npm/node_modules"
fi
NODE_PATH="$EXPRESS_PATH" node "$HERE/run_express.js" "$HERE/cases/express_files.js" "$WORK/after/express_files.js" "$WORK"
