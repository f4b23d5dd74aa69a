#!/usr/bin/env bash
# The 13 bench kernels (../shared/bench/kernels) built for AArch64: each by
# `jitcc --target=aarch64 -O2` and by `aarch64-linux-gnu-gcc -O2`, linked by
# the cross gcc, run under qemu-aarch64 (output must equal NAME.expected),
# with the `.text` bytes of each compiler's object for the kernel — a proxy
# for code quality until there is ARM64 hardware to time on. Both build with
# -std=c11, which keeps a*b+c rounded twice (no fused multiply-add): the
# expected checksums assume that, and gcc's gnu11 default would contract too.
# Output: a markdown table; exit 1 if any kernel's output is wrong.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
kernels=${1:-$root/../shared/bench/kernels}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
text() { aarch64-linux-gnu-size -A "$1" | awk '$1 ~ /^\.text/ { s += $2 } END { print s + 0 }'; }
status=0
echo "| kernel | jitcc -O2 .text | gcc -O2 .text | ratio | output |"
echo "|---|---|---|---|---|"
for src in "$kernels"/*.c; do
  name=$(basename "$src" .c)
  node "$root/dist/jitcc.cjs" --target=aarch64 -std=c11 -O2 -w -c "$src" -o "$work/$name.o" 2> "$work/$name.log" || { echo "| $name | compile failed | | | |"; status=1; continue; }
  aarch64-linux-gnu-gcc -std=c11 -O2 -w -c "$src" -o "$work/$name.gcc.o"
  aarch64-linux-gnu-gcc "$work/$name.o" -o "$work/$name" -lm
  ok=wrong
  if timeout 120 "${run[@]}" "$work/$name" > "$work/$name.out" 2>&1 && cmp -s "$work/$name.out" "$kernels/$name.expected"; then ok=ok; else status=1; fi
  ours=$(text "$work/$name.o") theirs=$(text "$work/$name.gcc.o")
  echo "| $name | $ours | $theirs | $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }') | $ok |"
done
exit $status
