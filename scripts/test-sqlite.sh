#!/usr/bin/env bash
# SQLite built by jitcc (issue 12): Debian's sqlite3 source package is
# fetched with apt's ordinary client into a cache outside the repository;
# its own build system (configure, then make with gcc and tclsh as the
# generators, as Debian builds it) produces the amalgamation sqlite3.c, the
# shell's shell.c and the preprocessed-for-amalgamation sources (tsrc/) once;
# jitcc then compiles SQLite at each optimisation level into the `sqlite3`
# shell, with the feature set of Debian's sqlite3 (FTS3/4/5, JSON, R*Tree,
# math functions…), and runs test/sqlite/workload.sql. The output must equal
# that of Debian's own sqlite3 binary (the same SQLite version).
#
# SQLITE_BUILD=sources (the default) compiles the ~100 source files one by
# one, as SQLite's non-amalgamation build does (-DSQLITE_CORE);
# SQLITE_BUILD=amalgamation compiles the single 250,000-line sqlite3.c
# that this build generated (the same SQLite as Debian's binary).
#
# SQLITE_TARGET=aarch64 builds an AArch64 shell: `jitcc --target=aarch64`,
# linked by aarch64-linux-gnu-gcc, and the shell runs the workload as
# `qemu-aarch64 -L /usr/aarch64-linux-gnu sqlite3 workload.db < workload.sql`
# (no binfmt handler is needed); its output must still equal that of
# Debian's native x86-64 sqlite3. The generated sources are target-neutral
# (no config.h is read), so the cache serves both targets.
#
# Input: dist/cc.js (`npm run test:sqlite` builds it). Output: exit 0 when
# every level matches; logs and binaries under $SQLITE_WORK.
#
# Environment: JITCC_SQLITE_CACHE (default ~/.cache/jitcc-sqlite) holds the
# source and the generated files; SQLITE_OPTS (default "-O0 -O2") the levels;
# SQLITE_WORK (default a temporary directory) the builds and outputs;
# SQLITE_NODE_HEAP (default 8192) the compiler's heap in MB; SQLITE_TARGET
# (default x86_64) the target.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${JITCC_SQLITE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jitcc-sqlite}"
WORK="${SQLITE_WORK:-$(mktemp -d /tmp/jitcc-sqlite.XXXXXX)}"
mkdir -p "$WORK"
OPTS="${SQLITE_OPTS:--O0 -O2}"
HEAP="${SQLITE_NODE_HEAP:-8192}"
SCRIPT="$ROOT/test/sqlite/workload.sql"
BUILD="${SQLITE_BUILD:-sources}"
TARGET="${SQLITE_TARGET:-x86_64}"
LINK=gcc RUN=()
if [ "$TARGET" = aarch64 ]; then
  LINK=aarch64-linux-gnu-gcc RUN=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
  for tool in $LINK qemu-aarch64; do command -v $tool >/dev/null || { echo "test-sqlite: $tool missing (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)" >&2; exit 2; }; done
fi

log() { printf 'test-sqlite: %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
# shellcheck source=debian-source.sh
. "$ROOT/scripts/debian-source.sh"

# Debian's compile-time options for its sqlite3 package (debian/rules and
# its configure flags), so both shells have the same features.
DEFINES=(
  -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS
  -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SOUNDEX=1 -DSQLITE_ENABLE_UNLOCK_NOTIFY
  -DSQLITE_OMIT_LOOKASIDE=1 -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ALLOW_ROWID_IN_VIEW -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1
  -DSQLITE_ENABLE_LOAD_EXTENSION -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_THREADSAFE=1
  -DSQLITE_ENABLE_FTS3_TOKENIZER=1 -DSQLITE_USE_URI=1 -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK
  -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_ENABLE_MATH_FUNCTIONS
  -DHAVE_ISNAN -DHAVE_READLINE=0 -DHAVE_EDITLINE=0
)

fetch_source() {
  if [ -f "$CACHE/gen/sqlite3.c" ] && [ -f "$CACHE/gen/shell.c" ]; then return; fi
  command -v tclsh >/dev/null || { log "tclsh missing (apt-get install tcl): SQLite's build generates its sources with it"; exit 2; }
  log "fetching Debian's sqlite3 source package into $CACHE"
  rm -rf "$CACHE/gen"
  debian_source sqlite3 "$CACHE" "$CACHE/src"
  mkdir -p "$CACHE/gen"
  log "generating sqlite3.c and shell.c with SQLite's own build (configure; make sqlite3.c shell.c)"
  (cd "$CACHE/gen" && "$CACHE/src/configure" --enable-fts5 --enable-json > configure.log 2>&1 && make sqlite3.c shell.c > make.log 2>&1) \
    || { tail -n 20 "$CACHE/gen/make.log" >&2; fail "generating the amalgamation"; }
}

# The core's source files, as the amalgamation lists them (tsrc/), less those
# for other platforms or options Debian does not enable, and the shell.
core_sources() {
  ls "$CACHE/gen/tsrc/"*.c | grep -v -E '/(fts1|fts2|icu|fts3_icu|geopoly|shell|tclsqlite|sqlite3rbu|userauth|os_win|mutex_w32)[^/]*\.c$'
}

compile_one() {
  local opt="$1" src="$2" obj="$3" core=-DSQLITE_CORE
  # The shell is a client of the library, built without SQLITE_CORE as SQLite's Makefile does.
  [ "$(basename "$src")" = shell.c ] && core=""
  NODE_OPTIONS="--max-old-space-size=$HEAP" node "$ROOT/dist/cc.js" --target="$TARGET" "$opt" $core "${DEFINES[@]}" -I"$CACHE/gen" -I"$CACHE/gen/tsrc" -I"$CACHE/src/ext/rtree" \
    -c "$src" -o "$obj" 2> "$obj.log" || { echo "FAIL $src"; tail -n 20 "$obj.log"; }
}
export -f compile_one

build_shell() {
  local opt="$1" out="$WORK/sqlite3-$TARGET$1" objs="$WORK/obj-$TARGET$1"
  local start=$SECONDS
  mkdir -p "$objs"
  local sources
  if [ "$BUILD" = amalgamation ]; then sources="$CACHE/gen/sqlite3.c"; else sources="$(core_sources)"; fi
  log "jitcc --target=$TARGET $opt: $(echo "$sources" | wc -l) files of SQLite ($(cat $sources | wc -l) lines) and shell.c"
  # Two compiles at a time, as make -j2 would.
  printf '%s\n' $sources "$CACHE/gen/shell.c" | ROOT="$ROOT" HEAP="$HEAP" CACHE="$CACHE" TARGET="$TARGET" DEFINES_STR="${DEFINES[*]}" \
    xargs -P 2 -I{} bash -c 'DEFINES=($DEFINES_STR); compile_one "$0" "$1" "$2/$(basename "$1" .c).o"' "$opt" {} "$objs" > "$WORK/compile$opt.log" 2>&1
  if grep -q '^FAIL' "$WORK/compile$opt.log"; then cat "$WORK/compile$opt.log" | head -n 40 >&2; fail "jitcc $opt could not compile SQLite"; fi
  $LINK -o "$out" "$objs"/*.o -lm -ldl -lpthread || fail "linking the $opt shell"
  log "built $out in $((SECONDS - start)) s"
}

run_workload() {
  local opt="$1"
  local out="$WORK/out-$TARGET$opt.txt" start=$SECONDS
  (cd "$WORK" && rm -f workload.db && timeout 900 ${RUN[@]+"${RUN[@]}"} "$WORK/sqlite3-$TARGET$opt" workload.db < "$SCRIPT" > "$out" 2>&1) || fail "the $opt shell failed on the workload"
  if ! cmp -s "$out" "$WORK/reference.txt"; then
    diff "$WORK/reference.txt" "$out" | head -n 30 >&2
    fail "jitcc --target=$TARGET $opt's sqlite3 prints something else than Debian's sqlite3"
  fi
  log "jitcc --target=$TARGET $opt: output identical to Debian's sqlite3 ($(wc -l < "$WORK/reference.txt") lines; the workload ran in $((SECONDS - start)) s${RUN[0]:+ under ${RUN[*]}})"
}

command -v sqlite3 >/dev/null || fail "Debian's sqlite3 is not installed (apt-get install sqlite3)"
fetch_source
ref_start=$SECONDS
(cd "$WORK" && rm -f reference.db && sqlite3 reference.db < "$SCRIPT" > "$WORK/reference.txt" 2>&1) || fail "Debian's sqlite3 failed on the workload"
log "Debian's sqlite3 ran the workload in $((SECONDS - ref_start)) s"
for opt in $OPTS; do
  build_shell "$opt"
  run_workload "$opt"
done
log "all levels passed ($OPTS); logs in $WORK"
