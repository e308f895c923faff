#!/usr/bin/env bash
# Duplicate payment ids before and after the payment-id-not-unique codemod, on PostgreSQL (the
# cluster run.sh starts: PGHOST/PGPORT/PGUSER/PGDATABASE): the model as written and as the codemod
# rewrites it, migrated with makemigrations + migrate, then the same payment intent stored twice;
# and the fix's migration applied over a table that already holds a duplicate.
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/payments"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian django=python3-django psycopg2=python3-psycopg2

codemod models.py payment-id-not-unique

"$PY" "$HERE/run_payments.py" --before "$HERE/cases/models.py" --after "$WORK/after/models.py" --work "$WORK"
