# Statistics over all customers from the command line: `explain-plan` (human and JSON, exit
# codes), `disasm` showing the stages, and `run` giving the same output whatever the thread count.
source "$(dirname "$0")/lib/assert.bash"
MODEL="$SRC/tests/data/population/rfm_quintiles.strata"
DATA="$SRC/rules/retail/data"

run "$STRATA" explain-plan "$MODEL"
expect_status 0 "explain-plan of the quintile model"
expect_stdout_has "3 phases; 14 statistics over all customers (6 per customer), 3 sorts"
expect_stdout_has "stage 0: statistics over all customers, from the number of customers alone"
expect_stdout_has "quintile(recency)"
expect_stdout_has "avg(R)                       average over all customers, over \`R\`; used by r_high"

run "$STRATA" explain-plan --format json "$MODEL"
expect_status 0 "explain-plan as JSON"
expect_stdout_has '"text": "avg(R)"'
expect_stdout_has '"stage": 2'

run "$STRATA" explain-plan "$SRC/rules/retail"
expect_status 0 "explain-plan of a rule set without statistics"
expect_stdout_has "1 phase; 0 statistics over all customers"

run "$STRATA" explain-plan "$WORK/missing.strata"
expect_status 2 "explain-plan of a missing file"

cat >"$WORK/cycle.strata" <<'RULES'
record C key id {
  id: string
  revenue: money
}
let score = revenue - avg(score)
RULES
run "$STRATA" explain-plan "$WORK/cycle.strata"
expect_status 1 "explain-plan of rules with an error"
expect_stderr_has "error[E0228]"

run "$STRATA" disasm "$MODEL"
expect_status 0 "disasm of the quintile model"
expect_stdout_has "stage 1: statistics over all customers"
expect_stdout_has "load.tmp.i"
expect_stdout_has "phase 3 of 3: per-customer lets and tierings"

for threads in 1 2 5; do
  run "$STRATA" run "$MODEL" --data "$DATA/customers.csv" --events "Order=$DATA/orders.csv" \
    --columns R,F,M,share,spend_percent_rank --threads "$threads" --quiet
  expect_status 0 "run with $threads threads"
  sum=$(md5sum <"$WORK/stdout")
  if [[ $threads == 1 ]]; then first="$sum"; else expect_same "$sum" "$first" "output with $threads threads"; fi
done
finish
