#!/usr/bin/env bash
# Differential testing of jitcc against gcc with csmith (issue 4, "Proof"):
# a fixed seed range, each program compiled by gcc -O0 (the oracle) and by
# jitcc at -O0 and at -O2; every build must print the oracle's checksum.
# The work is done by ../shared/suites/csmith-diff.sh (or $CSMITH_DIFF).
#
# Usage: scripts/csmith-ci.sh [N [SEED0]]   (default: 200 seeds from 1)
# Input: dist/cc.js (`npm run test:csmith` builds it first), csmith and
# csmith.h (Debian packages csmith, libcsmith-dev).
# Output: exit 0 when no seed fails at either level; logs and failing programs
# under $CSMITH_OUT (default a temporary directory).
# Skips: csmith's programs are UB-free but not always terminating; a seed
# whose gcc-built program does not finish within csmith-diff.sh's time limit
# (5 s) has no reference checksum and is skipped. Skips are counted and
# listed per level, and each must be confirmed: the same program built by the
# native gcc -O0 (x86-64; csmith programs use fixed-width types, and both
# targets are LP64, so it is the same computation) must not finish in that
# time either. A skip that is not a long-running program (gcc failed, or the
# oracle only timed out under qemu) fails the run. Seeds 1-200 have 24 such
# programs (5 13 33 59 ...); natively they run > 60 s at gcc -O0, > 5 s at -O2.
# Environment: CSMITH_JOBS (default: number of CPUs), CSMITH_LEVELS
# (default "-O0 -O2"), CSMITH_TARGET (x86_64, the default, or aarch64:
# jitcc --target=aarch64, the oracle aarch64-linux-gnu-gcc -O0, linked by it
# and run under qemu-aarch64).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-200}"
SEED0="${2:-1}"
DIFF="${CSMITH_DIFF:-$ROOT/../shared/suites/csmith-diff.sh}"
OUT="${CSMITH_OUT:-$(mktemp -d /tmp/jitcc-csmith.XXXXXX)}"
JOBS="${CSMITH_JOBS:-$(nproc)}"
LEVELS="${CSMITH_LEVELS:--O0 -O2}"
TARGET="${CSMITH_TARGET:-x86_64}"

command -v csmith >/dev/null || { echo "csmith-ci: csmith is not installed (apt-get install csmith libcsmith-dev)" >&2; exit 2; }
[ -x "$DIFF" ] || { echo "csmith-ci: $DIFF not found (set CSMITH_DIFF)" >&2; exit 2; }

# Whether seed $1's program (kept in $2 by csmith-diff.sh, which deletes only
# passing seeds' work) runs past the limit when built by the native gcc -O0.
# Answers are cached per seed: the program is the same at every level.
CSMITH_INC="${CSMITH_INC:-$(dirname "$(find /usr/include /usr/local/include -maxdepth 2 -name csmith.h 2>/dev/null | head -n 1)")}"
runs_long_natively() {
  local seed=$1 w=$2 verdict="$OUT/native/seed$1"
  mkdir -p "$OUT/native"
  if [ ! -f "$verdict" ]; then
    if ! gcc -O0 -w -I"$CSMITH_INC" -o "$verdict.exe" "$w/seed$seed.c" 2> "$verdict.log"; then echo no > "$verdict"
    else
      local rc=0
      timeout -k 2 5 "$verdict.exe" > /dev/null 2>&1 || rc=$?
      if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then echo yes > "$verdict"; else echo no > "$verdict"; fi
    fi
  fi
  [ "$(cat "$verdict")" = yes ]
}
export -f runs_long_natively
export OUT CSMITH_INC

status=0
for level in $LEVELS; do
  dir="$OUT/${level#-}"
  echo "csmith-ci: seeds $SEED0..$((SEED0 + N - 1)) at jitcc --target=$TARGET $level (logs in $dir)"
  t0=$SECONDS
  # -w: csmith programs trip many warnings by design; only the checksum matters.
  summary="$("$DIFF" -q -j "$JOBS" --target "$TARGET" "node $ROOT/dist/cc.js --target=$TARGET $level -w -c {src} -o {out}" "$N" "$SEED0" "$dir" | tail -n 1)"
  grep -h '^FAIL' "$dir/results.log" || true
  case "$summary" in
    *" 0 failed"*) ;;
    *) status=1 ;;
  esac
  # Every skip named, and judged (see the header). On x86-64 the oracle is the
  # native gcc -O0 with the same limit, so its timeout is the confirmation;
  # for aarch64 the timed-out seeds are checked natively, $JOBS at a time.
  skips="$(grep '^SKIP ' "$dir/results.log" | sort -t ' ' -k2.5n || true)"
  if [ "$TARGET" != x86_64 ]; then
    printf '%s\n' "$skips" | grep -E 'oracle-skipped: exit (124|137)' | awk '{print $2}' | sed 's/^seed//' |
      xargs -r -P "$JOBS" -I{} bash -c 'runs_long_natively "$1" "$2/work/seed$1" || true' _ {} "$dir" || true
  fi
  long=() other=()
  while read -r _ name why; do
    [ -n "${name:-}" ] || continue
    seed="${name#seed}"
    if [[ "$why" == *"oracle-skipped: exit 124"* || "$why" == *"oracle-skipped: exit 137"* ]] && { [ "$TARGET" = x86_64 ] || runs_long_natively "$seed" "$dir/work/$name"; }; then
      long+=("$seed")
    else
      other+=("$seed $why"); status=1
    fi
  done <<< "$skips"
  echo "csmith-ci: $level: $summary, ${#long[@]} skipped ($((SECONDS - t0)) s)"
  [ ${#long[@]} -eq 0 ] || echo "csmith-ci: $level: skipped, gcc's program runs > 5 s (natively too): seeds ${long[*]}"
  for o in ${other[@]+"${other[@]}"}; do echo "csmith-ci: $level: FAIL skip not explained by a long-running program: seed $o"; done
done
exit "$status"
