#!/usr/bin/env bash
# `npm run test:arm64`: the loader's end-to-end tests on an ARM64 Node.
#
# On this x86-64 machine the ARM64 Node runs under qemu-user, built by
# ../shared/arm64/node-arm64-setup.sh (Node 20 linux-arm64 + koffi's arm64
# binary; ~15 s) into $JITCC_ARM64_NODE_DIR (default ~/.cache/jitcc/node-arm64)
# unless it is already there. The objects are built here by
# aarch64-linux-gnu-gcc -c -O2, with and without -fPIC, and by our own A64
# encoder (test/codegen/arm64/sample-a64.ts); test/loader/arm64/run.mjs then
# loads and calls them in ONE emulated process (an emulated `node` takes
# seconds to start) against the built package, dist/index.js.
# On a real arm64 Linux host, set JITCC_ARM64_NODE=node to use it directly.
# Ends with "N passed, M failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dir=${JITCC_ARM64_NODE_DIR:-$HOME/.cache/jitcc/node-arm64}
setup=$root/../shared/arm64/node-arm64-setup.sh
if [ -z "${JITCC_ARM64_NODE:-}" ]; then
  if [ ! -x "$dir/node-arm64.sh" ] || [ ! -d "$dir/mods/node_modules/koffi" ]; then
    [ -f "$setup" ] || { echo "test-arm64: $setup not found (it builds the emulated ARM64 Node)" >&2; exit 1; }
    bash "$setup" "$dir" >&2
  fi
  node_arm64=("$dir/node-arm64.sh" --import "$root/scripts/arm64/koffi-hook.mjs")
  export JITCC_ARM64_KOFFI="$dir/mods/node_modules/koffi" JITCC_UNDER_QEMU=1
else
  node_arm64=("$JITCC_ARM64_NODE")
fi

cc=${JITCC_ARM64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "test-arm64: $cc not found (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)" >&2; exit 1; }
objs=$(mktemp -d)
trap 'rm -rf "$objs"' EXIT
for src in test/loader/arm64/*.c test/loader/gcc/{sample,lib,app,uses-stdout}.c; do
  name=$(basename "$src" .c)
  "$cc" -c -O2 "$src" -o "$objs/$name.O2.o"
  "$cc" -c -O2 -fPIC "$src" -o "$objs/$name.O2-fPIC.o"
done
for name in sample uses-stdout; do "$cc" -c -O2 -fno-pic "test/loader/gcc/$name.c" -o "$objs/$name.O2-fno-pic.o"; done
npx tsx test/loader/arm64/write-sample.ts "$objs/sample-a64.o"

# node:test prints TAP when its output is not a terminal; the summary is counted from it.
# The whole suite runs with 4 KiB pages; under qemu the page-size-sensitive
# tests run again with the 16 KiB and 64 KiB pages of other ARM64 kernels
# (QEMU_PAGESIZE is what sysconf(_SC_PAGESIZE) then reports).
status=0
run_suite() { # run_suite PAGESIZE [node:test arguments...]
  local pagesize=$1
  shift
  echo "# page size $pagesize" | tee -a "$objs/out.tap"
  QEMU_PAGESIZE=$pagesize "${node_arm64[@]}" "$@" test/loader/arm64/run.mjs "$objs" | tee -a "$objs/out.tap" || status=1
}
set +e
run_suite 4096
if [ -z "${JITCC_ARM64_NODE:-}" ]; then
  for pagesize in 16384 65536; do run_suite "$pagesize" --test-name-pattern='page size|W\^X|encoder'; done
fi
set -e
passed=$(grep -c '^ok [0-9]* - [^#]*$' "$objs/out.tap" || true)
failed=$(grep -c '^not ok ' "$objs/out.tap" || true)
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
