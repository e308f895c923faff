#!/usr/bin/env bash
# Prisma: the codemods' output type-checks (tsc --noEmit, strict) against a
# PrismaClient type declared in prisma-client.d.ts (see there why not the
# generated client). The cases are checked before and after the codemods.
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/prisma"
WORK="$1"
mkdir -p "$WORK/before" "$WORK/after"
cd "$ROOT"
fix() { # fix <case> <rule>
  cp "$HERE/cases/$1" "$WORK/before/$1"
  npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$HERE/cases/$1" "$2" unsafe >"$WORK/after/$1" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
  if cmp -s "$HERE/cases/$1" "$WORK/after/$1"; then echo "behaviour: the $2 codemod changed nothing in $1" >&2; cat "$WORK/fix.log"; exit 1; fi
  echo "--- $2: $1 after the codemod"; diff -u "$HERE/cases/$1" "$WORK/after/$1" | tail -n +3 || true
}
fix tickets.ts race-read-check-write
fix counters.ts lost-update-increment
fix votes.ts check-then-create
fix wallet.ts race-read-check-write
fix orders.ts multi-write-without-transaction
for side in before after; do
  cp "$HERE/prisma-client.d.ts" "$WORK/$side/"
  cat >"$WORK/$side/tsconfig.json" <<JSON
{
  "compilerOptions": {
    "strict": true,
    "noEmit": true,
    "target": "ES2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "types": [],
    "skipLibCheck": false,
    "noUnusedLocals": true
  },
  "files": ["prisma-client.d.ts", "tickets.ts", "counters.ts", "votes.ts", "wallet.ts", "orders.ts"]
}
JSON
  if npx --no-install tsc -p "$WORK/$side/tsconfig.json"; then
    echo "  [ok  ] prisma: $side the codemods type-checks"
  else
    echo "  [FAIL] prisma: $side the codemods does not type-check"
    exit 1
  fi
done
