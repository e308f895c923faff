#!/usr/bin/env bash
# Behaviour suite for the locking fixes: runs real code before and after the
# shipguard codemods, with concurrent callers, against real services.
#
#  - Django + PostgreSQL: a throwaway cluster (initdb/pg_ctl as a non-root user,
#    loopback port, temp dir) is created here and removed on exit, also on failure.
#  - JSON files: several processes append to one file (python3-filelock; npm
#    proper-lockfile / write-file-atomic).
#  - Throttles: Flask + flask-limiter with a loopback redis-server, DRF, Express + express-rate-limit
#    from npm (test/behaviour/throttle/run.sh).
#  - SQL injection: sqlite3, PostgreSQL (the cluster above) with psycopg2, node-postgres / mysql2
#    queries (test/behaviour/sql/run.sh); command injection (test/behaviour/command/run.sh); path
#    traversal in Flask and Express (test/behaviour/paths/run.sh).
#  - N+1 queries: Django on the PostgreSQL cluster above, queries counted per request before and
#    after the n-plus-one-query codemod (test/behaviour/nplus1/run.sh).
#  - Database connections: backends per request and a connect to a silent database, before and
#    after db-connection-reuse (test/behaviour/dbconn/run.sh, the cluster above).
#  - Webhooks: the same signed Stripe event delivered twice to a Django view (test/behaviour/webhooks/run.sh).
#  - Prisma: the fixed TypeScript type-checks against a PrismaClient type declared
#    in the test (prisma generate needs a network download of its engines).
#
# The code under test is always the codemod's output (test/behaviour/fix-file.ts
# runs the engine's fixFile), never a hand-written copy.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/test/behaviour"
PY=/usr/bin/python3
cd "$ROOT"

need_apt=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need_apt+=(postgresql)
"$PY" -c 'import django' 2>/dev/null || need_apt+=(python3-django)
"$PY" -c 'import psycopg2' 2>/dev/null || need_apt+=(python3-psycopg2)
"$PY" -c 'import filelock' 2>/dev/null || need_apt+=(python3-filelock)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "behaviour: missing ${need_apt[*]}; install them (apt-get install -y ${need_apt[*]}) or run as root" >&2
    exit 2
  fi
  echo "behaviour: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
fi

WORK="$(mktemp -d -t shipguard-behaviour.XXXXXX)"
PGDIR="$WORK/pg"
chmod 711 "$WORK"
mkdir -p "$PGDIR"
# PostgreSQL refuses to run as root: use the postgres account when we are root
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PGDIR"
  as_pg() { runuser -u postgres -- "$@"; }
  PGUSER_NAME=postgres
else
  as_pg() { "$@"; }
  PGUSER_NAME="$(id -un)"
fi

cleanup() {
  local rc=$?
  if [ -f "$PGDIR/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
as_pg "$pg_bin/initdb" -D "$PGDIR/data" -A trust -U "$PGUSER_NAME" -E UTF8 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 1; }
as_pg "$pg_bin/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c fsync=off -c max_connections=50" start >/dev/null \
  || { cat "$PGDIR/server.log"; exit 1; }
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" shipguard_behaviour

# the code under test: the cases as written, and as the codemods rewrite them
BEFORE="$HERE/django/cases"
AFTER="$WORK/after"
mkdir -p "$AFTER"
fix() { # fix <src> <rule> <dest>
  npx --no-install tsx "$HERE/fix-file.ts" "$1" "$2" unsafe >"$3" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
  if cmp -s "$1" "$3"; then echo "behaviour: the $2 codemod changed nothing in $1" >&2; cat "$WORK/fix.log"; exit 1; fi
  echo "--- $2: $(basename "$1") after the codemod"; diff -u "$1" "$3" | tail -n +3 || true
}
fix "$BEFORE/tickets.py" race-read-check-write "$AFTER/tickets.py"
fix "$BEFORE/counters.py" lost-update-increment "$AFTER/counters.py"
fix "$BEFORE/votes.py" check-then-create "$AFTER/votes.py"
fix "$BEFORE/reserve.py" select-for-update-outside-atomic "$AFTER/reserve.py"

echo "=== Django + PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') (port $PORT)"
"$PY" "$HERE/django/run_behaviour.py" --before "$BEFORE" --after "$AFTER" \
  --host 127.0.0.1 --port "$PORT" --db shipguard_behaviour --user "$PGUSER_NAME"

# suite <folder> <title>: one suite of the folder, in its own work folder
suite() {
  [ -f "$HERE/$1/run.sh" ] || return 0
  echo "=== $2"
  bash "$HERE/$1/run.sh" "$WORK/$1"
}
PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER="$PGUSER_NAME" PGDATABASE=shipguard_behaviour suite sql "SQL injection (sqlite3, PostgreSQL + psycopg2, node-postgres and mysql2 queries)"
suite command "Command injection (subprocess, os.system, Flask, child_process)"
suite paths "Path traversal (Flask, Express)"
suite images "Image metadata (Flask, Django, Pillow)"
PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER="$PGUSER_NAME" PGDATABASE=shipguard_behaviour suite nplus1 "N+1 queries (Django + PostgreSQL, CaptureQueriesContext)"
suite media "Media serving: django.views.static.serve and static() behind settings.DEBUG (Django)"
PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER="$PGUSER_NAME" PGDATABASE=shipguard_behaviour suite dbconn "Database connections: CONN_MAX_AGE and connect_timeout (Django, PostgreSQL)"
PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER="$PGUSER_NAME" PGDATABASE=shipguard_behaviour suite payments "Unique payment ids: duplicates before and after, and the migration over existing duplicates (Django, PostgreSQL)"
PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER="$PGUSER_NAME" PGDATABASE=shipguard_behaviour suite webhooks "Replayed Stripe webhooks (Django + PostgreSQL, stripe-python)"
PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER="$PGUSER_NAME" PGDATABASE=shipguard_behaviour suite orders "Half-written orders (Django + PostgreSQL, multi-write-without-transaction)"
suite json "JSON file race"
suite prisma "Prisma type-check"
suite errors "Error handling (Flask, DRF, Django, Express)"
suite jwt "JWT forgery (PyJWT, jsonwebtoken)"
suite config "Configuration: CORS, CSRF, session cookies (flask-cors, Flask-WTF, Django, Express)"
suite throttle "Throttles (Flask + flask-limiter + Redis, DRF, Express + express-rate-limit)"
echo "behaviour: all suites passed"
