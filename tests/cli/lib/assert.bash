# Assertions for the CLI end-to-end tests. Each test script sources this file, runs commands and
# calls `finish` at the end, which prints "N passed, N failed" and sets the exit status.
STRATA="$1"
SRC="$2"
BIN="$3"
GEN="$4"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0

# run CMD...: runs a command, capturing stdout, stderr and the exit code.
run() {
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
}

pass() { PASSED=$((PASSED + 1)); }
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $*"
  echo "--- stdout"; head -c 3000 "$WORK/stdout"; echo "--- stderr"; head -c 3000 "$WORK/stderr"
}

expect_status() { if [[ "$STATUS" == "$1" ]]; then pass; else fail "$2: exit $STATUS, expected $1"; fi; }
expect_stdout_has() { if grep -qF -- "$1" "$WORK/stdout"; then pass; else fail "stdout lacks: $1"; fi; }
expect_stderr_has() { if grep -qF -- "$1" "$WORK/stderr"; then pass; else fail "stderr lacks: $1"; fi; }
expect_file_has() { if grep -qF -- "$2" "$1"; then pass; else fail "$1 lacks: $2"; fi; }
expect_same() { if [[ "$1" == "$2" ]]; then pass; else fail "$3: got [$1], expected [$2]"; fi; }

finish() {
  echo "$PASSED passed, $FAILED failed"
  [[ $FAILED -eq 0 ]]
}
