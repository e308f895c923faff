#!/usr/bin/env bash
# Database connections before and after the db-connection-reuse codemod: the settings module as
# written and as the codemod rewrites it, each run under a real WSGI server (wsgiref, Django's
# WSGIHandler, so request_finished closes connections the way gunicorn's workers do) against the
# PostgreSQL cluster run.sh starts (PGHOST/PGPORT/PGUSER/PGDATABASE), and against a port that
# accepts TCP connections and never answers (a database that stopped responding).
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/dbconn"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian django=python3-django psycopg2=python3-psycopg2

codemod settings.py db-connection-reuse

"$PY" "$HERE/run_dbconn.py" --before "$HERE/cases" --after "$WORK/after" --work "$WORK"
