#!/usr/bin/env bash
# A cross "cc" for the conformance runner: cc-aarch64.sh OPT OUT SRC... compiles
# each C file with `jitcc --target=aarch64 OPT -c` (compile-only commands go to
# jitcc's warm compile server) and links the objects with aarch64-linux-gnu-gcc.
set -euo pipefail
opt=$1 out=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
objs=()
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for src in "$@"; do
  n=$((n + 1))
  node "$root/dist/jitcc.cjs" --target=aarch64 "$opt" -w -c -o "$tmp/$n.o" "$src"
  objs+=("$tmp/$n.o")
done
aarch64-linux-gnu-gcc "${objs[@]}" -o "$out" -lm
