#!/usr/bin/env bash
# SQL injection before and after the sql-string-format codemod: sqlite3 (Python stdlib), PostgreSQL
# with psycopg2 (Debian python3-psycopg2) and the JavaScript drivers (node-postgres `$1`, mysql2 `?`).
# The code under test is the codemod's output (fix-file.ts), never a hand-written copy.
# usage: run.sh <work dir>   with PGHOST, PGPORT, PGUSER, PGDATABASE naming the PostgreSQL test/behaviour/run.sh started
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/sql"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
need_apt=()
"$PY" -c 'import flask' 2>/dev/null || need_apt+=(python3-flask)
"$PY" -c 'import psycopg2' 2>/dev/null || need_apt+=(python3-psycopg2)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "behaviour: missing ${need_apt[*]}; install them (apt-get install -y ${need_apt[*]}) or run as root" >&2; exit 2; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

fix() { # fix <case>
  npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$HERE/cases/$1" sql-string-format unsafe >"$WORK/after/$1" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
  if cmp -s "$HERE/cases/$1" "$WORK/after/$1"; then echo "behaviour: the sql-string-format codemod changed nothing in $1" >&2; cat "$WORK/fix.log"; exit 1; fi
  echo "--- sql-string-format: $1 after the codemod"; diff -u "$HERE/cases/$1" "$WORK/after/$1" | tail -n +3 || true
}
for c in shop_sqlite.py shop_pg.py users_pg.js users_mysql.js; do fix "$c"; done

"$PY" "$HERE/run_sql.py" --before "$HERE/cases" --after "$WORK/after" --work "$WORK"
# run_sql.py left the shop in $WORK/shop.db (sqlite) and in the database shipguard_sql (PostgreSQL)
# node-postgres from npm (into the work folder when the checkout does not have it), as the errors suite does with express
PG_PATH=""
if ! node -e "require.resolve('pg', { paths: [process.argv[1]] })" "$ROOT" 2>/dev/null; then
  echo "behaviour: installing pg into $WORK/npm"
  npm install --no-save --no-audit --no-fund --silent --prefix "$WORK/npm" pg >/dev/null
  PG_PATH="$WORK/npm"
fi
SQLITE_PATH="$WORK/shop.db" PGDATABASE=shipguard_sql PG_PATH="$PG_PATH" node "$HERE/run_sql.js" "$HERE/cases" "$WORK/after"
