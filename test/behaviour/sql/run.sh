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
source "$ROOT/test/behaviour/lib.sh"
need_debian flask=python3-flask psycopg2=python3-psycopg2

fix() { codemod "$1" sql-string-format; } # fix <case>
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
