# Shared by scripts/*: paths, pinned versions, logging. Sourced, not run.
set -euo pipefail

KILN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KILN_DEPS="${KILN_DEPS:-$KILN_ROOT/.deps}"

# Debian's emscripten runs its JS optimizer with node and needs acorn from here.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

# Pinned third-party sources (Debian bookworm source packages; the same
# tarballs as upstream's releases).
MRUBY_VERSION=3.1.0
MRUBY_TARBALL=mruby_3.1.0.orig.tar.gz
MRUBY_SHA256=64ce0a967028a1a913d3dfc8d3f33b295332ab73be6f68e96d0f675f18c79ca8
SQLITE_VERSION=3.40.1
SQLITE_TARBALL=sqlite3_3.40.1.orig.tar.xz
SQLITE_SHA256=aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655

APT_PACKAGES=(emscripten binaryen catch2 nlohmann-json3-dev ruby rake dpkg-dev cmake g++ make tcl patch xz-utils wrk clang libclang-rt-14-dev chromium
  libmsgpack-cxx-dev libssl-dev libxxhash-dev)  # the last three: apps/edgereplica/cli

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
fail() { printf 'kiln: %s\n' "$*" >&2; exit 1; }

# Runs a step's command with its output in a log; on failure names the step
# and shows the log tail. Long steps say how long they took: on a terminal a
# line counts the seconds while the step runs (erased after), and a step of
# 2 s or more ends with "NAME: N s" (plain text, so CI logs have it too).
run_logged() {
  local name="$1" log="$2"; shift 2
  local start ticker="" rc=0
  start=$(date +%s)
  if [ -t 1 ]; then
    ( while sleep 1; do printf '\r    %s: %d s ' "$name" $(( $(date +%s) - start )); done ) &
    ticker=$!
  fi
  "$@" >"$log" 2>&1 || rc=$?
  if [ -n "$ticker" ]; then
    kill "$ticker" 2>/dev/null || true
    wait "$ticker" 2>/dev/null || true
    printf '\r\033[K'
  fi
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log" >&2
    fail "step '$name' failed (full log: $log)"
  fi
  local took=$(( $(date +%s) - start ))
  [ "$took" -lt 2 ] || note "$name: $took s"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
