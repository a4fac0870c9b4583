#!/usr/bin/env bash
# Cross-checks `strata kpi` on rules/retail (kpis.strata and the standard KPI modules it uses)
# against an independent SQL model, value by value, compared as exact text.
#
# usage: sqlite_kpis.sh STRATA_BIN SOURCE_DIR BINARY_DIR STRATA_GEN_BIN
#
# For (a) the bundled sample data and (b) a generated population it makes two runs:
#   1. `strata run` as of PREVIOUS (2025-09-01, 14 months before) on the orders up to then,
#      writing state.jsonl;
#   2. `strata kpi --state state.jsonl --format csv` as of 2026-11-01 on every order.
# SQLite computes the tiers of both dates (tests/cli/sql/retail_tiers.sql, run once per date),
# then every KPI of every group (NPS, repurchase rate, AOV, purchase frequency, revenue and its
# share, CLV simple and discounted, churn from the previous run's lifecycle, counts and an
# average) with the KPI model the six models' cross-check uses (tests/crosscheck/sql:
# kpi_inputs.sql, then tests/cli/sql/retail_kpis.sql for the retail KPIs, then kpis.sql), in
# integer cents and millionths rounded as exact decimals are, and compares the text of each
# value and the customers of each group. Last line:
#   sqlite KPI cross-check: 1234 values, 0 disagreements
# STRATA_CROSSCHECK_CUSTOMERS changes the generated size (default 20000).
set -euo pipefail

CHECK="sqlite KPI cross-check"
source "$(dirname "$0")/lib/sqlite_check.bash"
CUSTOMERS=${STRATA_CROSSCHECK_CUSTOMERS:-20000}
PREVIOUS=2025-09-01
SQL_DIR=$SRC/tests/cli/sql
KPI_SQL_DIR=$SRC/tests/crosscheck/sql

TOTAL_VALUES=0
TOTAL_DISAGREEMENTS=0

check_dataset() {
  local name=$1 dir=$2
  local work=$TMP/$name
  mkdir -p "$work"
  echo "== $name: $dir"
  # The previous run sees the orders placed before its date only.
  awk -F, -v d="$PREVIOUS" 'NR == 1 || substr($2, 1, 10) < d' "$dir/orders.csv" >"$work/orders_prev.csv"

  (cd "$work" && "$STRATA" run "$SRC/rules/retail" --data "$dir/customers.csv" \
    --events "Order=$work/orders_prev.csv" --param "as_of=$PREVIOUS" --state "$work/state.jsonl" \
    --out "$work/prev.csv" --quiet) >"$work/run.log" 2>&1 || {
    tail -n 30 "$work/run.log" >&2
    fail "$name: the previous run failed"
  }
  (cd "$work" && "$STRATA" kpi "$SRC/rules/retail" --data "$dir/customers.csv" \
    --events "Order=$dir/orders.csv" --state "$work/state.jsonl" --format csv \
    --out "$work/kpis.csv") >"$work/kpi.log" 2>&1 || {
    tail -n 30 "$work/kpi.log" >&2
    fail "$name: strata kpi failed"
  }
  [ -s "$work/kpis.csv" ] || fail "$name: strata kpi wrote no table"

  sed "s/'2026-11-01' AS as_of/'$PREVIOUS' AS as_of/" "$SQL_DIR/retail_tiers.sql" >"$work/prev_tiers.sql"
  grep -q "'$PREVIOUS' AS as_of" "$work/prev_tiers.sql" || fail "retail_tiers.sql has no as_of to set"
  sqlite3 -bail "$work/check.db" >"$work/sqlite.log" 2>&1 <<EOF || {
.mode csv
.import '$dir/customers.csv' customers
.import '$work/orders_prev.csv' orders
.read '$work/prev_tiers.sql'
CREATE TABLE prev_tiers AS SELECT id, lifecycle FROM expected;
DROP TABLE orders;
.import '$dir/orders.csv' orders
.read '$SQL_DIR/retail_tiers.sql'
.import '$work/kpis.csv' strata_kpis
CREATE VIEW facts AS SELECT id, frequency, monetary, recency FROM measures;
CREATE TABLE prev_expected AS SELECT * FROM prev_tiers;
.read '$KPI_SQL_DIR/kpi_inputs.sql'
.read '$SQL_DIR/retail_kpis.sql'
.read '$KPI_SQL_DIR/kpis.sql'
EOF
    sed 's/^/  sqlite3: /' "$work/sqlite.log" >&2
    fail "$name: the SQL model failed"
  }
  local values disagreements
  local problem
  problem=$(sqlite3 "$work/check.db" "SELECT problem FROM kpi_checks LIMIT 1")
  [ -z "$problem" ] || fail "$name: $problem"
  values=$(sqlite3 "$work/check.db" "SELECT count(*) FROM kpi_compared")
  disagreements=$(sqlite3 "$work/check.db" "SELECT count(*) FROM kpi_disagreements")
  if [ "$disagreements" != 0 ]; then
    sqlite3 -header -column "$work/check.db" "SELECT * FROM kpi_disagreements LIMIT 20" | sed 's/^/  /'
  fi
  # The check must cover the standard KPIs: a model that compared nothing would pass.
  [ "$values" -ge 80 ] || fail "$name: only $values values were compared"
  echo "  $name: $values values, $disagreements disagreements"
  TOTAL_VALUES=$((TOTAL_VALUES + values))
  TOTAL_DISAGREEMENTS=$((TOTAL_DISAGREEMENTS + disagreements))
}

check_dataset bundled "$SRC/rules/retail/data"
"$GEN" --customers "$CUSTOMERS" --seed 7 --out "$TMP/generated" >"$TMP/gen.log" 2>&1 || {
  cat "$TMP/gen.log" >&2
  fail "strata_gen failed"
}
check_dataset generated "$TMP/generated"

echo "sqlite KPI cross-check: $TOTAL_VALUES values, $TOTAL_DISAGREEMENTS disagreements"
[ "$TOTAL_DISAGREEMENTS" = 0 ]
