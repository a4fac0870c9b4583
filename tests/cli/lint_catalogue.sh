# Every lint rule has a page docs/lint/RULE.md with a bad and a good example, a golden test whose
# expected output shows it (human and JSON), and an explanation from `strata explain RULE`.
source "$(dirname "$0")/lib/assert.bash"
rules=$(grep -o 'STRATA_LINT([A-Za-z]*, "[a-z-]*"' "$SRC/engine/include/strata/lint_rules.def" | grep -v '"id"' | grep -o '"[a-z-]*"' | tr -d '"')
[[ -n "$rules" ]] && pass || fail "no rules found in lint_rules.def"
for rule in $rules; do
  page="$SRC/docs/lint/$rule.md"
  if [[ -f "$page" ]] && grep -q '^\*\*Bad\*\*' "$page" && grep -q '^\*\*Good\*\*' "$page"; then pass; else fail "$rule: docs/lint/$rule.md with a bad and a good example"; fi
  if grep -qF "[$rule]" "$SRC/tests/golden/lint/$rule.expected" 2>/dev/null; then pass; else fail "$rule: no golden human output shows it"; fi
  if grep -qF "\"code\": \"$rule\"" "$SRC/tests/golden/lint/$rule.json" 2>/dev/null; then pass; else fail "$rule: no golden JSON output shows it"; fi
  if grep -qF "[\`$rule\`]($rule.md)" "$SRC/docs/lint/README.md"; then pass; else fail "$rule: not in the catalogue of docs/lint/README.md"; fi
  run "$STRATA" explain "$rule"
  if grep -q "^# $rule" "$WORK/stdout"; then pass; else fail "strata explain $rule"; fi
done
finish
