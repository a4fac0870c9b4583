# The YAML tests of every rule set in rules/ pass under `strata test`, and keep their rule
# coverage. This is how the shipped rule sets' own tests run inside the project's test command.
#
# rules/retail covers 75 of 82 items: every tier, every table row and every outcome except seven
# cells of the rfm table that first match makes impossible. Rows 1-4 take every customer with
# m_high, so rows 5-8 only see m_high = no; row 7 only sees r_high = no (rows 5 and 6 took the
# rest), and row 8 only no, no, no. Those cells can never be false.
# rules/combined covers 79 of 94: all of key_accounts (sub-tiers), service (a table over them)
# and pyramid; value_grid, a product, has no items of its own. Its tests aim at the combined
# tierings, so rfm (tested in rules/retail) keeps three rows never chosen there.
# rules/service-sop covers 59/75: all of service_level, its own tiering; rfm and pyramid come
# from rules/retail and are tested there.
# The models of docs/models.md: rules/lifecycle, rules/pyramid, rules/pareto and
# rules/rfm-segments cover everything. rules/rfm-8 covers 49 of 56: its table is the retail one,
# with the same seven impossible cells. rules/key-accounts covers 113 of 121: all of pyramid and
# key_accounts; its rfm table has the same seven cells plus `no` under key_account in its last
# row, which only customers that are not key accounts reach.
# --min-coverage holds the lower line; the lines below hold each exactly.
source "$(dirname "$0")/lib/assert.bash"

# Every rule-set folder has at least one test file next to it.
for dir in "$SRC"/rules/*/; do
  if compgen -G "$dir*.test.yaml" >/dev/null; then pass; else fail "$dir has no *.test.yaml"; fi
done

run bash -c "cd '$SRC' && '$STRATA' test rules --coverage --min-coverage 78.66% --color never"
expect_status 0 "strata test rules"
summary=$(tail -n 1 "$WORK/stdout")
if [[ "$summary" =~ ^([0-9]+)\ passed,\ 0\ failed,\ 0\ skipped$ ]] && ((BASH_REMATCH[1] >= 20)); then
  pass
else
  fail "summary line: [$summary]"
fi
expect_stdout_has "coverage of rules/retail: 75/82 (91.46%)"
expect_stdout_has "  lifecycle        16/16 (100.00%)  tiers 6/6, term outcomes 10/10"
expect_stdout_has "  pyramid          10/10 (100.00%)  tiers 4/4, term outcomes 6/6"
expect_stdout_has "  rfm              49/56 (87.50%)  rows 8/8, cell outcomes 41/48"
retail=$(sed -n '/^coverage of rules\/retail/,/^coverage of\|passed,/p' "$WORK/stdout")
expect_same "$(grep -c 'never false: `no` under `[rfm]_high` in row [5-8] ' <<<"$retail")" 7 \
  "the seven rfm cells first match makes impossible"
expect_stdout_has "coverage of rules/combined: 79/94 (84.04%)"
expect_stdout_has "  key_accounts     18/18 (100.00%)  tiers 8/8, term outcomes 10/10"
expect_stdout_has "  value_grid       0/0 (100.00%)  product of pyramid * rfm: covered through its operands"
expect_stdout_has "  service          10/10 (100.00%)  rows 4/4, cell outcomes 6/6"
expect_stdout_has "coverage of rules/service-sop: 59/75 (78.66%)"
expect_stdout_has "  service_level    9/9 (100.00%)  tiers 3/3, term outcomes 6/6"
expect_stdout_has "coverage of rules/rfm-8: 49/56 (87.50%)"
expect_stdout_has "coverage of rules/rfm-segments: 65/65 (100.00%)"
expect_stdout_has "coverage of rules/lifecycle: 34/34 (100.00%)"
expect_stdout_has "coverage of rules/pyramid: 10/10 (100.00%)"
expect_stdout_has "coverage of rules/pareto: 4/4 (100.00%)"
expect_stdout_has "coverage of rules/key-accounts: 113/121 (93.38%)"
expect_stdout_has "  key_accounts     36/36 (100.00%)  tiers 14/14, term outcomes 22/22"
finish
