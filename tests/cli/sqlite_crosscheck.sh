#!/usr/bin/env bash
# Cross-checks `strata run` on the retail sample rules against an independent SQL model.
#
# usage: sqlite_crosscheck.sh STRATA_BIN SOURCE_DIR BINARY_DIR STRATA_GEN_BIN
#
# For (a) the bundled sample data and (b) a larger data set from strata_gen, it runs
#   strata run rules/retail --data customers.csv --events Order=orders.csv --out out.csv
# imports the input and strata's output into SQLite, computes the same three tierings in SQL
# (tests/cli/sql/retail_tiers.sql, written from the model's definition with integer cents and
# integer seconds) and compares every customer (tests/cli/sql/compare_tiers.sql). Any
# disagreement or failure exits non-zero. The last line is the summary:
#   sqlite cross-check: 103000 customers, 0 disagreements
#
# STRATA_CROSSCHECK_CUSTOMERS changes the size of the generated data set (default 100000).
set -euo pipefail

CHECK="sqlite cross-check"
source "$(dirname "$0")/lib/sqlite_check.bash"
GENERATED_CUSTOMERS=${STRATA_CROSSCHECK_CUSTOMERS:-100000}
GENERATED_SEED=42
[ -d "$SRC/rules/retail" ] || fail "no rules/retail under source folder '$SRC'"
SQL_DIR=$SRC/tests/cli/sql

TOTAL_CUSTOMERS=0
TOTAL_DISAGREEMENTS=0

# check_dataset NAME DIR: runs strata and the SQL model on DIR/customers.csv and DIR/orders.csv.
check_dataset() {
  local name=$1 dir=$2
  local work=$TMP/$name
  mkdir -p "$work"
  echo "== $name: $dir"

  # strata runs in the scratch folder, so nothing it writes (quarantine, state) lands elsewhere.
  local started=$SECONDS rc=0
  (cd "$work" && "$STRATA" run "$SRC/rules/retail" --data "$dir/customers.csv" \
    --events "Order=$dir/orders.csv" --out "$work/out.csv") >"$work/strata.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    sed 's/^/  strata: /' "$work/strata.log" | tail -n 40 >&2
    fail "$name: strata run exited with status $rc"
  fi
  [ -s "$work/out.csv" ] || fail "$name: strata run wrote no $work/out.csv"
  echo "  strata run: $((SECONDS - started)) s"

  started=$SECONDS
  sqlite3 -bail "$work/check.db" >"$work/sqlite.log" 2>&1 <<EOF || {
.mode csv
.import '$dir/customers.csv' customers
.import '$dir/orders.csv' orders
.import '$work/out.csv' strata_out
.read '$SQL_DIR/retail_tiers.sql'
EOF
    sed 's/^/  sqlite3: /' "$work/sqlite.log" >&2
    fail "$name: the SQL model failed"
  }
  # A CSV that SQLite reads with the wrong number of fields is a quoting problem: stop here.
  if grep -q "expected [0-9]* columns" "$work/sqlite.log"; then
    sed 's/^/  sqlite3: /' "$work/sqlite.log" >&2
    fail "$name: SQLite could not read the CSV files cleanly"
  fi

  # strata's columns are read by name; all four must be there.
  local column missing=""
  for column in id rfm pyramid lifecycle; do
    if [ "$(sqlite3 "$work/check.db" \
      "SELECT count(*) FROM pragma_table_info('strata_out') WHERE name = '$column'")" != 1 ]; then
      missing="$missing $column"
    fi
  done
  [ -z "$missing" ] || fail "$name: strata output lacks column(s)$missing (header: $(head -n 1 "$work/out.csv"))"

  # Input the SQL model could not read would make the comparison meaningless.
  local unreadable orphans
  unreadable=$(sqlite3 "$work/check.db" \
    "SELECT count(*) FROM order_facts WHERE ts IS NULL OR cents IS NULL")
  [ "$unreadable" = 0 ] || fail "$name: $unreadable order rows have a time or amount SQLite cannot read"
  orphans=$(sqlite3 "$work/check.db" \
    "SELECT count(*) FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)")
  [ "$orphans" = 0 ] || fail "$name: $orphans order rows name no customer in customers.csv"

  sqlite3 -bail "$work/check.db" ".read '$SQL_DIR/compare_tiers.sql'" | sed 's/^/  /' ||
    fail "$name: the comparison query failed"

  local customers disagreements
  customers=$(sqlite3 "$work/check.db" "SELECT count(*) FROM expected")
  disagreements=$(sqlite3 "$work/check.db" "SELECT count(*) FROM disagreements")
  echo "  sqlite: $((SECONDS - started)) s"
  echo "  $name: $customers customers, $disagreements disagreements"
  TOTAL_CUSTOMERS=$((TOTAL_CUSTOMERS + customers))
  TOTAL_DISAGREEMENTS=$((TOTAL_DISAGREEMENTS + disagreements))
}

# (a) The bundled sample data, exactly what users run first.
check_dataset bundled "$SRC/rules/retail/data"

# (b) A larger generated population: more customers at every boundary (recency of exactly 90,
# 180 or 365 days, orders exactly at as_of - window, sums at a threshold).
"$GEN" --customers "$GENERATED_CUSTOMERS" --seed "$GENERATED_SEED" --out "$TMP/generated-data" \
  2>"$TMP/gen.log" || {
  cat "$TMP/gen.log" >&2
  fail "strata_gen failed"
}
check_dataset generated "$TMP/generated-data"

echo "sqlite cross-check: $TOTAL_CUSTOMERS customers, $TOTAL_DISAGREEMENTS disagreements"
[ "$TOTAL_DISAGREEMENTS" = 0 ]
