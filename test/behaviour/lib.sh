# Shared pieces of the behaviour suites' scripts: source it after setting ROOT, HERE and WORK.

# need_debian <python module>=<Debian package> ...: installs (as root) the packages whose module
# Debian's python3 cannot import, or says what to install and exits 2.
need_debian() {
  local missing=() pair
  for pair in "$@"; do /usr/bin/python3 -c "import ${pair%%=*}" 2>/dev/null || missing+=("${pair#*=}"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "behaviour: missing ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run as root" >&2
    exit 2
  fi
  echo "behaviour: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# codemod <case path relative to $HERE/cases> <rule>: the rule's fixes (unsafe included) of the case,
# written to $WORK/after/<case> and shown as a diff; fails when they change nothing.
codemod() {
  mkdir -p "$(dirname "$WORK/after/$1")"
  npx --no-install tsx "$ROOT/test/behaviour/fix-file.ts" "$HERE/cases/$1" "$2" unsafe >"$WORK/after/$1" 2>"$WORK/fix.log" || { cat "$WORK/fix.log"; exit 1; }
  if cmp -s "$HERE/cases/$1" "$WORK/after/$1"; then echo "behaviour: the $2 codemod changed nothing in $1" >&2; cat "$WORK/fix.log"; exit 1; fi
  echo "--- $2: $1 after the codemod"; diff -u "$HERE/cases/$1" "$WORK/after/$1" | tail -n +3 || true
}
