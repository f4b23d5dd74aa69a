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
# under $CSMITH_OUT (default a temporary directory). Seeds whose gcc build or
# run exceeds the time limit are skipped by csmith-diff.sh, not failures.
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

status=0
for level in $LEVELS; do
  dir="$OUT/${level#-}"
  echo "csmith-ci: seeds $SEED0..$((SEED0 + N - 1)) at jitcc --target=$TARGET $level (logs in $dir)"
  # -w: csmith programs trip many warnings by design; only the checksum matters.
  summary="$("$DIFF" -q -j "$JOBS" --target "$TARGET" "node $ROOT/dist/cc.js --target=$TARGET $level -w -c {src} -o {out}" "$N" "$SEED0" "$dir" | tail -n 1)"
  echo "csmith-ci: $level: $summary"
  grep -h '^FAIL' "$dir/results.log" || true
  case "$summary" in
    *" 0 failed"*) ;;
    *) status=1 ;;
  esac
done
exit "$status"
