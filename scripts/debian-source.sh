# Sourced by the scripts that build real projects (test-lua.sh, test-zlib.sh,
# test-sqlite.sh): `debian_source PACKAGE CACHE DEST` fetches Debian's source
# package with apt's ordinary client and unpacks it into DEST. apt reads a
# private deb-src list and keeps its lists under CACHE, so the machine's own
# apt state is untouched (its sources may lack deb-src lines); the download
# stays in CACHE/dl for the next run.
debian_source() {
  local pkg="$1" cache="$2" dest="$3"
  command -v dpkg-source >/dev/null || { echo "dpkg-source missing (apt-get install dpkg-dev)" >&2; return 2; }
  mkdir -p "$cache/apt/lists/partial" "$cache/dl"
  echo "deb-src http://deb.debian.org/debian bookworm main" > "$cache/apt/sources.list"
  local aptopts=(-o "Dir::Etc::SourceList=$cache/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
                 -o "Dir::State::Lists=$cache/apt/lists" -o Debug::NoLocking=1)
  if ! ls "$cache"/dl/"${pkg}"_*.dsc >/dev/null 2>&1; then
    apt-get "${aptopts[@]}" -qq update
    (cd "$cache/dl" && apt-get "${aptopts[@]}" -qq source --download-only "$pkg")
  fi
  rm -rf "$dest"
  dpkg-source -x "$(ls "$cache"/dl/"${pkg}"_*.dsc | head -n1)" "$dest" >/dev/null
}
