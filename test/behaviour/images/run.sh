#!/usr/bin/env bash
# Image metadata before and after the image-metadata-not-stripped codemod: a Flask avatar upload
# (Flask's test client) and a Django view storing through default_storage (Django's RequestFactory),
# with Debian python3-pil making a JPEG that carries GPS EXIF. The code under test is the codemod's
# output (fix-file.ts), never a hand-written copy.
# usage: run.sh <work dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/test/behaviour/images"
WORK="$1"
PY=/usr/bin/python3
mkdir -p "$WORK/after"
cd "$ROOT"
source "$ROOT/test/behaviour/lib.sh"
need_debian flask=python3-flask django=python3-django PIL=python3-pil

fix() { codemod "$1" image-metadata-not-stripped; } # fix <case>
fix flask_avatar.py
fix django_avatar.py

"$PY" "$HERE/run_images.py" --cases "$HERE/cases" --after "$WORK/after" --work "$WORK"
