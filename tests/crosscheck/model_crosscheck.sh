#!/usr/bin/env bash
# Cross-checks one model of rules/ against an independent SQL computation: customer by customer
# (its tiers), or with --kpis value by value (its KPI set, kpis.strata).
#
# usage: model_crosscheck.sh MODEL STRATA_BIN SOURCE_DIR STRATA_GEN_BIN [--kpis]
#   MODEL: rfm-8, rfm-segments, lifecycle, pyramid, pareto or key-accounts
#
# For (a) the model's sample data (rules/MODEL/data) and (b) a generated population
# (STRATA_CROSSCHECK_CUSTOMERS, default 100,000 customers, 40% of buyers with one order; for
# key-accounts with the csat column of csat_answers.awk, as its sample has), it runs
#   strata run rules/MODEL --data customers.csv --events Order=orders.csv --out out.csv
# imports the input and strata's output into SQLite, computes every tiering of the model in SQL
# (tests/crosscheck/sql: measures.sql, then the model's files; NTILE, SUM() OVER (ORDER BY ...
# ROWS ...), integer cents and millionths) and joins the two on the customer id: every tier of
# every customer must agree, and each side must hold every customer once. The last line is
#   crosscheck MODEL: 101000 customers, 0 disagreements
#
# With --kpis it makes two runs instead, as a monthly schedule would: `strata run --state` as of
# PREVIOUS (2026-10-01) on the orders placed before that day, then `strata kpi --state --format
# csv` as of 2026-11-01 on every order. SQLite computes the model's tiers at both dates (the same
# files, measures.sql at each as_of), then every KPI of every group (kpi_inputs.sql, the model's
# kpis-MODEL.sql, kpis.sql: counts, shares, AOV, repurchase, CLV, NPS, CSAT, churn, ...) in
# integer millionths rounded as exact decimals are, and compares the text of each value and the
# customers of each group. Every row of strata's table must be expected, and every expected row
# there. The last line is
#   crosscheck kpis MODEL: 1234 values, 0 disagreements
# Exit 77 (skipped) when sqlite3 is not installed (scripts/setup.sh installs it).
set -euo pipefail

if [ $# -lt 4 ] || { [ $# -gt 4 ] && [ "$5" != --kpis ]; }; then
  echo "usage: $0 MODEL STRATA_BIN SOURCE_DIR STRATA_GEN_BIN [--kpis]" >&2
  exit 2
fi
# Absolute paths: strata runs in a scratch folder.
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
MODEL=$1
STRATA=$(absolute "$2")
SRC=$(cd "$3" && pwd)
GEN=$(absolute "$4")
CUSTOMERS=${STRATA_CROSSCHECK_CUSTOMERS:-100000}
SQL_DIR=$SRC/tests/crosscheck/sql
CHECK="crosscheck $MODEL"
[ "${5:-}" != --kpis ] || CHECK="crosscheck kpis $MODEL"
# The previous run of --kpis: a month before the as_of of measures.sql.
PREVIOUS=2026-10-01

fail() {
  echo "$CHECK: FAILED: $*" >&2
  exit 1
}

if ! command -v sqlite3 >/dev/null; then
  echo "$CHECK: skipped: sqlite3 is not installed (scripts/setup.sh installs it)"
  exit 77
fi
[ -x "$STRATA" ] || fail "no strata executable at '$STRATA'"
[ -x "$GEN" ] || fail "no strata_gen executable at '$GEN'"

# The SQL files of each model, after measures.sql, and the generator's seed for its population.
case $MODEL in
  rfm-8) SQL=(rfm_scores.sql rfm8_classes.sql rfm-8.sql) SEED=81 ;;
  rfm-segments) SQL=(rfm_scores.sql rfm-segments.sql) SEED=82 ;;
  lifecycle) SQL=(lifecycle.sql) SEED=83 ;;
  pyramid) SQL=(contribution.sql pyramid.sql) SEED=84 ;;
  pareto) SQL=(contribution.sql pareto.sql) SEED=85 ;;
  key-accounts) SQL=(contribution.sql rfm8_classes.sql key-accounts.sql) SEED=86 ;;
  *) fail "unknown model '$MODEL'" ;;
esac
RULES=$SRC/rules/$MODEL
[ -d "$RULES/data" ] || fail "no sample data in $RULES/data"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/strata-crosscheck-$MODEL.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
TOTAL=0
WRONG=0

# The comparison of columns $@ of `expected` with strata's columns of the same names.
compare_sql() {
  local column
  echo "DROP TABLE IF EXISTS disagreements;"
  echo "CREATE TABLE disagreements (id TEXT, what TEXT, sql TEXT, strata TEXT);"
  echo "INSERT INTO disagreements SELECT e.id, 'missing from strata output', NULL, NULL
        FROM expected e LEFT JOIN strata_out g ON g.id = e.id WHERE g.id IS NULL;"
  echo "INSERT INTO disagreements SELECT g.id, 'not a customer, or twice in strata output', NULL, NULL
        FROM strata_out g LEFT JOIN expected e ON e.id = g.id
        GROUP BY g.id HAVING count(e.id) != 1;"
  for column in "$@"; do
    echo "INSERT INTO disagreements SELECT e.id, '$column', e.\"$column\", g.\"$column\"
          FROM expected e JOIN strata_out g ON g.id = e.id
          WHERE e.\"$column\" IS NOT nullif(g.\"$column\", '');"
  done
}

# The SQLite commands computing the model's tiers into `expected` from the orders file $1 as of
# the date $2 (measures.sql's own as_of, or a copy of it set to another date).
model_sql() {
  local orders=$1 as_of=$2 measures=$SQL_DIR/measures.sql f
  if [ "$as_of" != default ]; then
    measures=$TMP/measures-$as_of.sql
    sed "s/'2026-11-01' AS as_of/'$as_of' AS as_of/" "$SQL_DIR/measures.sql" >"$measures"
    grep -q "'$as_of' AS as_of" "$measures" || fail "measures.sql has no as_of to set"
  fi
  echo "DROP TABLE IF EXISTS orders;"
  echo ".import '$orders' orders"
  echo ".read '$measures'"
  for f in "${SQL[@]}"; do echo ".read '$SQL_DIR/$f'"; done
}

# Stops when SQLite did not read the inputs of the dataset $1 (scratch folder $2) cleanly.
check_inputs() {
  local name=$1 work=$2
  # A CSV that SQLite reads with the wrong number of fields is a quoting problem: stop here.
  if grep -q "expected [0-9]* columns" "$work/sqlite.log"; then
    cat "$work/sqlite.log" >&2
    fail "$name: SQLite could not read the CSV files cleanly"
  fi
  local unreadable orphans
  unreadable=$(sqlite3 "$work/check.db" \
    "SELECT count(*) FROM order_facts WHERE ts IS NULL OR cents IS NULL")
  [ "$unreadable" = 0 ] || fail "$name: $unreadable order rows have a time or amount SQLite cannot read"
  orphans=$(sqlite3 "$work/check.db" \
    "SELECT count(*) FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)")
  [ "$orphans" = 0 ] || fail "$name: $orphans order rows name no customer in customers.csv"
  if [ "$(sqlite3 "$work/check.db" "SELECT count(*) FROM sqlite_master WHERE name = 'checks'")" = 1 ]; then
    local problem
    problem=$(sqlite3 "$work/check.db" "SELECT problem FROM checks LIMIT 1")
    [ -z "$problem" ] || fail "$name: $problem"
  fi
}

check_dataset() {
  local name=$1 dir=$2 work=$TMP/$1
  mkdir -p "$work"
  echo "== $name: $dir"
  local started=$SECONDS
  # strata runs in the scratch folder, so nothing it writes lands elsewhere.
  (cd "$work" && "$STRATA" run "$RULES" --data "$dir/customers.csv" --events "Order=$dir/orders.csv" \
    --threads 2 --quiet --out "$work/out.csv") >"$work/strata.log" 2>&1 ||
    { tail -n 40 "$work/strata.log" >&2; fail "$name: strata run failed"; }
  echo "  strata run: $((SECONDS - started)) s"

  started=$SECONDS
  {
    echo ".mode csv"
    echo ".import '$dir/customers.csv' customers"
    echo ".import '$work/out.csv' strata_out"
    model_sql "$dir/orders.csv" default
  } | sqlite3 -bail "$work/check.db" >"$work/sqlite.log" 2>&1 ||
    { cat "$work/sqlite.log" >&2; fail "$name: the SQL model failed"; }
  check_inputs "$name" "$work"

  # Every tiering of the model is a column of `expected`; strata's output must have each.
  local columns column missing=""
  columns=$(sqlite3 "$work/check.db" "SELECT name FROM pragma_table_info('expected') WHERE name != 'id'")
  [ -n "$columns" ] || fail "$name: the SQL model has no tier column"
  for column in $columns; do
    [ "$(sqlite3 "$work/check.db" \
      "SELECT count(*) FROM pragma_table_info('strata_out') WHERE name = '$column'")" = 1 ] ||
      missing="$missing $column"
  done
  [ -z "$missing" ] || fail "$name: strata output lacks column(s)$missing"
  # shellcheck disable=SC2086 # one argument per column name
  compare_sql $columns | sqlite3 -bail "$work/check.db" || fail "$name: the comparison failed"
  local customers wrong
  customers=$(sqlite3 "$work/check.db" "SELECT count(*) FROM expected")
  wrong=$(sqlite3 "$work/check.db" "SELECT count(*) FROM disagreements")
  [ "$customers" -gt 0 ] || fail "$name: no customers compared"
  [ "$customers" = "$(sqlite3 "$work/check.db" "SELECT count(*) FROM customers")" ] ||
    fail "$name: the SQL model does not give every customer one row"
  echo "  sqlite: $((SECONDS - started)) s"
  for column in $columns; do
    echo "  $column: $(sqlite3 -separator ' ' "$work/check.db" \
      "SELECT group_concat(t || ' ' || n, ', ') FROM (SELECT \"$column\" AS t, count(*) AS n
       FROM expected GROUP BY 1 ORDER BY 2 DESC)")"
  done
  if [ "$(sqlite3 "$work/check.db" "SELECT count(*) FROM sqlite_master WHERE name = 'notes'")" = 1 ]; then
    sqlite3 "$work/check.db" "SELECT note FROM notes" | sed 's/^/  note: /'
  fi
  if [ "$wrong" != 0 ]; then
    echo "  first disagreements (id, what, sql, strata):"
    sqlite3 -separator ' | ' "$work/check.db" "SELECT * FROM disagreements LIMIT 10" | sed 's/^/    /'
  fi
  echo "  $name: $customers customers, $wrong disagreements"
  TOTAL=$((TOTAL + customers))
  WRONG=$((WRONG + wrong))
}

# --kpis: the previous run on the orders before PREVIOUS, `strata kpi` on all of them, and the KPI
# table against SQL.
check_kpis() {
  local name=$1 dir=$2 work=$TMP/$1
  mkdir -p "$work"
  echo "== $name: $dir"
  local started=$SECONDS
  # The previous run sees the orders placed before its date only (`at` is the second column).
  awk -F, -v d="$PREVIOUS" 'NR == 1 || substr($2, 1, 10) < d' "$dir/orders.csv" >"$work/orders_prev.csv"
  (cd "$work" && "$STRATA" run "$RULES" --data "$dir/customers.csv" \
    --events "Order=$work/orders_prev.csv" --param "as_of=$PREVIOUS" --state "$work/state.jsonl" \
    --threads 2 --quiet --out "$work/prev.csv") >"$work/strata.log" 2>&1 ||
    { tail -n 40 "$work/strata.log" >&2; fail "$name: the previous run failed"; }
  (cd "$work" && "$STRATA" kpi "$RULES" --data "$dir/customers.csv" --events "Order=$dir/orders.csv" \
    --state "$work/state.jsonl" --format csv --out "$work/kpis.csv") >>"$work/strata.log" 2>&1 ||
    { tail -n 40 "$work/strata.log" >&2; fail "$name: strata kpi failed"; }
  [ -s "$work/kpis.csv" ] || fail "$name: strata kpi wrote no table"
  echo "  strata run and kpi: $((SECONDS - started)) s"

  started=$SECONDS
  {
    echo ".mode csv"
    echo ".import '$dir/customers.csv' customers"
    model_sql "$work/orders_prev.csv" "$PREVIOUS"
    echo "DROP TABLE IF EXISTS prev_expected;"
    echo "CREATE TABLE prev_expected AS SELECT * FROM expected;"
    model_sql "$dir/orders.csv" default
    echo ".import '$work/kpis.csv' strata_kpis"
    echo ".read '$SQL_DIR/kpi_inputs.sql'"
    echo ".read '$SQL_DIR/kpis-$MODEL.sql'"
    echo ".read '$SQL_DIR/kpis.sql'"
  } | sqlite3 -bail "$work/check.db" >"$work/sqlite.log" 2>&1 ||
    { cat "$work/sqlite.log" >&2; fail "$name: the SQL model failed"; }
  check_inputs "$name" "$work"
  local problem
  problem=$(sqlite3 "$work/check.db" "SELECT problem FROM kpi_checks LIMIT 1")
  [ -z "$problem" ] || fail "$name: $problem"

  local values wrong kpis
  values=$(sqlite3 "$work/check.db" "SELECT count(*) FROM kpi_compared")
  wrong=$(sqlite3 "$work/check.db" "SELECT count(*) FROM kpi_disagreements")
  kpis=$(sqlite3 "$work/check.db" "SELECT count(DISTINCT kpi) FROM kpi_compared")
  # A model that compared next to nothing would pass: the smallest set, pareto's, has 35 values.
  [ "$values" -ge 30 ] || fail "$name: only $values values were compared"
  echo "  sqlite: $((SECONDS - started)) s"
  echo "  $kpis KPIs$(sqlite3 "$work/check.db" "SELECT '; churn: ' || sum(churn_lost) || ' of '
    || sum(churn_base) || ' lost since ' || '$PREVIOUS' FROM kpi_inputs
    WHERE EXISTS (SELECT 1 FROM kpi_modules WHERE module = 'churn')")"
  if [ "$wrong" != 0 ]; then
    echo "  first disagreements (kpi, group, sql, strata, problem):"
    sqlite3 -separator ' | ' "$work/check.db" "SELECT * FROM kpi_disagreements LIMIT 20" | sed 's/^/    /'
  fi
  echo "  $name: $values values, $wrong disagreements"
  TOTAL=$((TOTAL + values))
  WRONG=$((WRONG + wrong))
}

CHECK_DATASET=check_dataset
UNIT=customers
if [ "${5:-}" = --kpis ]; then
  CHECK_DATASET=check_kpis
  UNIT=values
  [ -f "$RULES/kpis.strata" ] || fail "no KPI set in $RULES/kpis.strata"
  [ -f "$SQL_DIR/kpis-$MODEL.sql" ] || fail "no SQL of its KPIs in $SQL_DIR/kpis-$MODEL.sql"
fi
$CHECK_DATASET sample "$RULES/data"
"$GEN" --customers "$CUSTOMERS" --seed "$SEED" --one-time-buyers 40 --out "$TMP/generated" \
  2>"$TMP/gen.log" || { cat "$TMP/gen.log" >&2; fail "strata_gen failed"; }
# The key accounts' sample has satisfaction answers (rules/key-accounts/README.md): so has its
# generated population.
if [ "$MODEL" = key-accounts ]; then
  awk -f "$SRC/tests/crosscheck/csat_answers.awk" "$TMP/generated/customers.csv" >"$TMP/with_csat.csv"
  mv "$TMP/with_csat.csv" "$TMP/generated/customers.csv"
fi
$CHECK_DATASET generated "$TMP/generated"

echo "$CHECK: $TOTAL $UNIT, $WRONG disagreements"
[ "$WRONG" = 0 ]
