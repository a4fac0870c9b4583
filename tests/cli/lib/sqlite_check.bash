# The preamble every SQLite cross-check shares. Source it after `set -euo pipefail`, with CHECK
# set to the check's name as its output says it ("sqlite KPI cross-check"). It reads the
# arguments STRATA_BIN SOURCE_DIR BINARY_DIR STRATA_GEN_BIN into STRATA, SRC (absolute) and GEN,
# defines fail(), and makes the work folder TMP, removed on exit unless STRATA_KEEP_WORK is set.
if [ $# -lt 4 ]; then
  echo "usage: $0 STRATA_BIN SOURCE_DIR BINARY_DIR STRATA_GEN_BIN" >&2
  exit 2
fi
STRATA=$1
GEN=$4

fail() {
  echo "$CHECK: FAILED: $*" >&2
  exit 1
}

command -v sqlite3 >/dev/null || fail "sqlite3 is not installed"
[ -x "$STRATA" ] || fail "no strata executable at '$STRATA'"
[ -x "$GEN" ] || fail "no strata_gen executable at '$GEN'"
[ -d "$2" ] || fail "no source folder '$2'"
SRC=$(cd "$2" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/strata-check.XXXXXX")
[ -n "${STRATA_KEEP_WORK:-}" ] || trap 'rm -rf "$TMP"' EXIT
