#!/usr/bin/env bash
# Lua 5.4 as a real-world test of jitcc (issue 4, "Proof"): Debian's lua5.4
# source package is fetched with apt's ordinary client into a cache outside
# the repository, every Lua source file is compiled with `jitcc -c`, the
# objects are linked with gcc (-lm -ldl), and the resulting interpreter runs
# test/lua/*.lua. Each script's output must equal its checked-in
# `.expected` file and, when Debian's `lua5.4` binary is installed, that
# binary's output too.
#
# Input: dist/cc.js (run `npm run build` first; `npm run test:lua` does).
# Output: exit 0 when every script matches; logs under $LUA_WORK.
# Invariants: the Lua sources never enter the repository; apt uses a private
# sources list and lists directory, so the system's apt state is untouched.
#
# Environment: JITCC_LUA_CACHE (default ~/.cache/jitcc-lua) holds the source;
# JITCC_LUA_OPT (default -O2) is the optimisation level; LUA_WORK (default a
# temporary directory) receives objects, the binary and outputs;
# JITCC_LUA_TARGET=aarch64 builds an AArch64 Lua (jitcc --target=aarch64,
# linked by aarch64-linux-gnu-gcc, run under qemu-aarch64).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${JITCC_LUA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jitcc-lua}"
OPT="${JITCC_LUA_OPT:--O2}"
WORK="${LUA_WORK:-$(mktemp -d /tmp/jitcc-lua.XXXXXX)}"
TARGET="${JITCC_LUA_TARGET:-x86_64}"
JITCC="node $ROOT/dist/cc.js --target=$TARGET"
LINK=gcc RUN=()
if [ "$TARGET" = aarch64 ]; then LINK=aarch64-linux-gnu-gcc RUN=(qemu-aarch64 -L /usr/aarch64-linux-gnu); fi
SUITE="$ROOT/test/lua"

log() { printf 'test-lua: %s\n' "$*" >&2; }
# shellcheck source=debian-source.sh
. "$ROOT/scripts/debian-source.sh"

fetch_source() {
  local src="$CACHE/src"
  if [ -f "$src/src/lua.c" ]; then return; fi
  log "fetching Debian's lua5.4 source package into $CACHE"
  debian_source lua5.4 "$CACHE" "$src"
  # debian/rules generates this header (the multiarch library path) at build time.
  echo '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"' > "$src/src/lua5.4-deb-multiarch.h"
}

build_lua() {
  local src="$CACHE/src/src"
  mkdir -p "$WORK/obj"
  local failed=0
  # Lua's own defaults: under GCC-compatible compilers lvm.c dispatches
  # through ljumptab.h's table of label addresses (`goto *disptab[op]`).
  for f in "$src"/*.c; do
    local base; base="$(basename "$f" .c)"
    case "$base" in luac|onelua) continue ;; esac
    if ! $JITCC "$OPT" -std=gnu99 -DLUA_COMPAT_5_3 -DLUA_USE_LINUX \
        -c "$f" -o "$WORK/obj/$base.o" 2> "$WORK/obj/$base.log"; then
      log "jitcc failed on $base.c:"; head -n 20 "$WORK/obj/$base.log" >&2
      failed=1
    fi
  done
  [ "$failed" = 0 ] || exit 1
  $LINK -o "$WORK/lua" "$WORK"/obj/*.o -lm -ldl
  log "built $WORK/lua from $(ls "$WORK"/obj/*.o | wc -l) jitcc objects ($OPT, $TARGET)"
}

run_scripts() {
  local reference=""
  if command -v lua5.4 >/dev/null; then reference="$(command -v lua5.4)"; else log "lua5.4 not installed: comparing with .expected files only"; fi
  local pass=0 fail=0
  mkdir -p "$WORK/out"
  # Scripts run from their folder so chunk names (in error messages) are stable.
  cd "$SUITE"
  for script in *.lua; do
    local name="${script%.lua}" ok=1
    timeout 60 ${RUN[@]+"${RUN[@]}"} "$WORK/lua" "$script" > "$WORK/out/$name.out" 2>&1 || true
    if ! cmp -s "$WORK/out/$name.out" "$name.lua.expected"; then
      ok=0; log "$script: output differs from $name.lua.expected"
      diff "$name.lua.expected" "$WORK/out/$name.out" | head -n 20 >&2 || true
    fi
    if [ -n "$reference" ]; then
      "$reference" "$script" > "$WORK/out/$name.ref" 2>&1 || true
      if ! cmp -s "$WORK/out/$name.out" "$WORK/out/$name.ref"; then
        ok=0; log "$script: output differs from $reference"
        diff "$WORK/out/$name.ref" "$WORK/out/$name.out" | head -n 20 >&2 || true
      fi
    fi
    if [ "$ok" = 1 ]; then pass=$((pass + 1)); echo "PASS $script"; else fail=$((fail + 1)); echo "FAIL $script"; fi
  done
  echo "$pass passed, $fail failed"
  [ "$fail" = 0 ]
}

fetch_source
build_lua
run_scripts
