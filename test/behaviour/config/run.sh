#!/usr/bin/env bash
# Configuration fixes against the real frameworks (cors-wildcard, csrf-disabled, insecure-session-cookie):
#  - flask-cors: an origin outside the allow-list gets no Access-Control-Allow-Origin after the fix
#    (it got one before), an allowed origin does;
#  - Flask-WTF: a form POST without a token is accepted before the fix and refused (400) after it,
#    while the page's own token still passes;
#  - Django: the session and CSRF cookies carry Secure (HttpOnly, SameSite=Lax) after the fix, with
#    production settings (DJANGO_DEBUG unset);
#  - Express (cors, express-session, installed from npm into the work folder): the same two checks.
# The code under test is the codemods' output (test/behaviour/fix-file.ts), never a hand-written copy.
# Needs python3-flask-cors, python3-flaskext.wtf and python3-django (installed when run as root).
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/config"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"

source "$ROOT/test/behaviour/lib.sh"
need_debian flask_cors=python3-flask-cors flask_wtf=python3-flaskext.wtf django=python3-django

fix() { codemod "$1" "$2"; } # fix <case path relative to cases/> <rule>
check() { # check <label> <actual> <expected>
  if [ "$2" != "$3" ]; then echo "FAIL $1: got $2, want $3" >&2; exit 1; fi
  echo "ok   $1: $2"
}
field() { "$PY" -c 'import json,sys; v=json.loads(sys.argv[1]); [v := v[k] for k in sys.argv[2:]]; print(json.dumps(v))' "$@"; }

export CORS_ALLOWED_ORIGINS="https://app.example.com"
echo "=== flask-cors $("$PY" -c 'import importlib.metadata as m; print(m.version("Flask-Cors"))')"
fix cors_app.py cors-wildcard
evil_before="$("$PY" "$HERE/run_config.py" cors "$HERE/cases/cors_app.py" https://evil.example)"
evil_after="$("$PY" "$HERE/run_config.py" cors "$WORK/after/cors_app.py" https://evil.example)"
app_after="$("$PY" "$HERE/run_config.py" cors "$WORK/after/cors_app.py" https://app.example.com)"
check "evil origin before the fix" "$(field "$evil_before" get)" '"https://evil.example"'
check "evil origin before the fix, with cookies" "$(field "$evil_before" credentials)" '"true"'
check "evil origin after the fix" "$(field "$evil_after" get)" '"-"'
check "evil origin after the fix, preflight" "$(field "$evil_after" preflight)" '"-"'
check "allowed origin after the fix" "$(field "$app_after" get)" '"https://app.example.com"'
check "allowed origin after the fix, preflight" "$(field "$app_after" preflight)" '"https://app.example.com"'

echo "=== Flask-WTF $("$PY" -c 'import importlib.metadata as m; print(m.version("Flask-WTF"))')"
export SECRET_KEY="behaviour-only-not-a-secret"
fix csrf_app.py csrf-disabled
before="$("$PY" "$HERE/run_config.py" csrf "$HERE/cases/csrf_app.py")"
after="$("$PY" "$HERE/run_config.py" csrf "$WORK/after/csrf_app.py")"
check "form POST without a token before the fix" "$(field "$before" without_token)" 302
check "form POST without a token after the fix" "$(field "$after" without_token)" 400
check "form POST with the page's token after the fix" "$(field "$after" with_token)" 302
check "the page renders a token after the fix" "$(field "$after" token_rendered)" true

echo "=== Django $("$PY" -c 'import django; print(django.get_version())') session cookie (production: DJANGO_DEBUG unset)"
unset DJANGO_DEBUG || true
export DJANGO_SECRET_KEY="behaviour-only-not-a-secret"
mkdir -p "$WORK/after/django_site"
cp "$HERE/cases/django_site/"*.py "$WORK/after/django_site/"
fix django_site/settings.py insecure-session-cookie
before="$("$PY" "$HERE/run_config.py" django "$HERE/cases")"
after="$("$PY" "$HERE/run_config.py" django "$WORK/after")"
echo "     before: $(field "$before" set_cookie)"
echo "     after:  $(field "$after" set_cookie)"
check "session cookie before the fix" "$(field "$before" sessionid)" '{"httponly": false, "samesite": null, "secure": false}'
check "session cookie after the fix" "$(field "$after" sessionid)" '{"httponly": true, "samesite": "Lax", "secure": true}'
check "CSRF cookie Secure after the fix" "$(field "$after" csrftoken secure)" true
dev="$(DJANGO_DEBUG=1 "$PY" "$HERE/run_config.py" django "$WORK/after")"
check "session cookie in development (DJANGO_DEBUG=1) after the fix" "$(field "$dev" sessionid secure)" false

echo "=== Express (cors, express-session)"
missing=()
for p in express cors express-session; do [ -d "$ROOT/node_modules/$p" ] || missing+=("$p"); done
JS_PATH="$ROOT/node_modules"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "behaviour: installing ${missing[*]} into $WORK/npm"
  npm install --no-save --no-audit --no-fund --silent --prefix "$WORK/npm" express cors express-session >/dev/null
  JS_PATH="$WORK/npm/node_modules:$ROOT/node_modules"
fi
fix express_cors.js cors-wildcard
fix express_session.js insecure-session-cookie
NODE_PATH="$JS_PATH" node "$HERE/run_express.js" "$HERE/cases" "$WORK/after"
