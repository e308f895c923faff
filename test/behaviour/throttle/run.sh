#!/usr/bin/env bash
# Behaviour of the throttle fixes (unthrottled-sensitive-endpoint, in-memory-rate-limit) against the
# real frameworks: Flask + flask-limiter with a real redis-server on loopback (started here, stopped
# on exit), DRF with the settings edit loaded by Django, Express + express-rate-limit from npm.
# The code under test is what `shipguard fix --unsafe-fixes` writes into a copy of each case
# (other-file edits included: the DRF rate in settings.py, express-rate-limit in package.json).
#   bash test/behaviour/throttle/run.sh <workdir>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
PY=/usr/bin/python3
WORK="${1:-$(mktemp -d -t shipguard-throttle.XXXXXX)}"
mkdir -p "$WORK"

need=()
"$PY" -c 'import flask_limiter' 2>/dev/null || need+=(python3-flask python3-flask-limiter)
"$PY" -c 'import rest_framework' 2>/dev/null || need+=(python3-djangorestframework)
"$PY" -c 'import redis' 2>/dev/null || need+=(python3-redis)
command -v redis-server >/dev/null || need+=(redis-server)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "throttle behaviour: missing ${need[*]}" >&2; exit 2; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -f "$ROOT/out/cli.js" ] || [ -f "$ROOT/server/out/cli.js" ] || (cd "$ROOT" && npm run --silent build >/dev/null)

REDIS_PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
cleanup() { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for _ in $(seq 50); do "$PY" -c "import redis,sys; redis.Redis(port=$REDIS_PORT).ping()" 2>/dev/null && break; sleep 0.1; done
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

fix() { # fix <case> <rule>: copy the case to $WORK/<case>-<rule> and run the CLI fix there
  local dest="$WORK/$1-$2"
  rm -rf "$dest"; cp -r "$HERE/cases/$1" "$dest"
  (cd "$ROOT" && node bin/shipguard.js fix "$dest" --rule "$2" --unsafe-fixes >/dev/null) || true
  if diff -r -q "$HERE/cases/$1" "$dest" >/dev/null; then echo "throttle behaviour: the $2 fix changed nothing in $1" >&2; exit 1; fi
  echo "--- $2 on $1:"; diff -ru "$HERE/cases/$1" "$dest" | grep -E '^[+-][^+-]' || true
  FIXED="$dest"
}
check() { # check <label> <actual> <expected>
  if [ "$2" != "$3" ]; then echo "FAIL $1: got $2, want $3" >&2; exit 1; fi
  echo "ok   $1: $2"
}
flush() { "$PY" -c "import redis; redis.Redis(port=$REDIS_PORT).flushall()"; }

echo "=== Flask + flask-limiter $("$PY" -c 'import flask_limiter; print(flask_limiter.__version__)'), redis on :$REDIS_PORT"
check "flask login before the fix" "$("$PY" "$HERE/run_throttle.py" flask "$HERE/cases/flask")" "[200, 200, 200, 200, 200, 200]"
fix flask unthrottled-sensitive-endpoint
flush
check "flask login after the fix" "$("$PY" "$HERE/run_throttle.py" flask "$FIXED")" "[200, 200, 200, 200, 200, 429]"

check "flask app factory (blueprint) login before the fix" "$("$PY" "$HERE/run_throttle.py" factory "$HERE/cases/flask-factory")" "[200, 200, 200, 200, 200, 200]"
fix flask-factory unthrottled-sensitive-endpoint
flush
check "flask app factory (blueprint) login after the fix" "$("$PY" "$HERE/run_throttle.py" factory "$FIXED")" "[200, 200, 200, 200, 200, 429]"

check "flask app factory with REDIS_URL in its config, before the fix" "$("$PY" "$HERE/run_throttle.py" factory "$HERE/cases/flask-factory-config")" "[200, 200, 200, 200, 200, 200]"
fix flask-factory-config unthrottled-sensitive-endpoint
flush
check "flask app factory with REDIS_URL in its config, after the fix" "$("$PY" "$HERE/run_throttle.py" factory "$FIXED")" "[200, 200, 200, 200, 200, 429]"
check "  its counters are in Redis (the app's REDIS_URL)" "$("$PY" -c "import redis; print(len(redis.Redis(port=$REDIS_PORT).keys('LIMITER*')) > 0)")" "True"

echo "=== in-memory-rate-limit: two app processes"
a="$("$PY" "$HERE/run_throttle.py" process "$HERE/cases/flask-memory" 5)"; b="$("$PY" "$HERE/run_throttle.py" process "$HERE/cases/flask-memory" 5)"
check "memory:// before the fix, process A then B" "$a $b" "[200, 200, 200, 200, 200] [200, 200, 200, 200, 200]"
fix flask-memory in-memory-rate-limit
flush
a="$("$PY" "$HERE/run_throttle.py" process "$FIXED" 5)"; b="$("$PY" "$HERE/run_throttle.py" process "$FIXED" 5)"
check "redis after the fix, process A then B" "$a $b" "[200, 200, 200, 200, 200] [429, 429, 429, 429, 429]"

echo "=== DRF $("$PY" -c 'import rest_framework; print(rest_framework.VERSION)')"
check "drf login before the fix" "$("$PY" "$HERE/run_throttle.py" drf "$HERE/cases/drf")" "[200, 200, 200, 200, 200, 200]"
fix drf unthrottled-sensitive-endpoint
check "drf login after the fix (rate read from settings.py by Django)" "$("$PY" "$HERE/run_throttle.py" drf "$FIXED")" "[200, 200, 200, 200, 200, 429]"

echo "=== Express + express-rate-limit (npm)"
if [ "${SHIPGUARD_OFFLINE:-}" = 1 ]; then echo "skipped: SHIPGUARD_OFFLINE=1 (needs the npm registry)"; exit 0; fi
npmi() { (cd "$1" && env -u npm_config_prefix npm install --no-audit --no-fund --loglevel=error >/dev/null); }
cp -r "$HERE/cases/express" "$WORK/express-before"; npmi "$WORK/express-before"
check "express login before the fix" "$(node "$HERE/run_express.js" "$WORK/express-before")" "[200,200,200,200,200,200]"
fix express unthrottled-sensitive-endpoint
grep -q '"express-rate-limit"' "$FIXED/package.json" || { echo "FAIL: express-rate-limit not added to package.json" >&2; exit 1; }
npmi "$FIXED"
check "express login after the fix (dependency installed from the fixed package.json)" "$(node "$HERE/run_express.js" "$FIXED")" "[200,200,200,200,200,429]"
