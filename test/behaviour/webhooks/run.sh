#!/usr/bin/env bash
# Replayed Stripe webhook deliveries before and after the webhook-event-dedup codemod. Django: a
# view (Debian python3-django, python3-stripe) credits an account on `checkout.session.completed`,
# against the PostgreSQL cluster test/behaviour/run.sh started. The same event, signed locally with
# Stripe's webhook signature scheme (no network), is delivered twice in a row and twice at once.
# The code under test is the codemod's output (fix-file.ts), never a hand-written copy; the
# project's processed-events model (billing/models.py) is what the codemod finds and uses.
# Next.js: an app route (`export async function POST(req)`) with the real `stripe` package from npm
# (installed into the work folder), its Prisma client the in-memory stand-in of lib/db.ts (P2002 on
# the unique eventId of prisma/schema.prisma, which is what the codemod finds).
# usage: run.sh <work dir>   with PGHOST, PGPORT, PGUSER, PGDATABASE naming the PostgreSQL
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/webhooks"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian django=python3-django stripe=python3-stripe psycopg2=python3-psycopg2

cp -r "$HERE/cases/shop" "$WORK/after/"
codemod shop/billing/views.py webhook-event-dedup

for label in before after; do
  dir="$HERE/cases/shop"
  [ "$label" = after ] && dir="$WORK/after/shop"
  "$PY" "$HERE/run_webhooks.py" --app-root "$dir" --label "$label"
done

# Next.js app route
echo "behaviour: installing stripe into $WORK/npm"
npm install --no-save --no-audit --no-fund --silent --prefix "$WORK/npm" stripe@^17 >/dev/null
mkdir -p "$WORK/before"
cp -r "$HERE/cases/next-app" "$WORK/before/"
cp -r "$HERE/cases/next-app" "$WORK/after/"
codemod next-app/app/api/stripe/route.ts webhook-event-dedup
ln -s "$WORK/npm/node_modules" "$WORK/before/next-app/node_modules"
ln -s "$WORK/npm/node_modules" "$WORK/after/next-app/node_modules"
npx --no-install tsx "$HERE/run_webhooks.ts" "$WORK/before/next-app" "$WORK/after/next-app"
