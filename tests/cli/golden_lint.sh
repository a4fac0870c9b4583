# Golden tests of `strata lint`: each tests/golden/lint/RULE.strata is linted (with the arguments
# in RULE.args when there is one) and its human output and exit code must equal RULE.expected,
# its JSON output RULE.json. STRATA_UPDATE_GOLDEN=1 rewrites the expected files.
source "$(dirname "$0")/lib/assert.bash"
cd "$SRC" || exit 2
for input in tests/golden/lint/*.strata; do
  name=$(basename "$input" .strata)
  args=(--today 2026-11-01 --color never)
  if [[ -f "tests/golden/lint/$name.args" ]]; then read -r -a extra <"tests/golden/lint/$name.args"; args+=("${extra[@]}"); fi
  human=$("$STRATA" lint "${args[@]}" "$input" 2>&1; echo "exit: $?")
  json=$("$STRATA" lint "${args[@]}" --format json "$input" 2>/dev/null)
  if [[ "${STRATA_UPDATE_GOLDEN:-}" == 1 ]]; then
    printf '%s\n' "$human" >"tests/golden/lint/$name.expected"
    printf '%s\n' "$json" >"tests/golden/lint/$name.json"
  fi
  for kind in expected json; do
    actual=$([[ $kind == expected ]] && printf '%s' "$human" || printf '%s' "$json")
    expected=$(cat "tests/golden/lint/$name.$kind" 2>/dev/null)
    if [[ "$actual" == "$expected" ]]; then
      pass
    else
      FAILED=$((FAILED + 1))
      echo "FAIL: golden lint case $name ($kind)"
      diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -40
    fi
  done
done
finish
