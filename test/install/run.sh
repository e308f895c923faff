#!/usr/bin/env bash
# Install test: the package as a user gets it, used where the user's code is.
#
#  1. `npm pack` the checkout (.npmignore, an allow-list, decides what ships) and check
#     the tarball holds the CLI and nothing of the editor's or the tests'.
#  2. `npm install --global` the tarball into a temporary prefix, offline from
#     npm's cache (CI's `npm ci` filled it; install scripts are not needed: the
#     CLI is one bundle) and run `shipguard scan` / `fix` in another folder.
#  3. The pre-commit hook (.pre-commit-hooks.yaml) runs through Debian's
#     pre-commit on a throwaway git repository, offline (language: system).
#  4. The code-scanning recipe (scripts/ci-sarif.sh, used by action.yml) writes
#     valid SARIF and exits as the fail level says.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
[ -f server/out/cli.js ] || npm run build >/dev/null

WORK="$(mktemp -d -t shipguard-install.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
pass=0
fail=0
check() { # description, then a command that must succeed
  local what="$1"
  shift
  if "$@"; then
    echo "ok: $what"
    pass=$((pass + 1))
  else
    echo "FAILED: $what" >&2
    fail=$((fail + 1))
  fi
}

# -- 1. pack
tgz="$(npm pack --silent --pack-destination "$WORK" 2>/dev/null | tail -n1)"
tar -tzf "$WORK/$tgz" | sed 's|^package/||' | sort >"$WORK/contents"
check "the tarball has the bin, the CLI bundle, its worker and the parser wasm" \
  grep -qx 'bin/shipguard.js' "$WORK/contents"
check "the tarball has server/out/cli.js" grep -qx 'server/out/cli.js' "$WORK/contents"
check "the tarball has server/out/worker.js" grep -qx 'server/out/worker.js' "$WORK/contents"
check "the tarball has the code-cache loader the bin and the workers start through" grep -qx 'server/out/code-cache.js' "$WORK/contents"
check "the tarball has the Python grammar" grep -qx 'server/out/tree-sitter-python.wasm' "$WORK/contents"
check "the tarball has the TypeScript compiler (loaded at the first JS/TS file)" grep -qx 'server/out/typescript.js' "$WORK/contents"
check "the tarball leaves out sources, tests and source maps" \
  bash -c "! grep -Eq '^(server/src|client|test|node_modules)/|\\.map\$' '$WORK/contents'"
check "package.json names no placeholder repository" bash -c "! grep -q 'example.invalid' package.json"
echo "tarball: $tgz, $(wc -l <"$WORK/contents") files, $(du -k "$WORK/$tgz" | cut -f1) KiB"

# -- 2. install into a temporary prefix, run in another folder
PREFIX="$WORK/prefix"
if npm install --global --prefix "$PREFIX" --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error "$WORK/$tgz" >"$WORK/npm.log" 2>&1; then
  echo "ok: npm install --global of the tarball"
  pass=$((pass + 1))
else
  echo "FAILED: npm install --global of the tarball" >&2
  cat "$WORK/npm.log" >&2
  fail=$((fail + 1))
fi
SG="$PREFIX/bin/shipguard"
APP="$WORK/app"
mkdir -p "$APP"
printf 'import requests\n\n\ndef rates():\n    return requests.get("https://api.example.com/rates").json()\n' >"$APP/rates.py"
printf "import axios from 'axios';\n\nexport async function rates() {\n  return (await axios.get('https://api.example.com/rates')).data;\n}\n" >"$APP/rates.ts"
(
  cd "$APP"
  set +e
  "$SG" --version >"$WORK/version" 2>&1
  "$SG" scan . --no-cache >"$WORK/scan" 2>&1
  echo $? >"$WORK/scan.rc"
  "$SG" fix . >"$WORK/fix" 2>&1
  echo $? >"$WORK/fix.rc"
  "$SG" scan . --no-cache >"$WORK/rescan" 2>&1
  echo $? >"$WORK/rescan.rc"
)
echo "installed: $(cat "$WORK/version")"
check "scan in another folder finds the bugs, Python and TypeScript (exit 1)" bash -c "grep -q 'rates.py:5:12  warning  request-without-timeout' '$WORK/scan' && grep -q 'rates.ts:4:17  warning  request-without-timeout' '$WORK/scan' && [ \"\$(cat '$WORK/scan.rc')\" = 1 ]"
check "fix there writes the fixes (exit 0)" bash -c "grep -q 'Fixed 2 issues in 2 files' '$WORK/fix' && grep -q 'timeout=10' '$APP/rates.py' && grep -q 'timeout: 10_000' '$APP/rates.ts' && [ \"\$(cat '$WORK/fix.rc')\" = 0 ]"
check "a second scan is clean (exit 0)" bash -c "[ \"\$(cat '$WORK/rescan.rc')\" = 0 ]"
check "the installed copy is not the checkout" bash -c "[ \"\$(readlink -f '$SG')\" != '$ROOT/bin/shipguard.js' ]"

# -- 3. pre-commit, offline
if ! command -v pre-commit >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "install: installing pre-commit (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
fi
if command -v pre-commit >/dev/null 2>&1; then
  REPO="$WORK/hookrepo"
  mkdir -p "$REPO"
  git -C "$REPO" init -q
  git -C "$REPO" config user.email t@example.com
  git -C "$REPO" config user.name t
  # the hook repository is this checkout at a commit that holds the current hook file
  HOOKSRC="$WORK/hooksrc"
  git init -q "$HOOKSRC"
  cp "$ROOT/.pre-commit-hooks.yaml" "$HOOKSRC/"
  git -C "$HOOKSRC" add .pre-commit-hooks.yaml
  git -C "$HOOKSRC" -c user.email=t@example.com -c user.name=t commit -qm hooks
  rev="$(git -C "$HOOKSRC" rev-parse HEAD)"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: shipguard\n' "$HOOKSRC" "$rev" >"$REPO/.pre-commit-config.yaml"
  cp "$APP/../app/rates.py" "$REPO/ok.py"
  printf 'import requests\nrequests.post("https://x")\n' >"$REPO/bad.py"
  git -C "$REPO" add .
  set +e
  (cd "$REPO" && PATH="$PREFIX/bin:$PATH" PRE_COMMIT_HOME="$WORK/pc-home" pre-commit run --all-files) >"$WORK/precommit" 2>&1
  rc=$?
  set -e
  check "pre-commit runs the hook offline and fails on the finding" bash -c "[ $rc = 1 ] && grep -q 'bad.py:2:1  warning  request-without-timeout' '$WORK/precommit'"
  git -C "$REPO" rm -q --cached bad.py && rm "$REPO/bad.py"
  set +e
  (cd "$REPO" && PATH="$PREFIX/bin:$PATH" PRE_COMMIT_HOME="$WORK/pc-home" pre-commit run --all-files) >"$WORK/precommit2" 2>&1
  rc=$?
  set -e
  check "pre-commit passes on clean files" bash -c "[ $rc = 0 ]"
  [ "$fail" -eq 0 ] || cat "$WORK/precommit" "$WORK/precommit2" >&2
else
  echo "skip: pre-commit is not installed (not root, cannot apt-get it)"
fi

# -- 4. the code-scanning recipe
set +e
(cd "$APP" && printf 'import requests\nrequests.get("u")\n' >new.py && SHIPGUARD="$SG" SARIF_FILE="$WORK/out.sarif" FAIL_LEVEL=error bash "$ROOT/scripts/ci-sarif.sh" . >"$WORK/sarif.log" 2>&1)
rc=$?
set -e
check "ci-sarif.sh writes SARIF 2.1.0 with the finding and passes below --fail-level error" \
  node -e "const l=JSON.parse(require('fs').readFileSync('$WORK/out.sarif','utf8')); if (l.version!=='2.1.0'||l.runs[0].results.length!==1||$rc!==0) process.exit(1)"
set +e
(cd "$APP" && SHIPGUARD="$SG" SARIF_FILE="$WORK/out2.sarif" FAIL_LEVEL=warning bash "$ROOT/scripts/ci-sarif.sh" . >>"$WORK/sarif.log" 2>&1)
rc=$?
set -e
check "ci-sarif.sh fails at --fail-level warning, after writing the SARIF" bash -c "[ $rc = 1 ] && [ -s '$WORK/out2.sarif' ]"
[ "$fail" -eq 0 ] || cat "$WORK/sarif.log" >&2

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
