#!/usr/bin/env bash
# SQLite built by jitcc (issue 12): Debian's sqlite3 source package is
# fetched with apt's ordinary client into a cache outside the repository;
# its own build system (configure, then make with gcc and tclsh as the
# generators, as Debian builds it) produces the amalgamation sqlite3.c and
# the shell's shell.c once; jitcc then compiles both at each optimisation
# level into the `sqlite3` shell, with the feature set of Debian's sqlite3
# (FTS3/4/5, JSON, R*Tree, math functions…), and runs
# test/sqlite/workload.sql. The output must equal that of Debian's own
# sqlite3 binary (the same SQLite version) on the same script.
#
# Input: dist/cc.js (`npm run test:sqlite` builds it). Output: exit 0 when
# every level matches; logs and binaries under $SQLITE_WORK.
#
# Environment: JITCC_SQLITE_CACHE (default ~/.cache/jitcc-sqlite) holds the
# source and the generated files; SQLITE_OPTS (default "-O0 -O2") the levels;
# SQLITE_WORK (default a temporary directory) the builds and outputs;
# SQLITE_NODE_HEAP (default 8192) the compiler's heap in MB.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${JITCC_SQLITE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jitcc-sqlite}"
WORK="${SQLITE_WORK:-$(mktemp -d /tmp/jitcc-sqlite.XXXXXX)}"
OPTS="${SQLITE_OPTS:--O0 -O2}"
HEAP="${SQLITE_NODE_HEAP:-8192}"
SCRIPT="$ROOT/test/sqlite/workload.sql"

log() { printf 'test-sqlite: %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

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
  command -v dpkg-source >/dev/null || { log "dpkg-source missing (apt-get install dpkg-dev)"; exit 2; }
  command -v tclsh >/dev/null || { log "tclsh missing (apt-get install tcl): SQLite's build generates its sources with it"; exit 2; }
  mkdir -p "$CACHE/apt/lists/partial" "$CACHE/dl"
  echo "deb-src http://deb.debian.org/debian bookworm main" > "$CACHE/apt/sources.list"
  local aptopts=(-o "Dir::Etc::SourceList=$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
                 -o "Dir::State::Lists=$CACHE/apt/lists" -o Debug::NoLocking=1)
  log "fetching Debian's sqlite3 source package into $CACHE"
  apt-get "${aptopts[@]}" -qq update
  (cd "$CACHE/dl" && apt-get "${aptopts[@]}" -qq source --download-only sqlite3)
  rm -rf "$CACHE/src" "$CACHE/gen"
  dpkg-source -x "$(ls "$CACHE"/dl/sqlite3_*.dsc | head -n1)" "$CACHE/src" >/dev/null
  mkdir -p "$CACHE/gen"
  log "generating sqlite3.c and shell.c with SQLite's own build (configure; make sqlite3.c shell.c)"
  (cd "$CACHE/gen" && "$CACHE/src/configure" --enable-fts5 --enable-json > configure.log 2>&1 && make sqlite3.c shell.c > make.log 2>&1) \
    || { tail -n 20 "$CACHE/gen/make.log" >&2; fail "generating the amalgamation"; }
}

build_shell() {
  local opt="$1" out="$WORK/sqlite3$1"
  log "jitcc $opt: sqlite3.c ($(wc -l < "$CACHE/gen/sqlite3.c") lines) and shell.c"
  local start=$SECONDS
  for f in sqlite3 shell; do
    NODE_OPTIONS="--max-old-space-size=$HEAP" /usr/bin/time -f "%e s, %M KB peak" -o "$WORK/$f$opt.time" \
      node "$ROOT/dist/cc.js" "$opt" "${DEFINES[@]}" -I"$CACHE/gen" -c "$CACHE/gen/$f.c" -o "$WORK/$f$opt.o" 2> "$WORK/$f$opt.log" \
      || { tail -n 30 "$WORK/$f$opt.log" >&2; fail "jitcc $opt could not compile $f.c"; }
    log "  $f.c: $(cat "$WORK/$f$opt.time")"
  done
  gcc -o "$out" "$WORK/shell$opt.o" "$WORK/sqlite3$opt.o" -lm -ldl -lpthread || fail "linking the $opt shell"
  log "built $out in $((SECONDS - start)) s"
}

run_workload() {
  local opt="$1"
  (cd "$WORK" && rm -f workload.db && timeout 600 "$WORK/sqlite3$opt" workload.db < "$SCRIPT" > "$WORK/out$opt.txt" 2>&1) || fail "the $opt shell failed on the workload"
  if ! cmp -s "$WORK/out$opt.txt" "$WORK/reference.txt"; then
    diff "$WORK/reference.txt" "$WORK/out$opt.txt" | head -n 30 >&2
    fail "jitcc $opt's sqlite3 prints something else than Debian's sqlite3"
  fi
  log "jitcc $opt: output identical to Debian's sqlite3 ($(wc -l < "$WORK/reference.txt") lines)"
}

command -v sqlite3 >/dev/null || fail "Debian's sqlite3 is not installed (apt-get install sqlite3)"
fetch_source
(cd "$WORK" && rm -f reference.db && sqlite3 reference.db < "$SCRIPT" > "$WORK/reference.txt" 2>&1) || fail "Debian's sqlite3 failed on the workload"
for opt in $OPTS; do
  build_shell "$opt"
  run_workload "$opt"
done
log "all levels passed ($OPTS); logs in $WORK"
