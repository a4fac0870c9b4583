# Bad rows: stop with file, line, column and reason by default; quarantine with skip.
source "$(dirname "$0")/lib/assert.bash"
DATA="$SRC/rules/retail/data"
BAD=("$STRATA" run "$SRC/rules/retail" --data "$DATA/customers_bad.csv" --events "Order=$DATA/orders.csv")

run "${BAD[@]}" --out "$WORK/out.csv"
expect_status 1 "default policy stops"
expect_stderr_has "customers_bad.csv:"
expect_stderr_has "error[E03"
if [[ -e "$WORK/out.csv" ]]; then fail "output written after a bad row"; else pass; fi

cd "$WORK"
run "${BAD[@]}" --on-bad-row skip --quarantine "$WORK/q.jsonl" --out "$WORK/out.csv"
expect_status 0 "skip policy completes"
customers_bad=$(grep -c 'customers_bad.csv' "$WORK/q.jsonl")
expect_same "$customers_bad" "8" "every bad customer row quarantined"
# The orders of a quarantined customer have no customer left: they are quarantined too (E0307).
orphans=$(grep -c '"code":"E0307"' "$WORK/q.jsonl")
total=$(wc -l <"$WORK/q.jsonl")
expect_same "$((customers_bad + orphans))" "$total" "every other quarantined row is an orphan order"
expect_stderr_has "$total bad row(s) skipped"
expect_stderr_has "8 bad"
expect_file_has "$WORK/q.jsonl" '"reason":'
expect_file_has "$WORK/q.jsonl" '"line":'
rows=$(($(wc -l <"$WORK/out.csv") - 1))
expect_same "$rows" "2992" "good rows evaluated (3000 - 8)"

finish
