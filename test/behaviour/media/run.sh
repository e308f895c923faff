#!/usr/bin/env bash
# Media serving before and after the public-media-serving codemod: urls modules that route
# /media/ through django.views.static.serve and through static(), requested with Django's test
# client with DEBUG off and on. The code under test is the codemod's output (fix-file.ts).
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/media"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian django=python3-django

codemod urls_serve.py public-media-serving
codemod urls_static.py public-media-serving

"$PY" "$HERE/run_media.py" --before "$HERE/cases" --after "$WORK/after" --work "$WORK"
