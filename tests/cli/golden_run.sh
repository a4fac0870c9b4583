# Golden tests of `strata` diagnostics (run, test, diff): each folder of tests/golden/run holds
# rules, data, the command-line arguments (`args`, the subcommand first) and the expected exit
# code and output (`expected`).
# STRATA_UPDATE_GOLDEN=1 rewrites the expected files.
source "$(dirname "$0")/lib/assert.bash"
for dir in "$SRC"/tests/golden/run/*/; do
  name=$(basename "$dir")
  read -r -a args <"$dir/args"
  actual=$(cd "$dir" && { "$STRATA" "${args[@]}" --color never >"$WORK/out" 2>"$WORK/err"; echo "exit: $?"; }
           echo "--- stdout"; cat "$WORK/out"; echo "--- stderr"; cat "$WORK/err")
  if [[ "${STRATA_UPDATE_GOLDEN:-}" == 1 ]]; then
    printf '%s\n' "$actual" >"$dir/expected"
  fi
  expected=$(cat "$dir/expected" 2>/dev/null)
  if [[ "$actual" == "$expected" ]]; then
    pass
  else
    FAILED=$((FAILED + 1))
    echo "FAIL: golden run case $name"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -40
  fi
done
finish
