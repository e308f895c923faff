#!/usr/bin/env bash
# Half-written orders before and after the multi-write-without-transaction codemod: a Django service
# writing Order + OrderLine + stock against the suite's PostgreSQL (PGHOST/PGPORT/PGUSER/PGDATABASE from
# test/behaviour/run.sh), the second stock update failing with an IntegrityError. The code under test
# is the codemod's output (fix-file.ts), never a hand-written copy.
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/orders"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian django=python3-django psycopg2=python3-psycopg2

codemod shop_orders/services.py multi-write-without-transaction

"$PY" "$HERE/run_orders.py" --cases "$HERE/cases" --after "$WORK/after"
