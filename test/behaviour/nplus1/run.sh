#!/usr/bin/env bash
# N+1 queries before and after the n-plus-one-query codemod: a Django app (library/models.py:
# authors, books, chapters) and two views that loop over books, run against the PostgreSQL that
# test/behaviour/run.sh started (SQLite in memory when PGHOST is not set), counting the queries of
# each call with django.test.utils.CaptureQueriesContext. The code under test is the codemod's
# output (fix-file.ts), never a hand-written copy.
# usage: run.sh <work dir>   with PGHOST, PGPORT, PGUSER, PGDATABASE naming the PostgreSQL test/behaviour/run.sh started
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/nplus1"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian django=python3-django
[ -z "${PGHOST:-}" ] || need_debian psycopg2=python3-psycopg2

codemod library/reports.py n-plus-one-query

"$PY" "$HERE/run_nplus1.py" --cases "$HERE/cases" --after "$WORK/after"
