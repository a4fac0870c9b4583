# The YAML tests of every rule set in rules/ pass under `strata test`, and keep their rule
# coverage. This is how the shipped rule sets' own tests run inside the project's test command.
#
# rules/retail covers 71 of 76 items: every tier and every term outcome except five in rfm.strata,
# where a condition restates what the tiers before it already exclude (`not m_high` in
# general_value: a customer with m_high who reaches it would have been an important_* class), so
# under first match those terms can never be false. --min-coverage holds the line there.
source "$(dirname "$0")/lib/assert.bash"

# Every rule-set folder has at least one test file next to it.
for dir in "$SRC"/rules/*/; do
  if compgen -G "$dir*.test.yaml" >/dev/null; then pass; else fail "$dir has no *.test.yaml"; fi
done

run bash -c "cd '$SRC' && '$STRATA' test rules --coverage --min-coverage 93.42% --color never"
expect_status 0 "strata test rules"
summary=$(tail -n 1 "$WORK/stdout")
if [[ "$summary" =~ ^([0-9]+)\ passed,\ 0\ failed,\ 0\ skipped$ ]] && ((BASH_REMATCH[1] >= 20)); then
  pass
else
  fail "summary line: [$summary]"
fi
expect_stdout_has "coverage of rules/retail: 71/76 (93.42%)"
expect_stdout_has "  lifecycle        16/16 (100.00%)"
expect_stdout_has "  pyramid          10/10 (100.00%)"
expect_stdout_has "  rfm              45/50 (90.00%)"
expect_same "$(grep -c 'never false: `not [fmr]_high` in tier general_' "$WORK/stdout")" 5 \
  "the five rfm outcomes first match makes impossible"
finish
