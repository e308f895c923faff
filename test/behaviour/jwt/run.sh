#!/usr/bin/env bash
# JWT forgery before and after the jwt-unverified codemod (Python: Debian python3-jwt).
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/jwt"
WORK="$1"
mkdir -p "$WORK"
cd "$ROOT"
/usr/bin/python3 -c 'import jwt' 2>/dev/null || { echo "behaviour: missing python3-jwt (apt-get install -y python3-jwt)" >&2; exit 2; }
npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$HERE/cases/auth.py" jwt-unverified unsafe >"$WORK/auth.py" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
if cmp -s "$HERE/cases/auth.py" "$WORK/auth.py"; then echo "behaviour: the jwt-unverified codemod changed nothing" >&2; cat "$WORK/fix.log"; exit 1; fi
echo "--- jwt-unverified: auth.py after the codemod"; diff -u "$HERE/cases/auth.py" "$WORK/auth.py" | tail -n +3 || true
/usr/bin/python3 "$HERE/run_jwt.py" --before "$HERE/cases/auth.py" --after "$WORK/auth.py"

# jsonwebtoken is not in the shared install: a throwaway prefix in the work dir
mkdir -p "$WORK/js"
npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$HERE/cases/auth.js" jwt-unverified unsafe >"$WORK/js/after.js" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
if cmp -s "$HERE/cases/auth.js" "$WORK/js/after.js"; then echo "behaviour: the jwt-unverified codemod changed nothing in auth.js" >&2; cat "$WORK/fix.log"; exit 1; fi
echo "--- jwt-unverified: auth.js after the codemod"; diff -u "$HERE/cases/auth.js" "$WORK/js/after.js" | tail -n +3 || true
cp "$HERE/cases/auth.js" "$WORK/js/before.js"
echo '{"private":true}' >"$WORK/js/package.json"
npm install --no-save --no-audit --no-fund --silent --prefix "$WORK/js" jsonwebtoken >/dev/null
node "$HERE/run_jwt.js" "$WORK/js/before.js" "$WORK/js/after.js"
