#!/usr/bin/env bash
# Cross-checks the statistics over all customers against SQLite window functions.
#
# usage: sqlite_population.sh STRATA_BIN SOURCE_DIR BINARY_DIR STRATA_GEN_BIN
#
# Runs tests/data/population/rfm_quintiles.strata (quintiles, averages of scores, cumulative
# share, rank, percent rank, median, percentile, standard deviation, counts) on the bundled sample
# data and on a generated population, with every let as an output column, and compares every
# value of every customer with an independent SQL model (tests/cli/sql/population.sql: NTILE,
# RANK, SUM() OVER (ORDER BY ... ROWS ...), integer cents and millionths). Last line:
#   sqlite population cross-check: 23000 customers, 0 disagreements
# STRATA_CROSSCHECK_CUSTOMERS changes the generated size (default 20000).
set -euo pipefail

CHECK="sqlite population cross-check"
source "$(dirname "$0")/lib/sqlite_check.bash"
CUSTOMERS=${STRATA_CROSSCHECK_CUSTOMERS:-20000}
RULES=$SRC/tests/data/population/rfm_quintiles.strata
SQL_DIR=$SRC/tests/cli/sql
COLUMNS=recency,frequency,monetary,R,F,M,share,spend_rank,spend_percent_rank,typical_spend,p90_spend,spend_spread,promoters,customers
TOTAL=0
WRONG=0

check_dataset() {
  local name=$1 dir=$2 work=$TMP/$1
  mkdir -p "$work"
  echo "== $name: $dir"
  (cd "$work" && "$STRATA" run "$RULES" --data "$dir/customers.csv" --events "Order=$dir/orders.csv" \
    --columns "$COLUMNS" --threads 2 --quiet --out "$work/out.csv") >"$work/strata.log" 2>&1 ||
    { cat "$work/strata.log" >&2; fail "$name: strata run failed"; }
  sqlite3 -bail "$work/check.db" >"$work/sqlite.log" 2>&1 <<SQL || { cat "$work/sqlite.log" >&2; fail "$name: the SQL model failed"; }
.mode csv
.import '$dir/customers.csv' customers
.import '$dir/orders.csv' orders
.import '$work/out.csv' strata_out
CREATE INDEX orders_customer ON orders(customer_id);
.read '$SQL_DIR/population.sql'
SQL
  sqlite3 -bail "$work/check.db" ".read '$SQL_DIR/compare_population.sql'" | sed 's/^/  /' ||
    fail "$name: the comparison failed"
  local customers wrong
  customers=$(sqlite3 "$work/check.db" "SELECT count(*) FROM expected")
  wrong=$(sqlite3 "$work/check.db" "SELECT count(*) FROM disagreements")
  [ "$customers" -gt 0 ] || fail "$name: no customers compared"
  echo "  $name: $customers customers, $wrong disagreements"
  TOTAL=$((TOTAL + customers))
  WRONG=$((WRONG + wrong))
}

check_dataset bundled "$SRC/rules/retail/data"
"$GEN" --customers "$CUSTOMERS" --seed 11 --out "$TMP/generated" 2>"$TMP/gen.log" ||
  { cat "$TMP/gen.log" >&2; fail "strata_gen failed"; }
check_dataset generated "$TMP/generated"

echo "sqlite population cross-check: $TOTAL customers, $WRONG disagreements"
[ "$WRONG" = 0 ]
