# Every diagnostic code has a documentation page, an explanation from `strata explain`, and at
# least one golden test whose expected output shows it.
source "$(dirname "$0")/lib/assert.bash"
codes=$(grep -o '"E[0-9]\{4\}"' "$SRC/grammar/include/strata/diagnostics.def" | tr -d '"')
for code in $codes; do
  if [[ -f "$SRC/docs/diagnostics/$code.md" ]]; then pass; else fail "$code has no docs/diagnostics/$code.md"; fi
  if grep -rqs "$code" "$SRC/tests/golden" --include=expected --include='*.expected'; then
    pass
  else
    fail "$code appears in no golden test"
  fi
  run "$STRATA" explain "$code"
  if grep -q "^# $code" "$WORK/stdout"; then pass; else fail "strata explain $code"; fi
done
finish
