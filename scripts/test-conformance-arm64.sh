#!/usr/bin/env bash
# The conformance corpus (../shared/conformance) for AArch64: every program
# compiled by `jitcc --target=aarch64` at -O0 and -O2, linked by
# aarch64-linux-gnu-gcc and run under qemu-aarch64 against the cross sysroot;
# then its abi/ pairs in both directions (one side ours, the other built by
# aarch64-linux-gnu-gcc), at -O0 and -O2.
# Failures must be listed in test/conformance/expected-failures-arm64.txt
# (a section per run): a new failure, or a listed test that now passes, fails
# this script. Ends with "N passed, M failed" over all runs.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
set_dir=${1:-$root/../shared/conformance}
[ -x "$set_dir/run.sh" ] || { echo "test-conformance-arm64: $set_dir/run.sh not found" >&2; exit 1; }
for tool in aarch64-linux-gnu-gcc qemu-aarch64; do
  command -v $tool >/dev/null || { echo "test-conformance-arm64: $tool not found (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)" >&2; exit 1; }
done
export CONF_RUN="qemu-aarch64 -L /usr/aarch64-linux-gnu" CONF_LINK=aarch64-linux-gnu-gcc
list=$root/test/conformance/expected-failures-arm64.txt
jitcc="node $root/dist/jitcc.cjs --target=aarch64 -w"
passed=0 failed=0 status=0

expected() { # the tests listed under [SECTION]
  awk -v s="[$1]" '/^\[/ { on = ($0 == s); next } on && NF && !/^#/ { print $1 }' "$list" | sort
}

run() { # run SECTION run.sh-arguments...
  local section=$1
  shift
  local out
  out=$("$set_dir/run.sh" "$@" "$set_dir")
  local summary=${out##*$'\n'}
  echo "$section: $summary"
  local p f
  p=$(sed -n 's/^\([0-9]*\) passed.*/\1/p' <<<"$summary")
  f=$(sed -n 's/.* \([0-9]*\) failed$/\1/p' <<<"$summary")
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
  local got want
  got=$(grep '^FAIL' <<<"$out" | awk '{ print $3 }' | sort -u)
  want=$(expected "$section")
  if [ "$got" != "$want" ]; then
    status=1
    echo "  unexpected failures:"; comm -23 <(echo "$got") <(echo "$want") | grep . | while read -r t; do grep " $t\b" <<<"$out" | sed 's/^/    /'; done
    echo "  listed but passing:"; comm -13 <(echo "$got") <(echo "$want") | grep . | sed 's/^/    /'
  fi
}

for opt in -O0 -O2; do
  run "programs$opt" "$root/scripts/arm64/cc-aarch64.sh $opt {out} {src}"
  run "abi$opt" --abi "$jitcc $opt -c -o {out} {src}" "aarch64-linux-gnu-gcc -std=c11 $opt -w -c -o {out} {src}"
done
echo "$passed passed, $failed failed"
exit $status
