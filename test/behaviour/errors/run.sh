#!/usr/bin/env bash
# Error-handling fixes against the real frameworks: a Flask view, a DRF view and an
# Express handler whose dependency fails with a secret in its message (body, status and
# log before and after error-details-in-response), and a Django view on a missing row
# (500 before, 404 after unhandled-does-not-exist). The code under test is the codemods'
# output (fix-file.ts), never a hand-written copy.
# Needs python3-flask and python3-djangorestframework (installed when run as root) and
# express, installed into the work dir with npm when the shared install has none.
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/errors"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"

need_apt=()
"$PY" -c 'import flask' 2>/dev/null || need_apt+=(python3-flask)
"$PY" -c 'import rest_framework' 2>/dev/null || need_apt+=(python3-djangorestframework)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "behaviour: missing ${need_apt[*]}; install them (apt-get install -y ${need_apt[*]}) or run as root" >&2
    exit 2
  fi
  echo "behaviour: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

fix() { # fix <case> <rule>
  npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$HERE/cases/$1" "$2" unsafe >"$WORK/after/$1" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
  if cmp -s "$HERE/cases/$1" "$WORK/after/$1"; then echo "behaviour: the $2 codemod changed nothing in $1" >&2; cat "$WORK/fix.log"; exit 1; fi
  echo "--- $2: $1 after the codemod"; diff -u "$HERE/cases/$1" "$WORK/after/$1" | tail -n +3 || true
}
fix flask_app.py error-details-in-response
fix drf_views.py error-details-in-response
fix django_views.py unhandled-does-not-exist
fix express_app.js error-details-in-response

"$PY" "$HERE/run_errors.py" --before "$HERE/cases" --after "$WORK/after"

if [ -d "$ROOT/node_modules/express" ]; then
  EXPRESS_PATH="$ROOT/node_modules"
else
  echo "behaviour: installing express into $WORK/npm"
  npm install --no-save --no-audit --no-fund --silent --prefix "$WORK/npm" express >/dev/null
  EXPRESS_PATH="$WORK/npm/node_modules"
fi
NODE_PATH="$EXPRESS_PATH" node "$HERE/run_express.js" "$HERE/cases/express_app.js" "$WORK/after/express_app.js"
