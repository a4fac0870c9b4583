# The YAML tests of every rule set in rules/ pass under `strata test`, and keep their rule
# coverage. This is how the shipped rule sets' own tests run inside the project's test command.
#
# rules/retail covers all 34 items. rfm.strata is a decision table, whose tiers count as items
# without terms until rows and cells become coverage items of their own.
source "$(dirname "$0")/lib/assert.bash"

# Every rule-set folder has at least one test file next to it.
for dir in "$SRC"/rules/*/; do
  if compgen -G "$dir*.test.yaml" >/dev/null; then pass; else fail "$dir has no *.test.yaml"; fi
done

run bash -c "cd '$SRC' && '$STRATA' test rules --coverage --min-coverage 100% --color never"
expect_status 0 "strata test rules"
summary=$(tail -n 1 "$WORK/stdout")
if [[ "$summary" =~ ^([0-9]+)\ passed,\ 0\ failed,\ 0\ skipped$ ]] && ((BASH_REMATCH[1] >= 20)); then
  pass
else
  fail "summary line: [$summary]"
fi
expect_stdout_has "coverage of rules/retail: 34/34 (100.00%)"
expect_stdout_has "  lifecycle        16/16 (100.00%)"
expect_stdout_has "  pyramid          10/10 (100.00%)"
expect_stdout_has "  rfm              8/8 (100.00%)"
finish
