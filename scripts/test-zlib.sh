#!/usr/bin/env bash
# zlib through its own build system with jitcc as the compiler (issue 12):
# Debian's zlib source package is fetched with apt's ordinary client into a
# cache outside the repository, then
#   1. `CC=jitcc ./configure`, `make CC="ccache jitcc"` (static and shared
#      library, example, minigzip and their 64-bit and shared variants),
#      `make test`, and a round trip of a large file against Debian's gzip
#      in both directions, through the static and the shared minigzip;
#   2. `make clean` and the same build again: ccache must serve every object
#      from its cache (jitcc's -E output and flags hash the same);
#   3. `make clean` and `make -j4 CC="distcc jitcc"` against a distccd this
#      script starts on 127.0.0.1 (distcc's plain mode: `jitcc -E` here, the
#      .i compiled by `jitcc -c` in the server), fallbacks disabled, then
#      `make test` again on those objects.
#   4. (step aarch64, not in the default list) zlib cross-built for AArch64:
#      `CHOST=aarch64-linux-gnu CC="jitcc --target=aarch64" ./configure`
#      (zlib's configure takes ar/ranlib/nm from CHOST's cross prefix and only
#      compiles and links its probes, never runs them), `make` (static and
#      shared library, every example and minigzip), `make test` with zlib's
#      own emulator hook QEMU_RUN="qemu-aarch64 -L /usr/aarch64-linux-gnu"
#      (there is no binfmt handler here, so every test binary -- example,
#      minigzip, their shared and 64-bit variants -- runs as
#      `qemu-aarch64 -L <sysroot> ./binary`; the shared ones find the
#      aarch64 libz.so.1 of the build through LD_LIBRARY_PATH, which the
#      guest's ld.so reads), and the large-file round trip against the host's
#      gzip through the static and the shared minigzip under qemu.
#
# Input: dist/cc.js (`npm run test:zlib` builds it first). Output: exit 0
# when every step passes; logs under $ZLIB_WORK. The zlib sources never
# enter the repository; apt uses a private sources list and lists directory.
#
# Environment: JITCC_ZLIB_CACHE (default ~/.cache/jitcc-zlib) holds the
# source; ZLIB_WORK (default a temporary directory) the build; ZLIB_STEPS
# (default "build ccache distcc") which steps to run; ZLIB_STEPS=aarch64
# runs the cross build (needs gcc-aarch64-linux-gnu, libc6-dev-arm64-cross,
# binutils-aarch64-linux-gnu and qemu-user).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${JITCC_ZLIB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jitcc-zlib}"
WORK="${ZLIB_WORK:-$(mktemp -d /tmp/jitcc-zlib.XXXXXX)}"
STEPS="${ZLIB_STEPS:-build ccache distcc}"

log() { printf 'test-zlib: %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
# shellcheck source=debian-source.sh
. "$ROOT/scripts/debian-source.sh"

fetch_source() {
  local src="$CACHE/src"
  if [ -f "$src/zlib.h" ]; then return; fi
  log "fetching Debian's zlib source package into $CACHE"
  debian_source zlib "$CACHE" "$src"
}

# `jitcc` on PATH, as a user who installed the package would have it. distccd
# drops root for its own user, so the compiler it runs must be readable by
# that user: when the checkout is not, a copy of the package goes to $WORK.
install_jitcc() {
  local home="$ROOT"
  if id distccd >/dev/null 2>&1 && ! runuser -u distccd -- test -r "$ROOT/dist/cc.js" 2>/dev/null; then
    home="$WORK/jitcc-package"
    mkdir -p "$home"
    cp -r "$ROOT/dist" "$ROOT/include" "$ROOT/package.json" "$ROOT/node_modules" "$home/"
    chmod -R a+rX "$WORK"
  fi
  mkdir -p "$WORK/bin"
  printf '#!/bin/sh\nexec node %s/dist/cc.js "$@"\n' "$home" > "$WORK/bin/jitcc"
  chmod 755 "$WORK/bin" "$WORK/bin/jitcc"
  export PATH="$WORK/bin:$PATH"
}

# A file of text, binary and incompressible bytes, large enough to cross
# every buffer size in zlib's streaming code many times.
make_large_file() {
  { seq 1 2500000; cat /usr/lib/x86_64-linux-gnu/libc.so.6 2>/dev/null || true; head -c 4000000 /dev/urandom; seq 7 3 900000; } > "$WORK/large"
}

# round_trip DIR TOOL ENV [RUNNER...]: DIR/TOOL (run by RUNNER, e.g. qemu,
# when given) compresses $WORK/large for gzip -d and decompresses gzip's output.
round_trip() {
  local dir="$1" tool="$2" env="$3"
  shift 3
  log "round trip of $(stat -c %s "$WORK/large") bytes: $tool -> gzip -d, gzip -> $tool -d${1:+ (run by $*)}"
  env $env "$@" "$dir/$tool" < "$WORK/large" > "$WORK/large.mz" || fail "$tool could not compress"
  gzip -dc "$WORK/large.mz" | cmp -s - "$WORK/large" || fail "gzip -d of $tool's output differs from the input"
  gzip -c "$WORK/large" > "$WORK/large.gz"
  env $env "$@" "$dir/$tool" -d < "$WORK/large.gz" | cmp -s - "$WORK/large" || fail "$tool -d of gzip's output differs from the input"
}

step_build() {
  rm -rf "$WORK/z" && cp -r "$CACHE/src" "$WORK/z"
  cd "$WORK/z"
  log "CC=jitcc ./configure"
  CC=jitcc ./configure > "$WORK/configure.log" 2>&1 || { tail -n 30 configure.log >&2; fail "configure"; }
  grep -q -- '-fPIC' Makefile || fail "configure did not take the gcc path (no -fPIC for the shared library): see $WORK/configure.log"
  log "make -j2 CC=\"ccache jitcc\" (cold cache)"
  CCACHE_DIR="$WORK/ccache" ccache -z >/dev/null
  CCACHE_DIR="$WORK/ccache" nice make -j2 CC="ccache jitcc" > "$WORK/make.log" 2>&1 || { tail -n 30 "$WORK/make.log" >&2; fail "make"; }
  for f in libz.a libz.so.1.2.13 example minigzip examplesh minigzipsh example64 minigzip64; do [ -e "$f" ] || fail "make did not build $f"; done
  log "make test"
  make test > "$WORK/make-test.log" 2>&1 || { cat "$WORK/make-test.log" >&2; fail "make test"; }
  for kind in "zlib test OK" "zlib shared test OK" "zlib 64-bit test OK"; do grep -q "$kind" "$WORK/make-test.log" || fail "make test did not print '$kind'"; done
  make_large_file
  round_trip "$WORK/z" minigzip ""
  round_trip "$WORK/z" minigzipsh "LD_LIBRARY_PATH=$WORK/z"
}

step_ccache() {
  command -v ccache >/dev/null || fail "ccache is not installed"
  cd "$WORK/z"
  make clean > /dev/null
  CCACHE_DIR="$WORK/ccache" ccache -z >/dev/null
  log "make clean; make -j4 CC=\"ccache jitcc\" (warm cache)"
  CCACHE_DIR="$WORK/ccache" make -j4 CC="ccache jitcc" > "$WORK/make-ccache.log" 2>&1 || { tail -n 30 "$WORK/make-ccache.log" >&2; fail "make with ccache"; }
  local stats hits misses
  stats="$(CCACHE_DIR="$WORK/ccache" ccache --print-stats)"
  hits=$(( $(echo "$stats" | awk '$1=="direct_cache_hit"{print $2}') + $(echo "$stats" | awk '$1=="preprocessed_cache_hit"{print $2}') ))
  misses=$(echo "$stats" | awk '$1=="cache_miss"{print $2}')
  log "ccache: $hits hits, $misses misses on the second build"
  [ "$hits" -ge 30 ] && [ "$misses" = 0 ] || fail "expected every compile of the second build to hit ccache"
  make test > "$WORK/make-test-ccache.log" 2>&1 || { cat "$WORK/make-test-ccache.log" >&2; fail "make test after the ccache build"; }
}

DISTCCD_PID=""
stop_distccd() { if [ -n "$DISTCCD_PID" ]; then kill "$DISTCCD_PID" 2>/dev/null || true; fi; }

step_distcc() {
  command -v distcc >/dev/null && command -v distccd >/dev/null || fail "distcc is not installed"
  cd "$WORK/z"
  make clean > /dev/null
  local d="$WORK/distcc" port
  # distccd runs as its own user: it must reach its log directory.
  mkdir -p "$d/client" && chmod 1777 "$d" && chmod a+x "$WORK"
  port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  # Loopback only, and only this client. --enable-tcp-insecure lets this test's
  # distccd run jitcc without a masquerade link in /usr/lib/distcc (see README).
  DISTCCD_PATH="$PATH" distccd --daemon --enable-tcp-insecure --allow 127.0.0.1 --listen 127.0.0.1 --port "$port" \
    --log-file "$d/distccd.log" --log-level info --pid-file "$d/distccd.pid" --jobs 2 --nice 5
  for _ in $(seq 50); do [ -s "$d/distccd.pid" ] && break; sleep 0.1; done
  DISTCCD_PID="$(cat "$d/distccd.pid")"
  trap stop_distccd EXIT
  log "make -j4 CC=\"distcc jitcc\" through distccd on 127.0.0.1:$port"
  DISTCC_HOSTS="127.0.0.1:$port/2" DISTCC_FALLBACK=0 DISTCC_DIR="$d/client" DISTCC_IO_TIMEOUT=600 \
    make -j4 CC="distcc jitcc" > "$WORK/make-distcc.log" 2>&1 || { tail -n 30 "$WORK/make-distcc.log" >&2; fail "make with distcc"; }
  local remote
  remote="$(grep -c 'COMPILE_OK' "$d/distccd.log" || true)"
  log "distccd compiled $remote files"
  [ "$remote" -ge 30 ] || { tail -n 20 "$d/distccd.log" >&2; fail "expected the server to compile every object"; }
  make test > "$WORK/make-test-distcc.log" 2>&1 || { cat "$WORK/make-test-distcc.log" >&2; fail "make test on objects compiled by distccd"; }
  stop_distccd
}

step_aarch64() {
  local sysroot=/usr/aarch64-linux-gnu tool
  for tool in aarch64-linux-gnu-gcc aarch64-linux-gnu-ar aarch64-linux-gnu-readelf qemu-aarch64; do
    command -v $tool >/dev/null || fail "$tool is not installed (gcc-aarch64-linux-gnu, binutils-aarch64-linux-gnu, qemu-user)"
  done
  local qemu=(qemu-aarch64 -L "$sysroot") z="$WORK/z-aarch64"
  rm -rf "$z" && cp -r "$CACHE/src" "$z"
  cd "$z"
  log "CHOST=aarch64-linux-gnu CC=\"jitcc --target=aarch64\" ./configure"
  CHOST=aarch64-linux-gnu CC="jitcc --target=aarch64" ./configure > "$WORK/configure-aarch64.log" 2>&1 || { tail -n 30 "$WORK/configure-aarch64.log" >&2; fail "configure for aarch64"; }
  grep -q -- '-fPIC' Makefile || fail "configure did not take the gcc path (no -fPIC for the shared library): see $WORK/configure-aarch64.log"
  grep -q '^AR=aarch64-linux-gnu-ar' Makefile || fail "configure did not take ar from CHOST's cross prefix"
  log "make -j2 (jitcc --target=aarch64; linked by aarch64-linux-gnu-gcc)"
  nice make -j2 > "$WORK/make-aarch64.log" 2>&1 || { tail -n 30 "$WORK/make-aarch64.log" >&2; fail "make for aarch64"; }
  local f
  for f in libz.a libz.so.1.2.13 example minigzip examplesh minigzipsh example64 minigzip64; do
    [ -e "$f" ] || fail "make did not build $f"
    # (grep reads from a string: grep -q on a pipe could end readelf with SIGPIPE, a failure under pipefail.)
    grep -q 'Machine: *AArch64' <<<"$(aarch64-linux-gnu-readelf -h "$f")" || fail "$f is not an AArch64 file"
  done
  # Every object of the library is jitcc's: its objects carry no .comment of gcc's.
  for f in *.o; do
    ! grep -q GCC <<<"$(aarch64-linux-gnu-readelf -p .comment "$f" 2>&1)" || fail "$f was compiled by gcc, not jitcc"
  done
  # The shared variants must load the libz.so.1 just built, not some other.
  local libs
  libs="$(LD_LIBRARY_PATH="$z" "${qemu[@]}" "$sysroot/lib/ld-linux-aarch64.so.1" --list ./minigzipsh)" || fail "ld.so --list minigzipsh under qemu"
  grep -q "libz.so.1 => $z/libz.so.1" <<<"$libs" || fail "minigzipsh does not resolve libz.so.1 to $z under qemu: $libs"
  log "make test QEMU_RUN=\"${qemu[*]}\""
  make test QEMU_RUN="${qemu[*]}" > "$WORK/make-test-aarch64.log" 2>&1 || { cat "$WORK/make-test-aarch64.log" >&2; fail "make test for aarch64"; }
  local kind
  for kind in "zlib test OK" "zlib shared test OK" "zlib 64-bit test OK"; do grep -q "$kind" "$WORK/make-test-aarch64.log" || fail "make test (aarch64) did not print '$kind'"; done
  [ -e "$WORK/large" ] || make_large_file
  round_trip "$z" minigzip "" "${qemu[@]}"
  round_trip "$z" minigzipsh "LD_LIBRARY_PATH=$z" "${qemu[@]}"
}

fetch_source
install_jitcc
for s in $STEPS; do "step_$s"; done
log "all steps passed ($STEPS); logs in $WORK"
