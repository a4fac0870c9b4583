# `strata run` on the bundled data: outputs, labels, columns, explanations, params, atomic writes.
source "$(dirname "$0")/lib/assert.bash"
DATA="$SRC/rules/retail/data"
RUN=("$STRATA" run "$SRC/rules/retail" --data "$DATA/customers.csv" --events "Order=$DATA/orders.csv")

run "${RUN[@]}" --out "$WORK/out.csv"
expect_status 0 "run to CSV"
expect_stderr_has "read $DATA/customers.csv: 3000 rows, 0 bad"
expect_stderr_has "important_value"
expect_stderr_has "重要价值客户"
expect_stderr_has "3000 customers in"
expect_same "$(head -1 "$WORK/out.csv")" "id,lifecycle,pyramid,rfm" "CSV header"
expect_same "$(wc -l <"$WORK/out.csv")" "3001" "one row per customer"

run "${RUN[@]}" --out "$WORK/out.jsonl" --labels --columns monetary,recency
expect_status 0 "run to JSON Lines"
expect_file_has "$WORK/out.jsonl" '"rfm_label":'
expect_file_has "$WORK/out.jsonl" '"monetary":'
expect_same "$(wc -l <"$WORK/out.jsonl")" "3000" "one JSON object per customer"

run "${RUN[@]}" --labels --columns monetary -q
expect_status 0 "run to stdout"
expect_stdout_has "id,lifecycle,lifecycle_label,pyramid,pyramid_label,rfm,rfm_label,monetary"
expect_same "$(wc -c <"$WORK/stderr")" "0" "--quiet prints nothing on stderr"

run "${RUN[@]}" --explain C00042 -q
expect_status 0 "explain"
expect_stdout_has "customer C00042"
expect_stdout_has "monetary = "
expect_stdout_has "rfm \"RFM 价值分类\" -> "

run "${RUN[@]}" --explain NOPE -q
expect_status 1 "explain an unknown key"
expect_stderr_has "no customer has the key \`NOPE\`"

# Parameters change the result; bad parameters are usage errors.
run "${RUN[@]}" --param high_value=1 --out "$WORK/low.csv"
expect_status 0 "run with a parameter"
if cmp -s "$WORK/out.csv" "$WORK/low.csv"; then fail "a lower threshold changed nothing"; else pass; fi
run "${RUN[@]}" --param high_valu=1
expect_status 2 "unknown parameter"
expect_stderr_has "did you mean \`high_value\`?"
run "${RUN[@]}" --param as_of=2026-02-30
expect_status 2 "invalid date parameter"
expect_stderr_has "as_of"

# A failed run leaves an existing output file untouched.
cp "$WORK/out.csv" "$WORK/keep.csv"
run "$STRATA" run "$SRC/rules/retail" --data "$DATA/customers_bad.csv" --events "Order=$DATA/orders.csv" --out "$WORK/keep.csv"
expect_status 1 "bad data stops the run"
if cmp -s "$WORK/out.csv" "$WORK/keep.csv"; then pass; else fail "output changed by a failed run"; fi

run "${RUN[@]}" --out "$WORK/no-such-dir/out.csv"
expect_status 2 "unwritable output"

run "$STRATA" run "$SRC/rules/retail" --data "$WORK/missing.csv" --events "Order=$DATA/orders.csv"
expect_status 2 "missing data file"

run "$STRATA" run "$SRC/rules/retail" --data "$DATA/customers.csv"
expect_status 2 "events not given"
expect_stderr_has "--events Order=PATH"

# `today` is the run's date, or --today.
cat >"$WORK/today.strata" <<'RULES'
record C key id {
  id: string
  signed_on: date
}
param as_of: date = today
let age = days_between(signed_on, as_of)
tiering t { tier old when age > 30  tier young otherwise }
RULES
printf 'id,signed_on\nA,2026-01-01\n' >"$WORK/today.csv"
run "$STRATA" run "$WORK/today.strata" --data "$WORK/today.csv" --today 2026-01-11 --columns age -q
expect_status 0 "run with --today"
expect_stdout_has "A,young,10"
run "$STRATA" run "$WORK/today.strata" --data "$WORK/today.csv" --today 2026-03-01 --columns age -q
expect_stdout_has "A,old,59"
run "$STRATA" run "$WORK/today.strata" --data "$WORK/today.csv" --today yesterday -q
expect_status 2 "invalid --today"

# JSON Lines input gives the same assignments as the same customers in CSV.
FIX="$SRC/tests/data/cli"
run "$STRATA" run "$SRC/rules/retail" --data "$FIX/customers200.csv" --events "Order=$FIX/orders200.csv" --out "$WORK/from_csv.csv" --labels --columns monetary
expect_status 0 "200 customers from CSV"
run "$STRATA" run "$SRC/rules/retail" --data "$FIX/customers200.jsonl" --events "Order=$FIX/orders200.csv" --out "$WORK/from_jsonl.csv" --labels --columns monetary
expect_status 0 "200 customers from JSON Lines"
if cmp -s "$WORK/from_csv.csv" "$WORK/from_jsonl.csv"; then pass; else fail "JSON Lines and CSV disagree"; fi

# Repeatable options take one value each: rule files may come after them.
run "$STRATA" run --param as_of=2026-11-01 --events "Order=$FIX/orders200.csv" "$SRC/rules/retail" --data "$FIX/customers200.csv" --out "$WORK/options_first.csv" --labels --columns monetary -q
expect_status 0 "options before the rule files"
if cmp -s "$WORK/from_csv.csv" "$WORK/options_first.csv"; then pass; else fail "options first changed the result"; fi

finish
